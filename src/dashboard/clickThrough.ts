// From a figure to the list of exactly the records it counts. Every filter here is one the mock API
// evaluates with the same definitions as the metrics (src/domain/metrics.ts):
//   submitted  → submittedAt_gte / submittedAt_lt
//   decisions  → decided: { from, to, outcome?, reviewerId? }  (classifyDecisions on the server)
//   backlog    → status list (+ submittedAt bounds for an age band, measured from the answer's asOf)
//   refunded   → refundedAt_gte / refundedAt_lt (one payout per request)
//   overturns  → the complaints list: resolvedAt bounds + outcome
import {
  BACKLOG_AGE_BOUNDS,
  OVERTURN_OUTCOMES,
  type BacklogAge,
  type DecisionOutcome,
  type MetricsFilters,
} from '../domain/metrics';
import { OPEN_REFUND_STATUSES } from '../domain/model';

export interface Interval {
  start: string;
  end: string;
}

type ListFilter = Record<string, unknown>;

/** A react-admin list URL with its filter (the list reads `filter` as JSON from the query string). */
export function listPath(resource: string, filter: ListFilter): string {
  const search = new URLSearchParams({ filter: JSON.stringify(filter), page: '1' });
  return `/${resource}?${search.toString()}`;
}

/** The request-level filters of the metrics as list filters (one value alone, several as any-of). */
export function refundBaseFilter(filters: MetricsFilters): ListFilter {
  const out: ListFilter = {};
  for (const key of ['reasonCategory', 'paymentChannel', 'submissionChannel'] as const) {
    const values = filters[key];
    if (values && values.length > 0) out[key] = values.length === 1 ? values[0] : [...values];
  }
  return out;
}

export function submittedPath(interval: Interval, filters: MetricsFilters): string {
  return listPath('refunds', {
    ...refundBaseFilter(filters),
    submittedAt_gte: interval.start,
    submittedAt_lt: interval.end,
  });
}

export function decidedPath(
  interval: Interval,
  filters: MetricsFilters,
  outcomes?: readonly DecisionOutcome[],
  reviewerId: string | undefined = filters.reviewerId,
): string {
  const decided: Record<string, unknown> = { from: interval.start, to: interval.end };
  if (outcomes) decided.outcome = outcomes.length === 1 ? outcomes[0] : [...outcomes];
  if (reviewerId) decided.reviewerId = reviewerId;
  return listPath('refunds', { ...refundBaseFilter(filters), decided });
}

export function backlogPath(filters: MetricsFilters, asOf: string, age?: BacklogAge): string {
  const filter: ListFilter = { ...refundBaseFilter(filters), status: [...OPEN_REFUND_STATUSES] };
  if (age) {
    const [min, max] = BACKLOG_AGE_BOUNDS[age];
    const now = Date.parse(asOf);
    // age in [min, max) ⇔ submittedAt in (asOf − max, asOf − min]
    if (Number.isFinite(max)) filter.submittedAt_gt = new Date(now - max).toISOString();
    if (min > 0) filter.submittedAt_lte = new Date(now - min).toISOString();
  }
  return listPath('refunds', filter);
}

export function breachesPath(filters: MetricsFilters): string {
  return listPath('refunds', {
    ...refundBaseFilter(filters),
    status: ['pending', 'in_review'],
    slaState: 'breached',
  });
}

export function refundedPath(interval: Interval, filters: MetricsFilters): string {
  return listPath('refunds', {
    ...refundBaseFilter(filters),
    refundedAt_gte: interval.start,
    refundedAt_lt: interval.end,
  });
}

export function overturnsPath(interval: Interval): string {
  return listPath('complaints', {
    resolvedAt_gte: interval.start,
    resolvedAt_lt: interval.end,
    outcome: [...OVERTURN_OUTCOMES],
  });
}

export function complaintsResolvedPath(interval: Interval): string {
  return listPath('complaints', { resolvedAt_gte: interval.start, resolvedAt_lt: interval.end });
}

export function complaintsOpenedPath(interval: Interval): string {
  return listPath('complaints', { openedAt_gte: interval.start, openedAt_lt: interval.end });
}
