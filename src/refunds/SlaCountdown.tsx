// The first-review SLA as a live countdown, coloured by urgency: breached red, due within 4 h orange,
// on track in the normal text colour, stopped (the desk is not the one waiting) grey.
// Every countdown reads the app's one clock (useNow), so a page of rows runs one timer. Outside the
// SLA calendar's working hours a running clock says it is paused, and until when.
import { Box } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { RefundRequest } from '../domain/model';
import { slaRunning, slaState, toMs } from '../domain/sla';
import { useCalendarResumesAt } from '../settings/slaCalendar';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatDuration } from '../i18n/format';
import { useNow } from '../layout/clock';
import { ICON_PATHS } from '../layout/iconPaths';
import { PlainIcon } from '../layout/PlainIcon';
import { countdownSx } from '../layout/countdown';
import { SLA_COLORS } from './choices';

/** The same object in every row, so the rows share one class (sx resolves the palette paths). */
const COUNTDOWN_SX = countdownSx('data-sla-state', SLA_COLORS, 'breached');

export function SlaCountdown({ request }: { request: Pick<RefundRequest, 'status' | 'slaDueAt'> }) {
  const now = useNow();
  const translate = useTranslate();
  const locale = useLocale();
  const calendarResumesAt = useCalendarResumesAt(now);
  const state = slaState(request, now);
  const left = toMs(request.slaDueAt) - now;
  const duration = formatDuration(left, locale, { seconds: Math.abs(left) < 3_600_000 });
  // outside working hours a running clock stands still: say until when (the due time already
  // counts only working time, so "left" is wall-clock time to a due time in the next opening)
  const resumesAt =
    slaRunning(request.status) && state !== 'breached' && calendarResumesAt !== null
      ? formatDateTime(new Date(calendarResumesAt).toISOString(), locale)
      : null;
  const text =
    state === 'stopped'
      ? translate('refunds.sla.stopped')
      : state === 'breached'
        ? translate('refunds.sla.overdue', { duration })
        : resumesAt
          ? translate('refunds.sla.paused', { date: resumesAt, duration })
          : translate('refunds.sla.remaining', { duration });
  const icon =
    state === 'stopped' || resumesAt ? (
      <PlainIcon path={ICON_PATHS.pauseCircle} />
    ) : state === 'breached' || state === 'due_soon' ? (
      <PlainIcon path={ICON_PATHS.alarm} />
    ) : null;
  return (
    <Box
      component="span"
      sx={COUNTDOWN_SX}
      data-testid="sla-countdown"
      data-sla-state={state}
      data-sla-paused={resumesAt ? 'true' : undefined}
      title={`${translate(`refunds.sla.state.${state}`)} · ${translate('refunds.sla.due_at', {
        date: formatDateTime(request.slaDueAt, locale),
      })}${resumesAt ? ` · ${translate('refunds.sla.paused_title', { date: resumesAt })}` : ''}`}
    >
      {icon}
      {text}
    </Box>
  );
}

/** The countdown of the record in context (list column, show page). */
export function SlaCountdownField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  return record ? <SlaCountdown request={record} /> : null;
}

/**
 * The second approval's own clock, while a supervisor's approval is awaited: when it is due, or by
 * how much it is late.
 */
export function SecondApprovalCountdownField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  const now = useNow();
  const translate = useTranslate();
  const locale = useLocale();
  const due = record?.status === 'awaiting_second_approval' ? record.secondApprovalDueAt : null;
  if (!due) return null;
  const left = toMs(due) - now;
  const state = left < 0 ? 'breached' : left <= 3_600_000 ? 'due_soon' : 'on_track';
  const text =
    left < 0
      ? translate('refunds.sla.second_approval_overdue', {
          duration: formatDuration(left, locale, { seconds: Math.abs(left) < 3_600_000 }),
        })
      : translate('refunds.sla.second_approval', { date: formatDateTime(due, locale) });
  return (
    <Box component="span" sx={COUNTDOWN_SX} data-testid="second-approval-countdown" data-sla-state={state}>
      {state !== 'on_track' && <PlainIcon path={ICON_PATHS.alarm} />}
      {text}
    </Box>
  );
}
