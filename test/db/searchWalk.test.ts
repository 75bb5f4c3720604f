// A search-only list with many matches on SQLite reads its page by walking the head of the sort
// field's index (listQuery.ts searchPageByWalk), and its count off the full-text tables; with few
// matches, or when the head holds too few of them, it sorts every match. Whichever way, the answer
// is the plain reference's: the same rows in the same order, the same total. The property test
// (listQuery.test.ts) has too few records to reach the walk; this file has enough.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../mock-api/db/connect';
import { SEARCH_PLAN, runSqlListQuery } from '../../mock-api/db/listQuery';
import { refundSpec } from '../../mock-api/resources';
import type { ListQuery } from '../../mock-api/simpleRest';
import type { RefundRequest } from '../../src/domain/model';
import { referenceList } from '../support/referenceList';
import { openSeededRequests } from '../support/sqliteFiles';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const SUPERVISOR = { userId: 's1', role: 'supervisor' } as const;

describe('a search-only list over many matches (SQLite)', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let refunds: RefundRequest[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-search-walk-'));
    ({ handle, refunds } = await openSeededRequests(dir, { count: 2500, seed: 9, nowMs: NOW_MS }));
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // the plan's limits as they are, then small enough that the head walk fails and each fallback runs
  const plans = [
    { ...SEARCH_PLAN },
    { walkEntries: 150, sortsUpTo: 1_000_000 },
    { walkEntries: 150, sortsUpTo: 1000 },
  ];
  const original = { ...SEARCH_PLAN };
  afterAll(() => Object.assign(SEARCH_PLAN, original));

  it.each(plans)(
    'answers as the reference for spread and clustered needles, every walked sort and page (%o)',
    async (plan) => {
      Object.assign(SEARCH_PLAN, plan);
      // the latest order's date: its matches lie together at one end of the time sorts
      const latest = refunds.reduce((a, b) => (a.submittedAt > b.submittedAt ? a : b));
      const needles = ['e', 'the', 'cz2026', latest.orderNumber.slice(0, 10).toLowerCase()];
      const sorts: ListQuery['sort'][] = [
        ['slaDueAt', 'ASC'],
        ['slaDueAt', 'DESC'],
        ['submittedAt', 'DESC'],
        ['paidFen', 'DESC'],
        ['decidedAt', 'DESC'],
      ];
      const ranges: ListQuery['range'][] = [
        [0, 24],
        [25, 49],
        [100, 124],
        [600, 624],
      ];
      let walkedTotals = 0;
      for (const q of needles) {
        for (const sort of sorts) {
          for (const range of ranges) {
            const query: ListQuery = { sort, range, filter: { q } };
            const expected = referenceList(refunds, refundSpec, query, { nowMs: NOW_MS, ...SUPERVISOR });
            const actual = await runSqlListQuery(handle.db, 'refunds', refundSpec, query, {
              nowMs: NOW_MS,
              caller: SUPERVISOR,
            });
            expect({ q, sort, range, ids: actual.rows.map((r) => r.id), total: actual.total }).toEqual({
              q,
              sort,
              range,
              ids: expected.rows.map((r) => r.id),
              total: expected.total,
            });
            expect(actual.rows).toEqual(expected.rows);
            if (expected.total >= 1000) walkedTotals++;
          }
        }
      }
      // the needles reach the walk (at least this many matches), not only the sort of every match
      expect(walkedTotals).toBeGreaterThan(0);
    },
  );
});
