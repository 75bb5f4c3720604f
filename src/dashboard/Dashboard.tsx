// The dashboard page (a lazy chunk with recharts: see index.tsx). Managers and supervisors get the
// desk's figures; reviewers get their personal card. The period, granularity and filters live in
// the URL, so every view can be bookmarked, shared, and restored with the back button.
import { Alert, Box, Typography } from '@mui/material';
import { useMemo } from 'react';
import {
  Title,
  useLocation,
  useNavigate,
  usePermissions,
  useResourceDefinitions,
  useTranslate,
} from 'react-admin';
import { localDateOf, type MetricsAnswer } from '../domain/metrics';
import type { Role } from '../domain/model';
import { seesFullDashboard } from '../domain/permissions';
import { useNow } from '../layout/clock';
import { DashboardCharts } from './Charts';
import { DashboardControls } from './DashboardControls';
import { DashboardSkeleton } from './DashboardSkeleton';
import {
  dashboardSearch,
  formatLocalDate,
  metricsParams,
  parseDashboardSearch,
  parseLocalDate,
  viewerTimeZone,
  type DashboardState,
} from './dashboardState';
import { buildKpis, KpiGrid } from './KpiCards';
import { PersonalCard } from './PersonalCard';
import { ReviewerTable } from './ReviewerTable';
import { useDashboardFormat, type DashboardFormat } from './useDashboardFormat';
import { useMetrics } from './useMetrics';

export function DeskFigures({
  answer,
  fmt,
  complaintsList,
}: {
  answer: MetricsAnswer;
  fmt: DashboardFormat;
  complaintsList: boolean;
}) {
  const translate = useTranslate();
  const kpis = buildKpis(answer, fmt, translate, { complaints: complaintsList });
  return (
    <>
      <Box component="section" aria-label={translate('dashboard.kpi.label')}>
        <KpiGrid kpis={kpis} />
      </Box>
      <DashboardCharts answer={answer} fmt={fmt} complaintsList={complaintsList} />
      <ReviewerTable answer={answer} fmt={fmt} />
    </>
  );
}

export function DeskDashboard() {
  const translate = useTranslate();
  const location = useLocation();
  const navigate = useNavigate();
  const tz = viewerTimeZone();
  const todayKey = formatLocalDate(localDateOf(useNow(60_000), tz));
  const state = useMemo(() => parseDashboardSearch(location.search), [location.search]);
  const params = useMemo(() => metricsParams(state, parseLocalDate(todayKey)!, tz), [state, todayKey, tz]);
  const { data, error, isFetching } = useMetrics(params);
  const fmt = useDashboardFormat(tz);
  const resources = useResourceDefinitions();
  const complaintsList = Boolean(resources.complaints?.hasList);

  const setState = (next: DashboardState) =>
    navigate({ pathname: location.pathname, search: dashboardSearch(next) });

  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, display: 'grid', gap: 2, minWidth: 0 }}>
      <Title title="dashboard.title" />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 1 }}>
        <Typography component="h1" variant="h6">
          {translate('dashboard.title')}
        </Typography>
        {data && (
          <Typography variant="body2" color="text.secondary">
            {translate('dashboard.periodLine', {
              period: fmt.interval(data.from, data.to),
              previous: fmt.interval(data.previous.from, data.previous.to),
              tz,
            })}
          </Typography>
        )}
      </Box>
      <DashboardControls state={state} today={parseLocalDate(todayKey)!} onChange={setState} />
      {error && (
        <Alert severity="error" role="alert">
          {translate('dashboard.error', { message: error.message })}
        </Alert>
      )}
      <Box aria-busy={isFetching} aria-live="polite" sx={{ display: 'grid', gap: 2, minWidth: 0 }}>
        {data ? (
          <DeskFigures answer={data} fmt={fmt} complaintsList={complaintsList} />
        ) : (
          !error && <DashboardSkeleton />
        )}
      </Box>
    </Box>
  );
}

/** The page: the desk's dashboard for managers and supervisors, the personal card for reviewers. */
export default function Dashboard() {
  const { permissions, isPending } = usePermissions<Role | null>();
  if (isPending)
    return (
      <Box sx={{ p: { xs: 1, sm: 2 } }}>
        <DashboardSkeleton />
      </Box>
    );
  return seesFullDashboard(permissions) ? <DeskDashboard /> : <PersonalCard />;
}
