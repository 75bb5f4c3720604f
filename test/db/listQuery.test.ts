// The property that guards the list on the database: on both engines, every list query answers
// exactly what the plain reference (test/support/referenceList.ts: every record scanned in memory)
// answers over the same records: the same rows in the same order, the same total and range, the
// same records field for field.
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { putRecords, replaceRefundDecisions } from '../../mock-api/db/codecs';
import type { Engine } from '../../mock-api/db/engine';
import { runSqlListQuery } from '../../mock-api/db/listQuery';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { complaintSpec, refundSpec } from '../../mock-api/resources';
import type { ListQuery, ListResult } from '../../mock-api/simpleRest';
import { referenceList } from '../support/referenceList';
import type { ClassifiedDecision } from '../../src/domain/metrics';
import type { Complaint } from '../../src/domain/model';
import { COMPLAINED_REFUNDS, complaintQueryArb, complaintsArb } from './complaintArbitraries';
import { useBothEngines } from '../support/databases';
import {
  NOW_MS,
  listQueryArb,
  refundData,
  stubCustomers,
  stubOrders,
  type RefundData,
} from './listArbitraries';

/** the lists are asked as a supervisor, who may filter by anyone (staffFilters.test.ts checks reviewers) */
const SUPERVISOR = { userId: 's1', role: 'supervisor' } as const;
/** a reviewer counts only their own work: other staff filters are a 403, "decided" their own */
const REVIEWER = { userId: 's2', role: 'reviewer' } as const;
type Caller = typeof SUPERVISOR | typeof REVIEWER;

/** The plain answer: every record scanned in memory (test/support/referenceList.ts). */
function reference(data: RefundData, query: ListQuery, caller: Caller = SUPERVISOR) {
  const decisions = new Map<string, ClassifiedDecision[]>();
  for (const d of data.decisions) decisions.set(d.refundId, [...(decisions.get(d.refundId) ?? []), d]);
  return referenceList(data.refunds, refundSpec, query, {
    nowMs: NOW_MS,
    userId: caller.userId,
    role: caller.role,
    decisions: (id) => decisions.get(id) ?? [],
  });
}

const TABLES_TO_EMPTY = [
  'complaints',
  'refundDecisions',
  'events',
  'refunds',
  'orders',
  'customers',
] as const;

/** The same page (ids in order, total, range) first, for a readable failure; then every field. */
function expectSameAnswer<T extends { id: string }>(actual: ListResult<T>, expected: ListResult<T>) {
  const summary = (r: ListResult<T>) => ({
    ids: r.rows.map((row) => row.id),
    total: r.total,
    start: r.start,
    end: r.end,
  });
  expect(summary(actual)).toEqual(summary(expected));
  expect(actual.rows).toEqual(expected.rows);
}

function complaintReference(complaints: Complaint[], query: ListQuery) {
  return referenceList(complaints, complaintSpec, query, {
    nowMs: NOW_MS,
    userId: SUPERVISOR.userId,
    role: SUPERVISOR.role,
  });
}

