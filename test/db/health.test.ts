// A damaged database is never repaired by dropping data (part 9, item 5): the start-up check
// refuses a damaged SQLite file with a message that says what is wrong and what to do, and the
// file and its -wal keep every byte; `npm run db:check` says the same with exit code 1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../mock-api/db/connect';
import {
  DatabaseDamagedError,
  DatabaseUnusableError,
  QUICK_CHECK_AT_START_MAX_BYTES,
  assertDatabaseUsable,
  backgroundCheckNeeded,
  startBackgroundIntegrityCheck,
} from '../../mock-api/db/health';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { createTestDatabase, postgresUrl } from '../support/postgres';
import {
  buildRefundDatabase,
  crashImage,
  fileHashes,
  middlePageOffset,
  overwrite,
  walAfter,
  walFrames,
} from '../support/sqliteFiles';

let dir = '';
/** an intact migrated database with the demo data of 300 requests, copied for each case */
let pristine = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-health-'));
  pristine = path.join(dir, 'pristine.sqlite');
  await buildRefundDatabase(pristine, 300);
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
function copyOfPristine(): string {
  const file = path.join(dir, `case-${++copies}`, 'refund-desk.sqlite');
  fs.mkdirSync(path.dirname(file));
  fs.copyFileSync(pristine, file);
  return file;
}

/** Checks that the refusal is a damage report naming the file and what to do, bytes untouched. */
async function expectRefusedUntouched(file: string, pattern: RegExp): Promise<DatabaseDamagedError> {
  const before = fileHashes(file);
  const error = await assertDatabaseUsable({ engine: 'sqlite', file }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseDamagedError);
  const damaged = error as DatabaseDamagedError;
  expect(damaged.message).toMatch(pattern);
  expect(damaged.message).toContain(file);
  expect(damaged.message).toContain('left exactly as they are');
  expect(damaged.message).toContain('npm run db:check');
  expect(damaged.message).toContain('npm run db:backup');
  expect(fileHashes(file).database).toBe(before.database);
  expect(walAfter(before.wal, file)).toBe(before.wal);
  return damaged;
}

