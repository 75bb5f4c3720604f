// What the refund workflow answers about a request without running an action: whether its
// decision can be overturned (shared with the complaint workflow), which request to claim next,
// and which timed change is due.
import type { RefundRequest } from './model';
import { refusal } from './refusal';
import { INFO_TIMEOUT_MS, payoutAt, toMs } from './sla';
import type { WorkflowRefusal } from './workflowEngine';

/**
 * What an overturn must exceed: nothing for a rejection, the amount already approved (or already
 * paid out) for a partial approval. The overturn's amountFen is the new total.
 */
export function overturnFloorFen(request: Pick<RefundRequest, 'status' | 'approvedFen'>): number {
  return request.status === 'rejected' ? 0 : (request.approvedFen ?? 0);
}

/**
 * Whether a request's decision can be overturned (409 when not), shared with the complaint workflow.
 * Rejected: always. Partially approved, not yet paid: a top-up to a larger total. Refunded: only when
 * the payout was partial (approvedFen < refundable): a top-up, paid as a second payout of the
 * difference. Approved in full: nothing left to give. Open requests: the review is not finished.
 */
export function overturnBlock(
  request: Pick<RefundRequest, 'status' | 'approvedFen'>,
  refundableFen: number,
): WorkflowRefusal | null {
  switch (request.status) {
    case 'rejected':
    case 'partially_approved':
      return null;
    case 'refunded':
      return request.approvedFen !== null && request.approvedFen < refundableFen
        ? null
        : refusal(409, 'overturn_refunded_in_full');
    case 'approved':
      return refusal(409, 'overturn_approved_in_full');
    default:
      return refusal(409, 'overturn_review_unfinished', { status: request.status });
  }
}

/** Most urgent first: SLA due time, then submission time, then id. */
export function compareClaimPriority(a: RefundRequest, b: RefundRequest): number {
  return (
    toMs(a.slaDueAt) - toMs(b.slaDueAt) ||
    toMs(a.submittedAt) - toMs(b.submittedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function isClaimable(r: RefundRequest): boolean {
  return r.status === 'pending' && r.assigneeId === null;
}

/** Awaiting information for at least INFO_TIMEOUT_MS (7 days). */
export function dueForInfoTimeout(r: RefundRequest, nowIso: string): boolean {
  return (
    r.status === 'awaiting_info' &&
    r.awaitingInfoSince !== null &&
    toMs(nowIso) - toMs(r.awaitingInfoSince) >= INFO_TIMEOUT_MS
  );
}

/** Approved and past its payout time (payoutAt from sla.ts, measured from decidedAt). */
export function dueForPayout(r: RefundRequest, nowIso: string, jitter01 = 0.5): boolean {
  return (
    (r.status === 'approved' || r.status === 'partially_approved') &&
    r.decidedAt !== null &&
    toMs(nowIso) >= toMs(payoutAt(r.paymentChannel, r.decidedAt, jitter01))
  );
}
