import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coinHoldTotals,
  coinSettlementFor,
  coinsToHold,
  newCoinHold,
  revokedShare,
  settleCoinHold,
  unspentCoins,
  type CoinSettlement,
} from '../../src/domain/coinHold';
import type { CoinHold } from '../../src/domain/model';
import { refundRequest } from '../../src/domain/records';

const held = (coins: number): CoinHold => newCoinHold(coins);

describe('coins held for a refund request', () => {
  it('holds the order’s unspent coins less what the order’s other requests hold or had revoked', () => {
    expect(unspentCoins({ coins: 1000, coinsSpent: 300 })).toBe(700);
    expect(unspentCoins({ coins: 1000, coinsSpent: 1200 })).toBe(0);
    expect(coinsToHold({ coins: 1000, coinsSpent: 300 }, [])).toBe(700);
    expect(
      coinsToHold({ coins: 1000, coinsSpent: 300 }, [
        { coinHold: { coins: 200, status: 'held' } },
        { coinHold: { coins: 400, status: 'revoked', revokedCoins: 100 } },
        { coinHold: { coins: 500, status: 'released' } },
        { coinHold: null },
        {},
      ]),
    ).toBe(400);
    expect(
      coinsToHold({ coins: 100, coinsSpent: 0 }, [{ coinHold: { coins: 100, status: 'revoked' } }]),
    ).toBe(0);
  });

  it('releases every held coin on a rejection, and moves nothing once settled', () => {
    const { hold, steps } = settleCoinHold(held(500), { kind: 'release', reason: 'rejected' });
    expect(hold).toEqual({ coins: 500, status: 'released' });
    expect(steps).toEqual([{ kind: 'released', coins: 500, reason: 'rejected' }]);
    expect(
      settleCoinHold(hold, { kind: 'revoke', reason: 'approved', approvedFen: 1, refundableFen: 1 }),
    ).toEqual({
      hold,
      steps: [],
    });
  });

  it('revokes all coins on a full approval and its share on a partial one, releasing the rest', () => {
    expect(
      settleCoinHold(held(600), {
        kind: 'revoke',
        reason: 'approved',
        approvedFen: 6000,
        refundableFen: 6000,
      }),
    ).toEqual({
      hold: { coins: 600, status: 'revoked' },
      steps: [{ kind: 'revoked', coins: 600, reason: 'approved' }],
    });
    const partial: CoinSettlement = {
      kind: 'revoke',
      reason: 'partially_approved',
      approvedFen: 2000,
      refundableFen: 6000,
    };
    expect(settleCoinHold(held(600), partial)).toEqual({
      hold: { coins: 600, status: 'revoked', revokedCoins: 200 },
      steps: [
        { kind: 'revoked', coins: 200, reason: 'partially_approved' },
        { kind: 'released', coins: 400, reason: 'partially_approved' },
      ],
    });
  });

  it('rounds the revoked share half up to a whole coin', () => {
    expect(revokedShare(3, 1, 2)).toBe(2);
    expect(revokedShare(3, 1, 3)).toBe(1);
    expect(revokedShare(1, 1, 3)).toBe(0);
    expect(revokedShare(10, 0, 100)).toBe(0);
    expect(revokedShare(10, 200, 100)).toBe(10);
  });

  it('moves no zero-coin line', () => {
    expect(settleCoinHold(held(0), { kind: 'release', reason: 'rejected' }).steps).toEqual([]);
  });

  it('reads the settlement from the request: timeout, rejection, approvals, nothing while open', () => {
    const base = refundRequest({ refundableFen: 5000 });
    expect(coinSettlementFor({ ...base, status: 'in_review' })).toBeNull();
    expect(coinSettlementFor({ ...base, status: 'awaiting_second_approval', approvedFen: 5000 })).toBeNull();
    const decision = { action: 'reject' as const, by: 'system', at: base.submittedAt, customerMessage: 'x' };
    expect(
      coinSettlementFor({
        ...base,
        status: 'rejected',
        decision: { ...decision, reasonCode: 'information_missing' },
      }),
    ).toEqual({ kind: 'release', reason: 'info_timeout' });
    expect(coinSettlementFor({ ...base, status: 'rejected', decision: { ...decision, by: 'u1' } })).toEqual({
      kind: 'release',
      reason: 'rejected',
    });
    expect(coinSettlementFor({ ...base, status: 'approved', approvedFen: 5000 })).toMatchObject({
      reason: 'approved',
    });
    expect(coinSettlementFor({ ...base, status: 'partially_approved', approvedFen: 1000 })).toMatchObject({
      reason: 'partially_approved',
      approvedFen: 1000,
    });
  });
});

