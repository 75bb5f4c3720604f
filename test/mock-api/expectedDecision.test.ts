// Expected decision times over real HTTP, on the run's engine (SQLite, and PostgreSQL in
// vitest.postgres.config.ts): the queue's positions are the counts of requests awaiting a decision
// due earlier (checked against the whole list), at the desk's pace over the week in the calendar's
// working hours; the platform tells the customer the expectation at submission, in the view and in
// the acknowledgement, and keeps it; the metrics say how often it held and how late the rest were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitsDecision, expectedDecisionBy } from '../../src/domain/expectedDecision';
import { acknowledgementTemplate, formatArrival } from '../../src/domain/messageTemplates';
import type { RefundRequest, RefundStatus } from '../../src/domain/model';
import { DAY_MS, HOUR_MS } from '../../src/domain/sla';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../src/domain/slaSettings';
import { listQuery, openRouting, startTestApi, type TestApi } from './harness';
import { asView, freshKey, intakeFor, platformCall, platformKey, requestsIn } from './platformKit';
import { storedRefund } from './storedState';

interface Expectations {
  computedAt: string;
  decisionsPerWorkingHour: number;
  data: { id: string; positionAhead: number | null; expectedDecisionBy: string | null }[];
}

let api: TestApi;
let call: ReturnType<typeof platformCall>;
let free: RefundRequest[];
let reviewer: string;
let manager: string;
let admin: string;

async function advance(ms: number): Promise<string> {
  const res = await api.call('POST', '/api/test/advance-clock', { token: admin, body: { ms } });
  expect(res.status, res.text).toBe(200);
  return (res.body as { now: string }).now;
}

async function everyRequest(): Promise<RefundRequest[]> {
  const res = await api.call('GET', `/api/refunds${listQuery({ range: [0, 999], sort: ['id', 'ASC'] })}`, {
    token: manager,
  });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest[];
}

async function expectations(ids: string[]): Promise<Expectations> {
  const res = await api.call('GET', `/api/refunds/expected-decisions?id=${ids.join(',')}`, {
    token: reviewer,
  });
  expect(res.status, res.text).toBe(200);
  return res.body as Expectations;
}

/** The plain reference: requests awaiting a decision due strictly before `due`. */
const aheadOf = (all: RefundRequest[], due: string) =>
  all.filter((r) => awaitsDecision(r.status) && r.slaDueAt < due).length;

async function intake(): Promise<RefundRequest> {
  const res = await call('POST', '/refund-requests', intakeFor(free.shift()!), {
    'idempotency-key': freshKey(),
  });
  expect(res.status, res.text).toBe(201);
  return storedRefund(api, manager, asView(res).id);
}

/** Claims and rejects a request (a staff decision, which sets decidedAt). */
async function reject(id: string): Promise<RefundRequest> {
  const stored = await storedRefund(api, manager, id);
  const claimed = await api.call('POST', `/api/refunds/${id}/claim`, {
    token: reviewer,
    body: { version: stored.version },
  });
  expect(claimed.status, claimed.text).toBe(200);
  const res = await api.call('POST', `/api/refunds/${id}/reject`, {
    token: reviewer,
    body: {
      version: (claimed.body as RefundRequest).version,
      reasonCode: 'suspected_fraud',
      customerMessage: 'We cannot refund this order.',
      againstSuggestionReason: 'The payment looks unusual.',
    },
  });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest;
}

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 23 });
  call = platformCall(api, (await platformKey(api)).key);
  [reviewer, manager, admin] = await Promise.all(['reviewer', 'manager', 'admin'].map((u) => api.login(u)));
  await openRouting(api, ['reviewer']);
  const open = new Set(
    [...(await requestsIn(api, 'pending')), ...(await requestsIn(api, 'in_review'))].map((r) => r.orderId),
  );
  free = (await requestsIn(api, 'rejected')).filter((r) => !open.has(r.orderId) && r.refundableFen > 0);
  expect(free.length).toBeGreaterThan(4);
  // a month on, the seed's decisions are out of the week the pace is measured over: the floor applies
  await advance(30 * DAY_MS);
});
afterAll(() => api?.close());

