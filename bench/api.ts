// The API half of the benchmark: realistic reads (list mix, full-text search, one by id, metrics),
// the workflow actions on requests picked for them, and a burst of writes under concurrent reads
// while the server's event-loop delay is recorded.
import { FIRST_POLICY_PARAMETERS } from '../src/domain/policyVersions';
import { LOCALES, REVIEWER_SKILLS, type RefundRequest } from '../src/domain/model';
import { MAX_REVIEWER_CAP } from '../src/domain/reviewerRouting';
import { runBurst, type BurstResult } from './burst';
import { BenchClient, listQuery, type HttpReply } from './lib/http';
import { createRng, measure, type LatencySummary, type Outcome } from './lib/measure';
import { listMix, searchTerms, suggestedDecision } from './mix';

export const LATENCY_KINDS = [
  'list',
  'listAsStock',
  'search',
  'byId',
  'claimNext',
  'claim',
  'approve',
  'reject',
  'requestInfo',
  'metrics90d',
  'policySimulation90d',
] as const;
export type LatencyKind = (typeof LATENCY_KINDS)[number];

export const LATENCY_LABELS: Record<LatencyKind, string> = {
  list: 'list page (filter + sort + range)',
  listAsStock: "list page, stock json-server's queries",
  search: 'full-text search (q)',
  byId: 'one request by id',
  claimNext: 'claim next',
  claim: 'claim by id (preparation)',
  approve: 'approve',
  reject: 'reject',
  requestInfo: 'request information',
  metrics90d: 'metrics, 90 days by day',
  policySimulation90d: 'policy "what if", 90 days',
};

export interface ApiBenchResult {
  dataset: { refunds: number; complaints: number; events: number; customers: number };
  latency: Record<LatencyKind, LatencySummary>;
  burst: BurstResult;
  /** notes on what was sent (counts of decisions against the policy suggestion …) */
  notes: string[];
  /** user ids by username: who sent the lists (readerOf), for stock json-server's same pages */
  userIds: Record<string, string>;
}

export interface ApiBenchOptions {
  quick: boolean;
  /** the clock the list mix's dates are relative to (stock's mix uses the same) */
  nowMs: number;
  concurrency: number;
  seed: number;
  log: (line: string) => void;
}

interface Plan {
  listN: number;
  /** list pages of the shapes stock json-server answers too (mix.ts), as sent to stock */
  listAsStockN: number;
  searchN: number;
  byIdN: number;
  claimNextN: number;
  actionN: number;
  metricsN: number;
  simulationN: number;
  burstWrites: number;
  warmReads: number;
  warmActions: number;
  warmMetrics: number;
}

const FULL: Plan = {
  listN: 200,
  listAsStockN: 120,
  searchN: 200,
  byIdN: 500,
  claimNextN: 100,
  actionN: 100,
  metricsN: 30,
  simulationN: 10,
  burstWrites: 200,
  warmReads: 20,
  warmActions: 5,
  warmMetrics: 3,
};
const QUICK: Plan = {
  listN: 24,
  listAsStockN: 12,
  searchN: 24,
  byIdN: 60,
  claimNextN: 8,
  actionN: 8,
  metricsN: 5,
  simulationN: 3,
  burstWrites: 40,
  warmReads: 4,
  warmActions: 2,
  warmMetrics: 1,
};

const REVIEWERS = ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4'] as const;
const DAY_MS = 86_400_000;

type Tokens = Record<(typeof REVIEWERS)[number] | 'supervisor' | 'manager', string>;

const outcome = (reply: HttpReply): Outcome => ({ status: reply.status, ms: reply.ms, text: reply.text });
const isRefusal = (status: number) => status === 409 || status === 422;

function total(reply: HttpReply): number {
  const range = reply.headers['content-range'];
  const match = typeof range === 'string' ? /\/(\d+)$/.exec(range) : null;
  return match ? Number(match[1]) : Number.NaN;
}

