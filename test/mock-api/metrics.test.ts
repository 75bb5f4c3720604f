// Part 4 over real HTTP: GET /api/metrics on seeded data equals computeMetrics recomputed here from
// the full lists the API serves, and each click-through list counts exactly what its figure counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DECISION_OUTCOMES,
  addDays,
  computeMetrics,
  localDateOf,
  startOfLocalDay,
  type MetricsAnswer,
  type MetricsFilters,
} from '../../src/domain/metrics';
import type { AuditEvent, Complaint, RefundRequest } from '../../src/domain/model';
import { expectationAccuracy } from '../../src/domain/expectedDecision';
import { listQuery, startTestApi, type TestApi } from './harness';
import { referenceSegments } from './reviewSegmentsReference';
import { withReferenceCsat } from './csatReference';
import { fetchAll } from './metricsKit';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../src/domain/slaSettings';

/** The seed's requests were never told an expected decision time (only the platform's intake tells one). */
const NONE_TOLD = expectationAccuracy([]);

const TZ = 'Asia/Shanghai';
let api: TestApi;
let manager: string;
let reviewer: string;

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 7 });
  manager = await api.login('manager');
  reviewer = await api.login('reviewer');
});
afterAll(() => api.close());

async function lists() {
  return {
    refunds: await fetchAll<RefundRequest>(api, 'refunds', manager),
    events: await fetchAll<AuditEvent>(api, 'events', manager),
    complaints: await fetchAll<Complaint>(api, 'complaints', manager),
  };
}

/** Local midnight in Shanghai `days` days from today. */
function shanghaiMidnight(days: number): string {
  return new Date(startOfLocalDay(addDays(localDateOf(Date.now(), TZ), days), TZ)).toISOString();
}

async function metrics(params: string, token = manager) {
  return api.call('GET', `/api/metrics?${params}`, { token });
}

