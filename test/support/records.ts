// Reading and writing records straight in a test API's database, for tests that stand in for the
// customer's side (a request submitted with hostile text) or look up a fixture's ids.
import { sql, type Kysely } from 'kysely';
import { fromRow, putRecords, type ResourceRecords } from '../../mock-api/db/codecs';
import type { Database, ResourceTable } from '../../mock-api/db/schema';

export async function allRecords<K extends ResourceTable>(
  db: Kysely<Database>,
  table: K,
): Promise<ResourceRecords[K][]> {
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table)} order by "idNumber", "id"`.execute(db);
  return rows.map((row) => fromRow(table, row));
}

export async function storeRecords<K extends ResourceTable>(
  db: Kysely<Database>,
  table: K,
  records: readonly ResourceRecords[K][],
): Promise<void> {
  await db.transaction().execute((trx) => putRecords(trx, table, records));
}
