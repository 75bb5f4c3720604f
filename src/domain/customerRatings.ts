// The customer's rating of a decision (POST /api/platform/refund-requests/:id/rating): the body the
// platform sends, when a request may be rated (once, after its final decision), the rating as it is
// kept with the decision it rates, and its audit event. Pure: the mock API
// (mock-api/customerRatingService.ts) reads the request and any earlier rating and writes the
// result; the seed makes its ratings with the same functions. The dashboard's figures are csat.ts.
import { z } from 'zod';
import { LOCALES, type AuditEvent, type IsoDateTime, type RefundRequest } from './model';
import type { CsatOutcome } from './csat';
import { fieldCode, refusal, type Refusal } from './refusal';
import { hasVisibleContent } from './visibleText';

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];
export const RATING_COMMENT_MAX = 1000;

/** The audit action of a rating (the request's history shows "Customer rated 4/5"). */
export const CUSTOMER_RATING = 'customer_rating';

const MIN_SCORE = RATING_SCORES[0];
const MAX_SCORE = RATING_SCORES[RATING_SCORES.length - 1];
const scoreError = fieldCode('rating_score_choice', { min: MIN_SCORE, max: MAX_SCORE });

/** POST …/:id/rating: `{ score: 1..5, comment?, locale? }`; a blank comment is no comment. */
export const ratingBodySchema = z
  .object({
    score: z.int({ error: scoreError }).min(MIN_SCORE, { error: scoreError }).max(MAX_SCORE, {
      error: scoreError,
    }),
    comment: z
      .string({ error: fieldCode('text_required', { what: 'rating_comment' }) })
      .trim()
      .max(RATING_COMMENT_MAX, {
        error: fieldCode('text_too_long', { what: 'rating_comment', max: RATING_COMMENT_MAX }),
      })
      // zero-width and bidi characters alone are not words a reviewer could read
      .refine((text) => text === '' || hasVisibleContent(text), {
        error: fieldCode('text_invisible', { what: 'rating_comment' }),
      })
      .optional(),
    locale: z
      .enum(LOCALES, { error: fieldCode('locale_choice', { choices: LOCALES.join(', ') }) })
      .optional(),
  })
  .strict();
export type RatingBody = z.output<typeof ratingBodySchema>;

/** A rating as the desk keeps it: the score, and the decision it rates as it stood then. */
export interface CustomerRating {
  refundId: string;
  score: RatingScore;
  comment: string | null;
  ratedAt: IsoDateTime;
  /** when the rated decision took effect: the dashboard counts a rating in the period of its decision */
  decidedAt: IsoDateTime;
  /** the staff member whose decision was rated; null for the information timeout (no one decided) */
  decidedBy: string | null;
  outcome: CsatOutcome;
  reasonCategory: RefundRequest['reasonCategory'];
  paymentChannel: RefundRequest['paymentChannel'];
  submissionChannel: RefundRequest['submissionChannel'];
}

type RatedRequest = Pick<
  RefundRequest,
  | 'id'
  | 'status'
  | 'decidedAt'
  | 'decision'
  | 'approvedFen'
  | 'refundableFen'
  | 'overturned'
  | 'reasonCategory'
  | 'paymentChannel'
  | 'submissionChannel'
>;

/**
 * The outcome the customer was told, or null while nothing is final: approved, partly approved
 * (paid out or not) or rejected. The open statuses, a second approval still awaited among them,
 * have no final decision yet.
 */
export function ratedOutcome(
  request: Pick<RefundRequest, 'status' | 'approvedFen' | 'refundableFen'>,
): CsatOutcome | null {
  switch (request.status) {
    case 'approved':
    case 'partially_approved':
    case 'rejected':
      return request.status;
    case 'refunded':
      return request.approvedFen !== null && request.approvedFen < request.refundableFen
        ? 'partially_approved'
        : 'approved';
    default:
      return null;
  }
}

