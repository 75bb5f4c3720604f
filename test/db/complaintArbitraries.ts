// fast-check arbitraries for the complaints' list property test (see listArbitraries.ts): colliding
// values, missing values, case beyond ASCII, and the computed filters "overdue" and "outcome".
import fc from 'fast-check';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_PRIORITIES,
  COMPLAINT_STATUSES,
  type Complaint,
  type RefundRequest,
} from '../../src/domain/model';
import * as make from '../../src/domain/records';
import { complaintSpec } from '../../mock-api/resources';
import type { ListQuery } from '../../mock-api/simpleRest';
import { INSTANTS, NAMES, STAFF, instant, maybe, refundFields, refundOf, text } from './listArbitraries';

/** The requests the complaints point at (complaints.refundId references refunds.id). */
export const COMPLAINED_REFUNDS: RefundRequest[] = fc
  .sample(refundFields, { numRuns: 3, seed: 42 })
  .map((fields, i) => refundOf(i + 1, fields));

const complaintFields = fc.record({
  refundId: fc.constantFrom(...COMPLAINED_REFUNDS.map((r) => r.id)),
  customerName: fc.oneof(fc.constantFrom(...NAMES), text(6)),
  orderNumber: fc.oneof(fc.constantFrom('R-100', 'r-100', 'Ｒ-２'), text(4)),
  channel: fc.constantFrom(...COMPLAINT_CHANNELS),
  category: fc.constantFrom(...COMPLAINT_CATEGORIES),
  description: text(12),
  priority: fc.constantFrom(...COMPLAINT_PRIORITIES),
  level: fc.constantFrom(1 as const, 2 as const),
  status: fc.constantFrom(...COMPLAINT_STATUSES),
  assigneeId: maybe(fc.constantFrom(...STAFF)),
  openedAt: instant,
  dueAt: instant,
  escalatedAt: maybe(instant),
  overdueFlag: fc.boolean(),
  resolvedAt: maybe(instant),
  outcome: maybe(fc.constantFrom(...COMPLAINT_OUTCOMES)),
  // four eyes (nested JSON): a second approver on the resolution, a resolution waiting for one
  // (absent, null or present), goodwill credited (absent or a list)
  secondApproved: fc.boolean(),
  pending: fc.constantFrom('absent', 'none', 'waiting'),
  goodwillCoins: fc.option(fc.array(fc.constantFrom(10, 50), { maxLength: 2 }), { nil: undefined }),
});

export const complaintsArb: fc.Arbitrary<Complaint[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 20 })
  .chain((ids) =>
    fc.tuple(fc.constant(ids), fc.array(complaintFields, { minLength: ids.length, maxLength: ids.length })),
  )
  .map(([ids, all]) =>
    ids.map((id, i): Complaint => {
      const { outcome, secondApproved, pending, goodwillCoins, ...fields } = all[i];
      const second = secondApproved ? { secondApproverId: 's1', secondApprovedAt: INSTANTS[4] } : {};
      return make.complaint({
        id: `c${id}`,
        originalDecision: { status: 'rejected', reviewerId: 's1', amountFen: null },
        resolution: outcome
          ? { outcome, by: 's2', at: INSTANTS[3], customerMessage: 'done', ...second }
          : null,
        ...(pending === 'absent'
          ? {}
          : {
              pendingResolution:
                pending === 'none'
                  ? null
                  : {
                      outcome: 'goodwill',
                      by: 's2',
                      at: INSTANTS[3],
                      customerMessage: 'pending',
                      goodwillCoins: 50,
                      reasons: ['over_threshold', 'self_override'],
                    },
            }),
        ...(goodwillCoins === undefined
          ? {}
          : { goodwillCredits: goodwillCoins.map((coins) => ({ coins, at: INSTANTS[3], by: 's2' })) }),
        ...fields,
      });
    }),
  );

const filterParts = fc.record(
  {
    status: fc.oneof(fc.constantFrom(...COMPLAINT_STATUSES), fc.subarray([...COMPLAINT_STATUSES])),
    assigneeId: fc.oneof(fc.constantFrom('s1', 'unassigned', null), fc.constant(['s2', 'unassigned'])),
    refundId: fc.constantFrom(...COMPLAINED_REFUNDS.map((r) => r.id)),
    priority: fc.constantFrom(...COMPLAINT_PRIORITIES),
    level: fc.constantFrom(1, 2),
    level_gte: fc.constantFrom(1, 2),
    dueAt_lt: instant,
    openedAt_gte: fc.oneof(instant, fc.constant('2026-11-25T00:00:00Z')),
    resolvedAt_lte: instant,
    overdueFlag: fc.boolean(),
    q: fc.oneof(fc.constantFrom('李娜', '娜', 'ä', 'Σ', 'ｆ', 'r-1', '%'), text(3)),
    overdue: fc.boolean(),
    outcome: fc.oneof(fc.constantFrom(...COMPLAINT_OUTCOMES), fc.subarray([...COMPLAINT_OUTCOMES])),
  },
  { requiredKeys: [] },
);

export const complaintQueryArb: fc.Arbitrary<ListQuery> = fc.record({
  sort: fc.tuple(
    fc.constantFrom('id', ...Object.keys(complaintSpec.fields)),
    fc.constantFrom('ASC' as const, 'DESC' as const),
  ),
  range: fc
    .tuple(fc.nat({ max: 22 }), fc.nat({ max: 10 }))
    .map(([start, length]): [number, number] => [start, start + length]),
  filter: filterParts
    .chain((f) => fc.shuffledSubarray(Object.entries(f), { maxLength: Math.min(3, Object.keys(f).length) }))
    .map((entries) => Object.fromEntries(entries)),
});
