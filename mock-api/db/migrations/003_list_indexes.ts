// Indexes for the lists the desk reads most: the queue (open requests by due time, by assignee),
// a request's complaints, events and notes, a customer's orders and requests. Each sort index ends with
// (idNumber, id), the list's tie-break, so a page is read in index order in either direction.
import { sql, type Kysely, type SqlBool } from 'kysely';
import { OPEN_REFUND_STATUSES } from '../../../src/domain/model';

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['refundsStatusDue', 'refunds', ['status', 'slaDueAt', 'idNumber', 'id']],
  ['refundsDue', 'refunds', ['slaDueAt', 'idNumber', 'id']],
  ['refundsAssigneeDue', 'refunds', ['assigneeId', 'slaDueAt', 'idNumber', 'id']],
  ['refundsSubmitted', 'refunds', ['submittedAt', 'idNumber', 'id']],
  ['refundsUpdated', 'refunds', ['updatedAt', 'idNumber', 'id']],
  ['refundsCustomer', 'refunds', ['customerId']],
  ['refundsOrder', 'refunds', ['orderId']],
  ['complaintsRefund', 'complaints', ['refundId']],
  ['complaintsStatusDue', 'complaints', ['status', 'dueAt', 'idNumber', 'id']],
  ['complaintsAssignee', 'complaints', ['assigneeId']],
  ['eventsRefundAt', 'events', ['refundId', 'at']],
  ['eventsComplaint', 'events', ['complaintId']],
  ['eventsAt', 'events', ['at', 'idNumber', 'id']],
  ['notesRefundAt', 'notes', ['refundId', 'at', 'idNumber', 'id']],
  ['ordersCustomer', 'orders', ['customerId']],
  ['ordersPurchased', 'orders', ['purchasedAt', 'idNumber', 'id']],
  ['refundDecisionsRefund', 'refundDecisions', ['refundId']],
  ['refundDecisionsAt', 'refundDecisions', ['atMs']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  // the queue's default view: the open requests, a small part of all of them, by due time
  // (both engines have partial indexes; DESIGN.md's known traps ask for it on PostgreSQL)
  const open = sql.join(OPEN_REFUND_STATUSES.map((s) => sql.lit(s)));
  await db.schema
    .createIndex('refundsOpenDue')
    .on('refunds')
    .columns(['slaDueAt', 'idNumber', 'id'])
    .where(sql<SqlBool>`${sql.ref('status')} in (${open})`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['refundsOpenDue', ...INDEXES.map(([n]) => n)]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