/** 409 while the request has no final decision, or once it has been rated. */
export function ratingRefusal(
  request: Pick<RefundRequest, 'status' | 'approvedFen' | 'refundableFen' | 'decidedAt'>,
  earlier: Pick<CustomerRating, 'score'> | null,
): Refusal<409> | null {
  if (earlier) return refusal(409, 'rating_already_given', { score: earlier.score });
  if (ratedOutcome(request) === null || request.decidedAt === null) {
    return refusal(409, 'rating_not_decided', { status: request.status });
  }
  return null;
}

/**
 * Who made the decision the customer rates: the supervisor whose overturn (after a complaint) gave
 * the outcome, else the reviewer credited with the decision (a second approval confirms the
 * reviewer's), none for the information timeout. `events`: the request's audit events.
 */
export function ratedDecisionBy(
  request: Pick<RefundRequest, 'id' | 'decision' | 'overturned'>,
  events: readonly Pick<AuditEvent, 'refundId' | 'action' | 'actorId' | 'at'>[],
): string | null {
  if (request.overturned) {
    let last: Pick<AuditEvent, 'actorId' | 'at'> | null = null;
    for (const e of events) {
      if (e.refundId === request.id && e.action === 'overturn' && (!last || e.at >= last.at)) last = e;
    }
    if (last?.actorId) return last.actorId;
  }
  const by = request.decision?.by ?? null;
  return by === 'system' ? null : by;
}

/** The rating of a request that ratingRefusal let through. */
export function customerRating(
  request: RatedRequest,
  body: { score: number; comment?: string },
  decidedBy: string | null,
  nowIso: IsoDateTime,
): CustomerRating {
  const outcome = ratedOutcome(request);
  if (outcome === null || request.decidedAt === null) {
    throw new RangeError(`Request ${request.id} has no final decision to rate.`);
  }
  const comment = body.comment?.trim() ?? '';
  return {
    refundId: request.id,
    score: body.score as RatingScore,
    comment: comment === '' ? null : comment,
    ratedAt: nowIso,
    decidedAt: request.decidedAt,
    decidedBy,
    outcome,
    reasonCategory: request.reasonCategory,
    paymentChannel: request.paymentChannel,
    submissionChannel: request.submissionChannel,
  };
}

/** The rating's audit event: the customer's act, on the request's history, changing no status. */
export function ratingEvent(
  rating: CustomerRating,
  status: RefundRequest['status'],
  platformClientId: string | null,
): Omit<AuditEvent, 'id'> {
  return {
    subject: 'refund',
    refundId: rating.refundId,
    complaintId: null,
    action: CUSTOMER_RATING,
    actorId: null,
    actorKind: 'customer',
    at: rating.ratedAt,
    statusBefore: status,
    statusAfter: status,
    details: {
      score: rating.score,
      ...(rating.comment !== null ? { comment: rating.comment } : {}),
      decidedAt: rating.decidedAt,
      decidedBy: rating.decidedBy,
      outcome: rating.outcome,
      ...(platformClientId !== null ? { platformClientId } : {}),
    },
  };
}

/** The rating an audit event records, or null when it is not a rating (the public view, the seed). */
export function ratingOfEvent(
  event: Pick<AuditEvent, 'action' | 'refundId' | 'at' | 'details'>,
): Pick<
  CustomerRating,
  'refundId' | 'score' | 'comment' | 'ratedAt' | 'decidedAt' | 'decidedBy' | 'outcome'
> | null {
  const d = event.details;
  if (event.action !== CUSTOMER_RATING || !d || typeof d.score !== 'number') return null;
  return {
    refundId: event.refundId,
    score: d.score as RatingScore,
    comment: typeof d.comment === 'string' ? d.comment : null,
    ratedAt: event.at,
    decidedAt: String(d.decidedAt),
    decidedBy: typeof d.decidedBy === 'string' ? d.decidedBy : null,
    outcome: d.outcome as CsatOutcome,
  };
}
