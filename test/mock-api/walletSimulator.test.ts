// Issue 16 item 8: the simulated customers' choices (mock-api/wallet/simulatorChoice.ts): only
// orders intake will take, the best first and none twice; valid bodies in the customer's language;
// arrivals at the configured rate with the first within its bound; answers to what the desk asked.
import { describe, expect, it } from 'vitest';
import { INFO_ITEMS, REASON_CATEGORIES, type RefundStatus } from '../../src/domain/model';
import { createRng } from '../../mock-api/seed/random';
import type { OrderCandidate } from '../../mock-api/wallet/purchases';
import type { PlatformRefundView } from '../../mock-api/wallet/platformClient';
import {
  DEFAULT_SETTINGS,
  chooseOrder,
  firstDelayMs,
  followUpFor,
  followUpKey,
  makeSubmission,
  nextDelayMs,
  orderTier,
  settingsFromEnv,
} from '../../mock-api/wallet/simulatorChoice';

const order = (
  orderNumber: string,
  requestStatuses: RefundStatus[],
  locale: 'en' | 'zh-CN' = 'en',
): OrderCandidate => ({
  orderNumber,
  customerId: `cu-${orderNumber}`,
  customerLocale: locale,
  purchasedAt: '2026-11-30T10:00:00.000Z',
  coins: 680,
  coinsSpent: 0,
  requestStatuses,
});

describe('which order a simulated customer asks about', () => {
  it('never one whose coins were refunded; no request or only rejected ones before a duplicate', () => {
    expect(orderTier(order('a', []))).toBe(1);
    expect(orderTier(order('b', ['rejected', 'rejected']))).toBe(1);
    expect(orderTier(order('c', ['rejected', 'pending']))).toBe(2);
    expect(orderTier(order('d', ['rejected', 'approved']))).toBeNull();
    expect(orderTier(order('e', ['partially_approved']))).toBeNull();
    expect(orderTier(order('f', ['refunded']))).toBeNull();
  });

  it('takes each order once, the best tier first, then answers null', () => {
    const rng = createRng(1);
    const candidates = [
      order('dup', ['in_review']),
      order('paid', ['refunded']),
      order('x', []),
      order('y', ['rejected']),
    ];
    const used = new Set<string>();
    const picked: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const o = chooseOrder(rng, candidates, used);
      picked.push(o?.orderNumber ?? null);
      if (o) used.add(o.orderNumber);
    }
    expect(new Set(picked.slice(0, 2))).toEqual(new Set(['x', 'y']));
    expect(picked.slice(2)).toEqual(['dup', null]);
  });
});

describe('what a simulated customer writes', () => {
  it('a valid intake body in the customer’s language, some leaving a required item out', () => {
    const rng = createRng(7);
    let incomplete = 0;
    for (let i = 0; i < 400; i++) {
      const o = order(`o${i}`, [], i % 2 ? 'en' : 'zh-CN');
      const body = makeSubmission(rng, o, DEFAULT_SETTINGS);
      expect(body.orderNumber).toBe(o.orderNumber);
      expect(body.customerId).toBe(o.customerId);
      expect(body.locale).toBe(o.customerLocale);
      expect(REASON_CATEGORIES).toContain(body.reasonCategory);
      expect(body.description.length).toBeGreaterThan(0);
      expect(/[\u4e00-\u9fff]/.test(body.description)).toBe(o.customerLocale === 'zh-CN');
      for (const item of body.providedItems ?? []) expect(INFO_ITEMS).toContain(item);
      expect(body.purchasedAt !== undefined).toBe(body.providedItems!.includes('purchase_time'));
      if (
        !['order_number', 'purchase_time', 'reason_detail'].every((i) =>
          body.providedItems!.includes(i as never),
        )
      )
        incomplete++;
    }
    expect(incomplete / 400).toBeGreaterThan(0.15);
    expect(incomplete / 400).toBeLessThan(0.35);
  });
});

describe('when requests arrive', () => {
  it('at the configured rate on average, the first within its bound', () => {
    const rng = createRng(3);
    const delays = Array.from({ length: 4000 }, () => nextDelayMs(rng, 6));
    const mean = delays.reduce((s, d) => s + d, 0) / delays.length;
    expect(mean).toBeGreaterThan(8_000);
    expect(mean).toBeLessThan(11_000);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1_000);
    const slow = { ...DEFAULT_SETTINGS, ratePerMinute: 0.1 };
    for (let i = 0; i < 200; i++) expect(firstDelayMs(rng, slow)).toBeLessThanOrEqual(slow.firstWithinMs);
    expect(DEFAULT_SETTINGS.firstWithinMs).toBeLessThan(60_000);
  });

  it('reads its settings from the environment, refusing nonsense', () => {
    const s = settingsFromEnv({
      SIMULATE_RATE_PER_MINUTE: '12',
      SIMULATE_FIRST_WITHIN_S: '5',
      SIMULATE_REPLY_PROBABILITY: '1',
    });
    expect(s).toMatchObject({ ratePerMinute: 12, firstWithinMs: 5_000, replyProbability: 1 });
    expect(settingsFromEnv({})).toEqual(DEFAULT_SETTINGS);
    expect(() => settingsFromEnv({ SIMULATE_RATE_PER_MINUTE: 'fast' })).toThrow();
    expect(() => settingsFromEnv({ SIMULATE_REPLY_PROBABILITY: '2' })).toThrow();
  });
});

describe('how a simulated customer answers the desk', () => {
  const view = (
    status: PlatformRefundView['status'],
    missingItems: PlatformRefundView['missingItems'] = [],
  ) => ({ id: 'r1', status, missingItems, providedItems: ['order_number'] }) as unknown as PlatformRefundView;
  const always = { ...DEFAULT_SETTINGS, replyProbability: 1, resubmitProbability: 1, complainProbability: 0 };

  it('supplies exactly the missing items when asked', () => {
    const action = followUpFor(
      createRng(1),
      view('awaiting_info', ['payment_proof', 'purchase_time']),
      'zh-CN',
      always,
    );
    expect(action).toMatchObject({
      kind: 'reply',
      body: { suppliedItems: ['payment_proof', 'purchase_time'] },
    });
    expect(action?.kind === 'reply' && /[\u4e00-\u9fff]/.test(action.body.message)).toBe(true);
  });

  it('resubmits a rejection with the items it lacked, or complains; leaves open requests alone', () => {
    const resubmit = followUpFor(createRng(1), view('rejected'), 'en', always);
    expect(resubmit?.kind).toBe('resubmit');
    const complain = followUpFor(createRng(1), view('rejected'), 'en', { ...always, complainProbability: 1 });
    expect(complain).toMatchObject({ kind: 'complain', body: { category: 'disputes_rejection' } });
    expect(followUpFor(createRng(1), view('in_review'), 'en', always)).toBeNull();
    expect(
      followUpFor(createRng(1), view('awaiting_info', ['payment_proof']), 'en', {
        ...always,
        replyProbability: 0,
      }),
    ).toBeNull();
  });

  it('counts a second information request as a new state to answer', () => {
    expect(followUpKey(view('awaiting_info', ['payment_proof']))).not.toBe(
      followUpKey(view('awaiting_info', ['account_verification'])),
    );
  });
});
