// A history of audit events, oldest first: what happened, who did it, when, the status change, and
// what was written (note, contact, message to the customer, amount). Used twice on the complaint
// page, side by side: the complaint's own timeline and the refund request's history.
import { Alert, Box, CircularProgress, Stack, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { COMPLAINT_ACTIONS } from '../domain/complaintWorkflow';
import type { AuditEvent, StaffUser } from '../domain/model';
import { NOTE_ADDED } from '../domain/refundNotes';
import { REFUND_ACTIONS } from '../domain/refundWorkflow';
import { revealBidiControls } from '../domain/visibleText';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatFen, formatInteger } from '../i18n/format';

/** Every action the workflows audit, plus opening a complaint, adding an internal note to a
 * request and (in databases from before notes were records) editing its note. */
const KNOWN_ACTIONS: ReadonlySet<string> = new Set<string>([
  'open',
  ...COMPLAINT_ACTIONS,
  ...REFUND_ACTIONS,
  NOTE_ADDED,
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

/** Staff id → name, from the (small) staff list. */
export function useStaffNames(): (id: string) => string {
  const { data } = useGetList<StaffUser>('users', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'fullName', order: 'ASC' },
  });
  const names = new Map((data ?? []).map((u) => [u.id, u.fullName]));
  return (id) => names.get(id) ?? id;
}

/** The label of a complaint or refund status inside an event. */
function statusLabel(
  translate: ReturnType<typeof useTranslate>,
  subject: AuditEvent['subject'],
  status: string,
) {
  return translate(`${subject === 'complaint' ? 'complaints' : 'refunds'}.status.${status}`, { _: status });
}

function TimelineItem({ event, name }: { event: AuditEvent; name: (id: string) => string }) {
  const translate = useTranslate();
  const locale = useLocale();
  const details = event.details ?? {};
  const actor =
    event.actorKind === 'system'
      ? translate('complaints.timeline.system')
      : event.actorKind === 'customer'
        ? translate('complaints.timeline.customer')
        : name(event.actorId ?? '');
  const lines: string[] = [];
  if (event.action === 'assign' && typeof details.assigneeId === 'string') {
    lines.push(translate('complaints.timeline.assigned_to', { name: name(details.assigneeId) }));
  }
  if (event.action === 'contact' && details.awaitingReply === true) {
    lines.push(translate('complaints.timeline.awaiting_reply'));
  }
  if (event.note) lines.push(revealBidiControls(event.note));
  if (typeof event.amountFen === 'number') {
    lines.push(translate('complaints.timeline.amount', { amount: formatFen(event.amountFen, locale) }));
  }
  if (typeof details.goodwillCoins === 'number') {
    lines.push(
      translate('complaints.timeline.goodwill', { coins: formatInteger(details.goodwillCoins, locale) }),
    );
  }
  if (event.customerMessage)
    lines.push(
      translate('complaints.timeline.message', { message: revealBidiControls(event.customerMessage) }),
    );
  if (details.pendingSecondApproval === true) {
    lines.push(translate('complaints.timeline.pending_second_approval'));
  }
  if (
    event.subject === 'complaint' &&
    event.action === 'second_approval' &&
    (details.decision === 'confirm' || details.decision === 'send_back')
  ) {
    lines.push(translate(`complaints.timeline.second_approval.${details.decision}`));
  }
  if (
    (event.action === 'escalate' || event.action === 'auto_escalate') &&
    typeof details.dueAt === 'string'
  ) {
    lines.push(translate('complaints.timeline.due', { date: formatDateTime(details.dueAt, locale) }));
  }
  const outcome = event.action === 'resolve' && typeof details.outcome === 'string' ? details.outcome : null;
  const changed = event.statusBefore !== event.statusAfter && event.statusAfter !== null;
  return (
    <Box
      component="li"
      data-testid="timeline-item"
      data-action={event.action}
      data-subject={event.subject}
      sx={{
        listStyle: 'none',
        borderLeft: '3px solid',
        borderLeftColor: HIGHLIGHT[event.action] ?? 'divider',
        pl: 1.5,
        py: 0.75,
      }}
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {translate(
            `complaints.timeline.action.${KNOWN_ACTIONS.has(event.action) ? event.action : 'other'}`,
          )}
          {outcome ? ` · ${translate(`complaints.outcome.${outcome}`, { _: outcome })}` : ''}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {actor} · <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
        </Typography>
      </Stack>
      {changed && (
        <Typography variant="caption" color="text.secondary" component="div">
          {translate('complaints.timeline.status_change', {
            from: event.statusBefore ? statusLabel(translate, event.subject, event.statusBefore) : '—',
            to: statusLabel(translate, event.subject, event.statusAfter!),
          })}
        </Typography>
      )}
      {lines.map((line, i) => (
        <Typography key={i} variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {line}
        </Typography>
      ))}
    </Box>
  );
}

/** The events matching `filter`, oldest first. */
export function EventTimeline({ filter, testId }: { filter: Record<string, unknown>; testId?: string }) {
  const translate = useTranslate();
  const name = useStaffNames();
  const { data, isPending, error } = useGetList<AuditEvent>('events', {
    filter,
    sort: { field: 'at', order: 'ASC' },
    pagination: { page: 1, perPage: 500 },
  });
  if (isPending) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 2 }}>
        <CircularProgress size={16} />
        <Typography variant="body2">{translate('complaints.timeline.loading')}</Typography>
      </Box>
    );
  }
  if (error) return <Alert severity="error">{translate('ra.notification.http_error')}</Alert>;
  // same instant: the store's order (ids grow with each commit)
  const events = [...(data ?? [])].sort(
    (a, b) => a.at.localeCompare(b.at) || Number(a.id.replace(/\D/g, '')) - Number(b.id.replace(/\D/g, '')),
  );
  if (events.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('complaints.timeline.empty')}
      </Typography>
    );
  }
  return (
    <Box component="ol" data-testid={testId} sx={{ m: 0, p: 0, display: 'grid', gap: 0.5 }}>
      {events.map((event) => (
        <TimelineItem key={event.id} event={event} name={name} />
      ))}
    </Box>
  );
}
