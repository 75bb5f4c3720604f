// What is wrong with a database, if anything, found without changing it: the SQLite file is read
// byte by byte (sqliteFile.ts) and through a read-only connection (no WAL switch, no migration,
// no checkpoint: SQLite cannot write through it); PostgreSQL is asked over one plain connection.
// health.ts refuses to start on what this finds; check.ts prints it.
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_MIGRATION_TABLE } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import { inspectDatabaseFile, inspectWal, missingPages, type WalInspection } from './sqliteFile';

/**
 * structure: the header, the WAL's frames, the schema and the migrations read back (cheap, any size);
 * quick: and `PRAGMA quick_check` (every b-tree page read); full: `PRAGMA integrity_check` (indexes
 * against their tables too) and `PRAGMA foreign_key_check`, with row counts.
 */
export type CheckDepth = 'structure' | 'quick' | 'full';

export interface DatabaseFindings {
  /** where the database is, for messages: the file, or the PostgreSQL database's name */
  where: string;
  /** the data is damaged (the file, the WAL, a page, a reference) */
  damage: string[];
  /** the data is intact but this code cannot use it (not a Refund Desk database, a newer schema) */
  schema: string[];
  /** the server cannot be reached or the database opened (PostgreSQL) */
  unreachable: string[];
  /** what was checked and found, for the report */
  info: string[];
}

const MAX_LINES = 20;

function findings(where: string): DatabaseFindings {
  return { where, damage: [], schema: [], unreachable: [], info: [] };
}

async function knownMigrations(): Promise<string[]> {
  return Object.keys(await migrationProvider.getMigrations());
}

/** The applied migrations this code does not know: the database is newer than the code. */
function unknownMigrations(applied: readonly string[], known: readonly string[]): string[] {
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length === 0) return [];
  return [
    `the database has migrations this version of Refund Desk does not know (${unknown.join(', ')}): ` +
      'it was used by a newer version; run that version, or restore a backup made by this one',
  ];
}

function sqliteErrorLine(error: unknown, step: string): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return `${step}: ${typeof code === 'string' ? `${code}: ` : ''}${message}`;
}

/** The pragma's report, one line each (SQLite puts several in one row), or SQLite's error. */
function pragmaLines(sqlite: BetterSqlite3.Database, pragma: string): string[] {
  try {
    const rows = sqlite.pragma(pragma, { simple: false }) as Record<string, unknown>[];
    return rows.flatMap((row) => String(Object.values(row)[0]).split('\n'));
  } catch (error) {
    return [sqliteErrorLine(error, 'SQLite')];
  }
}

/** "Tree 18" in SQLite's report is a table or index by its root page: name it. */
function treeNames(sqlite: BetterSqlite3.Database, lines: readonly string[]): string[] {
  const roots = new Set(lines.flatMap((l) => [...l.matchAll(/Tree (\d+)/g)].map((m) => Number(m[1]))));
  if (roots.size === 0) return [];
  try {
    const named = sqlite.prepare('SELECT name, rootpage FROM sqlite_schema').all() as {
      name: string;
      rootpage: number;
    }[];
    return named.filter((n) => roots.has(n.rootpage)).map((n) => `Tree ${n.rootpage} is ${n.name}`);
  } catch {
    return [];
  }
}

function reportOf(sqlite: BetterSqlite3.Database, pragma: 'quick_check' | 'integrity_check'): string[] {
  const lines = pragmaLines(sqlite, pragma).filter((l) => l !== '*** in database main ***');
  if (lines.join() === 'ok') return [];
  return withLimit([...lines, ...treeNames(sqlite, lines)].map((l) => `${pragma}: ${l}`));
}

