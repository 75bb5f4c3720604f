// A list sorted by an amount walks the amount's index only when the walk meets a page sooner than
// sorting every match would (listQuery.ts walkSortIndex): expected walk = (offset + page) × rows /
// matches, against the matches themselves. A flag few requests carry is sorted from its own index:
// walking passes hundreds of rows per match. Either way the answer is the plain reference's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../mock-api/db/connect';
import { runSqlListQuery } from '../../mock-api/db/listQuery';
import type { Database } from '../../mock-api/db/schema';
import { refundSpec } from '../../mock-api/resources';
import type { ListQuery } from '../../mock-api/simpleRest';
import type { RefundRequest } from '../../src/domain/model';
import { referenceList } from '../support/referenceList';
import { openSeededRequests } from '../support/sqliteFiles';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const SUPERVISOR = { userId: 's1', role: 'supervisor' } as const;

describe('walking an amount sort index (SQLite)', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let logged: Kysely<Database>;
  const statements: string[] = [];
  let refunds: RefundRequest[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-sort-walk-'));
    ({ handle, refunds } = await openSeededRequests(dir, { count: 5000, seed: 5, nowMs: NOW_MS }));
    if (!handle.sqlite) throw new Error('a SQLite handle has its connection');
    logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: handle.sqlite }),
      log: (event) => {
        if (event.level === 'query') statements.push(event.query.sql);
      },
    });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function page(range: ListQuery['range']) {
    const query: ListQuery = { sort: ['paidFen', 'DESC'], range, filter: { tipping: true } };
    statements.length = 0;
    const actual = await runSqlListQuery(logged, 'refunds', refundSpec, query, {
      nowMs: NOW_MS,
      caller: SUPERVISOR,
    });
    const expected = referenceList(refunds, refundSpec, query, { nowMs: NOW_MS, ...SUPERVISOR });
    expect(actual.total).toBe(expected.total);
    expect(actual.rows).toEqual(expected.rows);
    const walked = statements.some((s) => s.includes('indexed by'));
    return { total: expected.total, walked };
  }

  it('walks when a page lies near the head of the matches, and sorts the matches when it would not', async () => {
    const { total, walked } = await page([0, 24]);
    // enough matches for the walk to be considered at all (WALK_SORT_INDEX_FROM)
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(walked).toBe(true);
    // a page deep enough that the walk would pass more rows than there are matches
    const end = Math.ceil((total * total) / refunds.length) + 10;
    const start = end - 24;
    expect(start).toBeLessThanOrEqual(total / 2);
    expect((await page([start, end])).walked).toBe(false);
  });
});
