// `npm run db:backup -- [--to FILE]`: a consistent copy of the database, safe while the API runs
// and writes. SQLite: the online backup API, every page copied in one step (one read transaction:
// the copy is the database as of one commit, and another process's write cannot restart it
// halfway), then quick-checked. PostgreSQL: pg_dump's custom format (its own snapshot).
// The copy is written under a temporary name and renamed when complete, so a file with the final
// name is always a whole copy. By default it goes to a backups/ folder beside the SQLite file
// (mock-api/data/backups/ for the default database and for PostgreSQL), which no server serves.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_DB_FILE, targetFromEnv, type DatabaseTarget } from './connect';

export interface BackupResult {
  /** where the copy is */
  file: string;
  bytes: number;
  /** how to put it back, as a sentence with the commands */
  restore: string;
}

/** A UTC time for a file name: 2026-12-01T12-15-30.123Z (no colons, sorts by time). */
function stamp(now: Date): string {
  return now.toISOString().replace(/:/g, '-');
}

/** Where a backup goes unless --to says: backups/ beside the SQLite file, or the default data folder. */
export function defaultBackupFile(target: DatabaseTarget, now: Date = new Date()): string {
  if (target.engine === 'sqlite') {
    const base = path.basename(target.file).replace(/\.(sqlite3?|db)$/i, '');
    return path.join(path.dirname(target.file), 'backups', `${base}-${stamp(now)}.sqlite`);
  }
  const name = new URL(target.url).pathname.replace(/^\//, '') || 'postgres';
  const safe = decodeURIComponent(name).replace(/[^A-Za-z0-9_-]/g, '_');
  return path.join(path.dirname(DEFAULT_DB_FILE), 'backups', `${safe}-${stamp(now)}.dump`);
}

/** Makes the finished temporary copy the backup: synced, renamed, the folder's entry synced. */
function publish(temporary: string, file: string) {
  const fd = fs.openSync(temporary, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

function prepareDestination(file: string): string {
  if (fs.existsSync(file)) {
    throw new Error(`${file} exists already; a backup never overwrites a file. Choose another --to.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return `${file}.tmp-${process.pid}`;
}

/** Every remaining page in one step: see the top of the file. */
const ALL_PAGES = 0x7fffffff;

async function backupSqlite(source: string, file: string): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new Error(`There is no database file at ${source}: nothing to back up.`);
  const temporary = prepareDestination(file);
  const sqlite = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    await sqlite.backup(temporary, { progress: () => ALL_PAGES });
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new Error(`The backup of ${source} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    sqlite.close();
  }
  // the copy is one self-contained file (rollback journal, no -wal beside it); connect() puts a
  // restored copy back into WAL mode
  const copy = new BetterSqlite3(temporary, { fileMustExist: true });
  let verdict: string[];
  try {
    copy.pragma('journal_mode = DELETE');
    verdict = (copy.pragma('quick_check', { simple: false }) as { quick_check: string }[]).map(
      (r) => r.quick_check,
    );
  } finally {
    copy.close();
  }
  if (verdict.join() !== 'ok') {
    fs.rmSync(temporary, { force: true });
    throw new Error(
      `The copy of ${source} fails quick_check, so the database itself is damaged and no backup was kept:\n` +
        verdict.slice(0, 20).join('\n') +
        `\nRun \`DB_FILE=${source} npm run db:check\` for the full report.`,
    );
  }
  publish(temporary, file);
  return {
    file,
    bytes: fs.statSync(file).size,
    restore:
      `To restore it: stop the API, move ${source} and its -wal and -shm files aside, ` +
      `then \`cp ${file} ${source}\` and start the API.`,
  };
}

const DEBIAN_BIN_ROOT = '/usr/lib/postgresql';

/** pg_dump (or pg_restore) from PG_BIN_DIR, the PATH, or Debian's /usr/lib/postgresql/<newest>/bin. */
export function findPgTool(
  tool: 'pg_dump' | 'pg_restore',
  env: NodeJS.ProcessEnv = process.env,
  debianRoot: string = DEBIAN_BIN_ROOT,
): string {
  const dirs = [env.PG_BIN_DIR, ...(env.PATH ?? '').split(path.delimiter)].filter((d): d is string => !!d);
  if (fs.existsSync(debianRoot)) {
    const versions = fs
      .readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => path.join(debianRoot, v, 'bin')));
  }
  for (const dir of dirs) {
    const candidate = path.join(dir, tool);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(
    `${tool} was not found (PG_BIN_DIR, the PATH, ${debianRoot}/*/bin): install PostgreSQL's client ` +
      'tools (apt-get install postgresql-client) or set PG_BIN_DIR to the folder that holds it.',
  );
}

const run = promisify(execFile);

async function backupPostgres(url: string, file: string): Promise<BackupResult> {
  const pgDump = findPgTool('pg_dump');
  const temporary = prepareDestination(file);
  try {
    await run(pgDump, ['--format=custom', `--file=${temporary}`, `--dbname=${url}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`pg_dump failed: ${stderr || (error as Error).message}`, { cause: error });
  }
  publish(temporary, file);
  return {
    file,
    bytes: fs.statSync(file).size,
    restore:
      'To restore it (this replaces the tables in the database DATABASE_URL names): stop the API, then ' +
      `\`pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" ${file}\`.`,
  };
}

/** Writes a consistent copy of the database to `to` (default: defaultBackupFile). */
export async function backupDatabase(target: DatabaseTarget, to?: string): Promise<BackupResult> {
  const file = path.resolve(to ?? defaultBackupFile(target));
  return target.engine === 'sqlite' ? backupSqlite(target.file, file) : backupPostgres(target.url, file);
}

function parseArgs(argv: readonly string[]): { to?: string } {
  if (argv.length === 0) return {};
  if (argv.length === 2 && argv[0] === '--to' && argv[1]) return { to: argv[1] };
  throw new Error(`Unknown arguments: ${argv.join(' ')}. Usage: npm run db:backup -- [--to FILE]`);
}

async function main() {
  const { to } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const result = await backupDatabase(targetFromEnv(), to);
  console.log(
    `Backup written to ${result.file} (${result.bytes} bytes, ${Date.now() - started} ms).\n${result.restore}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