/** A decision a request on the order may get, or a new request on it. */
type Step = { op: 'create' } | { op: 'decide'; pick: number; settlement: CoinSettlement };

const settlement: fc.Arbitrary<CoinSettlement> = fc.oneof(
  fc.record({
    kind: fc.constant('release' as const),
    reason: fc.constantFrom(
      'rejected' as const,
      'info_timeout' as const,
      'withdrawn' as const,
      'cancelled' as const,
    ),
  }),
  fc
    .record({
      refundableFen: fc.integer({ min: 0, max: 100_000 }),
      approvedPart: fc.double({ min: 0, max: 1.2, noNaN: true }),
    })
    .map(({ refundableFen, approvedPart }) => ({
      kind: 'revoke' as const,
      reason: 'partially_approved' as const,
      refundableFen,
      approvedFen: Math.floor(refundableFen * approvedPart),
    })),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ op: 'create' }),
  fc.record({ op: fc.constant('decide' as const), pick: fc.nat(), settlement }),
);

describe('the coin ledger over any sequence of requests and decisions on one order', () => {
  it('balances: held = released + revoked, never negative, the order’s coins refunded once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 12_000 }),
        fc.array(step, { maxLength: 40 }),
        (coins, coinsSpent, steps) => {
          const order = { coins, coinsSpent };
          const holds: CoinHold[] = [];
          const moved = holds.map(() => ({ held: 0, released: 0, revoked: 0 }));
          for (const s of steps) {
            if (s.op === 'create') {
              const hold = newCoinHold(
                coinsToHold(
                  order,
                  holds.map((coinHold) => ({ coinHold })),
                ),
              );
              holds.push(hold);
              moved.push({ held: hold.coins, released: 0, revoked: 0 });
            } else if (holds.length > 0) {
              const i = s.pick % holds.length;
              const { hold, steps: lines } = settleCoinHold(holds[i], s.settlement);
              for (const line of lines) {
                expect(line.coins).toBeGreaterThan(0);
                if (line.kind === 'released') moved[i].released += line.coins;
                if (line.kind === 'revoked') moved[i].revoked += line.coins;
              }
              holds[i] = hold;
            }
            // at every moment: what is held or taken never exceeds the unspent coins
            const tied = holds.reduce(
              (sum, h) =>
                sum + (h.status === 'released' ? 0 : coinHoldTotals(h).held + coinHoldTotals(h).revoked),
              0,
            );
            expect(tied).toBeLessThanOrEqual(unspentCoins(order));
          }
          let revokedTotal = 0;
          holds.forEach((hold, i) => {
            const totals = coinHoldTotals(hold);
            expect(totals.released).toBeGreaterThanOrEqual(0);
            expect(totals.revoked).toBeGreaterThanOrEqual(0);
            // the ledger's lines agree with the hold, and a settled hold adds up
            expect(moved[i].released).toBe(totals.released);
            expect(moved[i].revoked).toBe(totals.revoked);
            if (hold.status !== 'held') expect(moved[i].held).toBe(moved[i].released + moved[i].revoked);
            revokedTotal += moved[i].revoked;
          });
          expect(revokedTotal).toBeLessThanOrEqual(unspentCoins(order));
        },
      ),
    );
  });
});
