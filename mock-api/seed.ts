// Deterministic demo data: `npm run seed -- --count 3000 --seed 42`. Same seed, same data; dates
// are relative to now so SLA timers are alive. Request histories are not painted on: each one is
// played through the real workflow (claim, decide, second approval, customer reply, payout ...),
// so every status, audit event and metric in the demo follows the rules the desk enforces.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AccountStatus,
  CoinOrder,
  Customer,
  InfoItem,
  Locale,
  PaymentChannel,
  ReasonCategory,
  RefundRequest,
  Role,
  StaffUser,
  SubmissionChannel,
} from '../src/domain/model';
import { NEW_REFUND_REQUEST_STATE } from '../src/domain/model';
import {
  approvalTemplate,
  fenToYuan,
  formatArrival,
  infoRequestTemplate,
  rejectionTemplate,
} from '../src/domain/messageTemplates';
import { REQUIRED_INFO_ITEMS } from '../src/domain/refundPolicy';
import { type Actor, type RefundCommand } from '../src/domain/refundWorkflow';
import {
  DAY_MS,
  HOUR_MS,
  INFO_TIMEOUT_MS,
  expectedArrivalAt,
  payoutAt,
  slaDueAt,
  toIso,
  toMs,
} from '../src/domain/sla';
import { hashPassword } from './auth';
import { RefundIndex, policyFor, refreshAllPolicyFlags, withPolicyFlags } from './refundRecords';
import { executeRefundCommand, idJitter } from './refundService';
import { seedComplaints } from './seedComplaints';
import { seedNotes } from './seedNotes';
import { Store, writeSnapshotAtomically, type Snapshot } from './store';

export interface SeedOptions {
  count: number;
  seed: number;
  nowMs: number;
  /** complaints are added by the complaint seeder when present */
  withComplaints?: boolean;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return entries[entries.length - 1][0];
    },
    /** exponential with the given mean */
    exp: (mean: number) => -Math.log(1 - next()) * mean,
  };
}
export type Rng = ReturnType<typeof createRng>;

export const DEMO_PASSWORD = 'password';

export const DEMO_STAFF: { id: string; username: string; fullName: string; role: Role }[] = [
  { id: 'u1', username: 'reviewer', fullName: '李娜 Li Na', role: 'reviewer' },
  { id: 'u2', username: 'reviewer2', fullName: '王强 Wang Qiang', role: 'reviewer' },
  { id: 'u3', username: 'supervisor', fullName: '陈静 Chen Jing', role: 'supervisor' },
  { id: 'u4', username: 'manager', fullName: '张伟 Zhang Wei', role: 'manager' },
  { id: 'u5', username: 'reviewer3', fullName: '刘洋 Liu Yang', role: 'reviewer' },
  { id: 'u6', username: 'reviewer4', fullName: 'Emily Carter', role: 'reviewer' },
  { id: 'u7', username: 'supervisor2', fullName: '赵敏 Zhao Min', role: 'supervisor' },
];
const REVIEWER_IDS = ['u1', 'u2', 'u5', 'u6'];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '晓东',
  '思琪',
  '子涵',
  '浩然',
];
const EN_FIRST = ['Alex', 'Sam', 'Jordan', 'Chris', 'Taylor', 'Morgan', 'Jamie', 'Casey', 'Riley', 'Drew'];
const EN_LAST = ['Smith', 'Lee', 'Brown', 'Wong', 'Garcia', 'Chan', 'Miller', 'Nguyen', 'Davis', 'Tan'];

/** Coin packs sold on the platform: 10 coins per yuan. */
const COIN_PACKS = [60, 300, 680, 980, 1980, 3280, 6480, 12_960, 32_800];
const FEN_PER_COIN = 10;

