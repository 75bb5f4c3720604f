import { describe, expect, it } from 'vitest';
import {
  goodwillValueFen,
  isSelfOverride,
  secondApprovalNeed,
  secondApproverRefusal,
} from '../../src/domain/fourEyes';
import {
  CUSTOMER_GOODWILL_COINS_CAP,
  CUSTOMER_GOODWILL_PERIOD_MS,
  GOODWILL_COINS_CAP,
  goodwillAllowance,
  goodwillOverCapMessage,
} from '../../src/domain/goodwill';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { DAY_MS, toIso, toMs } from '../../src/domain/sla';
import { FIRST_POLICY_PARAMETERS } from '../../src/domain/policyVersions';

const NOW = '2026-03-10T08:00:00.000Z';
const ago = (ms: number) => toIso(toMs(NOW) - ms);

describe('secondApprovalNeed: one threshold, one tipping rule, one override rule for every money path', () => {
  const move = { amountFen: 100, tipping: false, selfOverride: false, rule: FIRST_POLICY_PARAMETERS };
  it('over ¥500 (not at it), on a tipping order, or over a block the mover lifted', () => {
    expect(secondApprovalNeed(move)).toEqual([]);
    expect(secondApprovalNeed({ ...move, amountFen: SECOND_APPROVAL_THRESHOLD_FEN })).toEqual([]);
    expect(secondApprovalNeed({ ...move, amountFen: SECOND_APPROVAL_THRESHOLD_FEN + 1 })).toEqual([
      'over_threshold',
    ]);
    expect(secondApprovalNeed({ ...move, tipping: true })).toEqual(['tipping']);
    expect(secondApprovalNeed({ ...move, selfOverride: true })).toEqual(['self_override']);
  });

  it('a block is self-overridden when nobody else overrode it', () => {
    expect(isSelfOverride(false, null, 'u3')).toBe(false);
    expect(isSelfOverride(true, null, 'u3')).toBe(true);
    expect(isSelfOverride(true, 'u3', 'u3')).toBe(true);
    expect(isSelfOverride(true, 'u7', 'u3')).toBe(false);
  });

  it("goodwill is valued at the order's coin price, rounded up", () => {
    expect(goodwillValueFen(10, { paidFen: 6_800, coins: 680 })).toBe(100);
    expect(goodwillValueFen(1, { paidFen: 100, coins: 3 })).toBe(34);
    expect(goodwillValueFen(5_000, { paidFen: 600_000, coins: 6_000 })).toBe(500_000);
    expect(goodwillValueFen(10, { paidFen: 0, coins: 0 })).toBe(0);
  });
});

describe('secondApproverRefusal: the second approver took no part', () => {
  const parties = [
    { id: 'u3', as: 'requested' as const },
    { id: null, as: 'overrode' as const },
    { id: 'u1', as: 'reviewed' as const },
  ];
  it('refuses anyone named, with a 403 and a stable code; lets anyone else through', () => {
    expect(secondApproverRefusal('u3', parties)).toEqual({
      status: 403,
      code: 'second_approver_must_differ',
      message:
        'You gave the first approval of this request; a different supervisor must give the second approval.',
    });
    expect(secondApproverRefusal('u1', parties)?.message).toMatch(/^You took the decision under review/);
    expect(secondApproverRefusal('u7', parties)).toBeNull();
  });
});

describe('goodwillAllowance: per complaint across reopenings, per customer per period', () => {
  it('counts every credit of the complaint, and the customer credits of the last 30 days', () => {
    const own = [{ coins: 3_000, at: ago(40 * DAY_MS), by: 'u3' }];
    const a = goodwillAllowance({ goodwillCredits: own }, [], NOW);
    expect(a).toMatchObject({ complaintCreditedCoins: 3_000, customerCreditedCoins: 0, leftCoins: 2_000 });
    expect(a.limitedBy).toBe('complaint');
    const others = [
      { coins: 4_000, at: ago(2 * DAY_MS), by: 'u7' },
      { coins: 4_500, at: ago(CUSTOMER_GOODWILL_PERIOD_MS - 1), by: 'u7' },
      { coins: 9_000, at: ago(CUSTOMER_GOODWILL_PERIOD_MS), by: 'u7' },
    ];
    const b = goodwillAllowance({}, others, NOW);
    expect(b).toMatchObject({ customerCreditedCoins: 8_500, leftCoins: 1_500, limitedBy: 'customer' });
    expect(goodwillOverCapMessage(1_500, b)).toBeNull();
    expect(goodwillOverCapMessage(1_501, b)).toBe(
      `This customer has received 8,500 of the ${CUSTOMER_GOODWILL_COINS_CAP.toLocaleString('en')} goodwill coins allowed in 30 days; at most 1,500 coins are left.`,
    );
    // the complaint's own credits are counted once even when the caller passes them in too
    const recent = [{ coins: 3_000, at: ago(DAY_MS), by: 'u3' }];
    const c = goodwillAllowance({ goodwillCredits: recent }, recent, NOW);
    expect(c).toMatchObject({ complaintCreditedCoins: 3_000, customerCreditedCoins: 3_000 });
    expect(GOODWILL_COINS_CAP).toBeLessThan(CUSTOMER_GOODWILL_COINS_CAP);
  });
});
