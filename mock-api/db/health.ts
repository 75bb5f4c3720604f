// Before the API opens its database for real: is it there, intact, and one this code can use? A
// damaged database is never "repaired" by dropping data: the API refuses to start, says what is
// wrong, and leaves the file exactly as it is (it is only read, through a read-only connection).
//
// On SQLite the start-up check reads the header, the WAL's frames, the schema and the migrations
// whatever the size, and runs `PRAGMA quick_check` (every page) when the file is small enough for
// the start-up budget (QUICK_CHECK_AT_START_MAX_BYTES). A larger file is quick-checked after the
// start, on a worker thread with its own read-only connection: startBackgroundIntegrityCheck,
// which stops the process with the same message if the check finds damage.
// PostgreSQL guards its own pages; the check there is that the server answers and the schema is
// one this code knows.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DatabaseTarget } from './connect';
import { checkPostgres, checkSqliteFile, sqliteBytes, type DatabaseFindings } from './integrity';

/** Up to this size (file + WAL) the start-up check reads every page (quick_check). */
export const QUICK_CHECK_AT_START_MAX_BYTES = 64 * 1024 * 1024;

export type DatabaseProblem = 'missing' | 'damaged' | 'schema' | 'unreachable';

/** The database cannot be used as it is; nothing was changed. `message` says why and what to do. */
export class DatabaseUnusableError extends Error {
  readonly problem: DatabaseProblem;
  /** the file, or the PostgreSQL database */
  readonly where: string;
  /** what was found, one line each */
  readonly findings: readonly string[];

  constructor(problem: DatabaseProblem, where: string, findings: readonly string[], message: string) {
    super(message);
    this.name = 'DatabaseUnusableError';
    this.problem = problem;
    this.where = where;
    this.findings = findings;
  }
}

/** The database is damaged: its data is not what was written. */
export class DatabaseDamagedError extends DatabaseUnusableError {
  constructor(where: string, findings: readonly string[], message: string) {
    super('damaged', where, findings, message);
    this.name = 'DatabaseDamagedError';
  }
}

const bullet = (lines: readonly string[]) => lines.map((l) => `  - ${l}`).join('\n');

/** What to do about a damaged SQLite file: keep it, look at it, restore a copy. */
export function damagedSqliteMessage(file: string, damage: readonly string[]): string {
  return [
    `The database file ${file} is damaged, so the API does not use it:`,
    bullet(damage),
    'The file and its -wal journal were left exactly as they are: nothing was repaired, rewritten or dropped.',
    'What to do:',
    `  1. Stop every process using it and keep a copy of it as it is (${file}, ${file}-wal, ${file}-shm).`,
    `  2. Run \`DB_FILE=${file} npm run db:check\` for the full integrity report.`,
    '  3. Restore the last good copy written by `npm run db:backup` (in mock-api/data/backups/ or the ' +
      `backups/ folder beside the file): move the damaged files aside, then copy the backup to ${file}.`,
  ].join('\n');
}

function damagedPostgresMessage(where: string, damage: readonly string[]): string {
  return [
    `The ${where} returned errors reading its data, so the API does not use it:`,
    bullet(damage),
    'Nothing was changed. Run `npm run db:check` for the full report; restore the last `npm run db:backup` ' +
      'dump with `pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" <dump>`.',
  ].join('\n');
}

/** The refusal the findings call for, or null if the database can be used. */
export function refusalFor(target: DatabaseTarget, found: DatabaseFindings): DatabaseUnusableError | null {
  if (found.damage.length > 0) {
    const message =
      target.engine === 'sqlite'
        ? damagedSqliteMessage(target.file, found.damage)
        : damagedPostgresMessage(found.where, found.damage);
    return new DatabaseDamagedError(found.where, found.damage, message);
  }
  if (found.unreachable.length > 0) {
    const message = [
      `The API cannot open the ${found.where}:`,
      bullet(found.unreachable),
      'Check that the server runs and that DATABASE_URL names it, the database and a login it accepts ' +
        '(postgres://user:password@host:port/database). Nothing was changed.',
    ].join('\n');
    return new DatabaseUnusableError('unreachable', found.where, found.unreachable, message);
  }
  if (found.schema.length > 0) {
    const message = [
      `The API does not use ${found.where}:`,
      bullet(found.schema),
      'Nothing was changed. Point DB_FILE or DATABASE_URL at a Refund Desk database, or run `npm run seed` ' +
        'for a new one.',
    ].join('\n');
    return new DatabaseUnusableError('schema', found.where, found.schema, message);
  }
  return null;
}

export interface UsableOptions {
  /** a SQLite file that does not exist yet is fine (the caller is about to create it: the seed) */
  allowMissing?: boolean;
}

