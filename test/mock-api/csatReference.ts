// The dashboard's CSAT recomputed the plain way, from what the API serves: the ratings read back
// from the requests' audit events (not the ratings table the API counts), each request's filter
// fields from the refund list, kept when the rated decision falls in the period.
import { csatFigures, type CsatGroup } from '../../src/domain/csat';
import { ratingOfEvent } from '../../src/domain/customerRatings';
import type { MetricsAnswer, MetricsFilters } from '../../src/domain/metrics';
import {
  REASON_CATEGORIES,
  type AuditEvent,
  type ReasonCategory,
  type RefundRequest,
} from '../../src/domain/model';

export function referenceCsat(
  events: readonly AuditEvent[],
  refunds: readonly RefundRequest[],
  question: { from: string; to: string; filters: MetricsFilters },
) {
  const { filters } = question;
  const fromMs = Date.parse(question.from);
  const toMs = Date.parse(question.to);
  const byId = new Map(refunds.map((r) => [r.id, r]));
  const among = (list: readonly string[] | undefined, value: string) => !list || list.includes(value);
  const ratings: CsatGroup[] = [];
  for (const e of events) {
    const rating = ratingOfEvent(e);
    const request = rating ? byId.get(rating.refundId) : undefined;
    if (!rating || !request) continue;
    const decidedMs = Date.parse(rating.decidedAt);
    if (decidedMs < fromMs || decidedMs >= toMs) continue;
    if (
      !among(filters.reasonCategory, request.reasonCategory) ||
      !among(filters.paymentChannel, request.paymentChannel) ||
      !among(filters.submissionChannel, request.submissionChannel) ||
      (filters.reviewerId !== undefined && rating.decidedBy !== filters.reviewerId)
    ) {
      continue;
    }
    ratings.push({
      decidedBy: rating.decidedBy,
      reasonCategory: request.reasonCategory,
      outcome: rating.outcome,
      n: 1,
      scoreSum: rating.score,
    });
  }
  return csatFigures(ratings, (filters.reasonCategory as ReasonCategory[] | undefined) ?? REASON_CATEGORIES);
}

/** An answer recomputed without the API's CSAT reader, with the reference's CSAT for its period. */
export function withReferenceCsat(
  answer: MetricsAnswer,
  served: { events: readonly AuditEvent[]; refunds: readonly RefundRequest[] },
  filters: MetricsFilters,
): MetricsAnswer {
  const { csat, csatBy } = referenceCsat(served.events, served.refunds, {
    from: answer.from,
    to: answer.to,
    filters,
  });
  return { ...answer, totals: { ...answer.totals, csat }, csatBy };
}
