// The headline figures of the period, each with its change against the previous period of the same
// length, its definition in a tooltip, and a link to exactly the records it counts.
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import RemoveIcon from '@mui/icons-material/Remove';
import { Box, Card, CardActionArea, CardContent, IconButton, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { LinkBase, useTranslate } from 'react-admin';
import type { CsatFigures } from '../domain/csat';
import {
  METRIC_DEFINITIONS,
  type ExpectationAccuracy,
  type MetricKey,
  type MetricsAnswer,
} from '../domain/metrics';
import {
  backlogPath,
  decidedPath,
  overturnsPath,
  refundedPath,
  submittedPath,
  type Interval,
} from './clickThrough';
import type { Delta, DashboardFormat } from './useDashboardFormat';

export interface Kpi {
  id: string;
  label: string;
  value: string;
  secondary?: string;
  delta: Delta | null;
  /** shown instead of the change when the figure has no previous period (the backlog is "as of now") */
  deltaNote?: string;
  definition: MetricKey;
  /** where a click goes: the list of the records behind the figure */
  to?: string;
}

const TONE_COLOR = { good: 'success.main', bad: 'error.main', neutral: 'text.secondary' } as const;

function DeltaLine({ delta, note }: { delta: Delta | null; note?: string }) {
  const translate = useTranslate();
  if (!delta) {
    return (
      <Typography variant="caption" color="text.secondary">
        {note ?? translate('dashboard.kpi.noPrevious')}
      </Typography>
    );
  }
  const Icon = delta.value > 0 ? ArrowUpwardIcon : delta.value < 0 ? ArrowDownwardIcon : RemoveIcon;
  return (
    <Typography
      variant="caption"
      sx={{ color: TONE_COLOR[delta.tone], display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <Icon fontSize="inherit" aria-hidden />
      {delta.text}
    </Typography>
  );
}

export function KpiCard({ kpi }: { kpi: Kpi }) {
  const translate = useTranslate();
  const body: ReactNode = (
    <CardContent sx={{ pb: '12px !important' }}>
      <Typography variant="body2" color="text.secondary" component="h2" id={`kpi-${kpi.id}-label`}>
        {kpi.label}
      </Typography>
      <Typography
        variant="h5"
        component="p"
        sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500, my: 0.5 }}
        data-testid={`kpi-${kpi.id}-value`}
      >
        {kpi.value}
      </Typography>
      {kpi.secondary && (
        <Typography variant="caption" component="p" color="text.secondary">
          {kpi.secondary}
        </Typography>
      )}
      <DeltaLine delta={kpi.delta} note={kpi.deltaNote} />
    </CardContent>
  );
  return (
    <Card
      variant="outlined"
      sx={{ position: 'relative', height: '100%' }}
      component="section"
      aria-labelledby={`kpi-${kpi.id}-label`}
    >
      {kpi.to ? (
        <CardActionArea
          component={LinkBase}
          to={kpi.to}
          sx={{ height: '100%' }}
          aria-describedby={`kpi-${kpi.id}-label`}
          title={translate('dashboard.kpi.openList')}
        >
          {body}
        </CardActionArea>
      ) : (
        body
      )}
      <Tooltip title={translate(METRIC_DEFINITIONS[kpi.definition])}>
        <IconButton
          size="small"
          aria-label={translate('dashboard.definition', { name: kpi.label })}
          sx={{ position: 'absolute', top: 4, right: 4 }}
        >
          <InfoOutlinedIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Card>
  );
}

export function KpiGrid({ kpis }: { kpis: readonly Kpi[] }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
      }}
    >
      {kpis.map((kpi) => (
        <KpiCard key={kpi.id} kpi={kpi} />
      ))}
    </Box>
  );
}

