// The dashboard, loaded on demand: recharts and the charts stay out of the first chunk.
//   <Admin dashboard={Dashboard} dataProvider={withMetrics(createDataProvider())} ...>
import { lazy, Suspense } from 'react';
import { Loading } from 'react-admin';

const LazyDashboard = lazy(() => import('./Dashboard'));

export function Dashboard() {
  return (
    <Suspense fallback={<Loading />}>
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
