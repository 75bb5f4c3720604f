// Small display pieces of a complaint: status, level and priority chips, the due-time countdown,
// the disputed decision, the outcome, and the "overturned" mark shown on overturned decisions.
import AlarmIcon from '@mui/icons-material/AccessAlarm';
import FlagIcon from '@mui/icons-material/Flag';
import GavelIcon from '@mui/icons-material/Gavel';
import { Box, Chip, Stack, Tooltip, Typography, type SxProps, type Theme } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { isComplaintActive, isComplaintClockRunning } from '../domain/model';
import type { Complaint, ComplaintOutcome, ComplaintPriority, ComplaintStatus } from '../domain/model';
import { DUE_SOON_MS, toMs } from '../domain/sla';
import { isWorkingTime, nextWorkingStart } from '../domain/workingCalendar';
import { useSlaCalendar } from '../settings/slaCalendar';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatDuration, formatFen } from '../i18n/format';
import { useNow } from '../layout/clock';
import { countdownSx } from '../layout/countdown';
import { ICON_PATHS } from '../layout/iconPaths';
import { PlainIcon } from '../layout/PlainIcon';
import { RefundStatusChip } from '../refunds/StatusChip';
import { useStaffName } from '../workflow/staff';
import { COMPLAINT_STATUS_COLORS, PRIORITY_COLORS } from './choices';

export function ComplaintStatusChip({ status, sx }: { status: ComplaintStatus; sx?: SxProps<Theme> }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={COMPLAINT_STATUS_COLORS[status]}
      variant={status === 'awaiting_customer' ? 'outlined' : 'filled'}
      label={translate(`complaints.status.${status}`)}
      data-testid="complaint-status"
      data-status={status}
      sx={sx}
    />
  );
}

export function ComplaintStatusField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<Complaint>();
  return record ? <ComplaintStatusChip status={record.status} /> : null;
}

export function LevelChip({ level, long = false }: { level: 1 | 2; long?: boolean }) {
  const translate = useTranslate();
  const key = level === 2 ? 'two' : 'one';
  return (
    <Chip
      size="small"
      variant={level === 2 ? 'filled' : 'outlined'}
      color={level === 2 ? 'secondary' : 'default'}
      label={translate(`complaints.level.${long ? key : `short_${key}`}`)}
      title={translate(`complaints.level.${key}`)}
      data-testid="complaint-level"
      data-level={level}
    />
  );
}

export function LevelField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<Complaint>();
  return record ? <LevelChip level={record.level} /> : null;
}

export function PriorityChip({ priority }: { priority: ComplaintPriority }) {
  const translate = useTranslate();
  if (priority === 'normal') {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('complaints.priority.normal')}
      </Typography>
    );
  }
  return (
    <Chip
      size="small"
      color={PRIORITY_COLORS[priority]}
      label={translate(`complaints.priority.${priority}`)}
    />
  );
}

export function PriorityField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<Complaint>();
  return record ? <PriorityChip priority={record.priority} /> : null;
}

const DUE_SX = countdownSx(
  'data-due-state',
  {
    // not text.disabled: at 2.7:1 it is too faint to read
    done: 'text.secondary',
    // waiting for the customer: the clock stands still, as a refund's stopped clock reads
    paused: 'text.secondary',
    overdue: 'error.main',
    due_soon: 'warning.main',
    on_track: 'text.primary',
  },
  'overdue',
);

/**
 * The due time as a live countdown; "done" once resolved or closed; a flag when managers were
 * alerted. While the desk waits for the customer the clock stands still and says so, with the
 * working time it kept; outside working hours a running clock says it is paused until the next
 * opening, as the refund countdown does (SlaCountdown).
 */
