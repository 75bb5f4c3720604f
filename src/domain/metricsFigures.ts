// How the dashboard's figures follow from counts and percentiles: one definition for both ways of
// answering (computeMetrics over the rows, and the roll-ups of mock-api/db/metricsRollups.ts).
import type {
  DecidedCounts,
  MetricsFilters,
  PeriodFigures,
  ReasonFigures,
  ReviewerFigures,
} from './metricsModel';
import { ratio } from './metricsPercentiles';

export interface ReasonSums {
  decided: number;
  approved: number;
}

/** The counts behind one period's figures (a bucket, the totals or the previous period). */
export interface PeriodSums {
  submitted: number;
  decided: DecidedCounts;
  /** decisions that carry a latency (the first after an SLA clock start) */
  timed: number;
  /** of those, the ones within the first-review SLA */
  withinSla: number;
  refundedFen: number;
  complaintsOpened: number;
  escalated: number;
  resolutions: number;
  overturned: number;
  byReason: Map<string, ReasonSums>;
}

export const noDecisions = (): DecidedCounts => ({
  approved: 0,
  partially_approved: 0,
  rejected: 0,
  info_requested: 0,
});

export function emptyPeriodSums(reasons: readonly string[]): PeriodSums {
  const byReason = new Map<string, ReasonSums>();
  for (const r of reasons) byReason.set(r, { decided: 0, approved: 0 });
  return {
    submitted: 0,
    decided: noDecisions(),
    timed: 0,
    withinSla: 0,
    refundedFen: 0,
    complaintsOpened: 0,
    escalated: 0,
    resolutions: 0,
    overturned: 0,
    byReason,
  };
}

export interface PeriodPercentiles {
  latencyP50: number | null;
  latencyP90: number | null;
  resolutionP50: number | null;
}

export function periodFigures(s: PeriodSums, p: PeriodPercentiles): PeriodFigures {
  const d = s.decided;
  const approvals = d.approved + d.partially_approved;
  const decided = approvals + d.rejected + d.info_requested;
  const byReason: Record<string, ReasonFigures> = {};
  for (const [reason, r] of s.byReason) {
    byReason[reason] = { decided: r.decided, approvalRate: ratio(r.approved, r.decided) };
  }
  return {
    submitted: s.submitted,
    decided: { ...d },
    approvalRate: ratio(approvals, decided),
    latencyHours: { p50: p.latencyP50, p90: p.latencyP90 },
    slaCompliance: ratio(s.withinSla, s.timed),
    refundedFen: s.refundedFen,
    partialShare: ratio(d.partially_approved, approvals),
    complaintsOpened: s.complaintsOpened,
    escalationRate: ratio(s.escalated, s.complaintsOpened),
    complaintsResolved: s.resolutions,
    overturnRate: ratio(s.overturned, s.resolutions),
    complaintResolutionHoursP50: p.resolutionP50,
    byReason,
  };
}

/** The counts behind one reviewer's figures over the period. */
export interface ReviewerSums {
  decided: DecidedCounts;
  decisions: number;
  timed: number;
  withinSla: number;
  against: number;
  /** distinct requests decided */
  requests: number;
  /** of those, the overturned ones */
  overturnedRequests: number;
}

export function reviewerFigures(
  reviewerId: string,
  s: ReviewerSums,
  latencyP50: number | null,
): ReviewerFigures {
  const approvals = s.decided.approved + s.decided.partially_approved;
  return {
    reviewerId,
    decisions: s.decisions,
    decided: { ...s.decided },
    latencyHoursP50: latencyP50,
    slaCompliance: ratio(s.withinSla, s.timed),
    approvalRate: ratio(approvals, s.decisions),
    requestsDecided: s.requests,
    overturnRate: ratio(s.overturnedRequests, s.requests),
    againstSuggestionCount: s.against,
    againstSuggestionShare: ratio(s.against, s.decisions),
  };
}

/** The reviewers' order on the dashboard: most decisions first, then by id. */
export function sortReviewers(list: ReviewerFigures[]): ReviewerFigures[] {
  return list.sort((a, b) => b.decisions - a.decisions || (a.reviewerId < b.reviewerId ? -1 : 1));
}

export function appliedFilters(f: MetricsFilters): MetricsFilters {
  const out: MetricsFilters = {};
  if (f.reasonCategory?.length) out.reasonCategory = [...f.reasonCategory];
  if (f.paymentChannel?.length) out.paymentChannel = [...f.paymentChannel];
  if (f.submissionChannel?.length) out.submissionChannel = [...f.submissionChannel];
  if (f.reviewerId) out.reviewerId = f.reviewerId;
  return out;
}
