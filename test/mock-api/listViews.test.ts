// The database's list query (db/listQuery.ts, as the API runs it, here on a real SQLite file holding
// the seed) and the plain scan-and-sort of test/support/referenceList.ts must never change an answer: for random
// filters, sorts, ranges and writes, both equal a reference written here the slow, obvious way.
// (test/db/listQuery.test.ts holds the SQL list to the plain one on both engines over small
// generated sets; this file holds both to the contract itself, over the seed's data.)
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runSqlListQuery } from '../../mock-api/db/listQuery';
import { refundSpec } from '../../mock-api/resources';
import { generateSeed } from '../../mock-api/seed/index';
import type { ListQuery } from '../../mock-api/simpleRest';
import type { RefundRequest } from '../../src/domain/model';
import { referenceList as plainList } from '../support/referenceList';
import { openSnapshotDatabase } from '../support/snapshotDatabase';

const nowMs = Date.parse('2026-11-25T12:00:00Z');
const snapshot = await generateSeed({ count: 400, seed: 3, nowMs });

const sortFields = [
  'slaDueAt',
  'submittedAt',
  'paidFen',
  'refundableFen',
  'status',
  'assigneeId',
  'id',
  'decidedAt',
];
/**
 * a time within the seed's 60 days, or exactly a record's (bounds are inclusive or not), written
 * the ways the API accepts: canonical UTC, with or without milliseconds (other spellings are a 400,
 * see listBounds.test.ts)
 */
const dayArb = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: -62, max: 2 }).map((days) => nowMs + days * 86_400_000),
      fc.constantFrom(
        ...snapshot.refunds.flatMap((r) => [Date.parse(r.submittedAt), Date.parse(r.slaDueAt)]),
      ),
    ),
    fc.constantFrom('iso', 'seconds'),
  )
  .map(([ms, style]) => {
    const at = new Date(ms);
    if (style === 'seconds') return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
    return at.toISOString();
  });
const amountArb = fc.oneof(
  fc.integer({ min: 0, max: 30_000 }),
  fc.constantFrom(...snapshot.refunds.flatMap((r) => [r.paidFen, r.approvedFen ?? 0])),
);

type Filter = Record<string, unknown>;

/** What a filter means, spelled out record by record. */
function referenceMatches(r: RefundRequest, filter: Filter): boolean {
  const fields = r as unknown as Record<string, unknown>;
  return Object.entries(filter).every(([key, value]) => {
    if (key === 'q') {
      const needle = String(value).trim().toLowerCase();
      return refundSpec.searchFields.some((f) =>
        String(fields[f] ?? '')
          .toLowerCase()
          .includes(needle),
      );
    }
    const bound = /^(.*)_(gte|lte|gt|lt)$/.exec(key);
    if (bound) {
      const [, field, op] = bound;
      const raw = fields[field];
      if (raw === null || raw === undefined) return false;
      const [x, limit] =
        typeof raw === 'number'
          ? [raw, value as number]
          : [Date.parse(raw as string), Date.parse(value as string)];
      return { gte: x >= limit, lte: x <= limit, gt: x > limit, lt: x < limit }[op];
    }
    const wanted = (Array.isArray(value) ? value : [value]).map((v) => (v === 'unassigned' ? null : v));
    return wanted.includes(fields[key]);
  });
}

/** The contract's order: by key, then id number, in the direction asked; no value last, by id. */
function referenceList(records: RefundRequest[], query: ListQuery): { ids: string[]; total: number } {
  const [field, order] = query.sort;
  const dir = order === 'ASC' ? 1 : -1;
  const idNumber = (r: RefundRequest) => Number(r.id.slice(1));
  const matched = records
    .filter((r) => referenceMatches(r, query.filter))
    .sort((a, b) => {
      const x = field === 'id' ? idNumber(a) : (a as unknown as Record<string, unknown>)[field];
      const y = field === 'id' ? idNumber(b) : (b as unknown as Record<string, unknown>)[field];
      if ((x == null) !== (y == null)) return x == null ? 1 : -1;
      if (x == null) return idNumber(a) - idNumber(b);
      if (x !== y) return ((x as number) < (y as number) ? -1 : 1) * dir;
      return (idNumber(a) - idNumber(b)) * dir;
    });
  return { ids: matched.slice(query.range[0], query.range[1] + 1).map((r) => r.id), total: matched.length };
}

