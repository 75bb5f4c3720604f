// What the API's commands and access rules read besides the lists (deskData.ts): who decided a
// request and who made a complaint's original decision, kept as derived columns so that a
// reviewer's view of complaints and events is one indexed condition, and the indexes behind
// claim-next, the timers, a customer's complaints and linked payment accounts.
import { sql, type Kysely, type SqlBool } from 'kysely';
import { engineOf } from '../engine';

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['complaintsCustomer', 'complaints', ['customerId']],
  ['customersPaymentAccount', 'customers', ['paymentAccountId']],
  ['refundsDecisionBy', 'refunds', ['decisionBy']],
  ['complaintsOriginalReviewer', 'complaints', ['originalReviewerId']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  await db.schema.alterTable('refunds').addColumn('decisionBy', text).execute();
  await db.schema.alterTable('complaints').addColumn('originalReviewerId', text).execute();
  // records stored before this migration
  const field = (column: string, key: string) =>
    engine === 'sqlite'
      ? sql`json_extract(${sql.ref(column)}, ${`$.${key}`})`
      : sql`(${sql.ref(column)}::json ->> ${key})`;
  await sql`update "refunds" set "decisionBy" = ${field('decision', 'by')} where "decision" is not null`.execute(
    db,
  );
  await sql`update "complaints" set "originalReviewerId" = ${field('originalDecision', 'reviewerId')}
    where "originalDecision" is not null`.execute(db);
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  // claim-next's order (compareClaimPriority) over the claimable requests only
  await db.schema
    .createIndex('refundsClaimable')
    .on('refunds')
    .columns(['slaDueAt', 'submittedAt', 'id'])
    .where(sql<SqlBool>`"status" = 'pending' and "assigneeId" is null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['refundsClaimable', ...INDEXES.map(([n]) => n)]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
  await db.schema.alterTable('complaints').dropColumn('originalReviewerId').execute();
  await db.schema.alterTable('refunds').dropColumn('decisionBy').execute();
}
