// The customer's rating of a decision (POST /api/platform/refund-requests/:id/rating), one command:
// the request (404), the rule (src/domain/customerRatings.ts: decided, not rated yet — 409), then the
// body (422), then the rating row and its audit event in the same commit. The row is keyed by the
// request: on SQLite one command writes at a time, so the second of two posts finds the first; on
// PostgreSQL the second insert is a key conflict (or a serialization failure the desk retries), the
// command is run again, finds the rating and refuses as the rule says.
import {
  customerRating,
  ratedDecisionBy,
  ratingBodySchema,
  ratingEvent,
  ratingRefusal,
  type CustomerRating,
} from '../src/domain/customerRatings';
import type { AuditEvent } from '../src/domain/model';
import type { PublicRating } from '../src/domain/refundPublicView';
import { fromRow } from './db/codecs';
import { ratingRow, withRatings } from './db/ratingTables';
import { transactionDb, type SqlDesk } from './db/sqlDesk';
import { isUniqueViolation } from './db/uniqueViolation';
import { parseBody, refusalError } from './http';
import type { PlatformClient } from './platformClients';
import { platformRefund } from './platformIntakeService';

const CONFLICT_ATTEMPTS = 3;

/** What the platform is answered: the rating as the customer gave it. */
export type RatingAnswer = PublicRating & { refundId: string };

export async function rateRequest(
  desk: SqlDesk,
  client: PlatformClient,
  refundId: string,
  body: unknown,
  nowIso: string,
): Promise<RatingAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      const rating = await desk.command(async (tx) => {
        const refund = await platformRefund(tx, refundId);
        const db = withRatings(transactionDb(tx));
        const earlier = await db
          .selectFrom('customerRatings')
          .select('score')
          .where('refundId', '=', refund.id)
          .executeTakeFirst();
        const refused = ratingRefusal(
          refund,
          earlier ? { score: earlier.score as CustomerRating['score'] } : null,
        );
        if (refused) throw refusalError(refused);
        const given = parseBody(ratingBodySchema, body);
        // only an overturn's supervisor needs the history to be named
        const events: AuditEvent[] = refund.overturned
          ? (
              await transactionDb(tx)
                .selectFrom('events')
                .selectAll()
                .where('refundId', '=', refund.id)
                .where('action', '=', 'overturn')
                .execute()
            ).map((row) => fromRow('events', row))
          : [];
        const made = customerRating(refund, given, ratedDecisionBy(refund, events), nowIso);
        await db.insertInto('customerRatings').values(ratingRow(made)).execute();
        const event: AuditEvent = {
          ...ratingEvent(made, refund.status, client.id),
          id: await tx.nextId('e'),
        };
        await tx.commit([{ c: 'events', v: event }]);
        return made;
      });
      return {
        refundId: rating.refundId,
        score: rating.score,
        comment: rating.comment,
        ratedAt: rating.ratedAt,
      };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
    }
  }
}