const DESCRIPTIONS: Record<ReasonCategory, Record<Locale, string[]>> = {
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

function staffUsers(seed: number): StaffUser[] {
  return DEMO_STAFF.map((s) => ({
    ...s,
    active: true,
    // salt derived from the seed: same seed, same file
    passwordHash: hashPassword(
      DEMO_PASSWORD,
      crypto.createHash('sha256').update(`${seed}:${s.username}`).digest().subarray(0, 16),
    ),
  }));
}

function makeCustomers(rng: Rng, n: number, nowMs: number): Customer[] {
  const customers: Customer[] = [];
  for (let i = 1; i <= n; i++) {
    const locale: Locale = rng.chance(0.85) ? 'zh-CN' : 'en';
    const name =
      locale === 'zh-CN'
        ? rng.pick(SURNAMES) + rng.pick(GIVEN)
        : `${rng.pick(EN_FIRST)} ${rng.pick(EN_LAST)}`;
    const accountStatus = rng.weighted<AccountStatus>([
      ['normal', 93],
      ['restricted', 5],
      ['banned', 2],
    ]);
    // about 3% share a payment account with an earlier customer: linked accounts
    const paymentAccountId =
      i > 10 && rng.chance(0.03) ? customers[rng.int(0, customers.length - 1)].paymentAccountId : `pa${i}`;
    customers.push({
      id: `cu${i}`,
      name,
      accountStatus,
      locale,
      registeredAt: toIso(nowMs - rng.int(70, 900) * DAY_MS),
      paymentAccountId,
    });
  }
  return customers;
}

function orderNumber(purchasedMs: number, n: number): string {
  const d = new Date(purchasedMs).toISOString().slice(0, 10).replace(/-/g, '');
  return `CZ${d}${String(n).padStart(6, '0')}`;
}

interface Plan {
  /** force a rejection (used for requests that are later resubmitted) */
  forceReject?: boolean;
  reviewerId: string;
  /** recent requests stay in the live queue: untouched, claimed, or waiting for the second approver */
  stopAt?: 'before_claim' | 'after_claim' | 'before_second_approval';
}

export function generateSeed(options: SeedOptions): Snapshot {
  const { count, seed, nowMs } = options;
  const rng = createRng(seed);
  const customers = makeCustomers(rng, Math.max(10, Math.round(count / 2)), nowMs);
  const store = Store.inMemory({
    users: staffUsers(seed),
    customers,
    orders: [],
    refunds: [],
    complaints: [],
    events: [],
    meta: { sequences: { e: 0 }, seed, seededAt: toIso(nowMs) },
  });
  const index = new RefundIndex(store);
  const deps = { store, refundIndex: index };

  // submission times over the last 60 days, slightly more recent than old; ids follow time
  const submitTimes = Array.from(
    { length: count },
    () => nowMs - Math.pow(rng.next(), 1.15) * 60 * DAY_MS,
  ).sort((a, b) => a - b);
  const orders: CoinOrder[] = [];
  const plans = new Map<string, Plan>();
  const requests: RefundRequest[] = [];
  const resubmitLater: { original: RefundRequest; atMs: number }[] = [];

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
      order = orders.find((o) => o.id === original.orderId)!;
      customer = customers.find((c) => c.id === original.customerId)!;
      resubmissionOf = original.id;
    } else if (requests.length > 20 && rng.chance(0.03)) {
      // a duplicate: the same order asked for again while the first request is still open
      const original = requests[requests.length - 1 - rng.int(0, Math.min(15, requests.length - 1))];
      order = orders.find((o) => o.id === original.orderId)!;
      customer = customers.find((c) => c.id === original.customerId)!;
    } else {
      customer = rng.chance(0.2) ? rng.pick(hotCustomers) : rng.pick(customers);
      const coins = rng.weighted(
        COIN_PACKS.map((p, k) => [p, [10, 18, 16, 14, 12, 10, 8, 5, 3][k]] as const),
      );
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
      order = {
        id: `o${orders.length + 1}`,
        orderNumber: orderNumber(purchasedMs, orders.length + 1),
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
      orders.push(order);
      store.commit([{ c: 'orders', v: order }]);
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
    const request: RefundRequest = {
      id: `r${i}`,
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
      status: 'pending',
      assigneeId: null,
      submittedAt,
      slaStartAt: submittedAt,
      slaDueAt: slaDueAt(submittedAt),
      ...NEW_REFUND_REQUEST_STATE,
      resubmissionOf,
      updatedAt: submittedAt,
      version: 1,
    };
    const flagged = withPolicyFlags(request, policyFor(store, index, request));
    store.commit([{ c: 'refunds', v: flagged }]);
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
    }
    if (resubmissionOf === null && !complete && rng.chance(0.25)) {
      plan.forceReject = true;
    }
    plans.set(flagged.id, plan);
    if (plan.forceReject && rng.chance(0.6)) {
      resubmitLater.push({ original: flagged, atMs: submittedMs + 8 * DAY_MS + rng.exp(2 * DAY_MS) });
    }
  }

  for (const request of requests) playHistory(deps, rng, request.id, plans.get(request.id)!, nowMs);
  if (options.withComplaints) seedComplaints(deps, rng, nowMs);
  seedNotes(store, rng, nowMs, DEMO_STAFF);

  // final pass: flags as the server computes them now that every history has been played
  refreshAllPolicyFlags(store, index);
  return store.toSnapshot();
}

