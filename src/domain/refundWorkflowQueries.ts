// What the refund workflow answers about a request without running an action: whether its
// decision can be overturned (shared with the complaint workflow), which request to claim next,
// and which timed change is due.
import {
  PAYMENT_CHANNELS,
  type IsoDateTime,
  type PaymentChannel,
  type RefundRequest,
  type RefundStatus,
} from './model';
import { refusal } from './refusal';
import { INFO_TIMEOUT_MS, PAYOUT_DELAY_MS, payoutAt, toIso, toMs } from './sla';
import { idleClaimMinutesOf, type SlaSettings } from './slaSettings';
import { addWorkingTime, calendarOf } from './workingCalendar';
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

const MINUTE_MS = 60_000;

/**
 * When a claim left without an action goes back to the queue: idleClaimMinutes of working time
 * after the request last changed (updatedAt: the claim itself or any later action on it), so a
 * claim taken on Friday evening is not lost over a weekend the desk is closed.
 */
export function idleReleaseAt(r: Pick<RefundRequest, 'updatedAt'>, settings: SlaSettings): IsoDateTime {
  const idleMs = idleClaimMinutesOf(settings) * MINUTE_MS;
  return toIso(addWorkingTime(calendarOf(settings), toMs(r.updatedAt), idleMs));
}

/** In review, held by someone, and idle for the settings' working minutes. */
export function dueForIdleRelease(r: RefundRequest, settings: SlaSettings, nowIso: string): boolean {
  return (
    r.status === 'in_review' && r.assigneeId !== null && toMs(nowIso) >= toMs(idleReleaseAt(r, settings))
  );
}

/**
 * Where a timed change can be due, as a database can select it: requests in `statuses` (on
 * `paymentChannel`, when given) whose `since` time is at or before `notAfter`. A superset of the
 * due requests: the clockwork reads only these, and the rules above decide on each.
 */
export interface TimedRefundWindow {
  statuses: readonly RefundStatus[];
  since: 'awaitingInfoSince' | 'decidedAt' | 'updatedAt';
  notAfter: IsoDateTime;
  paymentChannel?: PaymentChannel;
}

/** dueForInfoTimeout's window: awaiting information for at least INFO_TIMEOUT_MS. */
export function infoTimeoutWindows(nowIso: string): TimedRefundWindow[] {
  return [
    {
      statuses: ['awaiting_info'],
      since: 'awaitingInfoSince',
      notAfter: toIso(toMs(nowIso) - INFO_TIMEOUT_MS),
    },
  ];
}

/** dueForPayout's windows: decided at least the channel's shortest payout delay ago. */
export function payoutWindows(nowIso: string): TimedRefundWindow[] {
  return PAYMENT_CHANNELS.map((channel) => ({
    statuses: ['approved', 'partially_approved'],
    since: 'decidedAt',
    paymentChannel: channel,
    notAfter: toIso(toMs(nowIso) - PAYOUT_DELAY_MS[channel].min),
  }));
}

/**
 * dueForIdleRelease's window: in review and unchanged for idleClaimMinutes of wall time (working
 * time is never longer, so every due claim lies in it; the rule above then counts working time).
 */
export function idleReleaseWindows(nowIso: string, settings: SlaSettings): TimedRefundWindow[] {
  return [
    {
      statuses: ['in_review'],
      since: 'updatedAt',
      notAfter: toIso(toMs(nowIso) - idleClaimMinutesOf(settings) * MINUTE_MS),
    },
  ];
}

/** Whether `r` lies in one of `windows` (the in-memory desk's selection, and the tests'). */
export function inTimedWindow(r: RefundRequest, windows: readonly TimedRefundWindow[]): boolean {
  return windows.some((w) => {
    const since = r[w.since];
    return (
      w.statuses.includes(r.status) &&
      (w.paymentChannel === undefined || r.paymentChannel === w.paymentChannel) &&
      since !== null &&
      toMs(since) <= toMs(w.notAfter)
    );
  });
}
