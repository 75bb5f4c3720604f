// The expected decision time told to the customer when the request was submitted
// (`refunds.expectedDecisionGiven`, src/domain/expectedDecision.ts), kept so the dashboard can say
// how often it held; null on requests from before this migration and on staff-entered ones. The
// partial index holds only requests given one, by decision time: the accuracy card reads a period's
// decided requests from it alone.
import { sql, type Kysely, type SqlBool } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const text = sql.raw(engineOf(db) === 'sqlite' ? 'text' : 'text collate "C"');
  await db.schema.alterTable('refunds').addColumn('expectedDecisionGiven', text).execute();
  await db.schema
    .createIndex('refundsExpectationDecided')
    .on('refunds')
    .columns(['decidedAt', 'expectedDecisionGiven'])
    .where(sql<SqlBool>`"expectedDecisionGiven" is not null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('refundsExpectationDecided').ifExists().execute();
  await db.schema.alterTable('refunds').dropColumn('expectedDecisionGiven').execute();
}