function withLimit(lines: readonly string[]): string[] {
  if (lines.length <= MAX_LINES) return [...lines];
  return [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`];
}

/**
 * The WAL as inspected, damage confirmed by a second reading: a process writing meanwhile may
 * start the WAL over between the header and the frames of one reading (which then look like
 * damage), never identically twice.
 */
function steadyWal(walFile: string, pageSize: number): WalInspection {
  const first = inspectWal(walFile, pageSize);
  if (first.problems.length === 0) return first;
  const second = inspectWal(walFile, pageSize);
  return second.problems.join() === first.problems.join() ? second : { ...second, problems: [] };
}

/** Checks a SQLite database file (which must exist) to the given depth, changing nothing. */
export async function checkSqliteFile(file: string, depth: CheckDepth): Promise<DatabaseFindings> {
  const found = findings(file);
  const inspection = inspectDatabaseFile(file);
  found.damage.push(...inspection.problems);
  if (!inspection.header) return found;
  const wal = steadyWal(`${file}-wal`, inspection.header.pageSize);
  found.damage.push(...wal.problems);
  const missing = missingPages(inspection, wal);
  if (missing) found.damage.push(missing);
  found.info.push(
    `file: ${inspection.bytes} bytes, pages of ${inspection.header.pageSize} bytes; ` +
      `WAL: ${wal.commits} committed transaction(s) not yet copied into the file`,
  );

  let sqlite: BetterSqlite3.Database | null = null;
  let step = 'SQLite, reading the schema';
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const tables = (
      sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]
    ).map((t) => t.name);
    if (tables.length === 0) {
      found.info.push('no tables yet: the migrations will create them');
    } else if (!tables.includes(DEFAULT_MIGRATION_TABLE)) {
      found.schema.push(
        `it is a SQLite database but not a Refund Desk one (no ${DEFAULT_MIGRATION_TABLE} table; ` +
          `tables: ${tables.slice(0, 8).join(', ')})`,
      );
    } else {
      const applied = (
        sqlite.prepare(`SELECT name FROM "${DEFAULT_MIGRATION_TABLE}" ORDER BY name`).all() as {
          name: string;
        }[]
      ).map((m) => m.name);
      found.schema.push(...unknownMigrations(applied, await knownMigrations()));
      found.info.push(`migrations applied: ${applied.join(', ') || 'none'}`);
    }
    if (depth !== 'structure') {
      const pragma = depth === 'full' ? 'integrity_check' : 'quick_check';
      const damage = reportOf(sqlite, pragma);
      found.damage.push(...damage);
      if (damage.length === 0) found.info.push(`${pragma}: ok`);
    }
    if (depth === 'full') {
      step = 'foreign_key_check';
      const broken = sqlite.pragma('foreign_key_check') as {
        table: string;
        rowid: number | null;
        parent: string;
      }[];
      found.damage.push(
        ...withLimit(
          broken.map(
            (b) =>
              `foreign_key_check: ${b.table} row ${b.rowid ?? '?'} refers to a ${b.parent} row that is missing`,
          ),
        ),
      );
      if (broken.length === 0) found.info.push('foreign_key_check: ok');
      step = 'counting rows';
      if (found.damage.length === 0 && tables.includes('refunds'))
        found.info.push(sqliteRowCounts(sqlite, tables));
    }
  } catch (error) {
    found.damage.push(sqliteErrorLine(error, step));
  } finally {
    sqlite?.close();
  }
  return found;
}

const COUNTED_TABLES = ['refunds', 'complaints', 'events', 'notes', 'customers', 'orders', 'users'];

function sqliteRowCounts(sqlite: BetterSqlite3.Database, tables: readonly string[]): string {
  const counts = COUNTED_TABLES.filter((t) => tables.includes(t)).map((table) => {
    const { n } = sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number };
    return `${table} ${n}`;
  });
  return `rows: ${counts.join(', ')}`;
}

/** A PostgreSQL error as a sentence: the server, the database or the login that failed. */
function postgresErrorLine(error: unknown, database: string): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = message ?? String(error);
  if (code === '3D000') return `the database "${database}" does not exist on that server (${text})`;
  if (code === '28P01' || code === '28000') return `the server refused the login (${text})`;
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return `the PostgreSQL server cannot be reached (${code}: ${text})`;
  }
  return `PostgreSQL: ${code ? `${code}: ` : ''}${text}`;
}

function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || '(default)';
  } catch {
    return '(unreadable DATABASE_URL)';
  }
}

/**
 * Checks a PostgreSQL database: the server answers, the database exists, its migrations are ones
 * this code knows. PostgreSQL guards its own pages (its WAL replays after a crash, and it refuses
 * to read a page it finds broken): `full` adds row counts, and amcheck's B-tree checks of the
 * tables' indexes where the extension is installed (it is not installed here: that is a change).
 */
export async function checkPostgres(url: string, depth: CheckDepth): Promise<DatabaseFindings> {
  const database = databaseName(url);
  const found = findings(`PostgreSQL database "${database}" (DATABASE_URL)`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {
    // a connection lost mid-check shows as the failed query's error
  });
  try {
    await client.connect();
  } catch (error) {
    found.unreachable.push(postgresErrorLine(error, database));
    return found;
  }
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    const names = tables.map((t) => t.name);
    if (!names.includes(DEFAULT_MIGRATION_TABLE)) {
      if (names.includes('refunds')) {
        found.schema.push(`the database has Refund Desk's tables but no ${DEFAULT_MIGRATION_TABLE} table`);
      } else {
        found.info.push('no Refund Desk tables yet: the migrations will create them');
      }
      return found;
    }
    const { rows } = await client.query<{ name: string }>(
      `SELECT name FROM "${DEFAULT_MIGRATION_TABLE}" ORDER BY name`,
    );
    const applied = rows.map((r) => r.name);
    found.schema.push(...unknownMigrations(applied, await knownMigrations()));
    found.info.push(`migrations applied: ${applied.join(', ') || 'none'}`);
    if (depth === 'full') await fullPostgresReport(client, names, found);
  } catch (error) {
    found.damage.push(postgresErrorLine(error, database));
  } finally {
    await client.end().catch(() => undefined);
  }
  return found;
}

async function fullPostgresReport(client: pg.Client, tables: readonly string[], found: DatabaseFindings) {
  const counts: string[] = [];
  for (const table of COUNTED_TABLES.filter((t) => tables.includes(t))) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    counts.push(`${table} ${rows[0].n}`);
  }
  found.info.push(`rows: ${counts.join(', ')}`);
  const { rows: amcheck } = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'amcheck'`);
  if (amcheck.length === 0) {
    found.info.push(
      'amcheck: not installed, index pages not checked (a superuser may run CREATE EXTENSION amcheck; ' +
        'or pg_amcheck from the PostgreSQL tools)',
    );
    return;
  }
  const { rows: indexes } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_am am ON am.oid = c.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE am.amname = 'btree' AND n.nspname = current_schema() AND c.relpersistence = 'p'
     ORDER BY c.relname`,
  );
  for (const index of indexes) {
    try {
      // heapallindexed: every table row is found in the index as well
      await client.query(`SELECT bt_index_check(to_regclass($1), true)`, [`"${index.name}"`]);
    } catch (error) {
      found.damage.push(`amcheck: index ${index.name}: ${(error as Error).message}`);
    }
  }
  found.info.push(`amcheck: ${indexes.length} B-tree index(es) checked against their tables`);
}

/** The SQLite file and its WAL, in bytes: what a check has to read. */
export function sqliteBytes(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) total += fs.statSync(f).size;
  return total;
}
