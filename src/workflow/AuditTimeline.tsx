// One history of audit events for refund requests and complaints, oldest first: what happened, who
// did it and when, the status change, the amount, the facts of the event, the message the customer
// received and the internal note, in the reader's language. The request page, and the complaint
// page's two timelines (the complaint's own and its request's), are this component with their
// filter and their wording (the refund page names complaint events as such; the complaint page
// names everything in the complaint's words).
import { Alert, Box, Chip, CircularProgress, List, ListItem, Stack, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { COMPLAINT_ACTIONS } from '../domain/complaintWorkflow';
import { CUSTOMER_RATING } from '../domain/customerRatings';
import type { AuditEvent } from '../domain/model';
import { NOTE_ADDED } from '../domain/refundNotes';
import { REFUND_ACTIONS } from '../domain/refundWorkflow';
import { revealBidiControls } from '../domain/visibleText';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatFen } from '../i18n/format';
import { CustomerText } from '../layout/CustomerText';
import { eventDetails } from './eventDetails';
import { useStaffDirectory } from './staff';

type Translate = ReturnType<typeof useTranslate>;
export type TimelineWording = 'refund' | 'complaint';

/** Every action the complaint wording has a label for; the rest is "other event". */
const COMPLAINT_WORDED: ReadonlySet<string> = new Set<string>([
  'open',
  ...COMPLAINT_ACTIONS,
  ...REFUND_ACTIONS,
  NOTE_ADDED,
  CUSTOMER_RATING,
  'edit',
]);

const HIGHLIGHT: Record<string, string> = {
  escalate: 'secondary.main',
  auto_escalate: 'secondary.main',
  flag_overdue: 'error.main',
  resolve: 'success.main',
  overturn: 'warning.main',
  payout: 'success.main',
  reject: 'error.main',
};

/** The values an action's label names: a rating's score ("Customer rated 4/5"). */
function labelParams(event: AuditEvent): Record<string, unknown> {
  const score = event.action === CUSTOMER_RATING ? event.details?.score : undefined;
  return typeof score === 'number' ? { score } : {};
}

function actionLabel(event: AuditEvent, wording: TimelineWording, translate: Translate): string {
  if (wording === 'complaint') {
    const label = translate(
      `complaints.timeline.action.${COMPLAINT_WORDED.has(event.action) ? event.action : 'other'}`,
      labelParams(event),
    );
    const outcome = event.action === 'resolve' ? event.details?.outcome : undefined;
    return typeof outcome === 'string'
      ? `${label} · ${translate(`complaints.outcome.${outcome}`, { _: outcome })}`
      : label;
  }
  const key =
    event.subject === 'complaint'
      ? `refunds.history.complaint_action.${event.action}`
      : `refunds.history.action.${event.action}`;
  return translate(key, { _: event.action, ...labelParams(event) });
}

function statusLabel(event: AuditEvent, status: string, translate: Translate): string {
  return translate(`${event.subject === 'complaint' ? 'complaints' : 'refunds'}.status.${status}`, {
    _: status,
  });
}

function TimelineEntry({
  event,
  wording,
  itemTestId,
  nameOf,
}: {
  event: AuditEvent;
  wording: TimelineWording;
  itemTestId: string;
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
  const statusChanged = event.statusBefore !== event.statusAfter && event.statusAfter !== null;
  // what the customer wrote: a reply's message, a rating's comment
  const written =
    event.action === 'customer_reply'
      ? event.details?.message
      : event.action === CUSTOMER_RATING
        ? event.details?.comment
        : undefined;
  const replyMessage = typeof written === 'string' ? written : null;
  const details = eventDetails(event, translate, nameOf, locale);
  return (
    <ListItem
      disableGutters
      data-testid={itemTestId}
      data-action={event.action}
      data-subject={event.subject}
      sx={{
        display: 'block',
        borderLeft: 3,
        borderColor: HIGHLIGHT[event.action] ?? 'divider',
        pl: 2,
        pb: 1.5,
        position: 'relative',
      }}
    >
      <Box
        sx={{
          position: 'absolute',
          left: -6.5,
          top: 10,
          width: 10,
          height: 10,
          borderRadius: '50%',
          bgcolor: event.subject === 'complaint' ? 'secondary.main' : 'primary.main',
        }}
      />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'baseline' }}>
        <Typography variant="subtitle2" component="span" data-testid="history-action">
          {actionLabel(event, wording, translate)}
        </Typography>
        <Typography variant="body2" component="span" color="text.secondary">
          {who} · <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
        </Typography>
        {event.amountFen != null && (
          <Chip size="small" variant="outlined" label={formatFen(event.amountFen, locale)} />
        )}
      </Stack>
      {statusChanged && (
        <Typography variant="body2" data-testid="history-status">
          {translate('refunds.history.status_change', {
            from: event.statusBefore ? statusLabel(event, event.statusBefore, translate) : '—',
            to: statusLabel(event, event.statusAfter!, translate),
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
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            <CustomerText text={event.customerMessage || replyMessage} />
          </Typography>
        </Box>
      )}
      {event.note && (
        <Typography
          variant="body2"
          sx={{ mt: 0.5, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="history-note"
        >
          {translate('refunds.history.note', { note: revealBidiControls(event.note) })}
        </Typography>
      )}
    </ListItem>
  );
}

/**
 * The API's order (at ascending), with events of the same instant (one transaction: a resolve and
 * its overturn) in the store's order: their ids grow with each write.
 */
function inStoreOrder(events: AuditEvent[]): AuditEvent[] {
  const seq = (e: AuditEvent) => Number(e.id.replace(/\D/g, ''));
  const out: AuditEvent[] = [];
  for (let i = 0; i < events.length;) {
    let j = i + 1;
    while (j < events.length && events[j].at === events[i].at) j += 1;
    out.push(...events.slice(i, j).sort((a, b) => seq(a) - seq(b)));
    i = j;
  }
  return out;
}

/** The events matching `filter`, oldest first (the same instant: in the store's order). */
export function AuditTimeline({
  filter,
  wording,
  testId,
  itemTestId = 'history-event',
  enabled = true,
}: {
  filter: Record<string, unknown>;
  wording: TimelineWording;
  testId?: string;
  itemTestId?: string;
  enabled?: boolean;
}) {
  const translate = useTranslate();
  const { nameOf } = useStaffDirectory();
  const { data, isPending, error } = useGetList<AuditEvent>(
    'events',
    { filter, sort: { field: 'at', order: 'ASC' }, pagination: { page: 1, perPage: 500 } },
    { enabled },
  );
  if (error) return <Alert severity="error">{translate('refunds.history.unavailable')}</Alert>;
  if (isPending) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 2 }}>
        <CircularProgress size={16} />
        <Typography variant="body2">{translate('complaints.timeline.loading')}</Typography>
      </Box>
    );
  }
  const events = inStoreOrder(data);
  if (events.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('refunds.history.empty')}
      </Typography>
    );
  }
  return (
    <List dense disablePadding data-testid={testId} sx={{ ml: 1 }}>
      {events.map((event) => (
        <TimelineEntry
          key={event.id}
          event={event}
          wording={wording}
          itemTestId={itemTestId}
          nameOf={nameOf}
        />
      ))}
    </List>
  );
}
