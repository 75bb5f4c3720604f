// Issue 18 item 5 over real HTTP, on SQLite and (vitest.postgres.config.ts) PostgreSQL: the
// customer rates a decided request through the platform API, once (parallel posts land one); the
// rating is on the request's history and in the customer's view; a request not decided, an unknown
// one, a bad body and a missing key are refused in the caller's language; GET /api/metrics counts
// the ratings as the plain recomputation from the served events does (csatReference.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import refusals from '../../src/i18n/messages/refusals';
import type { MetricsAnswer } from '../../src/domain/metrics';
import type { AuditEvent, RefundRequest } from '../../src/domain/model';
import { catalogueTranslate, translateRefusal } from '../../src/domain/refusal';
import { startTestApi, type TestApi } from './harness';
import { referenceCsat } from './csatReference';
import { fetchAll } from './metricsKit';
import { asView, platformCall, platformKey, requestsIn } from './platformKit';
import { auditTrail } from './storedState';

let api: TestApi;
let call: ReturnType<typeof platformCall>;
let clientId: string;
let supervisor: string;
/** decided requests nobody has rated yet, handed out one per test */
let unrated: RefundRequest[];

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 23 });
  const client = await platformKey(api, 'Rating wallet');
  clientId = client.id;
  call = platformCall(api, client.key);
  supervisor = await api.login('supervisor');
  const decided = [
    ...(await requestsIn(api, 'approved')),
    ...(await requestsIn(api, 'rejected')),
    ...(await requestsIn(api, 'refunded')),
    ...(await requestsIn(api, 'partially_approved')),
  ];
  unrated = [];
  for (const r of decided) {
    if (asView(await call('GET', `/refund-requests/${r.id}`)).rating === null) unrated.push(r);
    if (unrated.length >= 12) break;
  }
  expect(unrated.length).toBe(12);
});
afterAll(() => api.close());

const rate = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  call('POST', `/refund-requests/${id}/rating`, body, headers);

const zh = catalogueTranslate(refusals.zh);

describe('a rating', () => {
  it('is taken once the request is decided, kept on its history and shown in the customer’s view', async () => {
    const r = unrated.shift()!;
    const res = await rate(r.id, { score: 4, comment: '  Quick and clear, thanks.  ' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      refundId: r.id,
      score: 4,
      comment: 'Quick and clear, thanks.',
      ratedAt: expect.any(String),
    });
    const { ratedAt } = res.body as { ratedAt: string };
    expect(new Date(ratedAt).toISOString()).toBe(ratedAt);
    const view = asView(await call('GET', `/refund-requests/${r.id}`));
    expect(view.rating).toEqual({ score: 4, comment: 'Quick and clear, thanks.', ratedAt });
    // the decision is unchanged: no new version, the same status
    const history = await auditTrail(api, supervisor, r.id);
    const event = history.find((e) => e.action === 'customer_rating')!;
    expect(event).toMatchObject({
      actorKind: 'customer',
      actorId: null,
      statusBefore: r.status,
      statusAfter: r.status,
      details: {
        score: 4,
        comment: 'Quick and clear, thanks.',
        decidedAt: r.decidedAt,
        decidedBy: r.decision!.by === 'system' ? null : r.decision!.by,
        platformClientId: clientId,
      },
    });
    const stored = await api.get<RefundRequest>(`/api/refunds/${r.id}`);
    expect(stored.version).toBe(r.version);
  });

  it('without a comment is a score alone', async () => {
    const r = unrated.shift()!;
    const res = await rate(r.id, { score: 1 });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ score: 1, comment: null });
  });

  it('is given once: a second is a 409 of its own, in the caller’s language', async () => {
    const r = unrated.shift()!;
    expect((await rate(r.id, { score: 5 })).status).toBe(201);
    const again = await rate(r.id, { score: 2, comment: 'Changed my mind.' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'rating_already_given', params: { score: 5 } });
    const inChinese = await rate(r.id, { score: 2 }, { 'accept-language': 'zh-CN' });
    expect(inChinese.headers.get('content-language')).toBe('zh-CN');
    expect((inChinese.body as { message: string }).message).toBe(
      translateRefusal(zh, { code: 'rating_already_given', params: { score: 5 } }),
    );
    expect(asView(await call('GET', `/refund-requests/${r.id}`)).rating?.score).toBe(5);
  });

  it('lands once when the customer’s posts arrive together: exactly one 201', async () => {
    const r = unrated.shift()!;
    const replies = await Promise.all(
      [1, 2, 3, 4, 5, 4, 3, 2].map((score) => rate(r.id, { score, comment: `Parallel ${score}` })),
    );
    const statuses = replies.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const res of replies.filter((x) => x.status === 409)) {
      expect(res.body).toMatchObject({ code: 'rating_already_given' });
    }
    const first = replies.find((res) => res.status === 201)!.body as { score: number };
    const ratings = (await auditTrail(api, supervisor, r.id)).filter((e) => e.action === 'customer_rating');
    expect(ratings.map((e) => e.details?.score)).toEqual([first.score]);
  });
});

