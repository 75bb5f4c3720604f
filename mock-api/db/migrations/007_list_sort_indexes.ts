// Indexes for the lists the bench found slow at 100,000 requests: sorting by an amount or a
// decision time (each sort index ends with the list's tie-break, idNumber and id, so a page is read
// in index order: listQuery.ts), counting by policy flags (one narrow index covers every flag
// combination), by payment channel and status, and a reviewer's own requests by submission time.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

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

/** Flags that few requests carry: each the index of its own requests (the list names the flag as a literal). */
const RARE_FLAGS = [
  'tipping',
  'infoIncomplete',
  'accountRestricted',
  'duplicate',
  'purchaseAfterSubmission',
  'overturned',
];
const flagIndex = (flag: string) => `refundsWith${flag[0].toUpperCase()}${flag.slice(1)}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const set = engineOf(db) === 'postgres' ? sql.lit(true) : sql.lit(1);
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  for (const flag of RARE_FLAGS) {
    await db.schema
      .createIndex(flagIndex(flag))
      .on('refunds')
      .columns(['paidFen', 'idNumber', 'id'])
      .where(sql.ref(flag), '=', set)
      .execute();
  }
  await db.schema
    .createIndex('refundsReasonChannels')
    .on('refunds')
    .columns(['reasonCategory', 'submissionChannel', 'paymentChannel'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const names = [...INDEXES.map(([name]) => name), ...RARE_FLAGS.map(flagIndex), 'refundsReasonChannels'];
  for (const name of names) await db.schema.dropIndex(name).ifExists().execute();
}
