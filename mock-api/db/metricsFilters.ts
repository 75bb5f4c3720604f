// The dashboard's filters (GET /api/metrics) as conditions on the refunds table, for the readers
// that count requests there directly (the expectation card, the review-time segments), and on the
// customer ratings, which keep their request's filter fields (the CSAT figures).
import type { SelectQueryBuilder } from 'kysely';
import type { MetricsFilters } from '../../src/domain/metrics';
import type { RatingTables } from './ratingTables';
import type { Database } from './schema';

type Refunds<O> = SelectQueryBuilder<Database, 'refunds', O>;

/** The reason and channel filters: any of the values chosen. */
export function whereListFilters<O>(query: Refunds<O>, filters: MetricsFilters): Refunds<O> {
  let q = query;
  if (filters.reasonCategory) q = q.where('reasonCategory', 'in', filters.reasonCategory);
  if (filters.paymentChannel) q = q.where('paymentChannel', 'in', filters.paymentChannel);
  if (filters.submissionChannel) q = q.where('submissionChannel', 'in', filters.submissionChannel);
  return q;
}

/** Requests decided by staff (the system's timeout is no decision), by the reviewer filtered on. */
export function whereDecidedByStaff<O>(query: Refunds<O>, filters: MetricsFilters): Refunds<O> {
  const byStaff = whereListFilters(query, filters).where('decisionBy', '<>', 'system');
  return filters.reviewerId ? byStaff.where('decisionBy', '=', filters.reviewerId) : byStaff;
}

type Ratings<O> = SelectQueryBuilder<Database & RatingTables, 'customerRatings', O>;

/** Ratings of the requests the filters keep, of the reviewer filtered on's decisions. */
export function whereRatingFilters<O>(query: Ratings<O>, filters: MetricsFilters): Ratings<O> {
  let q = query;
  if (filters.reasonCategory) q = q.where('reasonCategory', 'in', filters.reasonCategory);
  if (filters.paymentChannel) q = q.where('paymentChannel', 'in', filters.paymentChannel);
  if (filters.submissionChannel) q = q.where('submissionChannel', 'in', filters.submissionChannel);
  return filters.reviewerId ? q.where('decidedBy', '=', filters.reviewerId) : q;
}
