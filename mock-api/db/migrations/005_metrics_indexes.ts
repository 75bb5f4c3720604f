// Indexes for the dashboard's reads (mock-api/metricsSource.ts): payouts and complaint escalations by
// action and time (a small part of all events), complaints opened or resolved in a period, one
// reviewer's decisions in a period. The others it reads have an index already (migration 003:
// refunds by submission time and by status, decisions by time).
import type { Kysely } from 'kysely';

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['eventsActionAt', 'events', ['action', 'at']],
  ['complaintsOpened', 'complaints', ['openedAt']],
  ['complaintsResolved', 'complaints', ['resolvedAt']],
  ['refundDecisionsReviewerAt', 'refundDecisions', ['reviewerId', 'atMs']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
