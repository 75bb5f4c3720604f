// The aggregations behind the dashboard. Pure: no I/O, no clock (the caller passes `nowMs`).
// Each figure is defined once here; the definitions shown in tooltips are the i18n keys of
// METRIC_DEFINITIONS. One pass over each collection, then one small sort per request's own events.
//
// Periods are half-open intervals [from, to) of instants. Buckets start at local midnight (day)
// or local Monday 00:00 (week) in the IANA time zone `tz`; the first and last buckets are clipped
// to [from, to), and every bucket of the range is present even when it is empty.
import type { RefundStatus } from './model';
import { OPEN_REFUND_STATUSES, REASON_CATEGORIES } from './model';
import { classifyDecisions, isDecisionRelevant } from './metricsDecisions';
import {
  BACKLOG_AGES,
  BACKLOG_AGE_BOUNDS,
  ESCALATION_ACTIONS,
  OVERTURN_OUTCOMES,
  type BacklogAge,
  type ClassifiedDecision,
  type DecidedCounts,
  type MetricsAnswer,
  type MetricsEvent,
  type MetricsFilters,
  type MetricsInput,
  type MetricsRefund,
  type PeriodFigures,
  type ReviewerFigures,
} from './metricsModel';
import {
  appliedFilters,
  periodFigures,
  reviewerFigures,
  sortReviewers,
  type ReviewerSums,
} from './metricsFigures';
import { percentileNearestRank, percentilesNearestRank } from './metricsPercentiles';
import { bucketStarts, isValidTimeZone } from './metricsTime';
import { FIRST_REVIEW_SLA_MS, HOUR_MS, slaState } from './sla';

export * from './metricsModel';
export * from './metricsPercentiles';
export * from './metricsTime';
export * from './metricsDecisions';
export * from './metricsFigures';

// ---------------------------------------------------------------------------------------------
// Accumulators

class ReasonAcc {
  decided = 0;
  approved = 0;
}

class PeriodAcc {
  submitted = 0;
  decided: DecidedCounts = { approved: 0, partially_approved: 0, rejected: 0, info_requested: 0 };
  latencies: number[] = [];
  withinSla = 0;
  refundedFen = 0;
  complaintsOpened = 0;
  escalated = 0;
  resolutions = 0;
  overturned = 0;
  resolutionHours: number[] = [];
  byReason = new Map<string, ReasonAcc>();

  constructor(reasons: readonly string[]) {
    for (const r of reasons) this.byReason.set(r, new ReasonAcc());
  }

  addDecision(d: ClassifiedDecision, reason: string) {
    this.decided[d.outcome]++;
    let r = this.byReason.get(reason);
    if (!r) this.byReason.set(reason, (r = new ReasonAcc()));
    r.decided++;
    if (d.outcome === 'approved' || d.outcome === 'partially_approved') r.approved++;
    if (d.latencyMs !== null) {
      this.latencies.push(d.latencyMs / HOUR_MS);
      if (d.latencyMs <= FIRST_REVIEW_SLA_MS) this.withinSla++;
    }
  }

  figures(): PeriodFigures {
    const latency = percentilesNearestRank(this.latencies, [50, 90]);
    return periodFigures(
      { ...this, timed: this.latencies.length },
      {
        latencyP50: latency[0],
        latencyP90: latency[1],
        resolutionP50: percentileNearestRank(this.resolutionHours, 50),
      },
    );
  }
}

class ReviewerAcc {
  decided: DecidedCounts = { approved: 0, partially_approved: 0, rejected: 0, info_requested: 0 };
  decisions = 0;
  latencies: number[] = [];
  withinSla = 0;
  against = 0;
  requests = new Set<string>();
  overturnedRequests = new Set<string>();

  figures(reviewerId: string): ReviewerFigures {
    const sums: ReviewerSums = {
      ...this,
      timed: this.latencies.length,
      requests: this.requests.size,
      overturnedRequests: this.overturnedRequests.size,
    };
    return reviewerFigures(reviewerId, sums, percentileNearestRank(this.latencies, 50));
  }
}

// ---------------------------------------------------------------------------------------------
// The computation

const parseInstant = (iso: string | null | undefined): number => (iso ? Date.parse(iso) : Number.NaN);

