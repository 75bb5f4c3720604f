// What the simulated customers do, as pure choices over a random source (seed/random.ts): which
// order a customer asks about (one intake will take: never an order whose coins were refunded; one
// with no request or only rejected ones first, then one with an open request — a duplicate the desk
// flags), what they write, when the next one comes (a Poisson stream at the configured rate, the
// first within the first-arrival bound), and how they answer the desk (the missing items, a
// resubmission after a rejection, now and then a complaint).
import type {
  ComplaintCategory,
  InfoItem,
  Locale,
  ReasonCategory,
  RefundStatus,
} from '../../src/domain/model';
import { REQUIRED_INFO_ITEMS } from '../../src/domain/refundPolicy';
import { OPEN_REFUND_STATUSES } from '../../src/domain/model';
import { DESCRIPTIONS } from '../seed/refunds';
import type { Rng } from '../seed/random';
import type {
  ComplaintBody,
  IntakeBody,
  PlatformRefundView,
  ReplyBody,
  ResubmissionBody,
} from './platformClient';
import type { OrderCandidate } from './purchases';

export interface SimulatorSettings {
  /** new requests per minute, on average */
  ratePerMinute: number;
  /** the first request comes within this long of start */
  firstWithinMs: number;
  /** of the requests the desk asks information for, the share whose customer answers */
  replyProbability: number;
  /** how long a customer takes to answer, on average */
  replyDelayMs: number;
  /** of the rejected requests, the share resubmitted */
  resubmitProbability: number;
  /** of the rejected or partly approved requests, the share complained about */
  complainProbability: number;
  /** of the new requests, the share that leaves a required item out */
  incompleteProbability: number;
  /** how often the simulator looks at its requests */
  pollMs: number;
}

export const DEFAULT_SETTINGS: SimulatorSettings = {
  ratePerMinute: 2,
  firstWithinMs: 20_000,
  replyProbability: 0.8,
  replyDelayMs: 30_000,
  resubmitProbability: 0.3,
  complainProbability: 0.1,
  incompleteProbability: 0.25,
  pollMs: 10_000,
};

function numberFrom(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`expected a number in ${min}…${max}, got "${value}"`);
  return n;
}

/** SIMULATE_RATE_PER_MINUTE, SIMULATE_FIRST_WITHIN_S, SIMULATE_REPLY_PROBABILITY, … (README "Live demo"). */
export function settingsFromEnv(env: NodeJS.ProcessEnv): SimulatorSettings {
  const d = DEFAULT_SETTINGS;
  return {
    ratePerMinute: numberFrom(env.SIMULATE_RATE_PER_MINUTE, d.ratePerMinute, 0.01, 600),
    firstWithinMs: numberFrom(env.SIMULATE_FIRST_WITHIN_S, d.firstWithinMs / 1000, 0, 3600) * 1000,
    replyProbability: numberFrom(env.SIMULATE_REPLY_PROBABILITY, d.replyProbability, 0, 1),
    replyDelayMs: numberFrom(env.SIMULATE_REPLY_DELAY_S, d.replyDelayMs / 1000, 0, 86_400) * 1000,
    resubmitProbability: numberFrom(env.SIMULATE_RESUBMIT_PROBABILITY, d.resubmitProbability, 0, 1),
    complainProbability: numberFrom(env.SIMULATE_COMPLAIN_PROBABILITY, d.complainProbability, 0, 1),
    incompleteProbability: numberFrom(env.SIMULATE_INCOMPLETE_PROBABILITY, d.incompleteProbability, 0, 1),
    pollMs: numberFrom(env.SIMULATE_POLL_S, d.pollMs / 1000, 1, 3600) * 1000,
  };
}

const REFUNDED: readonly RefundStatus[] = ['approved', 'partially_approved', 'refunded'];

/** 1: no request, or only rejected ones; 2: an open request (a duplicate); null: coins refunded already. */
export function orderTier(order: OrderCandidate): 1 | 2 | null {
  if (order.requestStatuses.some((s) => REFUNDED.includes(s))) return null;
  return order.requestStatuses.some((s) => OPEN_REFUND_STATUSES.includes(s)) ? 2 : 1;
}

/** A random order of the best tier not used yet in this run; null when none is left. */
export function chooseOrder(
  rng: Rng,
  candidates: readonly OrderCandidate[],
  used: ReadonlySet<string>,
): OrderCandidate | null {
  const fresh = candidates.filter((c) => !used.has(c.orderNumber));
  for (const tier of [1, 2] as const) {
    const inTier = fresh.filter((c) => orderTier(c) === tier);
    if (inTier.length > 0) return rng.pick(inTier);
  }
  return null;
}