/** Who sends the i-th list page: the reviewers in turn, every fifth a supervisor. */
export function readerOf(i: number): (typeof REVIEWERS)[number] | 'supervisor' {
  return i % 5 === 4 ? 'supervisor' : REVIEWERS[i % REVIEWERS.length];
}
const reader = readerOf;

/**
 * The bench's reviewers read every language, are senior and may hold the most an admin allows: the
 * bench claims hundreds of requests each, and measures claim-next with routing's checks, not its
 * refusals (set through the admin's route, as an admin would).
 */
async function openRouting(client: BenchClient, userIds: Record<string, string>): Promise<void> {
  const { token } = await client.json<{ token: string }>('POST', '/api/auth/login', {
    body: { username: 'admin', password: 'password' },
  });
  for (const username of REVIEWERS) {
    const path = `/api/users/${userIds[username]}`;
    const { version } = await client.json<{ version: number }>('GET', path, { token });
    await client.json('POST', `${path}/routing`, {
      token,
      body: { version, languages: [...LOCALES], skills: [...REVIEWER_SKILLS], claimCap: MAX_REVIEWER_CAP },
    });
  }
}

const AGAINST_REASON = 'Benchmark run: deciding differently from the policy suggestion on purpose.';

export async function runApiBench(client: BenchClient, options: ApiBenchOptions): Promise<ApiBenchResult> {
  const plan = options.quick ? QUICK : FULL;
  const conc = options.concurrency;
  const rng = createRng(options.seed);
  const log = options.log;
  const notes: string[] = [];

  const tokens = {} as Tokens;
  const userIds = {} as Tokens;
  for (const username of [...REVIEWERS, 'supervisor', 'manager'] as const) {
    const reply = await client.json<{ token: string; user: { id: string } }>('POST', '/api/auth/login', {
      body: { username, password: 'password' },
    });
    tokens[username] = reply.token;
    userIds[username] = reply.user.id;
  }
  await openRouting(client, userIds);
  const reviewerToken = (i: number) => tokens[REVIEWERS[i % REVIEWERS.length]];
  const readToken = (i: number) => tokens[reader(i)];

  // the size of what we measure
  const counts = async (resource: string) =>
    total(await client.request('GET', `/api/${resource}?range=[0,0]`, { token: tokens.supervisor }));
  const dataset = {
    refunds: await counts('refunds'),
    complaints: await counts('complaints'),
    events: await counts('events'),
    customers: await counts('customers'),
  };
  log(
    `dataset: ${dataset.refunds} requests, ${dataset.complaints} complaints, ${dataset.events} events, ${dataset.customers} customers`,
  );

  // a sample of records for ids and search terms
  const sample: RefundRequest[] = [];
  for (const sort of [
    ['submittedAt', 'DESC'],
    ['paidFen', 'ASC'],
  ] as const) {
    sample.push(
      ...(await client.json<RefundRequest[]>('GET', `/api/refunds${listQuery({ sort, range: [0, 999] })}`, {
        token: tokens.supervisor,
      })),
    );
  }
  const ids = rng.shuffle([...new Set(sample.map((r) => r.id))]);
  const terms = searchTerms(sample, rng);

  const latency = {} as Record<LatencyKind, LatencySummary>;
  const nowMs = options.nowMs;
  const { path: listPath, label: listLabel } = listMix(nowMs, (i) => userIds[reader(i)]);

  log(`list: ${plan.listN} requests (+${plan.warmReads} warm-up), concurrency ${conc}`);
  latency.list = await measure({
    warmup: plan.warmReads,
    n: plan.listN,
    concurrency: conc,
    group: listLabel,
    request: async (i) => outcome(await client.request('GET', listPath(i), { token: readToken(i) })),
  });

  const asStock = listMix(nowMs, (i) => userIds[reader(i)], true);
  log(`list, stock json-server's queries: ${plan.listAsStockN} requests (+${plan.warmReads} warm-up)`);
  latency.listAsStock = await measure({
    warmup: plan.warmReads,
    n: plan.listAsStockN,
    concurrency: conc,
    group: asStock.label,
    request: async (i) => outcome(await client.request('GET', asStock.path(i), { token: readToken(i) })),
  });

  log(`search: ${plan.searchN} requests over ${terms.length} terms`);
  latency.search = await measure({
    warmup: plan.warmReads,
    n: plan.searchN,
    concurrency: conc,
    group: (i) => terms[i % terms.length].kind,
    request: async (i) =>
      outcome(
        await client.request(
          'GET',
          `/api/refunds${listQuery({ filter: { q: terms[i % terms.length].term }, range: [0, 24], sort: ['slaDueAt', 'ASC'] })}`,
          { token: readToken(i) },
        ),
      ),
  });

  log(`by id: ${plan.byIdN} requests`);
  latency.byId = await measure({
    warmup: plan.warmReads,
    n: plan.byIdN,
    concurrency: conc,
    request: async (i) =>
      outcome(await client.request('GET', `/api/refunds/${ids[i % ids.length]}`, { token: readToken(i) })),
  });

  log(`metrics: ${plan.metricsN} requests, 90 days by day in Asia/Shanghai, as manager`);
  const shanghaiDate = (ms: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
  latency.metrics90d = await measure({
    warmup: plan.warmMetrics,
    n: plan.metricsN,
    concurrency: conc,
    request: async (i) => {
      // 90-day windows ending tomorrow, yesterday … so nothing can answer from a single cached window
      const toMs = nowMs + DAY_MS - (i % 5) * DAY_MS;
      const query = new URLSearchParams({
        from: shanghaiDate(toMs - 90 * DAY_MS),
        to: shanghaiDate(toMs),
        granularity: 'day',
        tz: 'Asia/Shanghai',
      });
      return outcome(await client.request('GET', `/api/metrics?${query}`, { token: tokens.manager }));
    },
  });

  log(`policy simulation: ${plan.simulationN} replays of 90 days under windows of 1 to 6 days, as manager`);
  latency.policySimulation90d = await measure({
    warmup: 1,
    n: plan.simulationN,
    concurrency: 1,
    request: async (i) => {
      // a different window each time, so no answer could come from an earlier one
      const body = {
        parameters: { ...FIRST_POLICY_PARAMETERS, refundWindowDays: 1 + (i % 6) },
        from: new Date(nowMs - 90 * DAY_MS).toISOString(),
        to: new Date(nowMs + DAY_MS).toISOString(),
      };
      return outcome(await client.request('POST', '/api/policies/simulate', { token: tokens.manager, body }));
    },
  });

  // --- actions: pick requests suited to each decision, claim them by id, then decide
  const perAction = plan.warmActions + plan.actionN;
  const taken = new Set<string>();
  const pending = { status: 'pending', assigneeId: 'unassigned' };
  const pick = async (filter: object, limit: number): Promise<RefundRequest[]> => {
    if (limit <= 0) return [];
    const rows = await client.json<RefundRequest[]>(
      'GET',
      // least urgent first, so claim-next (most urgent first) does not compete for the same requests
      `/api/refunds${listQuery({ filter: { ...pending, ...filter }, sort: ['slaDueAt', 'DESC'], range: [0, Math.min(999, limit + taken.size + 50)] })}`,
      { token: tokens.supervisor },
    );
    const chosen = rows.filter((r) => !taken.has(r.id)).slice(0, limit);
    for (const r of chosen) taken.add(r.id);
    return chosen;
  };
  // the requests the policy suggests each decision for first, then any other pending ones
  const unblocked = { outsideWindow: false, accountRestricted: false, refundableFen_gte: 1 };
  const forApprove = await pick(
    { ...unblocked, infoIncomplete: false, duplicate: false, tipping: false, refundableFen_lte: 50_000 },
    perAction,
  );
  const forReject = await pick({ infoIncomplete: false, outsideWindow: true }, perAction);
  const forInfo = await pick({ infoIncomplete: true }, perAction);
  forApprove.push(...(await pick(unblocked, perAction - forApprove.length)));
  forReject.push(...(await pick({}, perAction - forReject.length)));
  forInfo.push(...(await pick({}, perAction - forInfo.length)));
  for (const [name, list] of [
    ['approve', forApprove],
    ['reject', forReject],
    ['request information', forInfo],
  ] as const) {
    if (list.length < perAction) {
      notes.push(`only ${list.length} pending requests could be picked for ${name} (wanted ${perAction})`);
    }
  }

  interface Claimed {
    record: RefundRequest;
    token: string;
  }
  const toClaim = [
    ...forApprove.map((r) => ['approve', r] as const),
    ...forReject.map((r) => ['reject', r] as const),
    ...forInfo.map((r) => ['info', r] as const),
  ];
  const claimed = { approve: [] as Claimed[], reject: [] as Claimed[], info: [] as Claimed[] };
  log(`claim by id: ${toClaim.length} requests with ${REVIEWERS.join(', ')}`);
  const claimWarm = Math.min(3 * plan.warmActions, toClaim.length);
  latency.claim = await measure({
    warmup: claimWarm,
    n: toClaim.length - claimWarm,
    concurrency: conc,
    expected: isRefusal,
    request: async (i) => {
      const [kind, record] = toClaim[i];
      const token = reviewerToken(i);
      const reply = await client.request('POST', `/api/refunds/${record.id}/claim`, {
        token,
        body: { version: record.version },
      });
      if (reply.status === 200)
        claimed[kind].push({ record: JSON.parse(reply.text) as RefundRequest, token });
      return outcome(reply);
    },
  });

  log(`claim next: ${plan.claimNextN} requests`);
  latency.claimNext = await measure({
    warmup: plan.warmActions,
    n: plan.claimNextN,
    concurrency: conc,
    request: async (i) =>
      outcome(await client.request('POST', '/api/refunds/claim-next', { token: reviewerToken(i) })),
  });

  const against = { approve: 0, reject: 0, request_info: 0 };
  const decide = async (
    kind: 'approve' | 'reject' | 'request_info',
    list: Claimed[],
    segment: string,
    body: (r: RefundRequest) => Record<string, unknown>,
  ): Promise<LatencySummary> => {
    log(`${kind}: ${list.length} claimed requests`);
    const warm = Math.min(plan.warmActions, Math.max(0, list.length - 1));
    return measure({
      warmup: warm,
      n: list.length - warm,
      concurrency: conc,
      expected: isRefusal,
      request: async (i) => {
        const { record, token } = list[i];
        const payload = body(record);
        if (suggestedDecision(record) !== kind) {
          payload.againstSuggestionReason = AGAINST_REASON;
          if (i >= warm) against[kind]++;
        }
        return outcome(
          await client.request('POST', `/api/refunds/${record.id}/${segment}`, { token, body: payload }),
        );
      },
    });
  };
  latency.approve = await decide('approve', claimed.approve, 'approve', (r) => ({
    version: r.version,
    customerMessage: 'Your refund has been approved; the money is on its way.',
  }));
  latency.reject = await decide('reject', claimed.reject, 'reject', (r) => ({
    version: r.version,
    reasonCode: 'other',
    customerMessage: 'We cannot refund this purchase; reply with details if you think we are wrong.',
    note: 'Rejected by the benchmark.',
  }));
  latency.requestInfo = await decide('request_info', claimed.info, 'request-info', (r) => ({
    version: r.version,
    missingItems: ['payment_proof'],
    customerMessage: 'Please send a screenshot of the payment.',
  }));
  notes.push(
    `decisions sent against the policy suggestion (with againstSuggestionReason): approve ${against.approve}, reject ${against.reject}, request information ${against.request_info}`,
  );

  // --- the write burst under concurrent reads
  const burst = await runBurst(client, plan.burstWrites, tokens, listPath, reviewerToken, readToken, pick);
  log(
    `burst: ${burst.writes} writes + ${burst.reads} reads in ${Math.round(burst.durationMs)} ms, longest stall ${burst.maxStallMs} ms`,
  );

  return { dataset, latency, burst, notes, userIds };
}
