// Reading and writing single records: what a command of the API does inside its transaction.
// A change is written only over the version it was computed from (optimistic concurrency checked in
// the UPDATE itself), so two processes that read the same request cannot both write their change.
import { sql, type Kysely } from 'kysely';
import { fromRow, holdsNul, toRow, type ResourceRecords } from './codecs';
import type { Database, ResourceTable } from './schema';

/** The records of a table that carry a version (the ones commands change). */
export type VersionedTable = 'refunds' | 'complaints';

export async function getRecord<K extends ResourceTable>(
  db: Kysely<Database>,
  table: K,
  id: string,
): Promise<ResourceRecords[K] | undefined> {
  // no stored id holds U+0000 (toRow refuses it), and PostgreSQL could not even compare it
  if (holdsNul(id)) return undefined;
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table)} where "id" = ${id}`.execute(db);
  return rows.length > 0 ? fromRow(table, rows[0]) : undefined;
}

/**
 * Writes `record` over the stored one if that is still at `expectedVersion`; false when another
 * writer got there first (or the record is gone), and then nothing is written.
 */
export async function updateIfVersion<K extends VersionedTable>(
  db: Kysely<Database>,
  table: K,
  record: ResourceRecords[K],
  expectedVersion: number,
): Promise<boolean> {
  return updateRecord(db, table, record, { expectedVersion });
}

/**
 * Updates a stored record; false when it is gone or (given `expectedVersion`) no longer at that
 * version. Given `was` (the record as read), only the columns that differ are set.
 */
export async function updateRecord<K extends ResourceTable>(
  db: Kysely<Database>,
  table: K,
  record: ResourceRecords[K],
  options: { expectedVersion?: number; was?: ResourceRecords[K] } = {},
): Promise<boolean> {
  const row = toRow(table, record);
  const before = options.was ? toRow(table, options.was) : null;
  const changes = Object.entries(row).filter(
    ([column, value]) => column !== 'id' && (!before || before[column] !== value),
  );
  // nothing differs: nothing to write (a versioned change always moves its version)
  if (changes.length === 0) return (await getRecord(db, table, record.id)) !== undefined;
  const set = sql.join(changes.map(([column, value]) => sql`${sql.ref(column)} = ${value}`));
  const version =
    options.expectedVersion === undefined ? sql`` : sql` and "version" = ${options.expectedVersion}`;
  const result = await sql`update ${sql.table(table)} set ${set}
    where "id" = ${record.id}${version}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}