const REASON_WEIGHTS: readonly (readonly [ReasonCategory, number])[] = [
  ['mistaken_purchase', 30],
  ['service_not_as_promised', 20],
  ['poor_stream_experience', 18],
  ['unauthorised_charge', 10],
  ['duplicate_charge', 10],
  ['other', 12],
];

/** A new request about `order`, in its customer's language; some leave a required item out. */
export function makeSubmission(rng: Rng, order: OrderCandidate, settings: SimulatorSettings): IntakeBody {
  const reasonCategory = rng.weighted(REASON_WEIGHTS);
  let providedItems: InfoItem[] = [...REQUIRED_INFO_ITEMS];
  if (rng.chance(settings.incompleteProbability)) {
    const left = rng.pick(REQUIRED_INFO_ITEMS);
    providedItems = providedItems.filter((i) => i !== left);
  }
  if (rng.chance(0.3)) providedItems.push('payment_proof');
  return {
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    ...(providedItems.includes('purchase_time') ? { purchasedAt: order.purchasedAt } : {}),
    reasonCategory,
    description: rng.pick(DESCRIPTIONS[reasonCategory][order.customerLocale]),
    providedItems,
    locale: order.customerLocale,
  };
}

/** The wait before the next request: exponential with the rate's mean, at least a second. */
export function nextDelayMs(rng: Rng, ratePerMinute: number): number {
  const mean = 60_000 / ratePerMinute;
  return Math.max(1_000, Math.min(rng.exp(mean), mean * 5));
}

/** The wait before the first request: as any other, but within the first-arrival bound. */
export function firstDelayMs(rng: Rng, settings: SimulatorSettings): number {
  return Math.min(nextDelayMs(rng, settings.ratePerMinute), settings.firstWithinMs);
}

const REPLIES: Record<Locale, string[]> = {
  'zh-CN': ['已补充相关信息，请查收。', '这是您要的材料，麻烦尽快处理。', '补充了订单信息和截图。'],
  en: [
    'Here is what you asked for.',
    'I have added the details, thank you.',
    'Attached the information you need.',
  ],
};
const RESUBMISSIONS: Record<Locale, string[]> = {
  'zh-CN': ['补充了付款凭证，请重新审核。', '之前材料不全，现已补齐。'],
  en: [
    'I have added proof of payment, please look again.',
    'My first request was missing details; here they are.',
  ],
};
const COMPLAINTS: Record<Locale, string[]> = {
  'zh-CN': ['不认可处理结果，请重新审核。', '客服没有解决我的问题。'],
  en: [
    'I do not accept this decision, please review it again.',
    'Customer service did not solve my problem.',
  ],
};

export type FollowUp =
  | { kind: 'reply'; body: ReplyBody }
  | { kind: 'resubmit'; body: ResubmissionBody }
  | { kind: 'complain'; body: ComplaintBody }
  | null;

/**
 * What the customer does about their request's present state, once per state (the caller keeps
 * which it has answered): answer an information request, resubmit or complain after a rejection.
 */
export function followUpFor(
  rng: Rng,
  view: PlatformRefundView,
  locale: Locale,
  settings: SimulatorSettings,
): FollowUp {
  if (view.status === 'awaiting_info' && view.missingItems.length > 0) {
    if (!rng.chance(settings.replyProbability)) return null;
    return {
      kind: 'reply',
      body: { suppliedItems: [...view.missingItems], message: rng.pick(REPLIES[locale]) },
    };
  }
  if (view.status === 'rejected' || view.status === 'partially_approved') {
    const complaint: ComplaintCategory =
      view.status === 'rejected' ? 'disputes_rejection' : 'disputes_partial_amount';
    if (rng.chance(settings.complainProbability)) {
      return { kind: 'complain', body: { category: complaint, description: rng.pick(COMPLAINTS[locale]) } };
    }
    if (view.status === 'rejected' && rng.chance(settings.resubmitProbability)) {
      return {
        kind: 'resubmit',
        body: {
          description: rng.pick(RESUBMISSIONS[locale]),
          providedItems: [
            ...new Set<InfoItem>([...view.providedItems, ...REQUIRED_INFO_ITEMS, 'payment_proof']),
          ],
        },
      };
    }
  }
  return null;
}

/** The key of a request's state a follow-up answers: a second information request is a new state. */
export function followUpKey(view: PlatformRefundView): string {
  return `${view.id}:${view.status}:${view.missingItems.join(',')}`;
}
