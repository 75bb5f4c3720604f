// What the customer (and the platform serving them) may see of a refund request: the platform API's
// answers and every webhook's `data.refundRequest` are this view, never the staff record. Nothing
// internal crosses: no assignee, no notes, no policy flags, no reviewer names, no versions.
import type {
  AuditEvent,
  CoinHold,
  Fen,
  InfoItem,
  IsoDateTime,
  PaymentChannel,
  RefundRequest,
  RefundStatus,
} from './model';
import { compareIds } from './ids';
import { ratingOfEvent, type CustomerRating } from './customerRatings';
import { awaitsDecision } from './expectedDecision';
import { isOpen } from './sla';

/** The statuses a customer is told; the desk's inner steps (claimed, a second approval) read as "in review". */
export const PUBLIC_REFUND_STATUSES = [
  'received',
  'in_review',
  'awaiting_info',
  'approved',
  'partially_approved',
  'rejected',
  'refunded',
] as const;
export type PublicRefundStatus = (typeof PUBLIC_REFUND_STATUSES)[number];

const PUBLIC_STATUS: Record<RefundStatus, PublicRefundStatus> = {
  pending: 'received',
  in_review: 'in_review',
  awaiting_second_approval: 'in_review',
  awaiting_info: 'awaiting_info',
  approved: 'approved',
  partially_approved: 'partially_approved',
  rejected: 'rejected',
  refunded: 'refunded',
};

export function publicRefundStatus(status: RefundStatus): PublicRefundStatus {
  return PUBLIC_STATUS[status];
}

/** A message the customer was sent, in the words and language they received it. */
export interface CustomerMessageSent {
  at: IsoDateTime;
  /** the workflow action that sent it (request_info, reject, approve, a complaint's resolve …) */
  action: string;
  text: string;
}

/** The customer's own rating of the decision, as they gave it (nothing of the decision it is kept with). */
export type PublicRating = Pick<CustomerRating, 'score' | 'comment' | 'ratedAt'>;

export interface RefundPublicView {
  id: string;
  orderNumber: string;
  customerId: string;
  status: PublicRefundStatus;
  submittedAt: IsoDateTime;
  reasonCategory: RefundRequest['reasonCategory'];
  description: string;
  providedItems: InfoItem[];
  /** what the desk asked for and is still waiting on (empty unless awaiting information) */
  missingItems: InfoItem[];
  /** when the desk expects to decide, while it is deciding; null once decided or while waiting on the customer */
  expectedDecisionAt: IsoDateTime | null;
  /**
   * the expected decision time told to the customer at submission (expectedDecision.ts: the queue
   * ahead at the desk's pace, in working hours), while the desk owes that decision; null once
   * decided, after a request for information (the clock restarted), and on older requests
   */
  expectedDecisionBy: IsoDateTime | null;
  refundableFen: Fen;
  approvedFen: Fen | null;
  rejectionReason: string | null;
  paymentChannel: PaymentChannel;
  expectedArrivalAt: IsoDateTime | null;
  refundedAt: IsoDateTime | null;
  /** the rejected request this one resubmits */
  resubmissionOf: string | null;
  messages: CustomerMessageSent[];
  /** the order's coins held for this request and what became of them; null for requests from before coins were held */
  coinHold: CoinHold | null;
  /** the customer's rating of the decision (once per request); null until they rate it */
  rating: PublicRating | null;
  updatedAt: IsoDateTime;
}

/**
 * The customer's view of a request. `events` are the request's audit events (any order); the
 * messages are those of its events that carried a customer message, oldest first.
 */
export function refundPublicView(request: RefundRequest, events: readonly AuditEvent[]): RefundPublicView {
  const awaiting = request.status === 'awaiting_info';
  const messages = events
    .filter(
      (e) => e.refundId === request.id && typeof e.customerMessage === 'string' && e.customerMessage !== '',
    )
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : compareIds(a.id, b.id)))
    .map((e) => ({ at: e.at, action: e.action, text: e.customerMessage as string }));
  let rating: PublicRating | null = null;
  for (const e of events) {
    const given = e.refundId === request.id ? ratingOfEvent(e) : null;
    if (given) rating = { score: given.score, comment: given.comment, ratedAt: given.ratedAt };
  }
  return {
    id: request.id,
    orderNumber: request.orderNumber,
    customerId: request.customerId,
    status: publicRefundStatus(request.status),
    submittedAt: request.submittedAt,
    reasonCategory: request.reasonCategory,
    description: request.description,
    providedItems: [...request.providedItems],
    missingItems: awaiting ? [...(request.decision?.missingItems ?? [])] : [],
    expectedDecisionAt: isOpen(request.status) && !awaiting ? request.slaDueAt : null,
    expectedDecisionBy:
      awaitsDecision(request.status) && request.slaStartAt === request.submittedAt
        ? (request.expectedDecisionGiven ?? null)
        : null,
    refundableFen: request.refundableFen,
    approvedFen: request.approvedFen,
    rejectionReason: request.status === 'rejected' ? (request.decision?.reasonCode ?? null) : null,
    paymentChannel: request.paymentChannel,
    expectedArrivalAt: request.expectedArrivalAt,
    refundedAt: request.refundedAt,
    resubmissionOf: request.resubmissionOf,
    messages,
    coinHold: request.coinHold ? { ...request.coinHold } : null,
    rating,
    updatedAt: request.updatedAt,
  };
}