/**
 * Throws DatabaseUnusableError (DatabaseDamagedError for damage) if the database cannot be used
 * as it is; changes nothing either way. Call it before connect().
 */
export async function assertDatabaseUsable(
  target: DatabaseTarget,
  options: UsableOptions = {},
): Promise<void> {
  if (target.engine === 'postgres') {
    const refusal = refusalFor(target, await checkPostgres(target.url, 'structure'));
    if (refusal) throw refusal;
    return;
  }
  const { file } = target;
  if (!fs.existsSync(file)) {
    if (options.allowMissing) return;
    const message =
      `There is no database file at ${file}. Run \`npm run seed\` to create the demo database ` +
      '(`npm start` does when it is missing), or set DB_FILE to the file to use.';
    throw new DatabaseUnusableError('missing', file, [`${file} does not exist`], message);
  }
  const depth = sqliteBytes(file) <= QUICK_CHECK_AT_START_MAX_BYTES ? 'quick' : 'structure';
  const refusal = refusalFor(target, await checkSqliteFile(file, depth));
  if (refusal) throw refusal;
}

export type BackgroundCheckOutcome =
  | { status: 'ok' }
  | { status: 'damaged'; error: DatabaseDamagedError }
  /** stopped, or the check itself could not run (the reason) */
  | { status: 'stopped' | 'failed'; reason?: string };

export interface BackgroundIntegrityCheck {
  /** settles when the check has finished, found damage, failed or was stopped */
  readonly done: Promise<BackgroundCheckOutcome>;
  /** stops the check (at shutdown); resolves when its thread has ended */
  stop(): Promise<void>;
}

export interface BackgroundCheckOptions {
  /** what to do on damage; by default the message is printed and the process exits with 1 */
  onDamage?: (error: DatabaseDamagedError) => void;
}

// Plain JavaScript (no loader needed under tsx, vitest or a bundle): quick_check on a connection
// of its own, read-only, on its own thread so that the event loop keeps serving meanwhile.
const QUICK_CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma('quick_check', { simple: false });
  const lines = rows.flatMap((row) => String(Object.values(row)[0]).split('\\n'));
  parentPort.postMessage({ lines: lines.filter((line) => line !== '*** in database main ***') });
} catch (error) {
  parentPort.postMessage({ code: String(error.code || ''), error: String(error.message) });
} finally {
  if (db) db.close();
}
`;

function exitOnDamage(error: DatabaseDamagedError) {
  console.error(error.message);
  process.exit(1);
}

/**
 * Runs `PRAGMA quick_check` over a SQLite database on a worker thread while the API serves, and
 * calls onDamage (by default: prints the refusal and exits with 1) if it finds damage. Nothing to
 * do on PostgreSQL (done at once, ok). The thread does not keep the process alive.
 */
export function startBackgroundIntegrityCheck(
  target: DatabaseTarget,
  options: BackgroundCheckOptions = {},
): BackgroundIntegrityCheck {
  if (target.engine === 'postgres') {
    return { done: Promise.resolve({ status: 'ok' }), stop: () => Promise.resolve() };
  }
  const { file } = target;
  const onDamage = options.onDamage ?? exitOnDamage;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(QUICK_CHECK_WORKER, { eval: true, workerData: { file, driver } });
  worker.unref();
  let stopped = false;
  const done = new Promise<BackgroundCheckOutcome>((resolve) => {
    worker.once('message', (message: { lines?: string[]; code?: string; error?: string }) => {
      const code = message.code ?? '';
      const corrupt = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
      if (!message.lines && !corrupt) {
        return resolve({ status: 'failed', reason: `${code}: ${message.error ?? 'the check failed'}` });
      }
      const lines = message.lines ?? [`${code}: ${message.error ?? ''}`];
      if (lines.join() === 'ok') return resolve({ status: 'ok' });
      const damage = lines.slice(0, 20).map((l) => `quick_check: ${l}`);
      const error = new DatabaseDamagedError(file, damage, damagedSqliteMessage(file, damage));
      resolve({ status: 'damaged', error });
      onDamage(error);
    });
    worker.once('error', (error) => resolve({ status: 'failed', reason: error.message }));
    worker.once('exit', () =>
      resolve(stopped ? { status: 'stopped' } : { status: 'failed', reason: 'exited' }),
    );
  });
  return {
    done,
    async stop() {
      stopped = true;
      await worker.terminate();
    },
  };
}

/** Whether the start-up check left the full quick_check to startBackgroundIntegrityCheck. */
export function backgroundCheckNeeded(target: DatabaseTarget): boolean {
  return (
    target.engine === 'sqlite' &&
    fs.existsSync(target.file) &&
    sqliteBytes(target.file) > QUICK_CHECK_AT_START_MAX_BYTES
  );
}
