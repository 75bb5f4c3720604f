// Goodwill caps: what a complaint may credit in coins, summed over every resolution of it (a
// reopened complaint does not get a fresh cap), and what one customer may receive across all
// their complaints in a rolling period. The API refuses above them; the UI's field shows what is left.
import type { Complaint, GoodwillCredit, IsoDateTime } from './model';
import { DAY_MS, toMs } from './sla';
import {
  englishRefusals,
  fieldRefusal,
  translateFieldRefusal,
  type FieldRefusal,
  type RefusalParamValue,
} from './refusal';

/** The most coins one complaint may credit as goodwill, across all its resolutions. */
export const GOODWILL_COINS_CAP = 5_000;
/** The most goodwill coins one customer may receive in any CUSTOMER_GOODWILL_PERIOD_MS. */
export const CUSTOMER_GOODWILL_COINS_CAP = 10_000;
/** The rolling period of the per-customer cap: 30 days. */
export const CUSTOMER_GOODWILL_PERIOD_MS = 30 * DAY_MS;

export interface GoodwillAllowance {
  complaintCapCoins: number;
  complaintCreditedCoins: number;
  customerCapCoins: number;
  customerPeriodDays: number;
  /** coins the customer received in the last period, this complaint's included */
  customerCreditedCoins: number;
  /** what may still be credited now: the smaller of the two remainders, never negative */
  leftCoins: number;
  /** which cap binds: the complaint's or the customer's */
  limitedBy: 'complaint' | 'customer';
}

export function goodwillCreditedOn(complaint: Pick<Complaint, 'goodwillCredits'>): number {
  return (complaint.goodwillCredits ?? []).reduce((sum, credit) => sum + credit.coins, 0);
}

/**
 * What `complaint` may still credit at `nowIso`. `customerCredits` are the credits on every
 * complaint of the same customer (this one's included or not: they are merged by identity).
 */
export function goodwillAllowance(
  complaint: Pick<Complaint, 'goodwillCredits'>,
  customerCredits: readonly GoodwillCredit[],
  nowIso: IsoDateTime,
): GoodwillAllowance {
  const own = complaint.goodwillCredits ?? [];
  const all = new Set<GoodwillCredit>([...customerCredits, ...own]);
  const since = toMs(nowIso) - CUSTOMER_GOODWILL_PERIOD_MS;
  let customerCreditedCoins = 0;
  for (const credit of all) if (toMs(credit.at) > since) customerCreditedCoins += credit.coins;
  const complaintCreditedCoins = goodwillCreditedOn(complaint);
  const complaintLeft = Math.max(0, GOODWILL_COINS_CAP - complaintCreditedCoins);
  const customerLeft = Math.max(0, CUSTOMER_GOODWILL_COINS_CAP - customerCreditedCoins);
  return {
    complaintCapCoins: GOODWILL_COINS_CAP,
    complaintCreditedCoins,
    customerCapCoins: CUSTOMER_GOODWILL_COINS_CAP,
    customerPeriodDays: CUSTOMER_GOODWILL_PERIOD_MS / DAY_MS,
    customerCreditedCoins,
    leftCoins: Math.min(complaintLeft, customerLeft),
    limitedBy: customerLeft < complaintLeft ? 'customer' : 'complaint',
  };
}

/** The refusal for `coins` above the allowance, or null when they fit. */
export function goodwillOverCap(coins: number, allowance: GoodwillAllowance): FieldRefusal | null {
  if (coins <= allowance.leftCoins) return null;
  const left: RefusalParamValue =
    allowance.leftCoins === 0
      ? { code: 'words.goodwill_left.nothing', params: {} }
      : { code: 'words.goodwill_left.some', params: { leftCoins: allowance.leftCoins } };
  return allowance.limitedBy === 'complaint'
    ? fieldRefusal('goodwill_over_complaint_cap', {
        creditedCoins: allowance.complaintCreditedCoins,
        capCoins: allowance.complaintCapCoins,
        left,
      })
    : fieldRefusal('goodwill_over_customer_cap', {
        creditedCoins: allowance.customerCreditedCoins,
        capCoins: allowance.customerCapCoins,
        days: allowance.customerPeriodDays,
        left,
      });
}

/** goodwillOverCap in English. */
export function goodwillOverCapMessage(coins: number, allowance: GoodwillAllowance): string | null {
  const over = goodwillOverCap(coins, allowance);
  return over ? translateFieldRefusal(englishRefusals, over) : null;
}
