// Opens the API's database: SQLite by default (the file DB_FILE names), PostgreSQL when
// DATABASE_URL is a postgres:// address. Both behind one Kysely instance of the same schema.
import path from 'node:path';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { DATA_DIR } from '../projectRoot';
import type { Engine } from './engine';
import { searchGramsDocument } from './shortSearch';
import type { Database } from './schema';

export const DEFAULT_DB_FILE = path.join(DATA_DIR, 'refund-desk.sqlite');

export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/** DATABASE_URL=postgres://… selects PostgreSQL; otherwise SQLite at DB_FILE (or the default file). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// address (got "${url.split(':')[0]}:…").`);
    }
    return { engine: 'postgres', url };
  }
  return { engine: 'sqlite', file: path.resolve(env.DB_FILE?.trim() || DEFAULT_DB_FILE) };
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  /**
   * Where ids are handed out (sqlDesk.ts): on PostgreSQL a small pool of its own, so that a command
   * holding a connection for its transaction never waits for another from the same pool.
   */
  ids: Kysely<Database>;
  engine: Engine;
  /** SQLite: the connection itself, for its settings (walCheckpoints.ts); none on PostgreSQL */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** busy_timeout: how long a writer waits for another process's write lock before it fails. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite's page cache per connection, in KiB (cache_size = -KiB). Set here rather than left to the
 * driver's build default (16 MB in better-sqlite3): the cache is allocated by malloc page by page,
 * stays resident for the connection's life, and the file's pages are in the OS's cache anyway, so
 * a miss costs a read from memory, not from disk. The API's connection keeps the hot index pages of
 * the lists; a read-only connection that scans ranges (the metrics worker) reuses little of it.
 */
export const SQLITE_CACHE_KIB = 8 * 1024;
export const SQLITE_READER_CACHE_KIB = 2 * 1024;

/** journal_size_limit: the write-ahead log's file is truncated to this size when it restarts. */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The SQLite connection's settings: WAL (readers never wait for the writer), synchronous=FULL (a
 * committed write survives power loss, the "2xx survives a crash" promise), a busy timeout (a
 * second process waits its turn rather than failing at once), foreign keys enforced, a bounded
 * page cache (SQLITE_CACHE_KIB).
 */
export function openSqlite(file: string): BetterSqlite3.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  // a log that grew under a burst of writes is cut back to this size when it next starts again
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  // the short-needle search's triggers call it (shortSearch.ts, migration 004)
  sqlite.function('search_grams', { deterministic: true, varargs: true }, searchGramsDocument);
  return sqlite;
}

/**
 * int8 (counts, bigint columns) as a JavaScript number rather than pg's default string: every
 * value the API keeps (fen, coins, epoch milliseconds) is far below 2^53.
 */
const INT8_OID = 20;
export function postgresTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID
        ? (value: string) => Number(value)
        : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** How many prepared statements a SQLite connection keeps for reuse. */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * The connection as Kysely sees it, with its prepared statements kept for reuse (the most recently
 * used first): Kysely prepares every query afresh, and a list or a command repeats the same few
 * statements. A statement is reused only once the one before has finished: Kysely runs one query at
 * a time on its single connection.
 */
export function withStatementCache(
  sqlite: BetterSqlite3.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (statement) statements.delete(text);
      else statement = sqlite.prepare(text);
      statements.set(text, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

export function connect(target: DatabaseTarget = targetFromEnv()): DatabaseHandle {
  if (target.engine === 'sqlite') {
    const sqlite = openSqlite(target.file);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, ids: db, engine: 'sqlite', sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.url, types: postgresTypes(), max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const idPool = new pg.Pool({ connectionString: target.url, types: postgresTypes(), max: 2 });
  const ids = new Kysely<Database>({ dialect: new PostgresDialect({ pool: idPool }) });
  return {
    db,
    ids,
    engine: 'postgres',
    close: async () => {
      await Promise.all([db.destroy(), ids.destroy()]);
    },
  };
}
