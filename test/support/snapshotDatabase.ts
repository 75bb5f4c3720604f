// A real SQLite database holding a snapshot (a seed's records), for tests that run the services
// without HTTP: written the way `npm run seed` writes it (seed/writer.ts), read and written through
// the API's own Desk (db/sqlDesk.ts). `copy()` gives a fresh database with the same records from a
// file copy, for properties that need one per run.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { connect, type DatabaseHandle } from '../../mock-api/db/connect';
import type { Database } from '../../mock-api/db/schema';
import { SqlDesk } from '../../mock-api/db/sqlDesk';
import type { Snapshot } from '../../mock-api/deskData';
import { writeSnapshot } from '../../mock-api/seed/writer';
import { makeTestDatabase } from './testDatabase';

export interface SnapshotDatabase {
  desk: SqlDesk;
  db: Kysely<Database>;
  close(): Promise<void>;
}

function opened(handle: DatabaseHandle, remove: () => void): SnapshotDatabase {
  return {
    desk: new SqlDesk(handle.db),
    db: handle.db,
    async close() {
      try {
        await handle.close();
      } finally {
        remove();
      }
    },
  };
}

async function newSqliteFile(): Promise<{ file: string; remove: () => void }> {
  const { target, remove } = await makeTestDatabase('sqlite');
  if (target.engine !== 'sqlite') throw new Error('expected a SQLite database');
  return { file: target.file, remove };
}

/** A new SQLite database in a temporary folder holding `snapshot`. */
export async function openSnapshotDatabase(snapshot: Snapshot): Promise<SnapshotDatabase> {
  const { file, remove } = await newSqliteFile();
  const handle = connect({ engine: 'sqlite', file });
  try {
    // these tests read lists and rewrite old records at random, not the dashboard: without its
    // roll-ups, a write that moves an old time need not re-add every later slot's counts
    await writeSnapshot(handle.db, snapshot, { rollups: false });
  } catch (error) {
    await handle.close();
    remove();
    throw error;
  }
  return opened(handle, remove);
}

export interface SnapshotTemplate {
  /** a fresh database holding the snapshot (a copy of the template's file) */
  copy(): Promise<SnapshotDatabase>;
  remove(): void;
}

/** Writes `snapshot` once into a closed SQLite file that `copy()` duplicates. */
export async function snapshotTemplate(snapshot: Snapshot): Promise<SnapshotTemplate> {
  const { file: template, remove } = await newSqliteFile();
  const handle = connect({ engine: 'sqlite', file: template });
  try {
    // these tests read lists and rewrite old records at random, not the dashboard: without its
    // roll-ups, a write that moves an old time need not re-add every later slot's counts
    await writeSnapshot(handle.db, snapshot, { rollups: false });
    // everything into the main file, so that copying it alone copies every record
    await sql`pragma wal_checkpoint(truncate)`.execute(handle.db);
  } finally {
    await handle.close();
  }
  return {
    async copy() {
      const { file, remove: removeCopy } = await newSqliteFile();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(template, file);
      return opened(connect({ engine: 'sqlite', file }), removeCopy);
    },
    remove,
  };
}
