// The platform intake's pure rules: which items a request carries, which orders may be asked for,
// the request and its audit event, and the body text an Idempotency-Key's body is hashed as.
import { describe, expect, it } from 'vitest';
import type { CoinOrder, Customer } from '../../src/domain/model';
import {
  canonicalJson,
  intakeBodySchema,
  intakeOrderRefusals,
  intakeProvidedItems,
  isIdempotencyKey,
  platformRefundRequest,
  submissionEvent,
} from '../../src/domain/platformIntake';
import { slaDueAt } from '../../src/domain/sla';

const customer: Customer = {
  id: 'cu1',
  name: 'Casey Tan',
  accountStatus: 'normal',
  locale: 'zh-CN',
  registeredAt: '2025-01-01T00:00:00.000Z',
  paymentAccountId: 'pa1',
};
const order: CoinOrder = {
  id: 'o1',
  orderNumber: 'CZ1',
  customerId: 'cu1',
  coins: 100,
  paidFen: 1_000,
  paymentChannel: 'alipay',
  purchasedAt: '2026-03-08T12:00:00.000Z',
  coinsSpent: 0,
  coinsSpentOnTips: 0,
};

describe('the items an intake carries', () => {
  it('always the order number; the time when given; the reason when the description says something', () => {
    expect(intakeProvidedItems({ description: 'wrong pack', purchasedAt: '2026-03-08T12:00:00Z' })).toEqual([
      'order_number',
      'purchase_time',
      'reason_detail',
    ]);
    expect(intakeProvidedItems({ description: ' \u200b ' })).toEqual(['order_number']);
    expect(intakeProvidedItems({ description: 'x', providedItems: ['payment_proof'] })).toEqual([
      'order_number',
      'reason_detail',
      'payment_proof',
    ]);
  });
});

describe('the orders an intake may name', () => {
  it("refuses an unknown customer, an unknown order, another customer's order and one refunded in full", () => {
    expect(intakeOrderRefusals('CZ1', order, undefined, 'cu9', 0)).toEqual({
      customerId: { code: 'customer_unknown', params: { customerId: 'cu9' } },
    });
    expect(intakeOrderRefusals('CZ9', undefined, customer, 'cu1', 0)?.orderNumber?.code).toBe(
      'order_unknown',
    );
    const other = { ...customer, id: 'cu2' };
    expect(intakeOrderRefusals('CZ1', order, other, 'cu2', 0)?.orderNumber?.code).toBe(
      'order_other_customer',
    );
    expect(intakeOrderRefusals('CZ1', order, customer, 'cu1', 1_000)?.orderNumber?.code).toBe(
      'order_refunded',
    );
    expect(intakeOrderRefusals('CZ1', order, customer, 'cu1', 400)).toBeNull();
    // all coins spent is not "refunded": the policy answers that one (coins_spent)
    expect(intakeOrderRefusals('CZ1', { ...order, coinsSpent: 100 }, customer, 'cu1', 0)).toBeNull();
  });
});

describe('the request an intake makes', () => {
  it("is pending, unassigned, on the order's facts, its SLA clock from now", () => {
    const nowIso = '2026-03-10T10:00:00.000Z';
    const r = platformRefundRequest({
      id: 'r9',
      policyVersion: 1,
      order,
      customer,
      nowIso,
      details: { reasonCategory: 'other', description: 'x', evidence: ['a.png'] },
      resubmissionOf: 'r3',
    });
    expect(r).toMatchObject({
      id: 'r9',
      status: 'pending',
      assigneeId: null,
      orderNumber: 'CZ1',
      customerLocale: 'zh-CN',
      purchasedAt: order.purchasedAt,
      submittedAt: nowIso,
      slaStartAt: nowIso,
      slaDueAt: slaDueAt(nowIso),
      evidenceFiles: ['a.png'],
      resubmissionOf: 'r3',
      submissionChannel: 'app',
    });
    expect(submissionEvent(r, 'pc1')).toMatchObject({
      action: 'resubmit',
      actorKind: 'customer',
      actorId: null,
      statusAfter: 'pending',
      details: { platformClientId: 'pc1', resubmissionOf: 'r3' },
    });
  });

  it('has a strict body: unknown fields and a bad time are refused', () => {
    const parsed = intakeBodySchema.safeParse({
      orderNumber: 'CZ1',
      customerId: 'cu1',
      reasonCategory: 'other',
      description: '',
      purchasedAt: 'yesterday',
      extra: 1,
    });
    expect(parsed.success).toBe(false);
  });
});

describe('the Idempotency-Key and its body', () => {
  it('hashes bodies that differ only in key order or left-out fields alike', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: null, c: 'x' }], e: undefined })).toBe(
      canonicalJson({ a: [1, { c: 'x', d: null }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });

  it('takes 1–200 visible ASCII characters', () => {
    expect(isIdempotencyKey('3f1c-uuid')).toBe(true);
    expect(isIdempotencyKey('')).toBe(false);
    expect(isIdempotencyKey('a b')).toBe(false);
    expect(isIdempotencyKey('x'.repeat(201))).toBe(false);
    expect(isIdempotencyKey(['a'])).toBe(false);
  });
});