/** Plays one request's life through the workflow, stopping where "now" is. */
function playHistory(
  deps: { store: Store; refundIndex: RefundIndex },
  rng: Rng,
  id: string,
  plan: Plan,
  nowMs: number,
) {
  const get = () => deps.store.get('refunds', id)!;
  const reviewer: Actor = { kind: 'staff', id: plan.reviewerId, role: 'reviewer' };
  // a second approver is never someone who already took part (fourEyes.ts): the approver, the overrider
  const supervisorFor = (...involved: (string | null)[]): Actor => ({
    kind: 'staff',
    id: involved.includes('u3') ? 'u7' : involved.includes('u7') ? 'u3' : rng.chance(0.7) ? 'u3' : 'u7',
    role: 'supervisor',
  });
  const run = (command: RefundCommand, actor: Actor, atMs: number): boolean => {
    if (atMs > nowMs) return false;
    return executeRefundCommand(deps, get(), command, actor, toIso(atMs)).ok;
  };

  let t = toMs(get().submittedAt);
  for (let round = 0; round < 3; round++) {
    // queue wait before a reviewer claims it: mostly hours, sometimes past the 24 h SLA
    t += rng.chance(0.12) ? rng.int(20, 40) * HOUR_MS : rng.exp(5 * HOUR_MS) + 5 * 60_000;
    const r = get();
    if (plan.stopAt === 'before_claim' && round === 0) return;
    if (r.status === 'pending' && !run({ action: 'claim', version: r.version }, reviewer, t)) return;
    if (plan.stopAt === 'after_claim') return;
    t += rng.int(2, 25) * 60_000;
    if (t > nowMs) return;

    const current = get();
    const policy = policyFor(deps.store, deps.refundIndex, current);
    const vars = { orderNumber: current.orderNumber };
    const against = rng.chance(0.07);
    let decision = plan.forceReject ? 'reject' : policy.suggestion;
    let againstSuggestionReason: string | undefined;
    if (against && !plan.forceReject) {
      decision = decision === 'reject' ? (policy.refundableFen > 0 ? 'approve' : 'request_info') : 'reject';
      againstSuggestionReason =
        decision === 'reject'
          ? 'Earlier abuse on this account.'
          : 'Customer is a long-standing user; goodwill.';
    }

    if (decision === 'request_info') {
      const missing = policy.suggestedMissingItems.length
        ? policy.suggestedMissingItems
        : ['payment_proof' as const];
      if (
        !run(
          {
            action: 'request_info',
            version: current.version,
            missingItems: missing,
            customerMessage: infoRequestTemplate(missing, current.customerLocale, vars),
            againstSuggestionReason,
          },
          reviewer,
          t,
        )
      )
        return;
      if (plan.forceReject || rng.chance(0.3)) {
        // no reply: the mock API's timer rejects it after 7 days
        const timeoutAt = t + INFO_TIMEOUT_MS + rng.int(1, 30) * 60_000;
        run({ action: 'info_timeout' }, { kind: 'system' }, timeoutAt);
        return;
      }
      t += rng.exp(30 * HOUR_MS) + HOUR_MS;
      const waiting = get();
      if (
        !run(
          {
            action: 'customer_reply',
            suppliedItems: missing,
            message:
              waiting.customerLocale === 'en'
                ? 'Here is the information you asked for.'
                : '已补充资料，请查收。',
          },
          { kind: 'customer' },
          t,
        )
      )
        return;
      continue;
    }

    if (decision === 'reject') {
      const reasonCode = plan.forceReject ? 'information_missing' : (policy.suggestedRejection ?? 'other');
      run(
        {
          action: 'reject',
          version: current.version,
          reasonCode,
          customerMessage: rejectionTemplate(reasonCode, current.customerLocale, {
            ...vars,
            heldByRequestIds: policy.heldByRequestIds,
            someCoinsSpent: current.coinsSpent > 0,
          }),
          note: reasonCode === 'other' ? 'See internal note.' : undefined,
          againstSuggestionReason:
            plan.forceReject && policy.suggestion !== 'reject'
              ? 'Evidence contradicts the claim.'
              : againstSuggestionReason,
        },
        reviewer,
        t,
      );
      return;
    }

    // approve (full or partial); a blocked approval needs a supervisor's override first
    if (policy.approvalBlockers.length > 0) {
      const sup = supervisorFor();
      if (
        !run(
          {
            action: 'override',
            version: current.version,
            note: 'Goodwill exception approved by supervisor.',
          },
          sup,
          t,
        )
      )
        return;
      t += rng.int(5, 60) * 60_000;
    }
    const before = get();
    const beforePolicy = policyFor(deps.store, deps.refundIndex, before);
    const refundable = beforePolicy.refundableFen;
    const amountFen = rng.chance(0.1)
      ? Math.max(1, Math.round(refundable * (0.5 + rng.next() * 0.4)))
      : refundable;
    const approved = run(
      {
        action: 'approve',
        version: before.version,
        amountFen,
        customerMessage: approvalTemplate(before.customerLocale, {
          orderNumber: before.orderNumber,
          amountYuan: fenToYuan(amountFen),
          partial: amountFen < before.paidFen,
          limit: amountFen < refundable ? 'none' : beforePolicy.refundableLimit,
          heldByRequestIds: beforePolicy.heldByRequestIds,
          expectedArrival: formatArrival(
            expectedArrivalAt(before.paymentChannel, toIso(t)),
            before.customerLocale,
          ),
        }),
        againstSuggestionReason,
      },
      reviewer,
      t,
    );
    if (!approved) return;
    if (get().status === 'awaiting_second_approval') {
      if (plan.stopAt === 'before_second_approval') return;
      t += rng.exp(4 * HOUR_MS) + 10 * 60_000;
      const waiting = get();
      const sendBack = rng.chance(0.08);
      const sup = supervisorFor(waiting.firstApproverId, waiting.overrideBy);
      if (
        !run(
          {
            action: 'second_approval',
            version: waiting.version,
            decision: sendBack ? 'send_back' : 'confirm',
            note: sendBack ? 'Please double-check the tipped amount.' : undefined,
          },
          sup,
          t,
        )
      )
        return;
      if (sendBack) continue;
    }
    const done = get();
    if (done.decidedAt) {
      const paidAt = toMs(payoutAt(done.paymentChannel, done.decidedAt, idJitter(done.id)));
      run({ action: 'payout' }, { kind: 'system' }, paidAt);
    }
    return;
  }
}