/** The managers' and supervisors' headline figures from one metrics answer. */
export function buildKpis(
  answer: MetricsAnswer,
  fmt: DashboardFormat,
  translate: (key: string, options?: Record<string, unknown>) => string,
  links: { complaints: boolean },
): Kpi[] {
  const t = answer.totals;
  const p = answer.previous;
  const period: Interval = { start: answer.from, end: answer.to };
  const filters = answer.filters;
  const decidedTotal =
    t.decided.approved + t.decided.partially_approved + t.decided.rejected + t.decided.info_requested;
  const refundFilters = Boolean(
    filters.reasonCategory?.length || filters.paymentChannel?.length || filters.submissionChannel?.length,
  );
  return [
    {
      id: 'submitted',
      label: translate('dashboard.kpi.submitted'),
      value: fmt.int(t.submitted),
      secondary: translate('dashboard.kpi.decidedCount', {
        smart_count: decidedTotal,
        count: fmt.int(decidedTotal),
      }),
      delta: fmt.delta(t.submitted, p.submitted, 'count', 'neutral'),
      definition: 'submitted',
      to: submittedPath(period, filters),
    },
    {
      id: 'approvalRate',
      label: translate('dashboard.kpi.approvalRate'),
      value: fmt.percent(t.approvalRate),
      delta: fmt.delta(t.approvalRate, p.approvalRate, 'rate', 'neutral'),
      definition: 'approvalRate',
      to: decidedPath(period, filters, ['approved', 'partially_approved']),
    },
    {
      id: 'latency',
      label: translate('dashboard.kpi.latency'),
      value: fmt.hours(t.latencyHours.p50),
      secondary: translate('dashboard.kpi.latencyP90', { p90: fmt.hours(t.latencyHours.p90) }),
      delta: fmt.delta(t.latencyHours.p50, p.latencyHours.p50, 'hours', 'down'),
      definition: 'latency',
      to: decidedPath(period, filters),
    },
    {
      id: 'slaCompliance',
      label: translate('dashboard.kpi.slaCompliance'),
      value: fmt.percent(t.slaCompliance),
      delta: fmt.delta(t.slaCompliance, p.slaCompliance, 'rate', 'up'),
      definition: 'slaCompliance',
      to: decidedPath(period, filters),
    },
    {
      id: 'backlog',
      label: translate('dashboard.kpi.backlog'),
      value: fmt.int(t.backlog.total),
      secondary: translate('dashboard.kpi.breaches', {
        smart_count: t.breachesOpen,
        count: fmt.int(t.breachesOpen),
      }),
      delta: null,
      deltaNote: translate('dashboard.kpi.asOfNow'),
      definition: 'backlog',
      to: backlogPath(filters, answer.asOf),
    },
    {
      id: 'refunded',
      label: translate('dashboard.kpi.refunded'),
      value: fmt.money(t.refundedFen),
      secondary: translate('dashboard.kpi.partialShare', { share: fmt.percent(t.partialShare) }),
      delta: fmt.delta(t.refundedFen, p.refundedFen, 'money', 'neutral'),
      definition: 'refundedFen',
      to: refundedPath(period, filters),
    },
    {
      id: 'overturnRate',
      label: translate('dashboard.kpi.overturnRate'),
      value: fmt.percent(t.overturnRate),
      secondary: translate('dashboard.kpi.complaintsOpened', {
        smart_count: t.complaintsOpened,
        count: fmt.int(t.complaintsOpened),
      }),
      delta: fmt.delta(t.overturnRate, p.overturnRate, 'rate', 'down'),
      definition: 'overturnRate',
      // complaints are listed without the request filters, so the link only counts the same when there are none
      to: links.complaints && !refundFilters ? overturnsPath(period) : undefined,
    },
    ...(answer.expectationAccuracy ? [expectationKpi(answer.expectationAccuracy, fmt, translate)] : []),
    ...(t.csat ? [csatKpi(t.csat, fmt, translate)] : []),
  ];
}

/** The customers' average rating of the period's decisions, and of how many ratings. */
function csatKpi(
  csat: CsatFigures,
  fmt: DashboardFormat,
  translate: (key: string, options?: Record<string, unknown>) => string,
): Kpi {
  return {
    id: 'csat',
    label: translate('dashboard.kpi.csat'),
    value: fmt.score(csat.average),
    delta: null,
    deltaNote: translate('dashboard.kpi.csatOf', { smart_count: csat.n, count: fmt.int(csat.n) }),
    definition: 'csat',
  };
}

/** How often the expected decision time told at submission held, and how late the misses were. */
function expectationKpi(
  accuracy: ExpectationAccuracy,
  fmt: DashboardFormat,
  translate: (key: string, options?: Record<string, unknown>) => string,
): Kpi {
  const { missHours } = accuracy;
  return {
    id: 'expectationHeld',
    label: translate('dashboard.kpi.expectationHeld'),
    value: fmt.percent(accuracy.heldShare),
    secondary:
      missHours.n === 0
        ? translate('dashboard.kpi.expectationNone')
        : translate('dashboard.kpi.expectationMissed', {
            p50: fmt.hours(missHours.p50),
            p90: fmt.hours(missHours.p90),
          }),
    delta: null,
    deltaNote: translate('dashboard.kpi.expectationOf', { count: fmt.int(accuracy.n) }),
    definition: 'expectationAccuracy',
  };
}
