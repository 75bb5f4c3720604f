// fast-check arbitraries for the list property test: small sets of refund requests whose values
// collide often (so that filters hit, sorts tie and pages cut through ties), with missing values,
// case beyond ASCII ('Ä', 'Σ', full-width letters) and two-character Chinese names; and list
// queries over them in the simple-rest dialect.
import fc from 'fast-check';
import type { ClassifiedDecision, DecisionOutcome } from '../../src/domain/metrics';
import { DECISION_OUTCOMES } from '../../src/domain/metrics';
import * as make from '../../src/domain/records';
import {
  REFUND_STATUSES,
  type AuditEvent,
  type CoinOrder,
  type Customer,
  type RefundRequest,
} from '../../src/domain/model';
import { SLA_STATES } from '../../src/domain/sla';
import { refundSpec } from '../../mock-api/resources';
import type { ListQuery } from '../../mock-api/simpleRest';

export const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const HOUR = 3_600_000;

/** Instants around now, on the SLA thresholds too (due in exactly 4 h is "due soon"). */
export const INSTANTS = [-72, -24, -1, 0, 1, 4, 5, 30].map((h) => new Date(NOW_MS + h * HOUR).toISOString());
export const instant = fc.constantFrom(...INSTANTS);
export const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

export const NAMES = [
  '李娜',
  '王强',
  '李娜娜',
  '娜',
  'Äsa',
  'äSA',
  'ΣΟΦΙΑ',
  'σοφία',
  'Ｆｕｌｌ',
  'ｆＵＬＬ',
  'Bob',
  'bob smith',
];
/** Characters for free text: ASCII, Latin and Greek case pairs, full-width, CJK, LIKE's wildcards. */
const TEXT_CHARS = [
  'a',
  'B',
  'b',
  ' ',
  'Ä',
  'ä',
  'Σ',
  'σ',
  'ς',
  'Ｆ',
  'ｆ',
  '李',
  '娜',
  '王',
  '%',
  '_',
  '"',
  '\\',
];
export const text = (max: number) =>
  fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: max }).map((cs) => cs.join(''));

export const CUSTOMER_IDS = ['cu1', 'cu2', 'cu3'];
export const ORDER_IDS = ['o1', 'o2', 'o3'];
export const STAFF = ['s1', 's2'];

export function stubCustomers(): Customer[] {
  return CUSTOMER_IDS.map((id) => ({
    id,
    name: id,
    accountStatus: 'normal',
    locale: 'zh-CN',
    registeredAt: INSTANTS[0],
    paymentAccountId: `pa-${id}`,
  }));
}

export function stubOrders(): CoinOrder[] {
  return ORDER_IDS.map((id, i) => ({
    id,
    orderNumber: `N${i}`,
    customerId: CUSTOMER_IDS[0],
    coins: 10,
    paidFen: 100,
    paymentChannel: 'alipay',
    purchasedAt: INSTANTS[0],
    coinsSpent: 0,
    coinsSpentOnTips: 0,
  }));
}

export const refundFields = fc.record({
  orderId: fc.constantFrom(...ORDER_IDS),
  orderNumber: fc.oneof(fc.constantFrom('R-100', 'r-100', 'R-1001', 'Ｒ-２'), text(5)),
  customerId: fc.constantFrom(...CUSTOMER_IDS),
  customerName: fc.oneof(fc.constantFrom(...NAMES), text(6)),
  paidFen: fc.constantFrom(0, 100, 250, 1000),
  coinsSpent: fc.constantFrom(0, 5),
  approvedFen: maybe(fc.constantFrom(0, 100, 250)),
  status: fc.constantFrom(...REFUND_STATUSES),
  assigneeId: maybe(fc.constantFrom(...STAFF)),
  firstApproverId: maybe(fc.constantFrom(...STAFF)),
  submittedAt: instant,
  slaDueAt: instant,
  decidedAt: maybe(instant),
  firstDecisionAt: maybe(instant),
  refundedAt: maybe(instant),
  description: text(12),
  outsideWindow: fc.boolean(),
  tipping: fc.boolean(),
  purchaseAfterSubmission: fc.boolean(),
  overturned: fc.boolean(),
  againstSuggestion: fc.option(fc.boolean(), { nil: undefined }),
  hasDecision: fc.boolean(),
});

export function refundOf(
  id: number,
  f: typeof refundFields extends fc.Arbitrary<infer T> ? T : never,
): RefundRequest {
  const { againstSuggestion, hasDecision, ...fields } = f;
  return make.refundRequest({
    id: `r${id}`,
    customerLocale: 'zh-CN',
    coins: 10,
    refundableFen: fields.paidFen,
    paymentChannel: 'alipay',
    purchasedAt: INSTANTS[0],
    reasonCategory: 'other',
    evidenceFiles: [],
    providedItems: ['order_number'],
    ...fields,
    hasSpentCoins: fields.coinsSpent > 0,
    decision: hasDecision
      ? { action: 'approve', by: 's1', at: INSTANTS[2], customerMessage: 'ok', againstSuggestion }
      : null,
  });
}

