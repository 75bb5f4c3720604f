// One dashboard question (GET /api/metrics), as the readers of mock-api/metricsSource.ts and
// mock-api/metricsRollupAnswer.ts take it.
import type { Granularity, MetricsFilters } from '../src/domain/metrics';
import type { Viewer } from '../src/domain/permissions';

/** One dashboard question: the period [fromMs, toMs), how it is cut, the filters, now, and who asks. */
export interface MetricsQuestion {
  fromMs: number;
  toMs: number;
  granularity: Granularity;
  tz: string;
  filters: MetricsFilters;
  nowMs: number;
  /** whose complaints are counted: a reviewer's figures count those they may read (permissions.ts) */
  viewer: Viewer;
}
