// Customer satisfaction (CSAT) as the dashboard counts it: the ratings customers gave after a
// decision (customerRatings.ts), averaged overall and by the reviewer who decided, the reason of the
// request and the outcome rated. Pure: the API sums the ratings per group in SQL and hands the
// groups here; a plain list of ratings is the same as groups of one each.
import { REASON_CATEGORIES, type ReasonCategory } from './model';
import { compareIds } from './ids';

/** The outcomes a customer rates: the request's final decision, as they were told it. */
export const CSAT_OUTCOMES = ['approved', 'partially_approved', 'rejected'] as const;
export type CsatOutcome = (typeof CSAT_OUTCOMES)[number];

/** Decimals of an average shown and compared: 4.33 of 5 says enough, more is noise. */
export const CSAT_DECIMALS = 2;

export interface CsatFigures {
  /** mean score (1–5) rounded to CSAT_DECIMALS; null without ratings */
  average: number | null;
  /** how many ratings */
  n: number;
}

export interface CsatBreakdown {
  /** by the staff member whose decision was rated; null: the information timeout (no reviewer) */
  reviewer: (CsatFigures & { reviewerId: string | null })[];
  reasonCategory: (CsatFigures & { reasonCategory: ReasonCategory })[];
  outcome: (CsatFigures & { outcome: CsatOutcome })[];
}

/** Ratings of one (reviewer, reason, outcome): how many, and the sum of their scores. */
export interface CsatGroup {
  decidedBy: string | null;
  reasonCategory: ReasonCategory;
  outcome: CsatOutcome;
  n: number;
  scoreSum: number;
}

export function csatAverage(scoreSum: number, n: number): number | null {
  if (n === 0) return null;
  const scale = 10 ** CSAT_DECIMALS;
  return Math.round((scoreSum * scale) / n) / scale;
}

class Sum {
  n = 0;
  scoreSum = 0;
  add(g: CsatGroup) {
    this.n += g.n;
    this.scoreSum += g.scoreSum;
  }
  figures(): CsatFigures {
    return { average: csatAverage(this.scoreSum, this.n), n: this.n };
  }
}

function sumBy<K>(groups: readonly CsatGroup[], key: (g: CsatGroup) => K, keys: readonly K[] = []) {
  const sums = new Map<K, Sum>(keys.map((k) => [k, new Sum()]));
  for (const g of groups) {
    let sum = sums.get(key(g));
    if (!sum) sums.set(key(g), (sum = new Sum()));
    sum.add(g);
  }
  return sums;
}

/**
 * The period's CSAT and its breakdowns. `reasons`: the reason categories to list (the dashboard's
 * filter, else every one), each present even without ratings, as every outcome is; reviewers are
 * listed when they have ratings, most rated first (then by id), the timeout's ratings last.
 */
export function csatFigures(
  groups: readonly CsatGroup[],
  reasons: readonly ReasonCategory[] = REASON_CATEGORIES,
): { csat: CsatFigures; csatBy: CsatBreakdown } {
  const total = new Sum();
  for (const g of groups) total.add(g);
  const reviewer = [...sumBy(groups, (g) => g.decidedBy)]
    .map(([reviewerId, sum]) => ({ reviewerId, ...sum.figures() }))
    .sort((a, b) => {
      if (a.reviewerId === null || b.reviewerId === null) return a.reviewerId === null ? 1 : -1;
      return b.n - a.n || compareIds(a.reviewerId, b.reviewerId);
    });
  const byReason = sumBy(groups, (g) => g.reasonCategory, reasons);
  const byOutcome = sumBy(groups, (g) => g.outcome, CSAT_OUTCOMES);
  return {
    csat: total.figures(),
    csatBy: {
      reviewer,
      reasonCategory: reasons.map((reasonCategory) => ({
        reasonCategory,
        ...byReason.get(reasonCategory)!.figures(),
      })),
      outcome: CSAT_OUTCOMES.map((outcome) => ({ outcome, ...byOutcome.get(outcome)!.figures() })),
    },
  };
}
