// A SQLite seed is written the fast way (seed/seedFile.ts: a new file, indexes and the search index
// built after the bulk insert, renamed into place) and must hold exactly what writing each cohort
// through Kysely (writer.ts, as PostgreSQL is seeded) holds: every row of every table, the same
// schema, the same search answers, whether its cohorts were made on a worker thread or not. A seed
// that fails leaves the file it was to replace as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../mock-api/db/connect';
import { runSqlListQuery } from '../../mock-api/db/listQuery';
import { READ_RESOURCES } from '../../mock-api/resources';
import { generateCohorts, seedDatabase, type SeedOptions } from '../../mock-api/seed/index';
import { seedingFileOf } from '../../mock-api/seed/seedFile';
import { rebuildMetricsRollups } from '../../mock-api/db/metricsRollups';
import { analyzeDatabase, writeSnapshot } from '../../mock-api/seed/writer';
import { fileHashes } from '../support/sqliteFiles';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-seedfile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const OPTIONS: SeedOptions = {
  count: 340,
  seed: 23,
  nowMs: Date.parse('2026-11-25T12:00:00.000Z'),
  withComplaints: true,
};
const COHORT = 120;

type Row = Record<string, unknown>;

/** Every table's rows in rowid order, the search indexes' own tables aside (compared by their answers). */
function contents(file: string): { schema: Row[]; tables: Record<string, Row[]> } {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    const schema = sqlite
      .prepare(
        `SELECT type, name, tbl_name, sql FROM sqlite_master
           WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY type, name`,
      )
      .all() as Row[];
    const tables: Record<string, Row[]> = {};
    for (const { name } of schema.filter((s) => s.type === 'table') as { name: string }[]) {
      if (name.startsWith('refundsSearch') || name.startsWith('refundsShortSearch')) continue;
      tables[name] = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Row[];
    }
    return { schema, tables };
  } finally {
    sqlite.close();
  }
}

/** The request list's answers to searches of one, two and three or more characters of real values. */
async function searches(file: string, needles: readonly string[]) {
  const handle = connect({ engine: 'sqlite', file });
  try {
    const answers: Record<string, string[]> = {};
    for (const q of needles) {
      const { rows } = await runSqlListQuery(
        handle.db,
        'refunds',
        READ_RESOURCES.refunds as never,
        { sort: ['id', 'ASC'], range: [0, 999], filter: { q } },
        { nowMs: OPTIONS.nowMs, caller: { userId: 'u3', role: 'supervisor' } },
      );
      answers[q] = rows.map((r) => r.id);
    }
    return answers;
  } finally {
    await handle.close();
  }
}

describe('a SQLite seed file', () => {
  it('holds what writing each cohort through Kysely holds, row for row, and answers searches the same', async () => {
    const fast = path.join(dir, 'fast.sqlite');
    const snapshot = await seedDatabase({ engine: 'sqlite', file: fast }, OPTIONS, COHORT);

    const reference = path.join(dir, 'reference.sqlite');
    const handle = connect({ engine: 'sqlite', file: reference });
    try {
      await generateCohorts(OPTIONS, COHORT, (cohort, first) =>
        writeSnapshot(handle.db, cohort, { append: !first }),
      );
      // as seedDatabase does once every cohort is in
      await rebuildMetricsRollups(handle.db);
      await analyzeDatabase(handle.db);
    } finally {
      await handle.close();
    }

    const got = contents(fast);
    const want = contents(reference);
    expect(got.schema).toEqual(want.schema);
    expect(Object.keys(got.tables).sort()).toEqual(Object.keys(want.tables).sort());
    for (const [table, rows] of Object.entries(want.tables)) {
      expect(got.tables[table].length, table).toBe(rows.length);
      expect(got.tables[table], table).toEqual(rows);
    }
    expect(got.tables.refunds.length).toBe(OPTIONS.count);
    expect(got.tables.complaints.length).toBeGreaterThan(0);

    const needles = new Set<string>();
    for (const r of snapshot.refunds.slice(0, 10)) {
      for (const value of [r.orderNumber, r.customerName, r.description]) {
        for (const length of [1, 2, 3, 6]) needles.add([...value].slice(1, 1 + length).join(''));
      }
    }
    const answers = await searches(fast, [...needles]);
    expect(answers).toEqual(await searches(reference, [...needles]));
    expect(Object.values(answers).every((ids) => ids.length > 0)).toBe(true);

    const sqlite = new BetterSqlite3(fast, { readonly: true });
    try {
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
    expect(fs.existsSync(seedingFileOf(fast))).toBe(false);
  }, 120_000);

  it('replaces a seeded file whole, and leaves it as it was when the seed fails', async () => {
    const file = path.join(dir, 'replaced.sqlite');
    await seedDatabase({ engine: 'sqlite', file }, { ...OPTIONS, count: 60 });
    await seedDatabase({ engine: 'sqlite', file }, { ...OPTIONS, count: 25, seed: 5 });
    expect(contents(file).tables.refunds.length).toBe(25);

    const before = fileHashes(file).database;
    // an instant that is no time: the generation throws after the new file was begun
    await expect(
      seedDatabase({ engine: 'sqlite', file }, { ...OPTIONS, count: 25, nowMs: Number.NaN }),
    ).rejects.toThrow();
    expect(fileHashes(file).database).toBe(before);
    // the same in cohorts, whose generation runs on a worker thread
    await expect(
      seedDatabase({ engine: 'sqlite', file }, { ...OPTIONS, count: 250, nowMs: Number.NaN }, 120),
    ).rejects.toThrow();
    expect(fileHashes(file).database).toBe(before);
    expect(fs.existsSync(seedingFileOf(file))).toBe(false);
  }, 60_000);
});
