// A large seed's SQLite file, written the fast way and only then made durable. The file is new
// (a temporary name next to the target), so nothing needs the journal or fsync while it fills: a
// crash leaves only the temporary file, which the next seed deletes. Indexes and the search index
// are built once after the bulk insert instead of row by row. At the end the file is switched to
// WAL, fsync'd, and renamed over the target: the target holds the old database or the new one.
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { toRow, type ResourceRecords } from '../db/codecs';
import { openSqlite } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { ratingRow } from '../db/ratingTables';
import { REFUND_SEARCH_COLUMNS } from '../db/migrations/002_search';
import type { Database } from '../db/schema';
import type { Snapshot } from '../deskData';
import { WRITE_ORDER, classifiedDecisions, seedFacts, seededRatings } from './writer';

/** Rows per INSERT: fewer calls into SQLite, and well under its bound-parameter limit. */
const ROWS_PER_STATEMENT = 100;

const SEARCH_COLUMNS = REFUND_SEARCH_COLUMNS.map((c) => `"${c}"`).join(', ');

/**
 * The search indexes' triggers (migrations 002 and 004), set aside during the bulk insert, and how
 * each index is filled from the refunds afterwards (as migration 004 fills it for older rows).
 * Other triggers stay in place.
 */
const SEARCH_INDEXES = [
  { triggers: 'refundsSearch', fill: `INSERT INTO "refundsSearch"("refundsSearch") VALUES ('rebuild')` },
  {
    triggers: 'refundsShortSearch',
    fill: `INSERT INTO "refundsShortSearch"(rowid, grams)
             SELECT "rowKey", search_grams(${SEARCH_COLUMNS}) FROM "refunds"`,
  },
];

type Row = Record<string, unknown>;

export interface SeedFile {
  /** The file's Kysely, for what is done once the records are written (derived tables, ANALYZE). */
  readonly db: Kysely<Database>;
  /** Writes one cohort in one transaction; `first` writes the staff and the seed's facts too. */
  write(snapshot: Snapshot, first: boolean): Promise<void>;
  /** Builds the indexes and the search index over what was written, and restores their triggers. */
  index(): Promise<void>;
  /** Makes the file durable (WAL, fsync) and renames it over the target. */
  commit(): Promise<void>;
  /** Closes and deletes the temporary file: the target is left as it was. */
  discard(): Promise<void>;
}

/** Where a seed of `file` is written until it is complete. */
export const seedingFileOf = (file: string) => `${file}.seeding`;

function removeFile(file: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/** Opens the existing target (a file that is not a database fails here, as before) and lets go of its WAL. */
function checkpointTarget(file: string) {
  if (!fs.existsSync(file)) return;
  const old = openSqlite(file);
  try {
    old.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    old.close();
  }
  // the last connection's close removes the WAL: one still there is another process's
  if (fs.existsSync(`${file}-wal`)) {
    throw new Error(`Another process has ${file} open: stop it (the API) before seeding.`);
  }
}

export async function openSeedFile(file: string): Promise<SeedFile> {
  checkpointTarget(file);
  const temp = seedingFileOf(file);
  removeFile(temp);
  const sqlite = openSqlite(temp);
  // better-sqlite3 opens in defensive mode, which refuses journal_mode=OFF: lifted for that pragma only
  sqlite.unsafeMode(true);
  try {
    if (sqlite.pragma('journal_mode = OFF', { simple: true }) !== 'off') {
      throw new Error(`SQLite would not turn the journal off for ${temp}.`);
    }
  } finally {
    sqlite.unsafeMode(false);
  }
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -262144');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  let deferred: { type: string; name: string; sql: string }[] = [];
  try {
    await migrateToLatest(db);
    deferred = (
      sqlite
        .prepare(
          `SELECT type, name, sql FROM sqlite_master
             WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid`,
        )
        .all() as { type: string; name: string; sql: string }[]
    ).filter((d) => d.type === 'index' || SEARCH_INDEXES.some((s) => d.name.startsWith(`${s.triggers}`)));
    for (const d of deferred) sqlite.exec(`DROP ${d.type.toUpperCase()} "${d.name}"`);
  } catch (error) {
    await db.destroy();
    removeFile(temp);
    throw error;
  }

  const inserter = bulkInserter(sqlite);
  const seedFile: SeedFile = {
    db,
    write(snapshot, first) {
      sqlite.exec('BEGIN');
      for (const table of WRITE_ORDER) {
        if (!first && table === 'users') continue;
        const records = snapshot[table] as readonly ResourceRecords[typeof table][];
        inserter.insert(
          table,
          records.map((r) => toRow(table, r)),
        );
      }
      inserter.insert(
        'refundDecisions',
        classifiedDecisions(snapshot).map((d) => ({ ...d, againstSuggestion: d.againstSuggestion ? 1 : 0 })),
      );
      inserter.insert(
        'customerRatings',
        seededRatings(snapshot).map((r): Row => ({ ...ratingRow(r) })),
      );
      const advance = sqlite.prepare(
        `INSERT INTO "idSequences"(prefix, last) VALUES (?, ?)
           ON CONFLICT(prefix) DO UPDATE SET last = max(last, excluded.last)`,
      );
      for (const [prefix, last] of Object.entries(snapshot.meta.sequences)) advance.run(prefix, last);
      if (first) {
        inserter.insert(
          'storeMeta',
          seedFacts(snapshot).map(([key, value]) => ({ key, value })),
        );
      }
      sqlite.exec('COMMIT');
      return Promise.resolve();
    },
    index() {
      sqlite.exec('BEGIN');
      for (const d of deferred) if (d.type === 'index') sqlite.exec(d.sql);
      for (const s of SEARCH_INDEXES) sqlite.exec(s.fill);
      for (const d of deferred) if (d.type === 'trigger') sqlite.exec(d.sql);
      sqlite.exec('COMMIT');
      return Promise.resolve();
    },
    async commit() {
      sqlite.pragma('journal_mode = WAL');
      await db.destroy();
      const fd = fs.openSync(temp, 'r+');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      checkpointTarget(file);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      fs.renameSync(temp, file);
      syncDirectory(path.dirname(file));
    },
    async discard() {
      await db.destroy().catch(() => undefined);
      removeFile(temp);
    },
  };
  return seedFile;
}

/** The rename is durable once the directory entry is. */
function syncDirectory(dir: string) {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Multi-row INSERTs through prepared statements kept per table and row count. */
function bulkInserter(sqlite: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statementFor = (table: string, columns: readonly string[], rows: number) => {
    const key = `${table}:${rows}:${columns.join(',')}`;
    let statement = statements.get(key);
    if (!statement) {
      const one = `(${columns.map(() => '?').join(', ')})`;
      statement = sqlite.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(rows)
          .fill(one)
          .join(', ')}`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  return {
    insert(table: string, rows: readonly Row[]) {
      if (rows.length === 0) return;
      // every column any row has (a missing value is NULL, as Kysely's multi-row insert writes it)
      const seen = new Set<string>();
      for (const row of rows) for (const column of Object.keys(row)) seen.add(column);
      const columns = [...seen];
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
        const values: unknown[] = [];
        for (const row of batch) for (const column of columns) values.push(row[column] ?? null);
        statementFor(table, columns, batch.length).run(values);
      }
    },
  };
}