export interface RefundData {
  refunds: RefundRequest[];
  decisions: ClassifiedDecision[];
  events: AuditEvent[];
}

export const refundData: fc.Arbitrary<RefundData> = fc
  .uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 24 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(refundFields, { minLength: ids.length, maxLength: ids.length }),
      fc.array(
        fc.record({
          refund: fc.nat(),
          at: instant,
          outcome: fc.constantFrom(...DECISION_OUTCOMES),
          reviewerId: fc.constantFrom(...STAFF),
        }),
        { maxLength: ids.length === 0 ? 0 : 12 },
      ),
    ),
  )
  .map(([ids, fields, picks]) => {
    const refunds = ids.map((id, i) => refundOf(id, fields[i]));
    const events: AuditEvent[] = [];
    const decisions = picks.map((p, i): ClassifiedDecision => {
      const refundId = refunds[p.refund % refunds.length].id;
      const event = make.auditEvent({
        id: `e${i + 1}`,
        refundId,
        action: 'approve',
        actorId: p.reviewerId,
        at: p.at,
        statusBefore: 'in_review',
        statusAfter: 'approved',
      });
      events.push(event);
      return {
        eventId: event.id,
        refundId,
        at: p.at,
        atMs: Date.parse(p.at),
        outcome: p.outcome as DecisionOutcome,
        reviewerId: p.reviewerId,
        againstSuggestion: false,
        latencyMs: null,
      };
    });
    return { refunds, decisions, events };
  });

/** An instant as toISOString writes it, or without its milliseconds (both are canonical UTC). */
const canonicalInstant = fc.oneof(
  instant,
  instant.map((at) => `${at.slice(0, 19)}Z`),
);

/**
 * Time bounds as clients may write them: canonical UTC only (anything else is a 400 on both paths,
 * which listQuery.test.ts checks apart), including the first and last years toISOString writes.
 */
const dateBound = fc.oneof(
  canonicalInstant,
  fc.constantFrom('2026-11-25T00:00:00Z', '0005-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'),
);

const needle = fc.oneof(
  fc.constantFrom(
    '李娜',
    '娜',
    '王强',
    'ä',
    'Ä',
    'Σ',
    'σοφ',
    'ｆ',
    'Ｆｕｌ',
    'bob',
    'BOB S',
    ' bob ',
    '%',
    '_',
    'r-1',
    '娜娜',
    '强',
    'σο',
    'ｕｌ',
    'äs',
    'ob',
    'b ',
    'a',
  ),
  text(2),
  text(4),
);

const filterParts = fc.record(
  {
    status: fc.oneof(fc.constantFrom(...REFUND_STATUSES), fc.subarray([...REFUND_STATUSES])),
    assigneeId: fc.oneof(fc.constantFrom('s1', 'unassigned', null), fc.constant(['s2', 'unassigned'])),
    customerId: fc.constantFrom(...CUSTOMER_IDS),
    id: fc.oneof(fc.constant('r3'), fc.constant(['r1', 'r7', 'r30'])),
    paidFen_gte: fc.constantFrom(100, 250, 99),
    paidFen_lt: fc.constantFrom(250, 1001),
    approvedFen_lte: fc.constantFrom(0, 100),
    submittedAt_gte: dateBound,
    slaDueAt_lt: dateBound,
    decidedAt_gt: dateBound,
    slaDueAt: canonicalInstant,
    purchaseAfterSubmission: fc.boolean(),
    outsideWindow: fc.boolean(),
    hasSpentCoins: fc.boolean(),
    q: needle,
    slaState: fc.oneof(fc.constantFrom(...SLA_STATES), fc.subarray([...SLA_STATES])),
    againstSuggestion: fc.boolean(),
    decided: fc.record(
      {
        from: fc.constant(INSTANTS[1]),
        to: fc.constantFrom(INSTANTS[4], INSTANTS[7]),
        outcome: fc.oneof(fc.constantFrom(...DECISION_OUTCOMES), fc.subarray([...DECISION_OUTCOMES])),
        reviewerId: fc.constantFrom(...STAFF),
      },
      { requiredKeys: ['from', 'to'] },
    ),
  },
  { requiredKeys: [] },
);

const SORT_FIELDS = ['id', ...Object.keys(refundSpec.fields)];

export const listQueryArb: fc.Arbitrary<ListQuery> = fc.record({
  sort: fc.tuple(fc.constantFrom(...SORT_FIELDS), fc.constantFrom('ASC' as const, 'DESC' as const)),
  range: fc
    .tuple(fc.nat({ max: 26 }), fc.nat({ max: 12 }))
    .map(([start, length]): [number, number] => [start, start + length]),
  // at most three conditions at once, in any order, so that a query still matches something
  // and half of them search: the search paths (trigram, grams, scan) differ most between engines
  filter: fc
    .tuple(
      filterParts.chain((f) =>
        fc.shuffledSubarray(Object.entries(f), { maxLength: Math.min(3, Object.keys(f).length) }),
      ),
      fc.option(needle, { nil: undefined, freq: 2 }),
    )
    .map(([entries, q]) => ({ ...Object.fromEntries(entries), ...(q === undefined ? {} : { q }) })),
});