const filterValues = {
  status: fc.subarray(['pending', 'in_review', 'approved', 'rejected', 'refunded', 'awaiting_info']),
  assigneeId: fc.constantFrom('u1', 'u2', 'unassigned'),
  tipping: fc.boolean(),
  paymentChannel: fc.constantFrom('alipay', 'wechat_pay', 'bank_card'),
  refundableFen_gte: fc.integer({ min: 0, max: 30_000 }),
  q: fc.constantFrom('CZ2026', '王', 'mistake', '充值', 'x'),
  customerId: fc.constantFrom('cu1', 'cu2', 'cu3', 'cu40'),
  submittedAt_gte: dayArb,
  submittedAt_lt: dayArb,
  slaDueAt_gt: dayArb,
  slaDueAt_lte: dayArb,
  approvedFen_lte: amountArb,
  paidFen_gt: amountArb,
  paidFen_gte: amountArb,
};
// up to three conditions at once: more would leave almost every page empty
/** a narrow window (a day or two, a few yuan): a range the database answers from an index */
const windowArb = fc.option(
  fc.oneof(
    fc
      .tuple(fc.constantFrom('submittedAt', 'slaDueAt', 'decidedAt'), dayArb, fc.integer({ min: 1, max: 3 }))
      .map(([field, from, days]) => ({
        [`${field}_gte`]: from,
        [`${field}_lt`]: new Date(Date.parse(from) + days * 86_400_000).toISOString(),
      })),
    fc
      .tuple(fc.constantFrom('paidFen', 'refundableFen', 'approvedFen'), amountArb, fc.nat(2_000))
      .map(([field, from, width]) => ({ [`${field}_gt`]: from, [`${field}_lte`]: from + width })),
  ),
);
const filterArb = fc
  .tuple(fc.record(filterValues), fc.subarray(Object.keys(filterValues), { maxLength: 3 }), windowArb)
  .map(([values, keys, window]) => ({
    ...Object.fromEntries(keys.map((k) => [k, values[k as keyof typeof values]])),
    ...window,
  }));

describe('the database list answers exactly what a scan answers, and both what the contract says', () => {
  const opening = openSnapshotDatabase(snapshot);
  afterAll(async () => (await opening).close());
  const manager = { userId: 'u1', role: 'manager' } as const;

  it('for random queries, before and after random writes', async () => {
    const { desk, db } = await opening;
    // the records as written, beside the database: what the plain scan and the reference read
    const records = new Map(snapshot.refunds.map((r) => [r.id, structuredClone(r)]));
    const ids = [...records.keys()];
    await fc.assert(
      fc.asyncProperty(
        filterArb,
        fc.constantFrom(...sortFields),
        fc.constantFrom('ASC' as const, 'DESC' as const),
        fc.nat(300),
        fc.nat(60),
        fc.array(
          fc.record({
            id: fc.constantFrom(...ids),
            paidFen: fc.integer({ min: 0, max: 40_000 }),
            status: fc.constantFrom('pending', 'approved', 'rejected'),
            assigneeId: fc.constantFrom(null, 'u1', 'u2'),
            // a new time moves the record in the time order (the API writes toISOString's UTC)
            submittedAt: fc.option(
              dayArb.map((at) => new Date(Date.parse(at)).toISOString()),
              { freq: 20 },
            ),
          }),
          { maxLength: 5 },
        ),
        async (filter, field, order, start, length, writes) => {
          const written: RefundRequest[] = [];
          for (const w of writes) {
            const current = records.get(w.id)!;
            const next: RefundRequest = {
              ...current,
              ...w,
              submittedAt: w.submittedAt ?? current.submittedAt,
              decidedAt: w.status === 'pending' ? null : current.decidedAt,
            };
            records.set(next.id, next);
            written.push(next);
          }
          await desk.command((tx) => tx.commit(written.map((v) => ({ c: 'refunds', v }))));
          const query: ListQuery = { sort: [field, order], range: [start, start + length], filter };
          const plain = plainList([...records.values()], refundSpec, query, { nowMs, ...manager });
          const stored = await runSqlListQuery(db, 'refunds', refundSpec, query, { nowMs, caller: manager });
          const reference = referenceList([...records.values()], query);
          expect(plain.total).toBe(reference.total);
          expect(plain.rows.map((r) => r.id)).toEqual(reference.ids);
          expect(stored.total).toBe(reference.total);
          expect(stored.rows.map((r) => r.id)).toEqual(reference.ids);
          // and the rows are the records as written, field for field
          expect(stored.rows).toEqual(plain.rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
