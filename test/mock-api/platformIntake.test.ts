// Issue 16 items 2–4 over real HTTP: platform keys (shown once, stored hashed, revocable) reach only
// /api/platform/* and staff tokens never do; an intake with one Idempotency-Key makes one request
// even under 20 parallel posts, another body under that key is a 422, and bad orders are 422s with
// field errors in the customer's language. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, RefundRequest } from '../../src/domain/model';
import { startTestApi, type TestApi } from './harness';
import { asView, freshKey, intakeFor, platformCall, platformKey, requestsIn } from './platformKit';
import { auditTrail, storedRefund } from './storedState';

let api: TestApi;
let key: string;
let post: ReturnType<typeof platformCall>;
let rejected: RefundRequest[];

beforeAll(async () => {
  api = await startTestApi({ count: 400, seed: 16 });
  key = (await platformKey(api)).key;
  post = platformCall(api, key);
  // orders of rejected requests with no later request on them: free to ask again
  const all = await requestsIn(api, 'rejected');
  const open = new Set(
    [...(await requestsIn(api, 'pending')), ...(await requestsIn(api, 'in_review'))].map((r) => r.orderId),
  );
  rejected = all.filter((r) => !open.has(r.orderId) && r.refundableFen > 0);
  expect(rejected.length).toBeGreaterThan(6);
});
afterAll(() => api.close());

let next = 0;
const freeOrder = () => rejected[next++];

describe('platform clients', () => {
  it('show the key once, store only its hash, and list clients without it', async () => {
    const admin = await api.login('admin');
    const created = await api.call('POST', '/api/platform-clients', { token: admin, body: { name: 'Shop' } });
    expect(created.status).toBe(201);
    const { id, key: shown } = created.body as { id: string; key: string };
    expect(shown).toMatch(/^rdk_[A-Za-z0-9_-]{43}$/);
    const one = await api.call('GET', `/api/platform-clients/${id}`, { token: admin });
    expect(one.status).toBe(200);
    expect(one.text).not.toContain(shown);
    expect(one.body).not.toHaveProperty('key');
    expect(one.body).not.toHaveProperty('keyHash');
    const list = await api.call('GET', '/api/platform-clients', { token: admin });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(shown.slice(12));
    expect((list.body as { id: string }[]).map((c) => c.id)).toContain(id);
    expect(list.headers.get('content-range')).toMatch(/^platform-clients 0-\d+\/\d+$/);
  });

  it('are for admins only, and a blank name is a 422', async () => {
    const reviewer = await api.login('reviewer');
    const res = await api.call('POST', '/api/platform-clients', { token: reviewer, body: { name: 'x' } });
    expect(res.status).toBe(403);
    const admin = await api.login('admin');
    const blank = await api.call('POST', '/api/platform-clients', { token: admin, body: { name: ' ' } });
    expect(blank.status).toBe(422);
    expect(blank.body).toMatchObject({ fieldErrors: { name: { code: 'client_name_required' } } });
  });

  it('revoked, stop their key at once; revoking twice is a 409', async () => {
    const admin = await api.login('admin');
    const client = await platformKey(api, 'Soon gone');
    const call = platformCall(api, client.key);
    expect((await call('GET', '/api/nothing')).status).toBe(404);
    const revoked = await api.call('POST', `/api/platform-clients/${client.id}/revoke`, { token: admin });
    expect(revoked.status).toBe(200);
    expect((revoked.body as { revokedAt: string | null }).revokedAt).not.toBeNull();
    const after = await call('GET', '/refund-requests/r1');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'platform_key_unknown' });
    const again = await api.call('POST', `/api/platform-clients/${client.id}/revoke`, { token: admin });
    expect(again.status).toBe(409);
  });
});

describe('keys and tokens', () => {
  it('a staff token never reaches the platform routes, a platform key never the staff routes', async () => {
    const staff = await api.login('supervisor');
    const withStaff = await api.call('GET', '/api/platform/refund-requests/r1', { token: staff });
    expect(withStaff.status).toBe(401);
    expect(withStaff.body).toMatchObject({ code: 'platform_key_required' });
    const none = await api.call('GET', '/api/platform/refund-requests/r1');
    expect(none.status).toBe(401);
    for (const route of ['/api/refunds', '/api/refunds/r1', '/api/auth/me', '/api/platform-clients']) {
      const withKey = await api.call('GET', route, { token: key });
      expect(withKey.status, route).toBe(401);
      expect(withKey.body).toMatchObject({ code: 'platform_key_not_staff' });
    }
    const forged = await api.call('GET', '/api/platform/refund-requests/r1', { token: `${key}x` });
    expect(forged.status).toBe(401);
    expect((await post('GET', '/refund-requests/r1')).status).toBe(200);
    expect((await post('GET', '/refund-requests/r999999')).status).toBe(404);
  });
});