export function seedDatabase(file: string, options: SeedOptions): Snapshot {
  const snapshot = generateSeed(options);
  writeSnapshotAtomically(file, snapshot);
  for (const stale of [`${file}.journal`]) if (fs.existsSync(stale)) fs.rmSync(stale);
  return snapshot;
}

function parseArgs(argv: string[]) {
  const args = { count: 3000, seed: 42, ifMissing: false, file: process.env.DB_FILE };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--count') args.count = Number(argv[++k]);
    else if (a === '--seed') args.seed = Number(argv[++k]);
    else if (a === '--file') args.file = argv[++k];
    else if (a === '--if-missing') args.ifMissing = true;
    else
      throw new Error(
        `Unknown argument ${a}. Usage: npm run seed -- [--count N] [--seed S] [--file F] [--if-missing]`,
      );
  }
  if (!Number.isSafeInteger(args.count) || args.count < 1)
    throw new Error('--count must be a positive integer');
  if (!Number.isSafeInteger(args.seed)) throw new Error('--seed must be an integer');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { DEFAULT_DB_FILE } = await import('./server');
  const file = args.file ?? DEFAULT_DB_FILE;
  if (args.ifMissing && fs.existsSync(file)) {
    console.log(`Database ${file} exists; not seeding.`);
    return;
  }
  const started = Date.now();
  const snapshot = seedDatabase(file, {
    count: args.count,
    seed: args.seed,
    nowMs: Date.now(),
    withComplaints: true,
  });
  console.log(
    `Seeded ${file}: ${snapshot.refunds.length} refund requests, ${snapshot.customers.length} customers, ` +
      `${snapshot.complaints.length} complaints, ${snapshot.events.length} events in ${Date.now() - started} ms.`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