function passesFilters(r: MetricsRefund, f: MetricsFilters): boolean {
  const any = (list: readonly string[] | undefined, value: string) =>
    !list || list.length === 0 || list.includes(value);
  return (
    any(f.reasonCategory, r.reasonCategory) &&
    any(f.paymentChannel, r.paymentChannel) &&
    any(f.submissionChannel, r.submissionChannel)
  );
}

function hasRefundFilters(f: MetricsFilters): boolean {
  return Boolean(f.reasonCategory?.length || f.paymentChannel?.length || f.submissionChannel?.length);
}

/**
 * Everything the dashboard shows for [from, to) and the previous period of the same length.
 *
 * - submitted: requests with submittedAt in the bucket.
 * - decided: decisions (see classifyDecisions) by outcome, in the bucket of the decision time.
 * - approvalRate: (approved + partially_approved) / all decisions (info requests included); null
 *   without decisions. Also per reason category (byReason).
 * - latencyHours p50/p90 (nearest rank) of the first decision after each SLA clock start, in the
 *   bucket of that decision; slaCompliance: share of them within 24 h.
 * - refundedFen: sum of amountFen of 'payout' events in the bucket.
 * - partialShare: partially_approved / (approved + partially_approved).
 * - complaintsOpened: complaints with openedAt in the bucket; escalationRate: of those, the share
 *   escalated (level 2, escalatedAt set, or an escalate / auto_escalate event).
 * - overturnRate: complaints resolved in the bucket (resolvedAt) whose outcome is overturned or
 *   partially_overturned, over all resolved there; complaintResolutionHoursP50: median of
 *   resolvedAt − openedAt of those.
 * - totals only, as of nowMs: backlog of open requests by age since submission and by status;
 *   breachesOpen: pending / in_review requests past slaDueAt.
 * - reviewers: per staff member with decisions in the period (see ReviewerFigures).
 *
 * Filters: reasonCategory / paymentChannel / submissionChannel keep only matching requests and
 * their events and complaints (an empty list means no restriction); reviewerId keeps only that
 * reviewer's decisions (decided, approval rate, partial share, latency, SLA compliance, reviewers).
 */