describe('GET /api/refunds/expected-decisions', () => {
  it('counts the requests awaiting a decision due earlier, and works them off at the floor of one an hour', async () => {
    const all = await everyRequest();
    const page = [
      ...all.filter((r) => awaitsDecision(r.status)).slice(0, 20),
      ...all.filter((r) => r.status === 'awaiting_info').slice(0, 2),
      ...all.filter((r) => r.status === 'rejected').slice(0, 2),
    ];
    expect(page.filter((r) => awaitsDecision(r.status)).length).toBeGreaterThan(5);
    const answer = await expectations(page.map((r) => r.id));
    expect(answer.decisionsPerWorkingHour).toBe(1);
    expect(answer.data.map((e) => e.id)).toEqual(page.map((r) => r.id));
    for (const [i, r] of page.entries()) {
      const e = answer.data[i];
      if (!awaitsDecision(r.status)) {
        expect(e, r.status).toEqual({ id: r.id, positionAhead: null, expectedDecisionBy: null });
        continue;
      }
      expect(e.positionAhead, r.id).toBe(aheadOf(all, r.slaDueAt));
      // the 24 × 7 default: those ahead and itself, an hour each
      expect(Date.parse(e.expectedDecisionBy!) - Date.parse(answer.computedAt)).toBe(
        (e.positionAhead! + 1) * HOUR_MS,
      );
    }
  });

  it('answers the ids in the order asked, leaves out unknown ones and refuses none or too many (400)', async () => {
    const [first] = (await everyRequest()).filter((r) => awaitsDecision(r.status));
    const answer = await expectations(['no-such-request', first.id, first.id]);
    expect(answer.data.map((e) => e.id)).toEqual([first.id]);
    for (const query of ['', '?id=', `?id=${Array.from({ length: 101 }, (_, i) => `r${i}`).join(',')}`]) {
      const res = await api.call('GET', `/api/refunds/expected-decisions${query}`, {
        token: reviewer,
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({ code: 'expected_decision_ids' });
      expect((res.body as { message: string }).message).toContain('100');
    }
    expect((await api.call('GET', `/api/refunds/expected-decisions?id=${first.id}`)).status).toBe(401);
  });
});

describe('the expectation told to the customer', () => {
  let given: RefundRequest;

  it('is given at submission, kept, shown in the public view and said in the acknowledgement', async () => {
    const before = await everyRequest();
    given = await intake();
    const ahead = aheadOf(before, given.slaDueAt);
    const expected = expectedDecisionBy(ahead, 1, DEFAULT_SLA_SETTINGS, given.submittedAt);
    expect(given.expectedDecisionGiven).toBe(expected);
    const view = asView(await call('GET', `/refund-requests/${given.id}`));
    expect(view.expectedDecisionBy).toBe(expected);
    const locale = given.customerLocale;
    expect(view.messages[0]).toEqual({
      at: given.submittedAt,
      action: 'submit',
      text: acknowledgementTemplate(locale, {
        orderNumber: given.orderNumber,
        expectedDecisionBy: formatArrival(expected, locale),
      }),
    });
    // the queue's live expectation of it is the same while nothing has moved
    const [live] = (await expectations([given.id])).data;
    expect(live.positionAhead).toBe(ahead);
  });

  it('is measured: the share decided by it and how late the others were (/api/metrics)', async () => {
    const onTime = await reject(given.id);
    expect(asView(await call('GET', `/refund-requests/${given.id}`)).expectedDecisionBy).toBeNull();
    const late = await intake();
    // decided 3 hours after what it was told
    await advance(Date.parse(late.expectedDecisionGiven!) - Date.parse(late.submittedAt) + 3 * HOUR_MS);
    const lateDecided = await reject(late.id);
    const missHours =
      Math.round(
        ((Date.parse(lateDecided.decidedAt!) - Date.parse(late.expectedDecisionGiven!)) / HOUR_MS) * 100,
      ) / 100;
    expect(missHours).toBeGreaterThanOrEqual(3);
    const from = new Date(Date.parse(onTime.decidedAt!) - DAY_MS).toISOString();
    const to = new Date(Date.parse(lateDecided.decidedAt!) + DAY_MS).toISOString();
    const res = await api.call('GET', `/api/metrics?from=${from}&to=${to}`, { token: manager });
    expect(res.status, res.text).toBe(200);
    expect((res.body as { expectationAccuracy: unknown }).expectationAccuracy).toEqual({
      n: 2,
      held: 1,
      heldShare: 0.5,
      missHours: { p50: missHours, p90: missHours, n: 1 },
    });
    // a reviewer reads only their own decisions' figures, and none of another channel's
    const mine = await api.call('GET', `/api/metrics?from=${from}&to=${to}&submissionChannel=phone`, {
      token: reviewer,
    });
    expect(mine.status, mine.text).toBe(200);
    expect((mine.body as { expectationAccuracy: { n: number } }).expectationAccuracy.n).toBe(0);
  });
});

describe('the pace', () => {
  it('is the week’s decisions per working hour of the calendar', async () => {
    // one working hour a day (00:00–01:00 UTC): the week holds 7 of them
    const hour: [string, string][] = [['00:00', '01:00']];
    const calendar: SlaSettings = {
      ...DEFAULT_SLA_SETTINGS,
      hours: { mon: hour, tue: hour, wed: hour, thu: hour, fri: hour, sat: hour, sun: hour },
    };
    const current = await api.call('GET', '/api/settings/sla', { token: admin });
    const saved = await api.call('PUT', '/api/settings/sla', {
      token: admin,
      body: { ...calendar, version: (current.body as { version: number }).version },
    });
    expect(saved.status, saved.text).toBe(200);
    // 2 decisions in the tests above; 12 more make 14 in the week: 2 per working hour
    const pending = (await everyRequest()).filter((r) => r.status === 'pending' && r.assigneeId === null);
    for (const r of pending.slice(0, 12)) await reject(r.id);
    const all = await everyRequest();
    const waiting = all.filter((r) => awaitsDecision(r.status as RefundStatus)).slice(0, 10);
    const answer = await expectations(waiting.map((r) => r.id));
    expect(answer.decisionsPerWorkingHour).toBe(2);
    for (const [i, r] of waiting.entries()) {
      const ahead = aheadOf(all, r.slaDueAt);
      expect(answer.data[i]).toEqual({
        id: r.id,
        positionAhead: ahead,
        expectedDecisionBy: expectedDecisionBy(ahead, 2, calendar, answer.computedAt),
      });
      // in that calendar every expectation ends inside 00:00–01:00 UTC
      const by = new Date(answer.data[i].expectedDecisionBy!);
      expect(by.getUTCHours() === 0 || (by.getUTCHours() === 1 && by.getUTCMinutes() === 0)).toBe(true);
    }
  });
});