export function ComplaintDue({
  complaint,
}: {
  complaint: Pick<
    Complaint,
    'status' | 'dueAt' | 'overdueFlag' | 'awaitingCustomerSince' | 'dueWorkingMsLeft'
  >;
}) {
  const now = useNow();
  const translate = useTranslate();
  const locale = useLocale();
  const calendar = useSlaCalendar();
  const active = isComplaintActive(complaint.status);
  const onCustomer = active && !isComplaintClockRunning(complaint.status);
  const left = onCustomer
    ? (complaint.dueWorkingMsLeft ?? Math.max(0, toMs(complaint.dueAt) - now))
    : toMs(complaint.dueAt) - now;
  const duration = formatDuration(left, locale, { seconds: Math.abs(left) < 3_600_000 });
  const state = !active
    ? 'done'
    : onCustomer
      ? 'paused'
      : left < 0
        ? 'overdue'
        : left <= DUE_SOON_MS
          ? 'due_soon'
          : 'on_track';
  const resumesAt =
    active && !onCustomer && left >= 0 && !isWorkingTime(calendar, now)
      ? formatDateTime(new Date(nextWorkingStart(calendar, now)).toISOString(), locale)
      : null;
  const since = complaint.awaitingCustomerSince
    ? formatDateTime(complaint.awaitingCustomerSince, locale)
    : null;
  const title = onCustomer
    ? since
      ? translate('complaints.due.paused_on_customer_title', { date: since })
      : translate('complaints.due.paused_on_customer_title_undated')
    : `${translate('complaints.due.due_at', { date: formatDateTime(complaint.dueAt, locale) })}${
        resumesAt ? ` · ${translate('refunds.sla.paused_title', { date: resumesAt })}` : ''
      }`;
  const text =
    state === 'done'
      ? translate('complaints.due.done')
      : onCustomer
        ? translate('complaints.due.paused_on_customer', { duration })
        : state === 'overdue'
          ? translate('complaints.due.overdue', { duration })
          : resumesAt
            ? translate('refunds.sla.paused', { date: resumesAt, duration })
            : translate('complaints.due.remaining', { duration });
  return (
    <Box
      component="span"
      data-testid="complaint-due"
      data-due-state={state}
      data-due-paused={onCustomer ? 'customer' : resumesAt ? 'off_hours' : undefined}
      title={title}
      sx={DUE_SX}
    >
      {onCustomer || resumesAt ? (
        <PlainIcon path={ICON_PATHS.pauseCircle} />
      ) : (
        (state === 'overdue' || state === 'due_soon') && <AlarmIcon fontSize="inherit" />
      )}
      {text}
      {complaint.overdueFlag && active && (
        <Tooltip title={translate('complaints.due.flagged')}>
          <FlagIcon fontSize="inherit" color="error" aria-label={translate('complaints.due.flagged')} />
        </Tooltip>
      )}
    </Box>
  );
}

export function ComplaintDueField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<Complaint>();
  return record ? <ComplaintDue complaint={record} /> : null;
}

/** "Overturned": on a decision a complaint overturned. */
export function OverturnedMark({ sx }: { sx?: SxProps<Theme> }) {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('complaints.decision.overturned_title')}>
      <Chip
        size="small"
        color="warning"
        variant="outlined"
        icon={<GavelIcon />}
        label={translate('complaints.decision.overturned')}
        data-testid="overturned-mark"
        sx={sx}
      />
    </Tooltip>
  );
}

/** For refund lists and pages: the mark when the request in context was overturned. */
export function OverturnedField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ overturned?: boolean }>();
  return record?.overturned ? <OverturnedMark /> : null;
}

/** The decision the customer disputes (as it stood when the complaint was opened), and whether it fell. */
export function OriginalDecisionField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<Complaint>();
  const translate = useTranslate();
  const locale = useLocale();
  const reviewer = useStaffName(record?.originalDecision?.reviewerId);
  if (!record) return null;
  const decision = record.originalDecision;
  const overturned =
    record.resolution?.outcome === 'overturned' || record.resolution?.outcome === 'partially_overturned';
  if (!decision) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('complaints.list.no_decision')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <RefundStatusChip status={decision.status} />
      {decision.amountFen !== null && (
        <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatFen(decision.amountFen, locale)}
        </Typography>
      )}
      <Typography component="span" variant="caption" color="text.secondary">
        {decision.reviewerId === null
          ? translate('complaints.list.system')
          : (reviewer ?? decision.reviewerId)}
      </Typography>
      {overturned && <OverturnedMark />}
    </Stack>
  );
}

export function OutcomeChip({ outcome }: { outcome: ComplaintOutcome }) {
  const translate = useTranslate();
  const color = outcome === 'upheld' ? 'default' : outcome === 'goodwill' ? 'info' : 'warning';
  return (
    <Chip
      size="small"
      color={color}
      label={translate(`complaints.outcome.${outcome}`)}
      data-testid="complaint-outcome"
      data-outcome={outcome}
    />
  );
}

export function OutcomeField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<Complaint>();
  const translate = useTranslate();
  if (record?.pendingResolution) {
    // nothing is decided yet: the proposed outcome waits for another supervisor
    return (
      <Chip
        size="small"
        variant="outlined"
        color="warning"
        label={translate('complaints.pending.chip')}
        data-testid="complaint-pending-chip"
      />
    );
  }
  return record?.resolution ? <OutcomeChip outcome={record.resolution.outcome} /> : null;
}
