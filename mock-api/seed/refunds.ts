// The demo's refund requests: submitted over the last 60 days (ids follow time), some on the same
// order again (duplicates while the first is open, resubmissions after a rejection), each with the
// plan its history will follow (events.ts). Policy flags are those the server computes on submit.
import type {
  CoinOrder,
  Customer,
  InfoItem,
  Locale,
  ReasonCategory,
  RefundRequest,
  SubmissionChannel,
} from '../../src/domain/model';
import { refundRequest } from '../../src/domain/records';
import { REQUIRED_INFO_ITEMS } from '../../src/domain/refundPolicy';
import { DAY_MS, toIso } from '../../src/domain/sla';
import { policyFor, withPolicyFlags } from '../refundRecords';
import type { Plan } from './events';
import { makeOrder } from './orders';
import type { Rng } from './random';
import { REVIEWER_IDS } from './users';
import type { SeedWorld } from './world';

/** The most live claims the seed leaves any reviewer (the admin's largest cap is MAX_REVIEWER_CAP). */
const LIVE_CLAIMS_PER_REVIEWER = 400;

export const DESCRIPTIONS: Record<ReasonCategory, Record<Locale, string[]>> = {
  mistaken_purchase: {
    'zh-CN': ['孩子误操作充值了，请帮忙退款。', '本来想买小额套餐，误点了大额充值。', '手滑点错了充值档位。'],
    en: [
      'My child topped up by mistake.',
      'I tapped the wrong coin pack.',
      'Meant to buy the small pack, bought the big one.',
    ],
  },
  service_not_as_promised: {
    'zh-CN': ['购买的付费内容无法打开。', '会员特权没有生效。', '付费课程与描述不符。'],
    en: [
      'The paid content never unlocked.',
      'The membership perks did not apply.',
      'The paid course is not what was described.',
    ],
  },
  poor_stream_experience: {
    'zh-CN': ['直播一直卡顿，主播中途下播。', '打赏后主播没有兑现承诺。', '直播画面黑屏半小时。'],
    en: [
      'The stream kept freezing and ended early.',
      'The streamer did not do what was promised for gifts.',
      'Black screen for half an hour.',
    ],
  },
  unauthorised_charge: {
    'zh-CN': ['我没有进行过这笔充值，账号可能被盗。', '不认识这笔扣款。'],
    en: ['I did not make this purchase; my account may be compromised.', 'I do not recognise this charge.'],
  },
  duplicate_charge: {
    'zh-CN': ['同一笔充值被扣了两次款。', '支付时网络卡顿，重复扣费。'],
    en: ['I was charged twice for one top-up.', 'The payment went through twice.'],
  },
  other: {
    'zh-CN': ['不想再使用平台了，申请退还余额。', '其他原因，请联系我。'],
    en: ['I am leaving the platform and want my balance back.', 'Other reason, please contact me.'],
  },
};

export interface RefundsToMake {
  count: number;
  nowMs: number;
  /** the last request and order numbers of the cohorts before this one */
  after: { requests: number; orders: number };
  customers: Customer[];
}