async function listTotal(filter: object, token = manager): Promise<number> {
  const res = await api.call('GET', `/api/refunds${listQuery({ range: [0, 0], filter })}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Number(res.headers.get('content-range')!.split('/')[1]);
}

describe('GET /api/metrics', () => {
  it('answers what computeMetrics computes from the lists the API serves (day buckets, Shanghai)', async () => {
    const from = shanghaiMidnight(-29);
    const to = shanghaiMidnight(1);
    const res = await metrics(`from=${from}&to=${to}&granularity=day&tz=${TZ}`);
    expect(res.status, res.text).toBe(200);
    const answer = res.body as MetricsAnswer;
    expect(answer.buckets).toHaveLength(30);
    expect(answer.totals.submitted).toBeGreaterThan(50);
    expect(answer.totals.decided.approved + answer.totals.decided.rejected).toBeGreaterThan(20);
    expect(answer.reviewers.length).toBeGreaterThan(1);
    const served = await lists();
    const expected = computeMetrics({
      ...served,
      from,
      to,
      granularity: 'day',
      tz: TZ,
      filters: {},
      nowMs: Date.parse(answer.asOf),
    });
    expect(answer.latencyHoursBySegment!.tipping.n).toBeGreaterThan(0);
    expect(answer.heatMap!.cells.some((c) => c.decisions > 0)).toBe(true);
    // the seed's customers rated a share of the decisions (the CSAT card)
    expect(answer.totals.csat!.n).toBeGreaterThan(10);
    expect(answer).toEqual(
      withReferenceCsat(
        {
          ...expected,
          expectationAccuracy: NONE_TOLD,
          ...referenceSegments(served.refunds, { from, to, tz: TZ, filters: {} }),
        },
        served,
        {},
      ),
    );
  });

  it('takes calendar dates, week buckets and list filters as repeated or comma-separated values', async () => {
    const res = await metrics(
      `from=2020-01-01&to=2020-02-01&granularity=week&tz=${TZ}` +
        '&reasonCategory=mistaken_purchase,other&paymentChannel=alipay&paymentChannel=wechat_pay',
    );
    expect(res.status, res.text).toBe(200);
    const answer = res.body as MetricsAnswer;
    // 2020-01-01 00:00 +08:00 is a Wednesday: a clipped first week, then Mondays 6, 13, 20, 27
    expect(answer.from).toBe('2019-12-31T16:00:00.000Z');
    expect(answer.buckets.map((b) => b.start)).toEqual([
      '2019-12-31T16:00:00.000Z',
      '2020-01-05T16:00:00.000Z',
      '2020-01-12T16:00:00.000Z',
      '2020-01-19T16:00:00.000Z',
      '2020-01-26T16:00:00.000Z',
    ]);
    expect(answer.filters).toEqual({
      reasonCategory: ['mistaken_purchase', 'other'],
      paymentChannel: ['alipay', 'wechat_pay'],
    });

    const from = shanghaiMidnight(-55);
    const to = shanghaiMidnight(1);
    const filters: MetricsFilters = {
      reasonCategory: ['mistaken_purchase', 'poor_stream_experience'],
      submissionChannel: ['app', 'web'],
    };
    const filtered = await metrics(
      `from=${from}&to=${to}&granularity=week&tz=${TZ}` +
        '&reasonCategory=mistaken_purchase&reasonCategory=poor_stream_experience&submissionChannel=app,web',
    );
    expect(filtered.status, filtered.text).toBe(200);
    const got = filtered.body as MetricsAnswer;
    const served = await lists();
    expect(got).toEqual(
      withReferenceCsat(
        {
          expectationAccuracy: NONE_TOLD,
          ...referenceSegments(served.refunds, { from, to, tz: TZ, filters }),
          ...computeMetrics({
            ...served,
            from,
            to,
            granularity: 'week',
            tz: TZ,
            filters,
            nowMs: Date.parse(got.asOf),
          }),
        },
        served,
        filters,
      ),
    );
  });

  it('shows a reviewer only their own decisions', async () => {
    const from = shanghaiMidnight(-29);
    const to = shanghaiMidnight(1);
    const res = await metrics(`from=${from}&to=${to}&tz=${TZ}`, reviewer);
    expect(res.status, res.text).toBe(200);
    const answer = res.body as MetricsAnswer;
    expect(answer.filters.reviewerId).toBe('u1');
    expect(answer.reviewers.map((r) => r.reviewerId)).toEqual(['u1']);
    const served = await lists();
    expect(answer).toEqual(
      withReferenceCsat(
        {
          expectationAccuracy: NONE_TOLD,
          ...referenceSegments(served.refunds, { from, to, tz: TZ, filters: { reviewerId: 'u1' } }),
          ...computeMetrics({
            ...served,
            from,
            to,
            granularity: 'day',
            tz: TZ,
            filters: { reviewerId: 'u1' },
            nowMs: Date.parse(answer.asOf),
          }),
        },
        served,
        { reviewerId: 'u1' },
      ),
    );
    // a reviewer's CSAT is of their own decisions only
    expect(answer.csatBy!.reviewer.map((r) => r.reviewerId)).toEqual(['u1']);
    const own = await metrics(`from=${from}&to=${to}&tz=${TZ}&reviewerId=u1`, reviewer);
    expect(own.status).toBe(200);
    const other = await metrics(`from=${from}&to=${to}&tz=${TZ}&reviewerId=u2`, reviewer);
    expect(other.status).toBe(403);
    expect((other.body as { message: string }).message).toMatch(/own figures/);
    // a manager may look at any reviewer
    const managerView = await metrics(`from=${from}&to=${to}&tz=${TZ}&reviewerId=u2`);
    expect((managerView.body as MetricsAnswer).reviewers.map((r) => r.reviewerId)).toEqual(['u2']);
  });

  it('refuses malformed queries with a 400 JSON message', async () => {
    const ok = 'from=2026-01-01&to=2026-02-01';
    const bad = [
      '',
      'from=2026-01-01',
      'from=yesterday&to=2026-02-01',
      'from=2026-02-30&to=2026-03-05',
      'from=2026-01-01T00:00:00&to=2026-02-01T00:00:00', // no zone designator
      'from=2026-01-01T24:00:00Z&to=2026-02-01',
      'from=2026-02-01&to=2026-01-01',
      'from=2026-01-01&to=2026-01-01',
      'from=2025-01-01&to=2026-02-06', // 401 days
      `${ok}&tz=Mars/Olympus`,
      `${ok}&granularity=month`,
      `${ok}&foo=1`,
      `${ok}&reasonCategory=nonsense`,
      `${ok}&paymentChannel=alipay,cash`,
      `${ok}&from=2026-01-02`,
      `${ok}&tz=UTC&tz=Asia/Shanghai`,
      `${ok}&reasonCategory[x]=other`,
    ];
    for (const q of bad) {
      const res = await metrics(q);
      expect(res.status, q).toBe(400);
      expect(typeof (res.body as { message: string }).message, q).toBe('string');
    }
    expect((await metrics(ok)).status).toBe(200);
    expect((await metrics('from=2025-01-01&to=2026-02-05')).status).toBe(200); // exactly 400 days
  });

  it('needs a signed-in user', async () => {
    const res = await api.call('GET', '/api/metrics?from=2026-01-01&to=2026-02-01');
    expect(res.status).toBe(401);
  });
});

describe('click-through to the refund list', () => {
  let answer: MetricsAnswer;
  beforeAll(async () => {
    const res = await metrics(`from=${shanghaiMidnight(-20)}&to=${shanghaiMidnight(1)}&tz=${TZ}`);
    answer = res.body as MetricsAnswer;
  });

  it('lists exactly the requests behind each decision figure of each bucket', async () => {
    let checked = 0;
    for (const b of answer.buckets) {
      for (const outcome of DECISION_OUTCOMES) {
        const total = await listTotal({ decided: { from: b.start, to: b.end, outcome } });
        expect(total, `${b.start} ${outcome}`).toBe(b.decided[outcome]);
        checked += total;
      }
    }
    expect(checked).toBeGreaterThan(20);
    // approvals of both kinds at once, over the whole period
    const approvals = await listTotal({
      decided: { from: answer.from, to: answer.to, outcome: ['approved', 'partially_approved'] },
    });
    expect(approvals).toBe(answer.totals.decided.approved + answer.totals.decided.partially_approved);
  });

  it('lists the requests behind a reviewer row and combines with plain filters', async () => {
    const row = answer.reviewers[0];
    const total = await listTotal({
      decided: { from: answer.from, to: answer.to, outcome: 'rejected', reviewerId: row.reviewerId },
    });
    expect(total).toBe(row.decided.rejected);
    const all = await listTotal({
      decided: { from: answer.from, to: answer.to, reviewerId: row.reviewerId },
    });
    expect(all).toBe(row.requestsDecided);
    // the decided filter and the category filter together, against the filtered metrics
    const res = await metrics(
      `from=${answer.from}&to=${answer.to}&tz=${TZ}&reasonCategory=mistaken_purchase`,
    );
    const filtered = res.body as MetricsAnswer;
    const both = await listTotal({
      reasonCategory: ['mistaken_purchase'],
      decided: { from: answer.from, to: answer.to, outcome: 'approved' },
    });
    expect(both).toBe(filtered.totals.decided.approved);
  });

  it('lists the submissions and the backlog with plain filters', async () => {
    for (const b of answer.buckets.slice(-5)) {
      expect(await listTotal({ submittedAt_gte: b.start, submittedAt_lt: b.end })).toBe(b.submitted);
    }
    const open = ['pending', 'in_review', 'awaiting_info', 'awaiting_second_approval'];
    expect(await listTotal({ status: open })).toBe(answer.totals.backlog.total);
    expect(await listTotal({ status: ['pending', 'in_review'], slaState: 'breached' })).toBe(
      answer.totals.breachesOpen,
    );
  });

  it('follows new decisions at once (the index listens to the store)', async () => {
    const reviewer2 = await api.login('reviewer2');
    const claimed = await api.call('POST', '/api/refunds/claim-next', { token: reviewer2 });
    expect(claimed.status, claimed.text).toBe(200);
    const request = claimed.body as RefundRequest;
    const asked = await api.call('POST', `/api/refunds/${request.id}/request-info`, {
      token: reviewer2,
      body: {
        version: request.version,
        missingItems: ['payment_proof'],
        customerMessage: 'Please send the payment receipt.',
        againstSuggestionReason: 'Need the receipt to check the amount.',
      },
    });
    expect(asked.status, asked.text).toBe(200);
    const today = { from: shanghaiMidnight(0), to: shanghaiMidnight(1) };
    const res = await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 999], filter: { decided: { ...today, outcome: 'info_requested', reviewerId: 'u2' } } })}`,
      { token: manager },
    );
    expect((res.body as RefundRequest[]).map((r) => r.id)).toContain(request.id);
    const after = (await metrics(`from=${today.from}&to=${today.to}&tz=${TZ}&reviewerId=u2`))
      .body as MetricsAnswer;
    expect(Number(res.headers.get('content-range')!.split('/')[1])).toBe(after.totals.decided.info_requested);
  });

  it('refuses a malformed decided filter with a 400', async () => {
    const bad = [
      { decided: 'yesterday' },
      { decided: { from: 'x', to: answer.to } },
      { decided: { from: answer.to, to: answer.from } },
      { decided: { from: answer.from, to: answer.to, outcome: 'maybe' } },
      { decided: { from: answer.from, to: answer.to, by: 'u1' } },
      { decided: { from: answer.from, to: answer.to, reviewerId: 5 } },
    ];
    for (const filter of bad) {
      const res = await api.call('GET', `/api/refunds${listQuery({ filter })}`, { token: manager });
      expect(res.status, JSON.stringify(filter)).toBe(400);
      expect(typeof (res.body as { message: string }).message).toBe('string');
    }
  });
});

