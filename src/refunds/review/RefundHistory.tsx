// The request's history: every audit event, oldest first (newest last), with who did it and when,
// the action, the status change, the amount, the message the customer received and the internal
// note, all in the viewer's language.
import { Alert, Box, Chip, CircularProgress, List, ListItem, Stack, Typography } from '@mui/material';
import { useGetList, useRecordContext, useTranslate } from 'react-admin';
import type { AuditEvent, RefundRequest } from '../../domain/model';
import { revealBidiControls } from '../../domain/visibleText';
import { useLocale } from '../../i18n/fields';
import { formatDateTime, formatFen } from '../../i18n/format';
import { CustomerText } from '../../layout/CustomerText';
import { useStaffDirectory } from '../../workflow/staff';

type Translate = ReturnType<typeof useTranslate>;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A status as words: refund statuses, or complaint statuses for complaint events. */
function statusLabel(event: AuditEvent, status: string, translate: Translate): string {
  return event.subject === 'complaint'
    ? translate(`refunds.history.complaint_status.${status}`, { _: status })
    : translate(`refunds.status.${status}`, { _: status });
}

function actionLabel(event: AuditEvent, translate: Translate): string {
  const key =
    event.subject === 'complaint'
      ? `refunds.history.complaint_action.${event.action}`
      : `refunds.history.action.${event.action}`;
  return translate(key, { _: event.action });
}

/** The facts of an event beyond status and amount, as short translated lines. */
export function eventDetails(
  event: AuditEvent,
  translate: Translate,
  nameOf: (id: string | null | undefined) => string | null,
): string[] {
  const d = event.details ?? {};
  const lines: string[] = [];
  const items = (value: unknown) =>
    stringList(value)
      .map((item) => translate(`refunds.infoItem.${item}`, { _: item }))
      .join(', ');
  if (typeof d.reasonCode === 'string') {
    lines.push(
      translate('refunds.history.detail.reason', {
        reason: translate(`refunds.rejectionReason.${d.reasonCode}`, { _: d.reasonCode }),
      }),
    );
  }
  if (stringList(d.missingItems).length > 0 && event.action !== 'customer_reply') {
    lines.push(translate('refunds.history.detail.missing', { items: items(d.missingItems) }));
  }
  if (event.action === 'customer_reply') {
    const supplied = stringList(d.suppliedItems);
    lines.push(
      supplied.length > 0
        ? translate('refunds.history.detail.supplied', { items: items(supplied) })
        : translate('refunds.history.detail.supplied_none'),
    );
  }
  if (d.partial === true) lines.push(translate('refunds.history.detail.partial'));
  if (d.secondApprovalRequired === true) lines.push(translate('refunds.history.detail.second_required'));
  if (d.decision === 'confirm' || d.decision === 'send_back') {
    lines.push(translate(`refunds.history.detail.second_${d.decision}`));
  }
  if (d.againstSuggestion === true && typeof d.suggestion === 'string') {
    lines.push(
      translate('refunds.history.detail.against', {
        suggestion: translate(`policy.suggestion.${d.suggestion}`, { _: d.suggestion }),
      }),
    );
  }
  if (typeof d.againstSuggestionReason === 'string' && d.againstSuggestionReason) {
    lines.push(translate('refunds.history.detail.against_reason', { reason: d.againstSuggestionReason }));
  }
  if (['claim', 'release', 'reassign'].includes(event.action) && 'previousAssigneeId' in d) {
    const from = typeof d.previousAssigneeId === 'string' ? nameOf(d.previousAssigneeId) : null;
    const to = typeof d.assigneeId === 'string' ? nameOf(d.assigneeId) : null;
    if (event.action === 'reassign') {
      lines.push(
        translate('refunds.history.detail.reassigned', {
          from: from ?? translate('common.unassigned'),
          to: to ?? translate('common.unassigned'),
        }),
      );
    } else if (from && event.actorId !== d.previousAssigneeId) {
      lines.push(translate('refunds.history.detail.previous_assignee', { name: from }));
    }
  }
  if (stringList(d.blockers).length > 0) {
    lines.push(
      translate('refunds.history.detail.blockers', {
        reasons: stringList(d.blockers)
          .map((b) => translate(`policy.blockers.${b}`, { _: b }))
          .join(', '),
      }),
    );
  }
  if (d.topUp === true) lines.push(translate('refunds.history.detail.top_up'));
  if (typeof d.complaintId === 'string') {
    lines.push(translate('refunds.history.detail.complaint', { id: d.complaintId }));
  }
  return lines;
}

