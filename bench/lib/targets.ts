// The databases the benchmark runs against, as mock-api/db/connect.ts names them (DatabaseTarget):
// a SQLite file in the run's temporary folder, and PostgreSQL — the database DATABASE_URL names,
// or a throwaway server started as the tests start theirs (test/support/postgres.ts).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { targetFromEnv, type DatabaseTarget } from '../../mock-api/db/connect';
import type { Engine } from '../../mock-api/db/engine';
import { createTestDatabase, startPostgres, type PostgresServer } from '../../test/support/postgres';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface BenchTarget {
  target: DatabaseTarget;
  /** where it is, for the printed table (no password) */
  label: string;
  /** stops what the bench started for it (a throwaway server); never touches a database it was given */
  dispose(): void;
}

/** A postgres:// address without its password, fit to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * The environment of a child process (seed, API) that makes targetFromEnv pick `target`: exactly
 * one of DATABASE_URL and DB_FILE set from it, whatever the bench's own environment holds (a
 * DATABASE_URL exported in the shell must not turn the SQLite run into a PostgreSQL one).
 * `spareFile` is DB_FILE for a PostgreSQL child: a file in the bench's temporary folder, so that a
 * checkout whose API still ignores DATABASE_URL writes there and not into the demo database.
 */
export function childEnv(target: DatabaseTarget, spareFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DB_FILE;
  if (target.engine === 'sqlite') env.DB_FILE = target.file;
  else {
    env.DATABASE_URL = target.url;
    env.DB_FILE = spareFile;
  }
  return env;
}

/**
 * PostgreSQL as durable as the SQLite the API opens (synchronous=FULL): the test server runs with
 * fsync and synchronous commits off, which would flatter every write. All three settings take
 * effect on a reload.
 */
async function makeDurable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
      await client.query(`ALTER SYSTEM SET ${setting} = on`);
    }
    await client.query('SELECT pg_reload_conf()');
  } finally {
    await client.end();
  }
}

/** The target of one engine for this run. `dir` is the run's temporary folder. */
export async function benchTarget(
  engine: Engine,
  dir: string,
  log: (line: string) => void,
): Promise<BenchTarget> {
  if (engine === 'sqlite') {
    const target = targetFromEnv({ DB_FILE: path.join(dir, 'refund-desk.sqlite') });
    return { target, label: target.engine === 'sqlite' ? target.file : '', dispose: () => {} };
  }
  if (process.env.DATABASE_URL?.trim()) {
    const target = targetFromEnv({ DATABASE_URL: process.env.DATABASE_URL });
    const label = target.engine === 'postgres' ? redactUrl(target.url) : '';
    log(`PostgreSQL: the database DATABASE_URL names (${label}) is seeded afresh; its data is replaced`);
    return { target, label, dispose: () => {} };
  }
  log('PostgreSQL: DATABASE_URL is not set; starting a throwaway server (test/support/postgres.ts)');
  const server: PostgresServer = startPostgres();
  try {
    const url = await createTestDatabase(server.socketDir, 'refund_desk_bench');
    await makeDurable(url);
    return {
      target: targetFromEnv({ DATABASE_URL: url }),
      label: `throwaway server (fsync on) at ${server.socketDir}`,
      dispose: () => server.stop(),
    };
  } catch (error) {
    server.stop();
    throw error;
  }
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** What the seeded file holds: a SQLite database, or the JSON snapshot of the store before part 9. */
export function sqliteFileKind(file: string): 'sqlite' | 'json' | 'missing' {
  if (!fs.existsSync(file)) return 'missing';
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    fs.readSync(fd, head, 0, head.length, 0);
    return head.toString('latin1') === SQLITE_HEADER ? 'sqlite' : 'json';
  } finally {
    fs.closeSync(fd);
  }
}

/** Bytes the database takes: the SQLite file with its WAL, or PostgreSQL's pg_database_size. */
export async function storedBytes(target: DatabaseTarget): Promise<number> {
  if (target.engine === 'sqlite') {
    let bytes = 0;
    for (const file of [target.file, `${target.file}-wal`]) {
      if (fs.existsSync(file)) bytes += fs.statSync(file).size;
    }
    return bytes;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      'SELECT pg_database_size(current_database())::text AS bytes',
    );
    return Number(rows[0].bytes);
  } finally {
    await client.end();
  }
}
