// The first-review SLA as a live countdown, coloured by urgency: breached red, due within 4 h orange,
// on track in the normal text colour, stopped (the desk is not the one waiting) grey.
// Every countdown reads the app's one clock (useNow), so a page of rows runs one timer.
import { Box } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { RefundRequest } from '../domain/model';
import { slaState, toMs } from '../domain/sla';
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
  const state = slaState(request, now);
  const left = toMs(request.slaDueAt) - now;
  const duration = formatDuration(left, locale, { seconds: Math.abs(left) < 3_600_000 });
  const text =
    state === 'stopped'
      ? translate('refunds.sla.stopped')
      : state === 'breached'
        ? translate('refunds.sla.overdue', { duration })
        : translate('refunds.sla.remaining', { duration });
  const icon =
    state === 'stopped' ? (
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
      title={`${translate(`refunds.sla.state.${state}`)} · ${translate('refunds.sla.due_at', {
        date: formatDateTime(request.slaDueAt, locale),
      })}`}
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
