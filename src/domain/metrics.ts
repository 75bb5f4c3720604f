// The aggregations behind the dashboard. Pure: no I/O, no clock (the caller passes `nowMs`).
// Each figure is defined once here; the definitions shown in tooltips are the i18n keys of
// METRIC_DEFINITIONS. One pass over each collection, then one small sort per request's own events.
//
// Periods are half-open intervals [from, to) of instants. Buckets start at local midnight (day)
// or local Monday 00:00 (week) in the IANA time zone `tz`; the first and last buckets are clipped
// to [from, to), and every bucket of the range is present even when it is empty.
import type { AuditEvent, Complaint, RefundRequest, RefundStatus } from './model';
import { OPEN_REFUND_STATUSES, REASON_CATEGORIES } from './model';
import { DAY_MS, FIRST_REVIEW_SLA_MS, HOUR_MS, slaState } from './sla';

// ---------------------------------------------------------------------------------------------
// Vocabulary

export const GRANULARITIES = ['day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

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
}

// ---------------------------------------------------------------------------------------------
// Percentiles

/**
 * Nearest-rank percentile: the value at 1-based rank ⌈p/100 · n⌉ of the values sorted ascending
 * (no interpolation: the answer is always one of the observed values). n = 0 → null.
 * Examples: p50 of [1, 3] is 1 (rank 1); p50 of [1, 2, 3] is 2 (rank 2); p90 of 10 values is the 9th.
 */
export function percentileNearestRank(values: readonly number[], p: number): number | null {
  return percentilesNearestRank(values, [p])[0];
}

