// The decisions of a request as the metrics count them, from its audit events.
import type { RefundRequest } from './model';
import {
  DECISION_ACTIONS,
  type ClassifiedDecision,
  type DecisionOutcome,
  type MetricsEvent,
} from './metricsModel';

// ---------------------------------------------------------------------------------------------
// Decisions: one classifier for the metrics and the refund list's `decided` filter

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