export function computeMetrics(input: MetricsInput): MetricsAnswer {
  const fromMs = parseInstant(input.from);
  const toMs = parseInstant(input.to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
    throw new RangeError('computeMetrics: "from" must be an instant before "to".');
  }
  if (!isValidTimeZone(input.tz)) throw new RangeError(`computeMetrics: unknown time zone "${input.tz}".`);
  const { filters, nowMs, granularity, tz } = input;
  const prevFromMs = fromMs - (toMs - fromMs);

  const starts = bucketStarts(fromMs, toMs, granularity, tz);
  const reasons = filters.reasonCategory?.length ? [...filters.reasonCategory] : [...REASON_CATEGORIES];
  const buckets = starts.map(() => new PeriodAcc(reasons));
  const totals = new PeriodAcc(reasons);
  const previous = new PeriodAcc(reasons);

  /** The accumulators an instant counts in: [bucket, totals], [previous], or none. */
  const NONE: PeriodAcc[] = [];
  const PREV = [previous];
  const bucketAndTotals = buckets.map((bucket) => [bucket, totals]);
  const accsAt = (ms: number): PeriodAcc[] => {
    if (!(ms >= prevFromMs && ms < toMs)) return NONE;
    if (ms < fromMs) return PREV;
    // binary search: the last start ≤ ms
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= ms) lo = mid;
      else hi = mid - 1;
    }
    return bucketAndTotals[lo];
  };

  // 1. requests: submissions, backlog, open breaches; the filtered requests by id
  const refunds = new Map<string, MetricsRefund>();
  const byAge: Record<BacklogAge, number> = { under4h: 0, h4to24: 0, d1to3: 0, over3d: 0 };
  const byStatus: Record<string, number> = {};
  for (const s of OPEN_REFUND_STATUSES) byStatus[s] = 0;
  let backlogTotal = 0;
  let breachesOpen = 0;
  for (const r of input.refunds) {
    if (!passesFilters(r, filters)) continue;
    refunds.set(r.id, r);
    const submittedMs = parseInstant(r.submittedAt);
    for (const acc of accsAt(submittedMs)) acc.submitted++;
    if (OPEN_REFUND_STATUSES.includes(r.status as RefundStatus)) {
      backlogTotal++;
      byStatus[r.status]++;
      const age = nowMs - submittedMs;
      for (const band of BACKLOG_AGES) {
        const [min, max] = BACKLOG_AGE_BOUNDS[band];
        if ((age >= min || band === 'under4h') && age < max) {
          byAge[band]++;
          break;
        }
      }
      if (slaState(r, nowMs) === 'breached') breachesOpen++;
    }
  }

  // 2. events: payouts, escalations, and each request's decision-relevant events
  const escalatedComplaints = new Set<string>();
  const eventsByRefund = new Map<string, MetricsEvent[]>();
  for (const e of input.events) {
    if (e.subject === 'complaint') {
      if (e.complaintId && ESCALATION_ACTIONS.includes(e.action)) escalatedComplaints.add(e.complaintId);
      continue;
    }
    if (!refunds.has(e.refundId)) continue;
    if (e.action === 'payout') {
      for (const acc of accsAt(parseInstant(e.at))) acc.refundedFen += e.amountFen ?? 0;
    } else if (!input.decisionsFor && isDecisionRelevant(e)) {
      let list = eventsByRefund.get(e.refundId);
      if (!list) eventsByRefund.set(e.refundId, (list = []));
      list.push(e);
    }
  }

  // 3. decisions and latency, request by request
  const reviewers = new Map<string, ReviewerAcc>();
  const decisionsFor = input.decisionsFor;
  const decisionsOf = (refund: MetricsRefund): readonly ClassifiedDecision[] => {
    if (decisionsFor) return decisionsFor(refund);
    const events = eventsByRefund.get(refund.id);
    return events ? classifyDecisions(refund, events) : [];
  };
  for (const refund of refunds.values()) {
    const refundId = refund.id;
    for (const d of decisionsOf(refund)) {
      if (filters.reviewerId && d.reviewerId !== filters.reviewerId) continue;
      const accs = accsAt(d.atMs);
      if (accs === NONE) continue;
      for (const acc of accs) acc.addDecision(d, refund.reasonCategory);
      if (accs === PREV) continue;
      let rev = reviewers.get(d.reviewerId);
      if (!rev) reviewers.set(d.reviewerId, (rev = new ReviewerAcc()));
      rev.decisions++;
      rev.decided[d.outcome]++;
      if (d.latencyMs !== null) {
        rev.latencies.push(d.latencyMs / HOUR_MS);
        if (d.latencyMs <= FIRST_REVIEW_SLA_MS) rev.withinSla++;
      }
      if (d.againstSuggestion) rev.against++;
      rev.requests.add(refundId);
      if (refund.overturned) rev.overturnedRequests.add(refundId);
    }
  }

  // 4. complaints
  const restrictComplaints = hasRefundFilters(filters);
  for (const c of input.complaints) {
    if (restrictComplaints && !refunds.has(c.refundId)) continue;
    const openedMs = parseInstant(c.openedAt);
    const escalated = c.level === 2 || c.escalatedAt !== null || escalatedComplaints.has(c.id);
    for (const acc of accsAt(openedMs)) {
      acc.complaintsOpened++;
      if (escalated) acc.escalated++;
    }
    if (c.resolution && c.resolvedAt) {
      const resolvedMs = parseInstant(c.resolvedAt);
      for (const acc of accsAt(resolvedMs)) {
        acc.resolutions++;
        if (OVERTURN_OUTCOMES.includes(c.resolution.outcome)) acc.overturned++;
        acc.resolutionHours.push((resolvedMs - openedMs) / HOUR_MS);
      }
    }
  }

  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    from: iso(fromMs),
    to: iso(toMs),
    granularity,
    tz,
    asOf: iso(nowMs),
    filters: appliedFilters(filters),
    totals: {
      ...totals.figures(),
      backlog: { total: backlogTotal, byAge, byStatus },
      breachesOpen,
    },
    previous: { from: iso(prevFromMs), to: iso(fromMs), ...previous.figures() },
    buckets: buckets.map((acc, i) => ({
      start: iso(starts[i]),
      end: iso(i + 1 < starts.length ? starts[i + 1] : toMs),
      ...acc.figures(),
    })),
    reviewers: sortReviewers([...reviewers].map(([id, acc]) => acc.figures(id))),
  };
}
