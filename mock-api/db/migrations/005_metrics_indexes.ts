// Indexes for the dashboard's reads (mock-api/metricsSource.ts), each a range read without a visit
// to the wide rows where the rows are many:
// - requests by submission time, carrying the fields the metrics read (covering);
// - payouts by time, carrying what the metrics read (partial: a small part of all events);
// - escalation events (partial); complaints opened, and resolved, in a period; one reviewer's decisions.
// Requests by status (the backlog) and decisions by time have an index already (migration 003).
import { sql, type Kysely, type SqlBool } from 'kysely';
import { ESCALATION_ACTIONS } from '../../../src/domain/metrics';

const INDEXES: [name: string, table: string, columns: string[]][] = [
  [
    'refundsMetrics',
    'refunds',
    [
      'submittedAt',
      'id',
      'reasonCategory',
      'paymentChannel',
      'submissionChannel',
      'status',
      'slaDueAt',
      'overturned',
    ],
  ],
  ['complaintsOpened', 'complaints', ['openedAt']],
  ['complaintsResolved', 'complaints', ['resolvedAt']],
  ['refundDecisionsReviewerAt', 'refundDecisions', ['reviewerId', 'atMs']],
];

const PAYOUTS_INDEX = 'eventsPayoutsAt';
const ESCALATIONS_INDEX = 'eventsEscalations';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  await db.schema
    .createIndex(PAYOUTS_INDEX)
    .on('events')
    .columns(['at', 'refundId', 'amountFen', 'subject', 'complaintId', 'id', 'actorId', 'actorKind'])
    .where(sql<SqlBool>`${sql.ref('action')} = ${sql.lit('payout')}`)
    .execute();
  const escalations = sql.join(ESCALATION_ACTIONS.map((action) => sql.lit(action)));
  await db.schema
    .createIndex(ESCALATIONS_INDEX)
    .on('events')
    .columns(['complaintId'])
    .where(sql<SqlBool>`${sql.ref('action')} in (${escalations})`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [PAYOUTS_INDEX, ESCALATIONS_INDEX, ...INDEXES.map(([n]) => n)]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