// The default seed has no complaints; this suite seeds them too (the complaint seeder plays them
// through the complaint workflow) so the complaint figures are compared and clicked through.
describe('complaint figures', () => {
  let withComplaints: TestApi;

  beforeAll(async () => {
    withComplaints = await startTestApi({ count: 400, seed: 13, withComplaints: true });
  });
  afterAll(() => withComplaints.close());

  const get = async (route: string) =>
    withComplaints.call('GET', route, { token: await withComplaints.login('manager') });
  const all = async <T>(resource: string): Promise<T[]> => {
    const rows: T[] = [];
    for (let start = 0; ; start += 1000) {
      const res = await get(`/api/${resource}${listQuery({ range: [start, start + 999] })}`);
      rows.push(...(res.body as T[]));
      if (rows.length >= Number(res.headers.get('content-range')!.split('/')[1])) return rows;
    }
  };
  const total = async (resource: string, filter: object) =>
    Number(
      (await get(`/api/${resource}${listQuery({ range: [0, 0], filter })}`)).headers
        .get('content-range')!
        .split('/')[1],
    );

  it('counts opened, escalated, resolved and overturned complaints as computeMetrics does', async () => {
    const from = shanghaiMidnight(-59);
    const to = shanghaiMidnight(1);
    const res = await get(`/api/metrics?from=${from}&to=${to}&granularity=week&tz=${TZ}`);
    expect(res.status).toBe(200);
    const answer = res.body as MetricsAnswer;
    expect(answer.totals.complaintsOpened).toBeGreaterThan(3);
    expect(answer.totals.complaintsResolved).toBeGreaterThan(0);
    const refunds = await all<RefundRequest>('refunds');
    const events = await all<AuditEvent>('events');
    expect(answer).toEqual(
      withReferenceCsat(
        {
          expectationAccuracy: NONE_TOLD,
          ...referenceSegments(refunds, { from, to, tz: TZ, filters: {} }),
          ...computeMetrics({
            refunds,
            events,
            complaints: await all<Complaint>('complaints'),
            from,
            to,
            granularity: 'week',
            tz: TZ,
            filters: {},
            nowMs: Date.parse(answer.asOf),
          }),
        },
        { refunds, events },
        {},
      ),
    );
    // the complaints list counts the same as each bucket
    for (const b of answer.buckets) {
      expect(await total('complaints', { openedAt_gte: b.start, openedAt_lt: b.end })).toBe(
        b.complaintsOpened,
      );
      expect(await total('complaints', { resolvedAt_gte: b.start, resolvedAt_lt: b.end })).toBe(
        b.complaintsResolved,
      );
      const overturned = await total('complaints', {
        resolvedAt_gte: b.start,
        resolvedAt_lt: b.end,
        outcome: ['overturned', 'partially_overturned'],
      });
      expect(overturned).toBe(Math.round((b.overturnRate ?? 0) * b.complaintsResolved));
    }
  });
});

