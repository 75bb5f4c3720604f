// Part 1 over real HTTP: sign-in, the simple-rest dialect, filters, and JSON errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import { slaState } from '../../src/domain/sla';
import { listQuery, startTestApi, type TestApi } from './harness';

let api: TestApi;
let reviewer: string;
let manager: string;

beforeAll(async () => {
  api = await startTestApi({ count: 400, seed: 11 });
  reviewer = await api.login('reviewer');
  manager = await api.login('manager');
});
afterAll(() => api.close());

async function list(route: string, params: Parameters<typeof listQuery>[0], token = reviewer) {
  const res = await api.call('GET', `${route}${listQuery(params)}`, { token });
  return res;
}

describe('sign-in', () => {
  it('returns a token and the user without a password hash', async () => {
    const res = await api.call('POST', '/api/auth/login', {
      body: { username: 'supervisor', password: 'password' },
    });
    expect(res.status).toBe(200);
    const body = res.body as { token: string; user: Record<string, unknown> };
    expect(body.token).toMatch(/\./);
    expect(body.user).toMatchObject({ username: 'supervisor', role: 'supervisor' });
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password with a 401 JSON message', async () => {
    const res = await api.call('POST', '/api/auth/login', {
      body: { username: 'manager', password: 'nope' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Wrong username or password.', code: 'wrong_credentials' });
  });

  it('locks a user out for a minute after five failures, with 429', async () => {
    for (let i = 0; i < 5; i++) {
      await api.call('POST', '/api/auth/login', { body: { username: 'reviewer4', password: 'bad' } });
    }
    const res = await api.call('POST', '/api/auth/login', {
      body: { username: 'reviewer4', password: 'password' },
    });
    expect(res.status).toBe(429);
    expect((res.body as { message: string }).message).toMatch(/Too many failed sign-ins/);
    // other users are not affected
    const other = await api.call('POST', '/api/auth/login', {
      body: { username: 'reviewer3', password: 'password' },
    });
    expect(other.status).toBe(200);
  });

  it('needs a bearer token on every other route (401 JSON)', async () => {
    for (const route of ['/api/refunds', '/api/refunds/r1', '/api/users', '/api/auth/me']) {
      const res = await api.call('GET', route);
      expect(res.status).toBe(401);
      expect((res.body as { message: string }).message).toMatch(/Sign in/);
    }
    const tampered = `${reviewer.slice(0, -2)}xx`;
    const res = await api.call('GET', '/api/refunds', { token: tampered });
    expect(res.status).toBe(401);
  });

  it('serves staff without password hashes', async () => {
    const res = await list('/api/users', {});
    expect(res.status).toBe(200);
    for (const user of res.body as Record<string, unknown>[]) expect(user).not.toHaveProperty('passwordHash');
  });
});

describe('refund list in the simple-rest dialect', () => {
  it('answers a page with a correct Content-Range and exposes it', async () => {
    const res = await list('/api/refunds', { sort: ['slaDueAt', 'ASC'], range: [0, 24] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('refunds 0-24/400');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
    const rows = res.body as RefundRequest[];
    expect(rows).toHaveLength(25);
    const due = rows.map((r) => r.slaDueAt);
    expect([...due].sort()).toEqual(due);
    for (const key of [
      'id',
      'orderNumber',
      'customerId',
      'customerName',
      'paidFen',
      'coins',
      'coinsSpent',
      'refundableFen',
      'paymentChannel',
      'submissionChannel',
      'reasonCategory',
      'description',
      'status',
      'assigneeId',
      'submittedAt',
      'slaDueAt',
      'version',
    ]) {
      expect(rows[0]).toHaveProperty(key);
    }
  });

  it('pages to the end with the right range', async () => {
    const res = await list('/api/refunds', { sort: ['id', 'ASC'], range: [390, 409] });
    expect(res.headers.get('content-range')).toBe('refunds 390-399/400');
    expect(res.body as unknown[]).toHaveLength(10);
  });

  it('treats an array filter as any-of and combines filters with and', async () => {
    const res = await list('/api/refunds', {
      range: [0, 999],
      filter: { status: ['approved', 'rejected'], paymentChannel: 'alipay' },
    });
    const rows = res.body as RefundRequest[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(['approved', 'rejected']).toContain(r.status);
      expect(r.paymentChannel).toBe('alipay');
    }
    const all = (await list('/api/refunds', { range: [0, 999] })).body as RefundRequest[];
    const expected = all.filter(
      (r) => ['approved', 'rejected'].includes(r.status) && r.paymentChannel === 'alipay',
    );
    expect(res.headers.get('content-range')).toMatch(new RegExp(`/${expected.length}$`));
  });

  it('bounds dates and amounts with _gte / _lte', async () => {
    const all = (await list('/api/refunds', { range: [0, 999] })).body as RefundRequest[];
    const from = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const res = await list('/api/refunds', {
      range: [0, 999],
      filter: { submittedAt_gte: from, refundableFen_gte: 1000, refundableFen_lte: 20_000 },
    });
    const expected = all.filter(
      (r) => r.submittedAt >= from && r.refundableFen >= 1000 && r.refundableFen <= 20_000,
    );
    expect((res.body as RefundRequest[]).map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it('searches order number, customer name and description with q', async () => {
    const all = (await list('/api/refunds', { range: [0, 999] })).body as RefundRequest[];
    const sample = all[17];
    const byOrder = await list('/api/refunds', { filter: { q: sample.orderNumber.slice(-8) } });
    expect((byOrder.body as RefundRequest[]).map((r) => r.id)).toContain(sample.id);
    const byName = (await list('/api/refunds', { range: [0, 999], filter: { q: sample.customerName } }))
      .body as RefundRequest[];
    expect(
      byName.every((r) =>
        [r.orderNumber, r.customerName, r.description].some((f) => f.includes(sample.customerName)),
      ),
    ).toBe(true);
    // q does not look at other fields such as the status
    const none = await list('/api/refunds', { filter: { q: 'partially_approved' } });
    expect(none.headers.get('content-range')).toBe('refunds */0');
  });

  it('filters on SLA state, policy flags and unassigned', async () => {
    const now = Date.now();
    const breached = (await list('/api/refunds', { range: [0, 999], filter: { slaState: 'breached' } }))
      .body as RefundRequest[];
    for (const r of breached) expect(slaState(r, now + 5_000)).toBe('breached');
    const flagged = (
      await list('/api/refunds', { range: [0, 999], filter: { outsideWindow: true, tipping: true } })
    ).body as RefundRequest[];
    for (const r of flagged) expect(r.outsideWindow && r.tipping).toBe(true);
    const unassigned = (await list('/api/refunds', { range: [0, 999], filter: { assigneeId: 'unassigned' } }))
      .body as RefundRequest[];
    expect(unassigned.length).toBeGreaterThan(0);
    for (const r of unassigned) expect(r.assigneeId).toBeNull();
  });

  it('answers getMany (filter by ids)', async () => {
    const res = await list('/api/refunds', { filter: { id: ['r1', 'r2', 'r3'] } });
    expect((res.body as RefundRequest[]).map((r) => r.id).sort()).toEqual(['r1', 'r2', 'r3']);
  });

  it('gives 400 JSON for malformed parameters, never a 500', async () => {
    const bad = [
      '?sort=notjson',
      '?sort=["nope","ASC"]',
      '?sort=["slaDueAt","UP"]',
      '?range=[5,1]',
      '?range=[0,5000]',
      '?range={"a":1}',
      '?filter=[1]',
      '?filter={"nope":1}',
      '?filter={"paidFen_gte":"x"}',
      '?filter={"slaState":"late"}',
      '?filter={"status_gte":"a"}',
      '?filter={"q":5}',
      '?sort=a&sort=b',
      '?_sort=id',
    ];
    for (const q of bad) {
      const res = await api.call('GET', `/api/refunds${q}`, { token: reviewer });
      expect(res.status, q).toBe(400);
      expect(typeof (res.body as { message: string }).message, q).toBe('string');
    }
  });

  it('gives 404 JSON for an unknown id or route', async () => {
    const res = await api.call('GET', '/api/refunds/r999999', { token: reviewer });
    expect(res.status).toBe(404);
    expect((res.body as { message: string }).message).toMatch(/r999999/);
    const route = await api.call('GET', '/api/nothing-here', { token: reviewer });
    expect(route.status).toBe(404);
    expect(route.body).toHaveProperty('message');
  });

  it('gives 403 JSON when the role may not', async () => {
    const res = await api.call('POST', '/api/refunds/claim-next', { token: manager });
    expect(res.status).toBe(403);
    expect((res.body as { message: string }).message).toMatch(/manager may not/);
  });

  it('serves customers, orders and events in the same dialect', async () => {
    for (const resource of ['customers', 'orders', 'events']) {
      const res = await list(`/api/${resource}`, { range: [0, 9] });
      expect(res.status, resource).toBe(200);
      expect(res.headers.get('content-range')).toMatch(new RegExp(`^${resource} 0-9/\\d+$`));
    }
  });
});
