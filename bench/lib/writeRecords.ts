// Writes generated demo records (generateSeed) into a migrated database through the codecs, as the
// seed does: for tests of the bench's own pieces (the export for stock json-server) without the
// seed script. Records in reference order, the refunds' classified decisions with them, one
// transaction.
import type { Kysely } from 'kysely';
import { putRecords, replaceRefundDecisions, type ResourceRecords } from '../../mock-api/db/codecs';
import { migrateToLatest } from '../../mock-api/db/migrate';
import type { Database, ResourceTable } from '../../mock-api/db/schema';
import { classifyDecisions } from '../../src/domain/metrics';
import type { AuditEvent } from '../../src/domain/model';

export type RecordSet = { [K in ResourceTable]?: readonly ResourceRecords[K][] };

/** The order foreign keys allow. */
export const WRITE_ORDER: readonly ResourceTable[] = [
  'customers',
  'orders',
  'users',
  'refunds',
  'complaints',
  'events',
  'notes',
];

export async function writeRecords(db: Kysely<Database>, records: RecordSet): Promise<void> {
  await migrateToLatest(db);
  const eventsByRefund = new Map<string, AuditEvent[]>();
  for (const event of records.events ?? []) {
    const list = eventsByRefund.get(event.refundId) ?? [];
    list.push(event);
    eventsByRefund.set(event.refundId, list);
  }
  await db.transaction().execute(async (trx) => {
    for (const table of WRITE_ORDER) {
      const list = records[table];
      if (list && list.length > 0) await putRecords(trx, table, list as ResourceRecords[typeof table][]);
    }
    for (const refund of records.refunds ?? []) {
      const decisions = classifyDecisions(refund, eventsByRefund.get(refund.id) ?? []);
      await replaceRefundDecisions(trx, refund.id, decisions);
    }
  });
}
