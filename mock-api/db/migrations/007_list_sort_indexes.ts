// Indexes for the lists the bench found slow at 100,000 requests: sorting by an amount or a
// decision time (each sort index ends with the list's tie-break, idNumber and id, so a page is read
// in index order: listQuery.ts), counting by policy flags (one narrow index covers every flag
// combination), by payment channel and status, and a reviewer's own requests by submission time.
import type { Kysely } from 'kysely';

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['refundsPaid', 'refunds', ['paidFen', 'idNumber', 'id']],
  ['refundsRefundable', 'refunds', ['refundableFen', 'idNumber', 'id']],
  ['refundsDecided', 'refunds', ['decidedAt', 'idNumber', 'id']],
  [
    'refundsFlags',
    'refunds',
    [
      'tipping',
      'hasSpentCoins',
      'outsideWindow',
      'infoIncomplete',
      'accountRestricted',
      'duplicate',
      'purchaseAfterSubmission',
      'overturned',
    ],
  ],
  ['refundsChannelStatus', 'refunds', ['paymentChannel', 'status']],
  ['refundsAssigneeSubmitted', 'refunds', ['assigneeId', 'submittedAt', 'idNumber', 'id']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}