describe('the start-up check on SQLite', () => {
  it('lets an intact file through, changing none of its bytes', async () => {
    const file = copyOfPristine();
    const before = fileHashes(file);
    await assertDatabaseUsable({ engine: 'sqlite', file });
    expect(fileHashes(file).database).toBe(before.database);
  });

  it('refuses a file with a damaged page in the middle, and leaves it as it is', async () => {
    const file = copyOfPristine();
    overwrite(file, middlePageOffset(file) + 1000, 200);
    const error = await expectRefusedUntouched(file, /quick_check: Tree \d+ page \d+ cell \d+/);
    expect(error.findings).toContainEqual(expect.stringMatching(/^quick_check: Tree \d+ is events$/));
    // the page's header itself: SQLite stops at it with an error instead of a report
    const header = copyOfPristine();
    overwrite(header, middlePageOffset(header), 200);
    await expectRefusedUntouched(header, /quick_check: SQLite: SQLITE_CORRUPT/);
  });

  it('refuses a file cut short', async () => {
    const file = copyOfPristine();
    const size = fs.statSync(file).size;
    fs.truncateSync(file, Math.floor(size / 2 / 4096) * 4096);
    await expectRefusedUntouched(file, /cut short/);
  });

  it('refuses a file that is not a database, and an empty one', async () => {
    const garbage = path.join(dir, 'garbage.sqlite');
    fs.writeFileSync(garbage, Buffer.from('refund,amount\n'.repeat(2000)));
    await expectRefusedUntouched(garbage, /file is not a database/);
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    await expectRefusedUntouched(empty, /empty \(0 bytes\)/);
  });

  it('lets a WAL of committed transactions through (a killed process), each row readable', async () => {
    const file = path.join(dir, 'crash-ok', 'refund-desk.sqlite');
    crashImage(copyOfPristine(), file, 12, 3);
    const before = fileHashes(file);
    await assertDatabaseUsable({ engine: 'sqlite', file });
    expect(fileHashes(file)).toEqual(before);
    const sqlite = new BetterSqlite3(file, { readonly: true });
    expect(sqlite.prepare(`SELECT count(*) AS n FROM "storeMeta" WHERE "key" LIKE 't%'`).get()).toEqual({
      n: 36,
    });
    sqlite.close();
  });

  it('refuses a -wal damaged in the middle, whose later commits plain SQLite would drop in silence', async () => {
    const file = path.join(dir, 'crash-damaged', 'refund-desk.sqlite');
    crashImage(copyOfPristine(), file, 12, 3);
    const frames = walFrames(`${file}-wal`);
    const middle = frames[Math.floor(frames.length / 2)];
    overwrite(`${file}-wal`, middle.offset + 24 + 100, 64);

    // what SQLite alone makes of it: the file checks "ok" and the later transactions are gone
    const bare = path.join(dir, 'crash-damaged-bare', 'refund-desk.sqlite');
    fs.mkdirSync(path.dirname(bare));
    fs.copyFileSync(file, bare);
    fs.copyFileSync(`${file}-wal`, `${bare}-wal`);
    const sqlite = new BetterSqlite3(bare, { readonly: true });
    expect(sqlite.pragma('quick_check', { simple: true })).toBe('ok');
    const { n } = sqlite.prepare(`SELECT count(*) AS n FROM "storeMeta" WHERE "key" LIKE 't%'`).get() as {
      n: number;
    };
    sqlite.close();
    expect(n).toBeLessThan(36);

    await expectRefusedUntouched(file, /-wal file is damaged at frame/);
  });

  it('refuses a -wal whose header is damaged', async () => {
    const file = path.join(dir, 'crash-header', 'refund-desk.sqlite');
    crashImage(copyOfPristine(), file, 4, 2);
    overwrite(`${file}-wal`, 16, 4);
    await expectRefusedUntouched(file, /-wal file's header checksum does not match/);
  });

  it('lets through a last transaction cut short by a crash, which was never confirmed', async () => {
    const file = path.join(dir, 'crash-torn', 'refund-desk.sqlite');
    crashImage(copyOfPristine(), file, 6, 3);
    const frames = walFrames(`${file}-wal`);
    const lastCommits = frames.map((f, i) => (f.commit ? i : -1)).filter((i) => i >= 0);
    const [beforeLast] = lastCommits.slice(-2);
    // the last transaction's first frame, torn
    overwrite(`${file}-wal`, frames[beforeLast + 1].offset + 24, 4096);
    await assertDatabaseUsable({ engine: 'sqlite', file });
  });

  it('refuses a SQLite database that is not a Refund Desk one, and says when the file is missing', async () => {
    const other = path.join(dir, 'other.sqlite');
    const sqlite = new BetterSqlite3(other);
    sqlite.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    sqlite.close();
    await expect(assertDatabaseUsable({ engine: 'sqlite', file: other })).rejects.toMatchObject({
      problem: 'schema',
      message: expect.stringContaining('not a Refund Desk one') as string,
    });
    const missing = path.join(dir, 'nowhere.sqlite');
    await expect(assertDatabaseUsable({ engine: 'sqlite', file: missing })).rejects.toMatchObject({
      problem: 'missing',
      message: expect.stringContaining('npm run seed') as string,
    });
    await assertDatabaseUsable({ engine: 'sqlite', file: missing }, { allowMissing: true });
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe('the background integrity check', () => {
  it('reports a damaged page through onDamage, and an intact file as ok', async () => {
    const damaged = copyOfPristine();
    overwrite(damaged, middlePageOffset(damaged), 200);
    const seen: DatabaseDamagedError[] = [];
    const check = startBackgroundIntegrityCheck(
      { engine: 'sqlite', file: damaged },
      { onDamage: (e) => seen.push(e) },
    );
    const outcome = await check.done;
    expect(outcome.status).toBe('damaged');
    expect(seen).toHaveLength(1);
    expect(seen[0].message).toContain(damaged);
    expect(seen[0].message).toMatch(/quick_check: SQLITE_CORRUPT/);

    const intact = startBackgroundIntegrityCheck({ engine: 'sqlite', file: copyOfPristine() });
    expect(await intact.done).toEqual({ status: 'ok' });
  });
});

describe('a file larger than the start-up check reads in full', () => {
  it('passes the start-up check on its structure; the background check finds the damage', async () => {
    const file = copyOfPristine();
    const damagedAt = middlePageOffset(file) + 1000;
    const sqlite = new BetterSqlite3(file);
    const insert = sqlite.prepare('INSERT INTO "storeMeta" ("key", "value") VALUES (?, ?)');
    const megabyte = 'm'.repeat(1024 * 1024);
    sqlite.transaction(() => {
      for (let k = 0; k * 1024 * 1024 <= QUICK_CHECK_AT_START_MAX_BYTES; k++) insert.run(`big${k}`, megabyte);
    })();
    sqlite.close();
    overwrite(file, damagedAt, 200);
    const target = { engine: 'sqlite', file } as const;
    expect(backgroundCheckNeeded(target)).toBe(true);
    expect(backgroundCheckNeeded({ engine: 'sqlite', file: pristine })).toBe(false);

    await assertDatabaseUsable(target);
    const seen: DatabaseDamagedError[] = [];
    const check = startBackgroundIntegrityCheck(target, { onDamage: (e) => seen.push(e) });
    expect((await check.done).status).toBe('damaged');
    expect(seen[0]?.message).toMatch(/quick_check: Tree \d+ page \d+/);
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});

function dbCheck(env: Record<string, string>) {
  return spawnSync('npx', ['tsx', 'mock-api/db/check.ts'], {
    env: { ...process.env, DATABASE_URL: '', DB_FILE: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run db:check', () => {
  it('exits 0 with a report on an intact file, 1 naming the damage on a damaged one', () => {
    const good = dbCheck({ DB_FILE: copyOfPristine() });
    expect(good.stdout).toContain('integrity_check: ok');
    expect(good.stdout).toContain('foreign_key_check: ok');
    expect(good.stdout).toMatch(/rows: refunds 300,/);
    expect(good.status).toBe(0);

    const file = copyOfPristine();
    overwrite(file, middlePageOffset(file) + 1000, 200);
    const before = fileHashes(file);
    const bad = dbCheck({ DB_FILE: file });
    expect(bad.stderr).toMatch(/integrity_check: Tree \d+ page \d+/);
    expect(bad.stderr).toContain('is damaged');
    expect(bad.status).toBe(1);
    expect(fileHashes(file).database).toBe(before.database);
  });
});

describe('the start-up check and db:check on PostgreSQL', () => {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase(inject('postgresSocketDir'), `health_${process.pid}`);
    const handle = connect({ engine: 'postgres', url });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
  });

  it('lets a migrated database through and refuses a missing database or server clearly', async () => {
    await assertDatabaseUsable({ engine: 'postgres', url });
    expect(backgroundCheckNeeded({ engine: 'postgres', url })).toBe(false);
    const socketDir = inject('postgresSocketDir');
    await expect(
      assertDatabaseUsable({ engine: 'postgres', url: postgresUrl(socketDir, 'no_such_database') }),
    ).rejects.toMatchObject({
      problem: 'unreachable',
      message: expect.stringContaining('does not exist') as string,
    });
    const noServer = postgresUrl(fs.mkdtempSync(path.join(dir, 'no-server-')), 'refunds');
    const error = await assertDatabaseUsable({ engine: 'postgres', url: noServer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnusableError);
    expect((error as Error).message).toContain('cannot be reached');
  });

  it('db:check reports the schema, the rows and amcheck, exit 0', async () => {
    const client = connect({ engine: 'postgres', url });
    try {
      await sql`CREATE EXTENSION IF NOT EXISTS amcheck`.execute(client.db);
    } finally {
      await client.close();
    }
    const report = dbCheck({ DATABASE_URL: url });
    expect(report.stdout).toContain('migrations applied: 001_tables');
    expect(report.stdout).toMatch(/rows: refunds 0,/);
    expect(report.stdout).toMatch(/amcheck: [1-9]\d* B-tree index\(es\) checked/);
    expect(report.status).toBe(0);
  });
});