/** Several percentiles from one sort (a typed array sorts numerically, without a comparator). */
export function percentilesNearestRank(values: readonly number[], ps: readonly number[]): (number | null)[] {
  if (values.length === 0) return ps.map(() => null);
  const sorted = Float64Array.from(values).sort();
  return ps.map(
    (p) => sorted[Math.min(Math.max(1, Math.ceil((p / 100) * sorted.length)), sorted.length) - 1],
  );
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

// ---------------------------------------------------------------------------------------------
// Time zones (Intl.DateTimeFormat only)

export interface LocalDate {
  y: number;
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function localParts(ms: number, tz: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    y: parts.year,
    m: parts.month,
    d: parts.day,
    h: parts.hour === 24 ? 0 : parts.hour,
    mi: parts.minute,
    s: parts.second,
  };
}

/** Offset of `tz` from UTC at the instant `ms`, in ms (Asia/Shanghai: +8 h). */
export function timeZoneOffsetMs(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  const wall = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The calendar date in `tz` at the instant `ms`. */
export function localDateOf(ms: number, tz: string): LocalDate {
  const { y, m, d } = localParts(ms, tz);
  return { y, m, d };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
function isoWeekday(date: LocalDate): number {
  return (new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7;
}

/**
 * The first instant of the local calendar day `date` in `tz`: local midnight, or the end of the
 * DST gap where midnight does not exist (e.g. America/Sao_Paulo on 2018-11-04 starts at 01:00).
 * Probes the offsets a day either side, and keeps the earliest candidate that falls on `date`.
 */
export function startOfLocalDay(date: LocalDate, tz: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d);
  let best: number | null = null;
  for (const probe of [wall - DAY_MS, wall, wall + DAY_MS]) {
    const t = wall - timeZoneOffsetMs(probe, tz);
    const p = localParts(t, tz);
    if (p.y === date.y && p.m === date.m && p.d === date.d && (best === null || t < best)) best = t;
  }
  return best ?? wall - timeZoneOffsetMs(wall, tz);
}

/** Start of the bucket (local day, or local week from Monday) that contains the instant `ms`. */
export function bucketStartOf(ms: number, granularity: Granularity, tz: string): number {
  let date = localDateOf(ms, tz);
  if (granularity === 'week') date = addDays(date, -isoWeekday(date));
  return startOfLocalDay(date, tz);
}

/**
 * The bucket boundaries of [fromMs, toMs): starts[i] ≤ t < starts[i+1] (the last bucket ends at
 * toMs). The first start is clipped to fromMs; every following start is a local midnight.
 */
export function bucketStarts(fromMs: number, toMs: number, granularity: Granularity, tz: string): number[] {
  if (!(fromMs < toMs)) return [];
  let date = localDateOf(fromMs, tz);
  if (granularity === 'week') date = addDays(date, -isoWeekday(date));
  const step = granularity === 'week' ? 7 : 1;
  const starts = [fromMs];
  for (;;) {
    date = addDays(date, step);
    const s = startOfLocalDay(date, tz);
    if (s >= toMs) break;
    if (s > starts[starts.length - 1]) starts.push(s);
  }
  return starts;
}

// ---------------------------------------------------------------------------------------------
// Decisions: one classifier for the metrics and the refund list's `decided` filter

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

const CLASSIFIER_ACTIONS: ReadonlySet<string> = new Set([
  ...DECISION_ACTIONS,
  'customer_reply',
  'second_approval',
]);

/** Does this audit event play a part in classifying decisions? (The event index keeps only those.) */
export function isDecisionRelevant(event: MetricsEvent): boolean {
  return event.subject === 'refund' && CLASSIFIER_ACTIONS.has(event.action);
}

function eventSeq(id: string): number {
  const n = Number(id.replace(/^\D+/, ''));
  return Number.isFinite(n) ? n : 0;
}

function outcomeOf(event: MetricsEvent): DecisionOutcome {
  if (event.action === 'reject') return 'rejected';
  if (event.action === 'request_info') return 'info_requested';
  const refundable = event.details?.refundableFen;
  const amount = event.amountFen;
  return typeof refundable === 'number' && typeof amount === 'number' && amount < refundable
    ? 'partially_approved'
    : 'approved';
}

/**
 * The decisions of one request, oldest first, from its audit events (any order, other requests'
 * events and irrelevant actions are ignored).
 *
 * A decision is a staff 'approve', 'reject' or 'request_info' event; its outcome is
 * info_requested, rejected, or approved — partially_approved when amountFen < details.refundableFen.
 * An approval that a supervisor sent back (the next second_approval event says 'send_back')
 * never took effect and is not a decision: the reviewer's next decision replaces it.
 * The system's information timeout is not a decision either.
 *
 * Latency: the SLA clock starts at submission and restarts at each customer_reply; the first
 * decision after a start carries latencyMs = decision time − start, so time spent waiting for the
 * customer is never counted.
 */
export function classifyDecisions(
  refund: Pick<RefundRequest, 'id' | 'submittedAt'>,
  events: Iterable<MetricsEvent>,
): ClassifiedDecision[] {
  const relevant: { e: MetricsEvent; ms: number; seq: number }[] = [];
  for (const e of events) {
    if (e.refundId !== refund.id || !isDecisionRelevant(e)) continue;
    relevant.push({ e, ms: Date.parse(e.at), seq: eventSeq(e.id) });
  }
  relevant.sort((a, b) => a.ms - b.ms || a.seq - b.seq);

  const out: ClassifiedDecision[] = [];
  let clockStart = Date.parse(refund.submittedAt);
  let clockDecided = false;
  let pendingApproval: { e: MetricsEvent; ms: number } | null = null;

  const emit = (e: MetricsEvent, ms: number) => {
    out.push({
      eventId: e.id,
      refundId: refund.id,
      at: e.at,
      atMs: ms,
      outcome: outcomeOf(e),
      reviewerId: e.actorId!,
      againstSuggestion: e.details?.againstSuggestion === true,
      latencyMs: clockDecided ? null : ms - clockStart,
    });
    clockDecided = true;
  };
  const flush = () => {
    if (pendingApproval) emit(pendingApproval.e, pendingApproval.ms);
    pendingApproval = null;
  };

  for (const { e, ms } of relevant) {
    switch (e.action) {
      case 'customer_reply':
        flush();
        clockStart = ms;
        clockDecided = false;
        break;
      case 'second_approval':
        if (pendingApproval && e.details?.decision === 'send_back') pendingApproval = null;
        else flush();
        break;
      default: {
        flush();
        if (e.actorKind !== 'staff' || !e.actorId) break;
        if (e.action === 'approve') pendingApproval = { e, ms };
        else emit(e, ms);
      }
    }
  }
  flush();
  return out;
}

/** The part of the `decided` list filter (and of the metrics) that selects one decision. */
export interface DecisionSelector {
  fromMs: number;
  toMs: number;
  /** absent: any outcome; an empty list matches nothing */
  outcomes?: readonly DecisionOutcome[];
  reviewerId?: string;
}

export function decisionMatches(d: ClassifiedDecision, s: DecisionSelector): boolean {
  return (
    d.atMs >= s.fromMs &&
    d.atMs < s.toMs &&
    (!s.outcomes || s.outcomes.includes(d.outcome)) &&
    (!s.reviewerId || d.reviewerId === s.reviewerId)
  );
}

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
    const d = this.decided;
    const approvals = d.approved + d.partially_approved;
    const decided = approvals + d.rejected + d.info_requested;
    const byReason: Record<string, ReasonFigures> = {};
    for (const [reason, r] of this.byReason) {
      byReason[reason] = { decided: r.decided, approvalRate: ratio(r.approved, r.decided) };
    }
    const latency = percentilesNearestRank(this.latencies, [50, 90]);
    return {
      submitted: this.submitted,
      decided: { ...d },
      approvalRate: ratio(approvals, decided),
      latencyHours: {
        p50: latency[0],
        p90: latency[1],
      },
      slaCompliance: ratio(this.withinSla, this.latencies.length),
      refundedFen: this.refundedFen,
      partialShare: ratio(d.partially_approved, approvals),
      complaintsOpened: this.complaintsOpened,
      escalationRate: ratio(this.escalated, this.complaintsOpened),
      complaintsResolved: this.resolutions,
      overturnRate: ratio(this.overturned, this.resolutions),
      complaintResolutionHoursP50: percentileNearestRank(this.resolutionHours, 50),
      byReason,
    };
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
    const approvals = this.decided.approved + this.decided.partially_approved;
    return {
      reviewerId,
      decisions: this.decisions,
      decided: { ...this.decided },
      latencyHoursP50: percentileNearestRank(this.latencies, 50),
      slaCompliance: ratio(this.withinSla, this.latencies.length),
      approvalRate: ratio(approvals, this.decisions),
      requestsDecided: this.requests.size,
      overturnRate: ratio(this.overturnedRequests.size, this.requests.size),
      againstSuggestionCount: this.against,
      againstSuggestionShare: ratio(this.against, this.decisions),
    };
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

function appliedFilters(f: MetricsFilters): MetricsFilters {
  const out: MetricsFilters = {};
  if (f.reasonCategory?.length) out.reasonCategory = [...f.reasonCategory];
  if (f.paymentChannel?.length) out.paymentChannel = [...f.paymentChannel];
  if (f.submissionChannel?.length) out.submissionChannel = [...f.submissionChannel];
  if (f.reviewerId) out.reviewerId = f.reviewerId;
  return out;
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
    reviewers: [...reviewers]
      .map(([id, acc]) => acc.figures(id))
      .sort((a, b) => b.decisions - a.decisions || (a.reviewerId < b.reviewerId ? -1 : 1)),
  };
}
