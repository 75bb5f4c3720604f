// Deterministic demo data: `npm run seed -- --count 3000 --seed 42`. Same seed, same data; dates
// are relative to now so SLA timers are alive. Request histories are not painted on: each one is
// played through the real workflow (claim, decide, second approval, customer reply, payout ...),
// so every status, audit event and metric in the demo follows the rules the desk enforces.
import crypto from 'node:crypto';
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
import { REQUIRED_INFO_ITEMS } from '../src/domain/refundPolicy';
import { DAY_MS, slaDueAt, toIso } from '../src/domain/sla';
import { hashPassword } from './auth';
import { connect, targetFromEnv, type DatabaseTarget } from './db/connect';
import { assertDatabaseUsable } from './db/health';
import type { Change, Snapshot } from './deskData';
import { policyFor, withPolicyFlags } from './refundRecords';
import { seedComplaints } from './seedComplaints';
import { playHistory, type Plan } from './seedHistory';
import { seedNotes } from './seedNotes';
import { SeedWorld } from './seedWorld';
import { analyzeDatabase, describeDatabase, isSeeded, writeSnapshot } from './seedWriter';

export interface SeedOptions {
  count: number;
  seed: number;
  nowMs: number;
  /** complaints are added by the complaint seeder when present */
  withComplaints?: boolean;
  /**
   * A cohort of a large seed (seedDatabase): its ids continue after the cohorts before it, whose
   * last numbers these are (requests, orders, customers, and the sequences of the other prefixes).
   */
  after?: { requests: number; orders: number; customers: number; sequences: Record<string, number> };
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

function makeCustomers(rng: Rng, n: number, nowMs: number, first = 1): Customer[] {
  const customers: Customer[] = [];
  for (let i = first; i < first + n; i++) {
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
      customers.length >= 10 && rng.chance(0.03)
        ? customers[rng.int(0, customers.length - 1)].paymentAccountId
        : `pa${i}`;
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

export async function generateSeed(options: SeedOptions): Promise<Snapshot> {
  const { count, seed, nowMs } = options;
  const after = options.after ?? { requests: 0, orders: 0, customers: 0, sequences: { e: 0 } };
  const rng = createRng(seed);
  const customers = makeCustomers(rng, Math.max(10, Math.round(count / 2)), nowMs, after.customers + 1);
  const world = new SeedWorld({ sequences: { ...after.sequences }, seed, seededAt: toIso(nowMs) });
  world.put('users', staffUsers(seed));
  world.put('customers', customers);

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
        id: `o${after.orders + orders.length + 1}`,
        orderNumber: orderNumber(purchasedMs, after.orders + orders.length + 1),
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
    const request: RefundRequest = {
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
    const flagged = withPolicyFlags(request, await policyFor(world, request));
    world.put('refunds', [flagged]);
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

  for (const request of requests) await playHistory(world, rng, request.id, plans.get(request.id)!, nowMs);
  if (options.withComplaints) await seedComplaints(world, rng, nowMs);
  await seedNotes(world, rng, nowMs, DEMO_STAFF);

  // final pass: flags as the server computes them now that every history has been played
  const refreshed: Change[] = [];
  for (const r of world.all('refunds')) {
    const next = withPolicyFlags(r, await policyFor(world, r));
    if (next !== r) refreshed.push({ c: 'refunds', v: next });
  }
  await world.commit(refreshed);
  return world.toSnapshot();
}

/** Plays one request's life through the workflow, stopping where "now" is. */
/** Requests per cohort of a large seed: each is played in memory, written, then let go. */
export const SEED_COHORT_SIZE = 100_000;

/**
 * Generates the demo data and writes it into `target`, replacing whatever it held. Beyond
 * SEED_COHORT_SIZE requests the data is made in cohorts of that size (each over the same 60 days,
 * with its own customers and orders, ids continuing after the cohort before it), so memory stays
 * that of one cohort; the answer is then the last cohort's data.
 */
export async function seedDatabase(
  target: DatabaseTarget,
  options: SeedOptions,
  cohortSize = SEED_COHORT_SIZE,
): Promise<Snapshot> {
  const handle = connect(target);
  try {
    let after: NonNullable<SeedOptions['after']> | undefined;
    let snapshot: Snapshot | undefined;
    for (let made = 0; made < options.count; made += cohortSize) {
      const count = Math.min(cohortSize, options.count - made);
      const cohort = made / cohortSize;
      snapshot = await generateSeed({ ...options, count, seed: options.seed + cohort * 7919, after });
      await writeSnapshot(handle.db, snapshot, { append: cohort > 0 });
      after = {
        requests: made + count,
        orders: after?.orders ?? 0,
        customers: after?.customers ?? 0,
        sequences: { ...snapshot.meta.sequences },
      };
      after.orders += snapshot.orders.length;
      after.customers += snapshot.customers.length;
    }
    await analyzeDatabase(handle.db);
    return snapshot!;
  } finally {
    await handle.close();
  }
}

function parseArgs(argv: string[]) {
  const args: { count: number; seed: number; ifMissing: boolean; file?: string } = {
    count: 3000,
    seed: 42,
    ifMissing: false,
  };
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
  const target: DatabaseTarget = args.file
    ? { engine: 'sqlite', file: path.resolve(args.file) }
    : targetFromEnv();
  const where = describeDatabase(target);
  // a damaged database is never seeded over: its data stays for the owner to rescue (health.ts)
  await assertDatabaseUsable(target, { allowMissing: true });
  if (args.ifMissing && (await isSeeded(target))) {
    console.log(`${where} holds the desk's data; not seeding.`);
    return;
  }
  const started = Date.now();
  const snapshot = await seedDatabase(target, {
    count: args.count,
    seed: args.seed,
    nowMs: Date.now(),
    withComplaints: true,
  });
  console.log(
    args.count > SEED_COHORT_SIZE
      ? `Seeded ${where}: ${args.count} refund requests in cohorts of ${SEED_COHORT_SIZE} ` +
          `in ${Date.now() - started} ms.`
      : `Seeded ${where}: ${snapshot.refunds.length} refund requests, ${snapshot.customers.length} customers, ` +
          `${snapshot.complaints.length} complaints, ${snapshot.events.length} events in ${Date.now() - started} ms.`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
