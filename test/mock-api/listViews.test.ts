// The indexes of listViews.ts must never change an answer: for random filters, sorts, ranges and
// writes, the indexed query equals the plain scan-and-sort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CollectionViews } from '../../mock-api/listViews';
import { refundSpec } from '../../mock-api/resources';
import { generateSeed } from '../../mock-api/seed';
import { runListQuery, type ListQuery } from '../../mock-api/simpleRest';
import { Store } from '../../mock-api/store';
import type { RefundRequest } from '../../src/domain/model';

const nowMs = Date.parse('2026-11-25T12:00:00Z');
const snapshot = generateSeed({ count: 400, seed: 3, nowMs });

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
const filterArb = fc.record(
  {
    status: fc.subarray(['pending', 'in_review', 'approved', 'rejected', 'refunded', 'awaiting_info']),
    assigneeId: fc.constantFrom('u1', 'u2', 'unassigned'),
    tipping: fc.boolean(),
    paymentChannel: fc.constantFrom('alipay', 'wechat_pay', 'bank_card'),
    refundableFen_gte: fc.integer({ min: 0, max: 30_000 }),
    q: fc.constantFrom('CZ2026', '王', 'mistake', '充值', 'x'),
    customerId: fc.constantFrom('cu1', 'cu2', 'cu3', 'cu40'),
  },
  { requiredKeys: [] },
);

describe('indexed lists answer exactly what a scan answers', () => {
  it('for random queries, before and after random writes', () => {
    const store = Store.inMemory(structuredClone(snapshot));
    const views = new CollectionViews(store, 'refunds', refundSpec.searchFields);
    const ids = [...store.all('refunds')].map((r) => r.id);
    fc.assert(
      fc.property(
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
          }),
          { maxLength: 5 },
        ),
        (filter, field, order, start, length, writes) => {
          for (const w of writes) {
            const current = store.get('refunds', w.id)!;
            const next: RefundRequest = {
              ...current,
              ...w,
              decidedAt: w.status === 'pending' ? null : current.decidedAt,
            };
            store.commit([{ c: 'refunds', v: next }]);
          }
          const query: ListQuery = { sort: [field, order], range: [start, start + length], filter };
          const ctx = { nowMs, userId: 'u1' };
          const plain = runListQuery({ records: store.all('refunds') }, refundSpec, query, ctx);
          const indexed = runListQuery({ records: store.all('refunds'), views }, refundSpec, query, {
            ...ctx,
            searchText: (id) => views.searchText(id),
          });
          expect(indexed.total).toBe(plain.total);
          expect(indexed.rows.map((r) => r.id)).toEqual(plain.rows.map((r) => r.id));
        },
      ),
      { numRuns: 300 },
    );
  });
});
