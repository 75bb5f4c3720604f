// The vocabulary and the answer shape of the dashboard's figures (computed in metrics.ts).
import type { AuditEvent, Complaint, RefundRequest } from './model';
import type { CsatBreakdown, CsatFigures } from './csat';
import { GRANULARITIES, type Granularity } from './metricsTime';
import type { LatencyBySegment, WeekHourCell } from './reviewSegments';
import { DAY_MS, HOUR_MS } from './sla';

// ---------------------------------------------------------------------------------------------
// Vocabulary

export { GRANULARITIES, type Granularity };

export const DECISION_OUTCOMES = ['approved', 'partially_approved', 'rejected', 'info_requested'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The staff actions that are decisions (info_timeout is the system's, not a reviewer's decision). */
export const DECISION_ACTIONS = ['approve', 'reject', 'request_info'] as const;

export const BACKLOG_AGES = ['under4h', 'h4to24', 'd1to3', 'over3d'] as const;
export type BacklogAge = (typeof BACKLOG_AGES)[number];
/** Age bounds in ms since submission, [min, max), per backlog age band. */
export const BACKLOG_AGE_BOUNDS: Record<BacklogAge, readonly [number, number]> = {
  under4h: [0, 4 * HOUR_MS],
  h4to24: [4 * HOUR_MS, 24 * HOUR_MS],
  d1to3: [24 * HOUR_MS, 3 * DAY_MS],
  over3d: [3 * DAY_MS, Number.POSITIVE_INFINITY],
};

/** Complaint outcomes that count as overturning the refund decision. */
export const OVERTURN_OUTCOMES: readonly string[] = ['overturned', 'partially_overturned'];
/** Complaint audit actions that escalate a complaint. */
export const ESCALATION_ACTIONS: readonly string[] = ['escalate', 'auto_escalate'];

/**
 * i18n keys of the definition of every figure, for tooltips; the texts live in the dashboard's
 * message catalogue (en and zh-CN) and say in words what the code below computes.
 */
export const METRIC_DEFINITIONS = {
  submitted: 'dashboard.definitions.submitted',
  decided: 'dashboard.definitions.decided',
  approvalRate: 'dashboard.definitions.approvalRate',
  latency: 'dashboard.definitions.latency',
  slaCompliance: 'dashboard.definitions.slaCompliance',
  breachesOpen: 'dashboard.definitions.breachesOpen',
  backlog: 'dashboard.definitions.backlog',
  refundedFen: 'dashboard.definitions.refundedFen',
  partialShare: 'dashboard.definitions.partialShare',
  complaintsOpened: 'dashboard.definitions.complaintsOpened',
  escalationRate: 'dashboard.definitions.escalationRate',
  overturnRate: 'dashboard.definitions.overturnRate',
  complaintResolutionHours: 'dashboard.definitions.complaintResolutionHours',
  reviewerOverturnRate: 'dashboard.definitions.reviewerOverturnRate',
  againstSuggestion: 'dashboard.definitions.againstSuggestion',
  previous: 'dashboard.definitions.previous',
  expectationAccuracy: 'dashboard.definitions.expectationAccuracy',
  segmentLatency: 'dashboard.definitions.segmentLatency',
  heatMap: 'dashboard.definitions.heatMap',
  csat: 'dashboard.definitions.csat',
} as const;
export type MetricKey = keyof typeof METRIC_DEFINITIONS;

// ---------------------------------------------------------------------------------------------
// Answer shape

export interface MetricsFilters {
  reasonCategory?: readonly string[];
  paymentChannel?: readonly string[];
  submissionChannel?: readonly string[];
  reviewerId?: string;
}

/** The fields of a request the metrics read (a caller reading rows may load only these). */
export type MetricsRefund = Pick<
  RefundRequest,
  | 'id'
  | 'reasonCategory'
  | 'paymentChannel'
  | 'submissionChannel'
  | 'submittedAt'
  | 'status'
  | 'slaDueAt'
  | 'overturned'
>;

/** The fields of an audit event the metrics and classifyDecisions read. */
export type MetricsEvent = Pick<
  AuditEvent,
  | 'id'
  | 'subject'
  | 'refundId'
  | 'complaintId'
  | 'action'
  | 'actorId'
  | 'actorKind'
  | 'at'
  | 'amountFen'
  | 'details'
>;

/** The fields of a complaint the metrics read. */
export type MetricsComplaint = Pick<
  Complaint,
  'id' | 'refundId' | 'openedAt' | 'level' | 'escalatedAt' | 'resolvedAt'
> & { resolution: Pick<NonNullable<Complaint['resolution']>, 'outcome'> | null };

export interface MetricsInput {
  refunds: Iterable<MetricsRefund>;
  /**
   * The audit events. When `decisionsFor` is given, only the payout and complaint-escalation
   * events are read from here, so a caller with an index may pass just those.
   */
  events: Iterable<MetricsEvent>;
  /**
   * A request's classified decisions (classifyDecisions over its events), when the caller keeps
   * them cached: the server's event index does, so a dashboard refresh does not re-classify
   * every request's history.
   */
  decisionsFor?: (refund: MetricsRefund) => readonly ClassifiedDecision[];
  complaints: Iterable<MetricsComplaint>;
  /** ISO-8601 instants; the period is [from, to) */
  from: string;
  to: string;
  granularity: Granularity;
  /** IANA time zone of the buckets, e.g. Asia/Shanghai */
  tz: string;
  filters: MetricsFilters;
  nowMs: number;
}

export type DecidedCounts = Record<DecisionOutcome, number>;

export interface ReasonFigures {
  decided: number;
  approvalRate: number | null;
}

export interface PeriodFigures {
  submitted: number;
  decided: DecidedCounts;
  approvalRate: number | null;
  latencyHours: { p50: number | null; p90: number | null };
  slaCompliance: number | null;
  refundedFen: number;
  partialShare: number | null;
  complaintsOpened: number;
  escalationRate: number | null;
  /** complaints resolved in the period (resolvedAt): the denominator of overturnRate */
  complaintsResolved: number;
  overturnRate: number | null;
  complaintResolutionHoursP50: number | null;
  byReason: Record<string, ReasonFigures>;
}

export interface MetricsBucket extends PeriodFigures {
  /** first instant counted in this bucket (local midnight, or `from` for a clipped first bucket) */
  start: string;
  /** first instant of the next bucket (or `to`) */
  end: string;
}

export interface BacklogFigures {
  total: number;
  byAge: Record<BacklogAge, number>;
  byStatus: Record<string, number>;
}

export interface MetricsTotals extends PeriodFigures {
  backlog: BacklogFigures;
  breachesOpen: number;
  /** the customers' ratings of the decisions made in the period (csat.ts), from the API's own reader */
  csat?: CsatFigures;
}

export interface ReviewerFigures {
  reviewerId: string;
  decisions: number;
  decided: DecidedCounts;
  latencyHoursP50: number | null;
  slaCompliance: number | null;
  approvalRate: number | null;
  /** distinct requests this reviewer decided in the period */
  requestsDecided: number;
  overturnRate: number | null;
  againstSuggestionCount: number;
  againstSuggestionShare: number | null;
}

export interface MetricsAnswer {
  from: string;
  to: string;
  granularity: Granularity;
  tz: string;
  /** the "now" of backlog and open breaches */
  asOf: string;
  /** the filters applied (empty lists left out) */
  filters: MetricsFilters;
  totals: MetricsTotals;
  previous: PeriodFigures & { from: string; to: string };
  buckets: MetricsBucket[];
  reviewers: ReviewerFigures[];
  /** how often the expected decision time told at submission held (expectedDecision.ts) */
  expectationAccuracy?: ExpectationAccuracy;
  /** the seed's review-time factors (reviewSegments.ts): waits that began off-hours, at peak, for tipping */
  latencyHoursBySegment?: LatencyBySegment;
  /** submissions and decisions per local hour of the week, in `tz` (Monday 00:00 first) */
  heatMap?: { tz: string; cells: WeekHourCell[] };
  /** the same ratings as totals.csat by the reviewer who decided, the reason and the outcome rated */
  csatBy?: CsatBreakdown;
}

/** Of the requests decided in the period that were told an expected decision time at submission. */
export interface ExpectationAccuracy {
  /** decided requests that had been given an expectation */
  n: number;
  /** of those, decided by the expected time */
  held: number;
  /** held / n; null when n is 0 */
  heldShare: number | null;
  /** how late the missed ones were, in hours (nearest rank; null when none missed) */
  missHours: { p50: number | null; p90: number | null; n: number };
}

export interface ClassifiedDecision {
  eventId: string;
  refundId: string;
  at: string;
  atMs: number;
  outcome: DecisionOutcome;
  reviewerId: string;
  againstSuggestion: boolean;
  /**
   * For the first decision after the start of an SLA clock (submission, or the customer's latest
   * reply): ms from that start. Null for any later decision of the same clock.
   */
  latencyMs: number | null;
}
