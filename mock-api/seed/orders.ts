// The demo's coin orders: the pack bought, how it was paid, and how much of it was spent (on
// tips or otherwise) before the refund was asked for — what the refund policy weighs.
import type { CoinOrder, Customer, PaymentChannel } from '../../src/domain/model';
import { DAY_MS, toIso } from '../../src/domain/sla';
import type { Rng } from './random';

/** Coin packs sold on the platform: 10 coins per yuan. */
const COIN_PACKS = [60, 300, 680, 980, 1980, 3280, 6480, 12_960, 32_800];
const PACK_WEIGHTS = [10, 18, 16, 14, 12, 10, 8, 5, 3];
const FEN_PER_COIN = 10;

function orderNumber(purchasedMs: number, n: number): string {
  const d = new Date(purchasedMs).toISOString().slice(0, 10).replace(/-/g, '');
  return `CZ${d}${String(n).padStart(6, '0')}`;
}

/** Order number `n`, bought by `customer` some time before the request submitted at `submittedMs`. */
export function makeOrder(rng: Rng, n: number, customer: Customer, submittedMs: number): CoinOrder {
  const coins = rng.weighted(COIN_PACKS.map((p, k) => [p, PACK_WEIGHTS[k]] as const));
  const outsideWindow = rng.chance(0.12);
  const purchasedMs = submittedMs - (outsideWindow ? rng.int(8, 40) * DAY_MS : rng.next() * 6.5 * DAY_MS);
  const spentShape = rng.weighted([
    ['none', 45],
    ['part', 37],
    ['all', 10],
    ['most', 8],
  ] as const);
  const coinsSpent =
    spentShape === 'none'
      ? 0
      : spentShape === 'all'
        ? coins
        : Math.round(coins * (spentShape === 'most' ? 0.9 : rng.next() * 0.6 + 0.05));
  const coinsSpentOnTips = coinsSpent > 0 && rng.chance(0.4) ? Math.round(coinsSpent * rng.next()) : 0;
  return {
    id: `o${n}`,
    orderNumber: orderNumber(purchasedMs, n),
    customerId: customer.id,
    coins,
    paidFen: coins * FEN_PER_COIN,
    paymentChannel: rng.weighted<PaymentChannel>([
      ['wechat_pay', 45],
      ['alipay', 35],
      ['apple_iap', 12],
      ['bank_card', 8],
    ]),
    purchasedAt: toIso(purchasedMs),
    coinsSpent,
    coinsSpentOnTips,
  };
}
