// The dashboard, loaded on demand: recharts and the charts stay out of the first chunk.
//   <Admin dashboard={Dashboard} dataProvider={withMetrics(createDataProvider())} ...>
import { Box } from '@mui/material';
import { lazy, Suspense } from 'react';
import { DashboardSkeleton } from './DashboardSkeleton';

const LazyDashboard = lazy(() => import('./Dashboard'));

export function Dashboard() {
  return (
    <Suspense
      fallback={
        <Box sx={{ p: { xs: 1, sm: 2 } }}>
          <DashboardSkeleton />
        </Box>
      }
    >
      <LazyDashboard />
    </Suspense>
  );
}

export default Dashboard;
export {
  withMetrics,
  metricsQueryString,
  type GetMetricsParams,
  type MetricsDataProvider,
} from './metricsProvider';