function HistoryEntry({
  event,
  nameOf,
}: {
  event: AuditEvent;
  nameOf: (id: string | null | undefined) => string | null;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const who =
    event.actorKind === 'system'
      ? translate('refunds.history.system')
      : event.actorKind === 'customer'
        ? translate('refunds.history.customer')
        : (nameOf(event.actorId) ?? translate('common.none'));
  const statusChanged = event.statusBefore !== event.statusAfter;
  const replyMessage =
    event.action === 'customer_reply' && typeof event.details?.message === 'string'
      ? event.details.message
      : null;
  const details = eventDetails(event, translate, nameOf);
  return (
    <ListItem
      disableGutters
      data-testid="history-event"
      data-action={event.action}
      sx={{ display: 'block', borderLeft: 2, borderColor: 'divider', pl: 2, pb: 1.5, position: 'relative' }}
    >
      <Box
        sx={{
          position: 'absolute',
          left: -6,
          top: 10,
          width: 10,
          height: 10,
          borderRadius: '50%',
          bgcolor: event.subject === 'complaint' ? 'secondary.main' : 'primary.main',
        }}
      />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'baseline' }}>
        <Typography variant="subtitle2" component="span" data-testid="history-action">
          {actionLabel(event, translate)}
        </Typography>
        <Typography variant="body2" component="span" color="text.secondary">
          {translate('refunds.history.by_at', { name: who, date: formatDateTime(event.at, locale) })}
        </Typography>
        {event.amountFen != null && (
          <Chip size="small" variant="outlined" label={formatFen(event.amountFen, locale)} />
        )}
      </Stack>
      {statusChanged && event.statusBefore && event.statusAfter && (
        <Typography variant="body2" data-testid="history-status">
          {translate('refunds.history.status_change', {
            from: statusLabel(event, event.statusBefore, translate),
            to: statusLabel(event, event.statusAfter, translate),
          })}
        </Typography>
      )}
      {details.map((line) => (
        <Typography key={line} variant="body2" color="text.secondary">
          {line}
        </Typography>
      ))}
      {(event.customerMessage || replyMessage) && (
        <Box
          sx={{ mt: 0.5, p: 1, bgcolor: 'action.hover', borderRadius: 1, whiteSpace: 'pre-wrap' }}
          data-testid="history-message"
        >
          <Typography variant="caption" color="text.secondary" component="p">
            {translate(replyMessage ? 'refunds.history.customer_wrote' : 'refunds.history.message')}
          </Typography>
          <Typography variant="body2">
            <CustomerText text={event.customerMessage || replyMessage} />
          </Typography>
        </Box>
      )}
      {event.note && (
        <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="history-note">
          {translate('refunds.history.note', { note: revealBidiControls(event.note) })}
        </Typography>
      )}
    </ListItem>
  );
}

/** The audit history of the request in context, newest last. */
export function RefundHistory() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const { nameOf } = useStaffDirectory();
  const { data, isPending, error } = useGetList<AuditEvent>(
    'events',
    {
      filter: { refundId: record?.id },
      sort: { field: 'at', order: 'ASC' },
      pagination: { page: 1, perPage: 500 },
    },
    { enabled: Boolean(record?.id) },
  );
  if (!record) return null;
  if (error) return <Alert severity="error">{translate('refunds.history.unavailable')}</Alert>;
  if (isPending) return <CircularProgress size={16} />;
  if (data.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('refunds.history.empty')}
      </Typography>
    );
  }
  return (
    <List dense disablePadding data-testid="refund-history" sx={{ ml: 1 }}>
      {data.map((event) => (
        <HistoryEntry key={event.id} event={event} nameOf={nameOf} />
      ))}
    </List>
  );
}
