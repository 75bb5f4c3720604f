// Demo customer ratings (issue 18 item 5): a share of the decided requests' customers rate the
// decision some hours after it, through the domain's own rule and event (src/domain/customerRatings.ts),
// so the dashboard shows CSAT from the first start. Scores follow the outcome (an approval pleases
// more than a rejection, an automatic timeout least), a slow decision costs a point now and then,
// and each reviewer has a manner of their own, so the breakdowns differ. The rating rows are derived
// from these events when the snapshot is written (writer.ts seededRatings), in bulk.
import {
  customerRating,
  ratedDecisionBy,
  ratingEvent,
  ratingRefusal,
  type CustomerRating,
} from '../../src/domain/customerRatings';
import type { CsatOutcome } from '../../src/domain/csat';
import type { AuditEvent, Locale, RefundRequest } from '../../src/domain/model';
import { idNumber } from '../../src/domain/ids';
import { HOUR_MS } from '../../src/domain/sla';
import type { Rng } from './random';
import type { SeedWorld } from './world';

/** How many of the customers rate, by the outcome they were told. */
const RATED_SHARE: Record<CsatOutcome, number> = {
  approved: 0.3,
  partially_approved: 0.36,
  rejected: 0.4,
};

type Weights = readonly (readonly [number, number])[];
const SCORES: Record<CsatOutcome | 'timeout', Weights> = {
  approved: [
    [1, 2],
    [2, 3],
    [3, 8],
    [4, 30],
    [5, 57],
  ],
  partially_approved: [
    [1, 8],
    [2, 14],
    [3, 30],
    [4, 32],
    [5, 16],
  ],
  rejected: [
    [1, 34],
    [2, 26],
    [3, 22],
    [4, 12],
    [5, 6],
  ],
  timeout: [
    [1, 50],
    [2, 25],
    [3, 15],
    [4, 7],
    [5, 3],
  ],
};

const COMMENTED_SHARE = 0.25;
const COMMENTS: Record<Locale, Record<'low' | 'mid' | 'high', readonly string[]>> = {
  en: {
    low: ['Nobody explained why.', 'Took far too long.', 'The reason makes no sense to me.'],
    mid: ['Fine, but slow.', 'OK in the end.', 'I expected the full amount.'],
    high: ['Quick and clear, thanks!', 'Sorted within a day.', 'Friendly and fair.'],
  },
  'zh-CN': {
    low: ['没有人解释原因。', '处理太慢了。', '驳回理由说不通。'],
    mid: ['还行，就是有点慢。', '最后总算解决了。', '本来希望全额退款。'],
    high: ['处理很快，说明清楚，谢谢！', '一天之内就解决了。', '态度很好，很公平。'],
  },
};

/** A reviewer's manner, from their id: −2 … +2 steps of a 7% chance to move the score by one. */
function mannerOf(reviewerId: string | null): number {
  if (reviewerId === null) return 0;
  const n = idNumber(reviewerId);
  return Number.isFinite(n) ? ((n * 7) % 5) - 2 : 0;
}

function scoreFor(rng: Rng, rating: Pick<CustomerRating, 'outcome' | 'decidedBy'>, slow: boolean): number {
  let score = rng.weighted(SCORES[rating.decidedBy === null ? 'timeout' : rating.outcome]);
  const manner = mannerOf(rating.decidedBy);
  if (manner !== 0 && rng.chance(Math.abs(manner) * 0.07)) score += Math.sign(manner);
  if (slow && rng.chance(0.25)) score -= 1;
  return Math.min(5, Math.max(1, score));
}

export function seedRatings(world: SeedWorld, rng: Rng, nowMs: number): void {
  // the supervisors' overturns, by request: the decision rated after a complaint is theirs
  const overturns = new Map<string, AuditEvent[]>();
  for (const e of world.all('events')) {
    if (e.action !== 'overturn') continue;
    const list = overturns.get(e.refundId);
    if (list) list.push(e);
    else overturns.set(e.refundId, [e]);
  }
  const events: AuditEvent[] = [];
  const requests: RefundRequest[] = [...world.all('refunds')];
  for (const r of requests) {
    if (ratingRefusal(r, null) !== null) continue;
    const decidedBy = ratedDecisionBy(r, overturns.get(r.id) ?? []);
    const draft = customerRating(r, { score: 5 }, decidedBy, r.decidedAt!);
    if (!rng.chance(RATED_SHARE[draft.outcome])) continue;
    // most rate within hours of being told; a rating still to come is not made
    const ratedMs = Date.parse(r.decidedAt!) + 5 * 60_000 + rng.exp(10 * HOUR_MS);
    if (ratedMs >= nowMs) continue;
    const slow = Date.parse(r.decidedAt!) - Date.parse(r.submittedAt) > 48 * HOUR_MS;
    const score = scoreFor(rng, draft, slow);
    const band = score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
    const comment = rng.chance(COMMENTED_SHARE) ? rng.pick(COMMENTS[r.customerLocale][band]) : undefined;
    const rating = customerRating(r, { score, comment }, decidedBy, new Date(ratedMs).toISOString());
    events.push({ ...ratingEvent(rating, r.status, null), id: world.nextIdNow('e') });
  }
  world.put('events', events);
}
