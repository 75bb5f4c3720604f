// The metrics' review-time segments (mock-api/reviewSegments.ts) read every request decided in a
// period with its clock start and tipping flag: a covering index answers that from the index alone
// (SQLite's covering index, PostgreSQL's index-only scan), without a table read per request.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('refundsDecidedWaits')
    .on('refunds')
    .columns(['decidedAt', 'decisionBy', 'slaStartAt', 'tipping'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('refundsDecidedWaits').ifExists().execute();
}