/** Puts `count` requests (and the orders they are about) into the world; answers each one's plan. */
export async function seedRefunds(
  world: SeedWorld,
  rng: Rng,
  { count, nowMs, after, customers }: RefundsToMake,
): Promise<Map<string, Plan>> {
  // submission times over the last 60 days, slightly more recent than old; ids follow time
  const submitTimes = Array.from(
    { length: count },
    () => nowMs - Math.pow(rng.next(), 1.15) * 60 * DAY_MS,
  ).sort((a, b) => a - b);
  let orders = 0;
  const plans = new Map<string, Plan>();
  const liveClaims = new Map<string, number>();
  const requests: RefundRequest[] = [];
  const resubmitLater: { original: RefundRequest; atMs: number }[] = [];
  const orderOf = (request: RefundRequest) => world.current('orders', request.orderId)!;
  const customerOf = (request: RefundRequest) => world.current('customers', request.customerId)!;

  const hotCustomers = customers.slice(0, Math.max(3, Math.round(customers.length / 30)));
  let i = 0;
  for (const submittedMs of submitTimes) {
    i++;
    const pendingResubmission = resubmitLater.findIndex((x) => x.atMs <= submittedMs);
    let order: CoinOrder;
    let customer: Customer;
    let resubmissionOf: string | null = null;
    if (pendingResubmission >= 0) {
      const { original } = resubmitLater.splice(pendingResubmission, 1)[0];
      order = orderOf(original);
      customer = customerOf(original);
      resubmissionOf = original.id;
    } else if (requests.length > 20 && rng.chance(0.03)) {
      // a duplicate: the same order asked for again while the first request is still open
      const original = requests[requests.length - 1 - rng.int(0, Math.min(15, requests.length - 1))];
      order = orderOf(original);
      customer = customerOf(original);
    } else {
      customer = rng.chance(0.2) ? rng.pick(hotCustomers) : rng.pick(customers);
      order = makeOrder(rng, after.orders + ++orders, customer, submittedMs);
      world.put('orders', [order]);
    }

    const reasonCategory = rng.weighted<ReasonCategory>([
      ['mistaken_purchase', 30],
      ['service_not_as_promised', 18],
      ['poor_stream_experience', 20],
      ['unauthorised_charge', 10],
      ['duplicate_charge', 8],
      ['other', 14],
    ]);
    const complete = resubmissionOf !== null || rng.chance(0.84);
    const providedItems: InfoItem[] = complete
      ? [...REQUIRED_INFO_ITEMS]
      : REQUIRED_INFO_ITEMS.filter(() => rng.chance(0.5));
    if (rng.chance(0.3)) providedItems.push('payment_proof');
    const submittedAt = toIso(submittedMs);
    const evidenceCount = rng.weighted([
      [0, 4],
      [1, 4],
      [2, 2],
    ] as const);
    // the record's shape (SLA clock, nothing decided yet) is the shared factory's; the choices are ours
    const request = refundRequest({
      id: `r${after.requests + i}`,
      orderId: order.id,
      orderNumber: order.orderNumber,
      customerId: customer.id,
      customerName: customer.name,
      customerLocale: customer.locale,
      paidFen: order.paidFen,
      coins: order.coins,
      coinsSpent: order.coinsSpent,
      coinsSpentOnTips: order.coinsSpentOnTips,
      refundableFen: 0,
      paymentChannel: order.paymentChannel,
      purchasedAt: order.purchasedAt,
      submissionChannel: rng.weighted<SubmissionChannel>([
        ['app', 55],
        ['web', 20],
        ['phone', 10],
        ['chat', 15],
      ]),
      reasonCategory,
      description: rng.pick(DESCRIPTIONS[reasonCategory][customer.locale]),
      evidenceFiles: ['screenshot.png', 'payment_receipt.jpg'].slice(0, evidenceCount),
      providedItems,
      submittedAt,
      resubmissionOf,
    });
    const flagged = withPolicyFlags(request, await policyFor(world, request));
    // committed, not put: the request holds its order's coins as one arriving at the desk does
    await world.commit([{ c: 'refunds', v: flagged }]);
    requests.push(flagged);
    const plan: Plan = { reviewerId: rng.pick(REVIEWER_IDS) };
    if (nowMs - submittedMs < 3 * DAY_MS) {
      // the last three days are the live queue the demo opens on
      plan.stopAt = rng.weighted([
        ['before_claim', 45],
        ['after_claim', 15],
        ['before_second_approval', 15],
        [undefined, 25],
      ] as const);
      // however large the seed, nobody holds more live claims than a reviewer could work: the rest
      // of a large live queue waits unclaimed
      if (plan.stopAt === 'after_claim') {
        const held = liveClaims.get(plan.reviewerId) ?? 0;
        if (held >= LIVE_CLAIMS_PER_REVIEWER) plan.stopAt = 'before_claim';
        else liveClaims.set(plan.reviewerId, held + 1);
      }
    }
    if (resubmissionOf === null && !complete && rng.chance(0.25)) {
      plan.forceReject = true;
    }
    plans.set(flagged.id, plan);
    if (plan.forceReject && rng.chance(0.6)) {
      resubmitLater.push({ original: flagged, atMs: submittedMs + 8 * DAY_MS + rng.exp(2 * DAY_MS) });
    }
  }

  return plans;
}