// The segments on an office calendar: waits that began at night or at the weekend are off-hours,
// and peak hours are ranked among the office's hours only.
describe('review-time segments on the desk calendar', () => {
  let desk: TestApi;
  beforeAll(async () => {
    desk = await startTestApi({ count: 300, seed: 7 });
  });
  afterAll(() => desk.close());

  it('answers what the reference computes from the served requests, and a new calendar is a new answer', async () => {
    const admin = await desk.login('admin');
    const token = await desk.login('manager');
    const from = shanghaiMidnight(-59);
    const to = shanghaiMidnight(1);
    const ask = async () => {
      const res = await desk.call('GET', `/api/metrics?from=${from}&to=${to}&tz=${TZ}`, { token });
      expect(res.status, res.text).toBe(200);
      return res.body as MetricsAnswer;
    };
    const always = await ask();
    expect(always.latencyHoursBySegment!.offHours.n).toBe(0);

    const office: [string, string][] = [['09:00', '18:00']];
    const settings: SlaSettings = {
      ...DEFAULT_SLA_SETTINGS,
      timeZone: TZ,
      hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
    };
    const current = await desk.call('GET', '/api/settings/sla', { token: admin });
    const saved = await desk.call('PUT', '/api/settings/sla', {
      token: admin,
      body: { ...settings, version: (current.body as { version: number }).version },
    });
    expect(saved.status, saved.text).toBe(200);

    const answer = await ask();
    const { inHours, offHours, peak, offPeak } = answer.latencyHoursBySegment!;
    expect(inHours.n).toBeGreaterThan(0);
    expect(offHours.n).toBeGreaterThan(0);
    expect(peak.n).toBeGreaterThan(0);
    expect(inHours.n + offHours.n).toBe(peak.n + offPeak.n);
    const served: RefundRequest[] = [];
    for (let start = 0; ; start += 1000) {
      const res = await desk.call('GET', `/api/refunds${listQuery({ range: [start, start + 999] })}`, {
        token,
      });
      served.push(...(res.body as RefundRequest[]));
      if (served.length >= Number(res.headers.get('content-range')!.split('/')[1])) break;
    }
    const { latencyHoursBySegment, heatMap } = referenceSegments(
      served,
      { from, to, tz: TZ, filters: {} },
      settings,
    );
    expect(answer.latencyHoursBySegment).toEqual(latencyHoursBySegment);
    expect(answer.heatMap).toEqual(heatMap);
  });
});
