// What a reviewer sees instead of the desk's dashboard: their own decisions today, their median
// review latency and their customers' ratings over the last 7 days, and the size of their queue,
// each but the ratings linking to its requests.
import { Box, Card, CardContent, Typography } from '@mui/material';
import { useMemo } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { DECISION_OUTCOMES, localDateOf } from '../domain/metrics';
import { OPEN_REFUND_STATUSES, type RefundRequest } from '../domain/model';
import { useNow } from '../layout/clock';
import { ME } from '../providers/dataProvider';
import { decidedPath, listPath } from './clickThrough';
import {
  DEFAULT_STATE,
  formatLocalDate,
  metricsParams,
  parseLocalDate,
  viewerTimeZone,
} from './dashboardState';
import { DashboardSkeleton } from './DashboardSkeleton';
import { KpiCard, type Kpi } from './KpiCards';
import { useDashboardFormat } from './useDashboardFormat';
import { useMetrics } from './useMetrics';

export function PersonalCard() {
  const translate = useTranslate();
  const tz = viewerTimeZone();
  const now = useNow(60_000);
  const todayKey = formatLocalDate(localDateOf(now, tz));
  const params = useMemo(
    () => metricsParams({ ...DEFAULT_STATE, range: '7d' }, parseLocalDate(todayKey)!, tz),
    [todayKey, tz],
  );
  const { data, error } = useMetrics(params);
  const queueFilter = { assigneeId: ME, status: [...OPEN_REFUND_STATUSES] };
  const { total: queue } = useGetList<RefundRequest>('refunds', {
    filter: queueFilter,
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'slaDueAt', order: 'ASC' },
  });
  const fmt = useDashboardFormat(tz);

  let body;
  if (error) {
    body = (
      <Typography color="error" role="alert">
        {translate('dashboard.error', { message: error.message })}
      </Typography>
    );
  } else if (!data) {
    body = <DashboardSkeleton cards={3} charts={0} />;
  } else {
    const last = data.buckets[data.buckets.length - 1];
    const decidedToday = last ? DECISION_OUTCOMES.reduce((s, o) => s + last.decided[o], 0) : 0;
    const kpis: Kpi[] = [
      {
        id: 'myDecisionsToday',
        label: translate('dashboard.personal.decisionsToday'),
        value: fmt.int(decidedToday),
        delta: null,
        deltaNote: last ? fmt.date(last.start) : undefined,
        definition: 'decided',
        to: last ? decidedPath({ start: last.start, end: last.end }, data.filters) : undefined,
      },
      {
        id: 'myLatency',
        label: translate('dashboard.personal.medianLatency'),
        value: fmt.hours(data.totals.latencyHours.p50),
        delta: null,
        deltaNote: translate('dashboard.personal.last7days'),
        definition: 'latency',
        to: decidedPath({ start: data.from, end: data.to }, data.filters),
      },
      ...(data.totals.csat
        ? [
            {
              id: 'myCsat',
              label: translate('dashboard.personal.csat'),
              value: fmt.score(data.totals.csat.average),
              delta: null,
              deltaNote: translate('dashboard.personal.csatOf', {
                smart_count: data.totals.csat.n,
                count: fmt.int(data.totals.csat.n),
              }),
              definition: 'csat' as const,
            },
          ]
        : []),
      {
        id: 'myQueue',
        label: translate('dashboard.personal.queue'),
        value: queue === undefined ? fmt.none : fmt.int(queue),
        delta: null,
        deltaNote: translate('dashboard.personal.queueNote'),
        definition: 'backlog',
        to: listPath('refunds', queueFilter),
      },
    ];
    body = (
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' }}>
        {kpis.map((kpi) => (
          <KpiCard key={kpi.id} kpi={kpi} />
        ))}
      </Box>
    );
  }

  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, maxWidth: 900 }}>
      <Title title="dashboard.personal.title" />
      <Card variant="outlined">
        <CardContent>
          <Typography component="h1" variant="h6" gutterBottom>
            {translate('dashboard.personal.title')}
          </Typography>
          {body}
        </CardContent>
      </Card>
    </Box>
  );
}
