// Customer ratings (src/domain/customerRatings.ts): one row per refund request, keyed by it, so two
// ratings of one request posted at once cannot both land (the second insert is a conflict on either
// engine). Each row keeps the decision it rates and the request's filter fields, so the dashboard's
// CSAT is one range of the decided-time index, grouped, without a join to the requests.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  await db.schema
    .createTable('customerRatings')
    .addColumn('refundId', text, (col) => col.primaryKey().references('refunds.id'))
    .addColumn('score', int, (col) => col.notNull())
    .addColumn('comment', text)
    .addColumn('ratedAt', text, (col) => col.notNull())
    .addColumn('decidedAt', text, (col) => col.notNull())
    .addColumn('decidedBy', text)
    .addColumn('outcome', text, (col) => col.notNull())
    .addColumn('reasonCategory', text, (col) => col.notNull())
    .addColumn('paymentChannel', text, (col) => col.notNull())
    .addColumn('submissionChannel', text, (col) => col.notNull())
    .addCheckConstraint('customerRatingsScore', sql`"score" between 1 and 5`)
    .execute();
  // the CSAT groups of a period from the index alone (SQLite's covering index, an index-only scan)
  await db.schema
    .createIndex('customerRatingsDecided')
    .on('customerRatings')
    .columns(['decidedAt', 'decidedBy', 'reasonCategory', 'outcome', 'score'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customerRatings').ifExists().execute();
}
