// The customer ratings' table (migration 024), beside the desk's schema (schema.ts) as the
// platform's tables are: read and written through `withRatings(db)`, never as a list resource.
import type { Kysely } from 'kysely';
import type { CustomerRating } from '../../src/domain/customerRatings';
import type { Database } from './schema';

/** One rating per request (CustomerRating): its score and the decision it rates. */
export interface CustomerRatingsTable {
  refundId: string;
  score: number;
  comment: string | null;
  ratedAt: string;
  decidedAt: string;
  decidedBy: string | null;
  outcome: string;
  reasonCategory: string;
  paymentChannel: string;
  submissionChannel: string;
}

// a type (not an interface): Kysely's withTables wants an indexable record
export type RatingTables = { customerRatings: CustomerRatingsTable };

export const withRatings = (db: Kysely<Database>): Kysely<Database & RatingTables> =>
  db.withTables<RatingTables>();

/** The row of a rating (every field is a column of its own). */
export function ratingRow(rating: CustomerRating): CustomerRatingsTable {
  return { ...rating };
}