describe('refused', () => {
  it('while the request is undecided: a 409 naming its status, before any look at the body', async () => {
    for (const status of ['pending', 'in_review', 'awaiting_info']) {
      const [open] = await requestsIn(api, status);
      const res = await rate(open.id, { score: 9 });
      expect(res.status, status).toBe(409);
      expect(res.body).toMatchObject({ code: 'rating_not_decided', params: { status } });
    }
  });

  it('for an unknown request: a 404', async () => {
    const res = await rate('r999999', { score: 3 });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'refund_not_found', params: { id: 'r999999' } });
  });

  it('with a bad body: a 422 per field, in Chinese when the body or the caller asks for it', async () => {
    const r = unrated.shift()!;
    const res = await rate(r.id, { score: 7, comment: '\u200b', locale: 'zh-CN' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-language')).toBe('zh-CN');
    const body = res.body as { code: string; message: string; errors: Record<string, string> };
    expect(body.code).toBe('invalid_body');
    expect(body.errors).toEqual({
      score: zh('refusals.fields.rating_score_choice', { min: 1, max: 5 }),
      comment: zh('refusals.fields.text_invisible', { what: zh('refusals.words.text_what.rating_comment') }),
    });
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.message).toContain(body.errors.score);
    const asked = await rate(r.id, { score: '5' }, { 'accept-language': 'zh-CN' });
    expect(asked.status).toBe(422);
    expect((asked.body as { errors: Record<string, string> }).errors.score).toBe(body.errors.score);
    const english = await rate(r.id, { score: 3, stars: 5 });
    expect(english.status).toBe(422);
    expect((english.body as { errors: Record<string, string> }).errors).toEqual({
      stars: 'Unknown field "stars".',
    });
    // nothing was kept: the request can still be rated
    expect((await rate(r.id, { score: 3 })).status).toBe(201);
  });

  it('without a platform key: a staff token, no key or a revoked key is a 401', async () => {
    const r = unrated.shift()!;
    const path = `/api/platform/refund-requests/${r.id}/rating`;
    const staff = await api.call('POST', path, { token: supervisor, body: { score: 5 } });
    expect(staff.status).toBe(401);
    expect(staff.body).toMatchObject({ code: 'platform_key_required' });
    expect((await api.call('POST', path, { body: { score: 5 } })).status).toBe(401);
    const gone = await platformKey(api, 'Revoked wallet');
    const admin = await api.login('admin');
    await api.call('POST', `/api/platform-clients/${gone.id}/revoke`, { token: admin });
    const revoked = await api.call('POST', path, { token: gone.key, body: { score: 5 } });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ code: 'platform_key_unknown' });
    expect(asView(await call('GET', `/refund-requests/${r.id}`)).rating).toBeNull();
  });
});

describe('the metrics', () => {
  it('count the ratings of the period’s decisions as the plain recomputation from the served events', async () => {
    // a few more ratings, low and high, so the period's figures move
    for (const [i, r] of unrated.splice(0, 4).entries()) {
      expect((await rate(r.id, { score: 1 + i })).status).toBe(201);
    }
    const manager = await api.login('manager');
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const refunds = await fetchAll<RefundRequest>(api, 'refunds', manager);
    const events = await fetchAll<AuditEvent>(api, 'events', manager);
    const ask = async (query: string) => {
      const res = await api.call('GET', `/api/metrics?from=${from}&to=${to}${query}`, { token: manager });
      expect(res.status, res.text).toBe(200);
      return res.body as MetricsAnswer;
    };
    const all = await ask('');
    const expected = referenceCsat(events, refunds, { from, to, filters: {} });
    expect({ csat: all.totals.csat, csatBy: all.csatBy }).toEqual(expected);
    expect(expected.csat.n).toBeGreaterThanOrEqual(9);
    const reviewerId = all.csatBy!.reviewer.find((row) => row.reviewerId !== null)!.reviewerId!;
    const filters = { reasonCategory: ['mistaken_purchase', 'other'], reviewerId };
    const filtered = await ask(`&reasonCategory=mistaken_purchase,other&reviewerId=${reviewerId}`);
    expect({ csat: filtered.totals.csat, csatBy: filtered.csatBy }).toEqual(
      referenceCsat(events, refunds, { from, to, filters }),
    );
  });
});