describe.each(['sqlite', 'postgres'] as const)('list queries on %s', (engine: Engine) => {
  const dbs = useBothEngines(`list_${engine}`);

  async function load(data: RefundData) {
    const { db } = dbs.handles[engine];
    await db.transaction().execute(async (trx) => {
      for (const table of TABLES_TO_EMPTY) await sql`delete from ${sql.table(table)}`.execute(trx);
      await putRecords(trx, 'customers', stubCustomers());
      await putRecords(trx, 'orders', stubOrders());
      if (data.refunds.length > 0) await putRecords(trx, 'refunds', data.refunds);
      if (data.events.length > 0) await putRecords(trx, 'events', data.events);
      for (const refund of data.refunds) {
        const own = data.decisions.filter((d) => d.refundId === refund.id);
        if (own.length > 0) await replaceRefundDecisions(trx, refund.id, own);
      }
    });
  }

  it('answers every list query as the in-memory engine does', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    await fc.assert(
      fc.asyncProperty(
        refundData,
        fc.array(listQueryArb, { minLength: 1, maxLength: 8 }),
        async (data, queries) => {
          await load(data);
          for (const query of queries) {
            const expected = reference(data, query);
            const actual = await runSqlListQuery(db, 'refunds', refundSpec, query, {
              nowMs: NOW_MS,
              caller: SUPERVISOR,
            });
            expectSameAnswer(actual, expected);
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it('answers every complaint list query as the in-memory engine does (overdue, outcome)', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    await load({ refunds: COMPLAINED_REFUNDS, decisions: [], events: [] });
    await fc.assert(
      fc.asyncProperty(
        complaintsArb,
        fc.array(complaintQueryArb, { minLength: 1, maxLength: 8 }),
        async (complaints, queries) => {
          await db.transaction().execute(async (trx) => {
            await trx.deleteFrom('complaints').execute();
            if (complaints.length > 0) await putRecords(trx, 'complaints', complaints);
          });
          for (const query of queries) {
            const actual = await runSqlListQuery(db, 'complaints', complaintSpec, query, {
              nowMs: NOW_MS,
              caller: SUPERVISOR,
            });
            expectSameAnswer(actual, complaintReference(complaints, query));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers or refuses as the in-memory engine does when a reviewer asks', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    // the answer, or the refusal's status, message and code
    const outcome = async (run: () => Promise<ListResult<{ id: string }>>) => {
      try {
        return await run();
      } catch (error) {
        const { status, message, extra } = error as { status: number; message: string; extra: unknown };
        return { status, message, extra };
      }
    };
    await fc.assert(
      fc.asyncProperty(
        refundData,
        fc.array(listQueryArb, { minLength: 1, maxLength: 6 }),
        async (data, queries) => {
          await load(data);
          for (const query of queries) {
            const expected = await outcome(() => Promise.resolve(reference(data, query, REVIEWER)));
            const actual = await outcome(() =>
              runSqlListQuery(db, 'refunds', refundSpec, query, { nowMs: NOW_MS, caller: REVIEWER }),
            );
            expect(actual).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a time bound that is not canonical UTC, or a number that is not whole, with the same 400', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const data = fc.sample(refundData, { numRuns: 1, seed: 5 })[0];
    await load(data);
    const refusals = [
      { submittedAt_gte: '2026-11-25' },
      { slaDueAt_lt: '2026-11-25T14:00:00+02:00' },
      { decidedAt_gt: '+010000-01-01T00:00:00.000Z' },
      { submittedAt: '2026-11-25T12:00:00.000z' },
      { slaDueAt: '2026-02-30T00:00:00.000Z' },
      { decided: { from: '2026-11-01', to: '2026-11-25T00:00:00.000Z' } },
      { paidFen_gte: 99.5 },
      { version: 2 ** 53 },
    ];
    for (const filter of refusals) {
      const query: ListQuery = { sort: ['id', 'ASC'], range: [0, 9], filter };
      const refusal = (error: unknown) => {
        const { status, message, extra } = error as { status: number; message: string; extra: unknown };
        return { status, message, extra };
      };
      let expected: unknown = null;
      try {
        reference(data, query);
      } catch (error) {
        expected = refusal(error);
      }
      const actual = await runSqlListQuery(db, 'refunds', refundSpec, query, {
        nowMs: NOW_MS,
        caller: SUPERVISOR,
      }).then(() => null, refusal);
      expect(expected, JSON.stringify(filter)).toMatchObject({ status: 400 });
      expect(actual, JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('never stores text holding U+0000 (422 nul_in_text, as PostgreSQL cannot), and finds nothing by it', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const data = fc.sample(
      refundData.filter((d) => d.refunds.length >= 2),
      { numRuns: 1, seed: 3 },
    )[0];
    await load(data);
    const poisoned = { ...data.refunds[0], description: 'before\u0000after' };
    await expect(
      db.transaction().execute((trx) => putRecords(trx, 'refunds', [poisoned])),
    ).rejects.toMatchObject({
      status: 422,
      extra: { code: 'nul_in_text', errors: { description: expect.any(String) } },
    });
    for (const filter of [{ q: 'e\u0000a' }, { id: 'r1\u0000' }, { status: ['pending', '\u0000'] }]) {
      const query: ListQuery = { sort: ['id', 'ASC'], range: [0, 99], filter };
      const actual = await runSqlListQuery(db, 'refunds', refundSpec, query, {
        nowMs: NOW_MS,
        caller: SUPERVISOR,
      });
      expectSameAnswer(actual, reference(data, query));
    }
  });

  it('finds two-character Chinese names and folds case beyond ASCII in q', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const data = fc.sample(
      refundData.filter((d) => d.refunds.length >= 4),
      { numRuns: 1, seed: 7 },
    )[0];
    const names = ['李娜', '王强', 'ÄSA ΣΟΦΙΑ', 'Ｆｕｌｌ Name'];
    data.refunds.forEach((r, i) => (r.customerName = names[i % names.length]));
    await load(data);
    const search = async (q: string) =>
      (
        await runSqlListQuery(
          db,
          'refunds',
          refundSpec,
          { sort: ['id', 'ASC'], range: [0, 99], filter: { q } },
          { nowMs: NOW_MS, caller: SUPERVISOR },
        )
      ).rows.map((r) => r.customerName);
    expect(await search('李娜')).toContain('李娜');
    expect(await search('王强')).toContain('王强');
    expect(await search('äsa σοφια')).toContain('ÄSA ΣΟΦΙΑ');
    expect(await search('ｆｕｌｌ')).toContain('Ｆｕｌｌ Name');
  });

  it('counts a search alone exactly after search fields change and a request is deleted', async () => {
    // a search-only list is counted off the full-text tables (listQuery.ts): they must follow the
    // table through updates and deletes, for the trigram and the short-needle index alike
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const data = fc.sample(
      refundData.filter((d) => d.refunds.length >= 6),
      { numRuns: 1, seed: 11 },
    )[0];
    data.refunds.forEach((r, i) => {
      r.customerName = i % 2 === 0 ? '李娜 Harbour' : '王强 Meadow';
      r.description = i % 3 === 0 ? 'The stream kept freezing.' : 'Charged twice.';
    });
    await load(data);
    const renamed = data.refunds
      .slice(0, 3)
      .map((r) => ({ ...r, customerName: '张伟 Orchard', description: 'Moved on.' }));
    await putRecords(db, 'refunds', renamed);
    const gone = data.refunds.find((r) => !data.decisions.some((d) => d.refundId === r.id))!;
    await sql`delete from "events" where "refundId" = ${gone.id}`.execute(db);
    await sql`delete from "refunds" where "id" = ${gone.id}`.execute(db);
    const now = data.refunds
      .map((r) => renamed.find((n) => n.id === r.id) ?? r)
      .filter((r) => r.id !== gone.id);
    const after = { ...data, refunds: now, events: data.events.filter((e) => e.refundId !== gone.id) };
    for (const q of ['李娜', '张伟', 'harbour', 'orchard', 'stream', 'twice', 'moved on', '王']) {
      const query: ListQuery = { sort: ['slaDueAt', 'ASC'], range: [0, 2], filter: { q } };
      const actual = await runSqlListQuery(db, 'refunds', refundSpec, query, {
        nowMs: NOW_MS,
        caller: SUPERVISOR,
      });
      expectSameAnswer(actual, reference(after, query));
    }
  });
});