describe('intake', () => {
  it('needs an Idempotency-Key', async () => {
    const res = await post('POST', '/refund-requests', intakeFor(freeOrder()));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'idempotency_key_required' });
  });

  it('creates one request under 20 parallel posts of one key, answered the same each time', async () => {
    const original = freeOrder();
    const body = intakeFor(original);
    const idem = freshKey('parallel');
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => post('POST', '/refund-requests', body, { 'idempotency-key': idem })),
    );
    for (const r of replies) expect([200, 201], r.text).toContain(r.status);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    const ids = new Set(replies.map((r) => asView(r).id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    const view = asView(replies[0]);
    expect(view).toMatchObject({
      status: 'received',
      orderNumber: original.orderNumber,
      resubmissionOf: null,
    });
    expect(view).not.toHaveProperty('assigneeId');
    const staff = await api.login('supervisor');
    const onOrder = (await requestsIn(api, 'pending')).filter((r) => r.orderId === original.orderId);
    expect(onOrder.map((r) => r.id)).toEqual([id]);
    const stored = await storedRefund(api, staff, id);
    expect(stored).toMatchObject({
      submissionChannel: 'app',
      infoIncomplete: false,
      slaStartAt: stored.submittedAt,
    });
    const trail: AuditEvent[] = await auditTrail(api, staff, id);
    expect(trail.map((e) => [e.action, e.actorKind])).toEqual([['submit', 'customer']]);
  });

  it('refuses another body under the same key with a 422', async () => {
    const original = freeOrder();
    const idem = freshKey('reuse');
    const first = await post('POST', '/refund-requests', intakeFor(original), { 'idempotency-key': idem });
    expect(first.status).toBe(201);
    const other = intakeFor(original, { description: 'Something else.' });
    const again = await post('POST', '/refund-requests', other, { 'idempotency-key': idem });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'idempotency_key_reused' });
    // the same body with its keys in another order is the same body
    const reordered = Object.fromEntries(Object.entries(intakeFor(original)).reverse());
    const same = await post('POST', '/refund-requests', reordered, { 'idempotency-key': idem });
    expect(same.status).toBe(200);
    expect(asView(same).id).toBe(asView(first).id);
  });

  it('takes a request with missing items into the queue flagged incomplete', async () => {
    const original = freeOrder();
    const { purchasedAt: _left, ...body } = intakeFor(original);
    const res = await post('POST', '/refund-requests', body, { 'idempotency-key': freshKey() });
    expect(res.status, res.text).toBe(201);
    const stored = await storedRefund(api, await api.login('supervisor'), asView(res).id);
    expect(stored).toMatchObject({ status: 'pending', infoIncomplete: true });
    expect(stored.providedItems).not.toContain('purchase_time');
  });

  it("refuses unknown orders, other customers' orders and bad fields with 422 field errors in the customer's language", async () => {
    const original = freeOrder();
    const unknown = await post(
      'POST',
      '/refund-requests',
      intakeFor(original, { orderNumber: 'NO-SUCH-ORDER', locale: 'zh-CN' }),
      { 'idempotency-key': freshKey() },
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ fieldErrors: { orderNumber: { code: 'order_unknown' } } });
    expect((unknown.body as { errors: Record<string, string> }).errors.orderNumber).toContain('不存在');
    expect(unknown.headers.get('content-language')).toBe('zh-CN');

    const someoneElse = rejected.find((r) => r.customerId !== original.customerId)!;
    const other = await post(
      'POST',
      '/refund-requests',
      intakeFor(original, { customerId: someoneElse.customerId }),
      { 'idempotency-key': freshKey(), 'accept-language': 'en' },
    );
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ fieldErrors: { orderNumber: { code: 'order_other_customer' } } });

    const bad = await post(
      'POST',
      '/refund-requests',
      { orderNumber: original.orderNumber, reasonCategory: 'bored', description: 1, extra: true },
      { 'idempotency-key': freshKey(), 'accept-language': 'zh-CN' },
    );
    expect(bad.status).toBe(422);
    const fields = (bad.body as { fieldErrors: Record<string, unknown> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(['customerId', 'description', 'extra', 'reasonCategory']);
    expect((bad.body as { errors: Record<string, string> }).errors.reasonCategory).toContain('请选择');
  });

  it('refuses an order already refunded in full', async () => {
    const refunded = (await requestsIn(api, 'refunded')).find(
      (r) => r.coinsSpent === 0 && r.approvedFen === r.paidFen,
    );
    expect(refunded).toBeDefined();
    const res = await post('POST', '/refund-requests', intakeFor(refunded!), {
      'idempotency-key': freshKey(),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ fieldErrors: { orderNumber: { code: 'order_refunded' } } });
  });
});
