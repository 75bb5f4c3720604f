// Issue 18 items 1 and 2 over real HTTP, on SQLite and (vitest.postgres.config.ts) PostgreSQL: the
// policy's versions are read by everyone and published by admins only (validated, never before now
// and the latest, one at a time); a request is judged under the version in force when it was
// submitted (a 3-day window published mid-period leaves the request before it inside its 7 days and
// puts the one after it outside); and a replay under a proposal changes nothing for the current
// version, while a stricter window flips exactly the requests a plain reading of the rule says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import { FIRST_POLICY_PARAMETERS, type PolicyParameters } from '../../src/domain/policyVersions';
import type { PolicySimulation } from '../../src/domain/policySimulation';
import type { PolicyResult } from '../../src/domain/refundPolicy';
import { startTestApi, type TestApi } from './harness';
import { freshKey, platformCall, platformKey } from './platformKit';

type Who = 'admin' | 'reviewer' | 'supervisor' | 'manager';
let api: TestApi;
const token = {} as Record<Who, string>;
const userId = {} as Record<Who, string>;
const DAY = 86_400_000;

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 23 });
  await api.signInStaff(['admin', 'reviewer', 'supervisor', 'manager'] as const, { token, userId });
});
afterAll(() => api.close());

const apiNow = async () => Date.parse(((await api.call('GET', '/api/health')).body as { now: string }).now);
const publish = (who: Who, body: unknown, lang = 'en') =>
  api.call('POST', '/api/policies', { token: token[who], body, headers: { 'accept-language': lang } });
const simulate = (who: Who, body: unknown, lang = 'en') =>
  api.call('POST', '/api/policies/simulate', {
    token: token[who],
    body,
    headers: { 'accept-language': lang },
  });

/** A fresh order for a customer in good standing, bought `daysAgo` before the API's now. */
async function orderBoughtDaysAgo(daysAgo: number, label: string, paidFen?: number) {
  const db = api.server.ctx.database.db;
  const customer = await db
    .selectFrom('customers')
    .select(['id'])
    .where('accountStatus', '=', 'normal')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const template = await db.selectFrom('orders').selectAll().orderBy('id').executeTakeFirstOrThrow();
  const orderNumber = `CZ2099${label.padStart(10, '0')}`;
  const purchasedAt = new Date((await apiNow()) - daysAgo * DAY).toISOString();
  await db
    .insertInto('orders')
    .values({
      ...template,
      id: `o-policy-${label}`,
      idNumber: null,
      orderNumber,
      orderNumberFolded: orderNumber.toLowerCase(),
      customerId: customer.id,
      purchasedAt,
      coinsSpent: 0,
      coinsSpentOnTips: 0,
      ...(paidFen === undefined ? {} : { paidFen }),
    })
    .execute();
  return { orderNumber, customerId: customer.id, purchasedAt };
}

async function submit(order: { orderNumber: string; customerId: string; purchasedAt: string }) {
  const post = platformCall(api, (await platformKey(api, `Wallet ${freshKey()}`)).key);
  const made = await post(
    'POST',
    '/refund-requests',
    { ...order, reasonCategory: 'mistaken_purchase', description: 'I bought the wrong pack.' },
    { 'idempotency-key': freshKey() },
  );
  expect(made.status, made.text).toBe(201);
  const id = (made.body as { id: string }).id;
  const request = (await api.call('GET', `/api/refunds/${id}`, { token: token.supervisor }))
    .body as RefundRequest;
  const policy = (await api.call('GET', `/api/refunds/${id}/policy`, { token: token.supervisor }))
    .body as PolicyResult;
  return { request, policy };
}

describe('GET /api/policies', () => {
  it('holds version 1, the rules as first written, for every role to read', async () => {
    for (const who of ['reviewer', 'supervisor', 'manager', 'admin'] as const) {
      const res = await api.call('GET', '/api/policies', { token: token[who] });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          id: 1,
          version: 1,
          parameters: FIRST_POLICY_PARAMETERS,
          createdBy: 'system',
        }),
      ]);
    }
    const one = await api.call('GET', '/api/policies/1', { token: token.reviewer });
    expect(one.body).toMatchObject({ id: 1, effectiveAt: '1970-01-01T00:00:00.000Z' });
    const none = await api.call('GET', '/api/policies/9', {
      token: token.reviewer,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: 'policy_version_not_found' });
    expect((none.body as { message: string }).message).toMatch(/第 9 版/);
  });
});

describe('POST /api/policies', () => {
  const threeDays: PolicyParameters = { ...FIRST_POLICY_PARAMETERS, refundWindowDays: 3 };

  it('is for admins only', async () => {
    const at = new Date((await apiNow()) + DAY).toISOString();
    for (const who of ['reviewer', 'supervisor', 'manager'] as const) {
      const res = await publish(who, { parameters: threeDays, note: 'x', effectiveAt: at });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'role_may_not' });
    }
  });

  it('refuses parameters, a note or a time that cannot be right, in the caller’s language', async () => {
    const at = new Date((await apiNow()) + DAY).toISOString();
    const bad = await publish(
      'admin',
      {
        parameters: { ...threeDays, refundWindowDays: 0, secondApprovalThresholdFen: 1.5 },
        note: ' ',
        effectiveAt: at,
      },
      'zh-CN',
    );
    expect(bad.status).toBe(422);
    const noteFirst = (bad.body as { fieldErrors: Record<string, { code: string }> }).fieldErrors;
    expect(noteFirst.note?.code).toBe('policy_note_required');
    const params = await publish(
      'admin',
      { parameters: { ...threeDays, refundWindowDays: 0 }, note: 'n', effectiveAt: at },
      'zh-CN',
    );
    expect(params.status).toBe(422);
    expect(
      (params.body as { fieldErrors: Record<string, { code: string }> }).fieldErrors.refundWindowDays?.code,
    ).toBe('policy_window_days');
    expect((params.body as { message: string }).message).toMatch(/退款时限/);
    const past = await publish('admin', {
      parameters: threeDays,
      note: 'n',
      effectiveAt: new Date((await apiNow()) - 1000).toISOString(),
    });
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ code: 'policy_effective_in_past' });
    const sloppy = await publish('admin', {
      parameters: threeDays,
      note: 'n',
      effectiveAt: '2099-01-01 00:00',
    });
    expect(sloppy.body).toMatchObject({ code: 'policy_effective_at' });
    const versions = await api.call('GET', '/api/policies', { token: token.admin });
    expect((versions.body as unknown[]).length).toBe(1);
  });

  it('judges a request under the version in force when it was submitted: a 3-day window mid-period', async () => {
    // two orders bought five days ago: inside 7 days, outside 3
    const before = await orderBoughtDaysAgo(5, '1');
    const after = await orderBoughtDaysAgo(5, '2');
    const effectiveAt = new Date((await apiNow()) + 3_600_000).toISOString();
    const made = await publish('admin', {
      parameters: threeDays,
      note: 'Shorter window from the new terms.',
      effectiveAt,
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({
      id: 2,
      version: 2,
      effectiveAt,
      parameters: threeDays,
      createdBy: userId.admin,
    });

    const first = await submit(before);
    expect(first.request.policyVersion).toBe(1);
    expect(first.request.outsideWindow).toBe(false);
    expect(first.policy).toMatchObject({
      policyVersion: 1,
      parameters: FIRST_POLICY_PARAMETERS,
      suggestion: 'approve',
    });

    const moved = await api.call('POST', '/api/test/advance-clock', {
      token: token.supervisor,
      body: { ms: 2 * 3_600_000 },
    });
    expect(moved.status, moved.text).toBe(200);
    const second = await submit(after);
    expect(second.request.policyVersion).toBe(2);
    expect(second.request.outsideWindow).toBe(true);
    expect(second.policy).toMatchObject({ policyVersion: 2, parameters: threeDays, suggestion: 'reject' });
    expect(second.policy.checks.find((c) => c.key === 'window')?.params).toMatchObject({ limit: 3 });
    // the earlier request keeps its judgement after the new version took effect
    const again = (
      await api.call('GET', `/api/refunds/${first.request.id}/policy`, { token: token.supervisor })
    ).body as PolicyResult;
    expect(again).toMatchObject({ policyVersion: 1, suggestion: 'approve' });
  });

  it('publishes one version at a time: two at once give one new version and one refusal', async () => {
    const effectiveAt = new Date((await apiNow()) + 5 * 3_600_000).toISOString();
    const body = { parameters: FIRST_POLICY_PARAMETERS, note: 'Back to seven days.', effectiveAt };
    const answers = await Promise.all([publish('admin', body), publish('admin', body)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(201);
    expect([409, 422]).toContain(statuses[1]);
    const versions = (await api.call('GET', '/api/policies', { token: token.admin })).body as {
      version: number;
    }[];
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const earlier = await publish('admin', {
      ...body,
      effectiveAt: new Date(Date.parse(effectiveAt) - 60_000).toISOString(),
    });
    expect(earlier.body).toMatchObject({ code: 'policy_effective_before_latest' });
  });
});

describe('automatic approval (a version that approves clean requests by itself)', () => {
  it('approves a clean request on arrival, by the system, and leaves one outside the window to a reviewer', async () => {
    const versions = (await api.call('GET', '/api/policies', { token: token.admin })).body as {
      effectiveAt: string;
    }[];
    const effectiveAt = new Date(
      Math.max(await apiNow(), Date.parse(versions[0].effectiveAt)) + 3_600_000,
    ).toISOString();
    const automatic = { ...FIRST_POLICY_PARAMETERS, automaticApprovalMaxFen: 20_000 };
    const over = await publish('admin', {
      parameters: { ...automatic, automaticApprovalMaxFen: 60_000 },
      note: 'Too far.',
      effectiveAt,
    });
    expect(over.status).toBe(422);
    expect(JSON.stringify(over.body)).toContain('policy_automatic_over_threshold');
    const made = await publish('admin', {
      parameters: automatic,
      note: 'Small clean requests decide themselves.',
      effectiveAt,
    });
    expect(made.status, made.text).toBe(201);
    const clean = await orderBoughtDaysAgo(2, '3', 9_800);
    const late = await orderBoughtDaysAgo(20, '4', 9_800);
    const moved = await api.call('POST', '/api/test/advance-clock', {
      token: token.supervisor,
      body: { ms: Date.parse(effectiveAt) - (await apiNow()) + 60_000 },
    });
    expect(moved.status, moved.text).toBe(200);

    const approved = await submit(clean);
    expect(approved.request).toMatchObject({
      status: 'approved',
      approvedFen: 9_800,
      assigneeId: null,
      decision: { action: 'approve', by: 'system', amountFen: 9_800 },
    });
    expect(approved.request.decision?.customerMessage).toMatch(/¥98\.00/);
    const history = await api.call(
      'GET',
      `/api/events?filter=${encodeURIComponent(JSON.stringify({ refundId: approved.request.id }))}`,
      { token: token.supervisor },
    );
    expect((history.body as { action: string; actorId: string | null }[]).map((e) => e.action)).toContain(
      'auto_approve',
    );

    // the order's coins are revoked with the approval, in its transaction
    const coins = await api.call(
      'GET',
      `/api/coin-movements?filter=${encodeURIComponent(JSON.stringify({ refundId: approved.request.id }))}`,
      { token: token.supervisor },
    );
    expect(coins.status, coins.text).toBe(200);
    expect((coins.body as { kind: string }[]).map((m) => m.kind)).toContain('revoked');

    const waiting = await submit(late);
    expect(waiting.request).toMatchObject({ status: 'pending', outsideWindow: true, decision: null });
  });
});

describe('POST /api/policies/simulate', () => {
  const period = async () => {
    const now = await apiNow();
    return { from: new Date(now - 60 * DAY).toISOString(), to: new Date(now + DAY).toISOString() };
  };

  it('is for managers and admins, over a period of at most a year', async () => {
    const res = await simulate('reviewer', { parameters: FIRST_POLICY_PARAMETERS, ...(await period()) });
    expect(res.status).toBe(403);
    const backwards = await simulate(
      'manager',
      { parameters: FIRST_POLICY_PARAMETERS, from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
      'zh-CN',
    );
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatchObject({ code: 'policy_simulation_period' });
    expect((backwards.body as { message: string }).message).toMatch(/模拟期间/);
    const noParameters = await simulate('manager', { ...(await period()) });
    expect(noParameters.status).toBe(422);
  });

  it('changes nothing under the version in force now', async () => {
    const versions = (await api.call('GET', '/api/policies', { token: token.manager })).body as {
      version: number;
      effectiveAt: string;
      parameters: PolicyParameters;
    }[];
    const now = new Date(await apiNow()).toISOString();
    const current = versions.find((v) => v.effectiveAt <= now)!;
    const res = await simulate('manager', { parameters: current.parameters, ...(await period()) });
    expect(res.status, res.text).toBe(200);
    const sim = res.body as PolicySimulation;
    expect(sim.baselineVersion).toBe(current.version);
    expect(sim.requests).toBeGreaterThan(250);
    expect(sim.flipped).toEqual({ total: 0, byReason: {}, byChannel: {}, byChange: [], ids: [] });
    expect(sim.secondApprovals.before).toBe(sim.secondApprovals.after);
    expect(sim.refundedFenDelta).toBe(0);
  });

  it('flips exactly the approvals a 1-day window puts outside, against a plain reading of the rule', async () => {
    const { from, to } = await period();
    const now = new Date(await apiNow()).toISOString();
    const versions = (await api.call('GET', '/api/policies', { token: token.admin })).body as {
      effectiveAt: string;
      parameters: PolicyParameters;
    }[];
    const current = versions.find((v) => v.effectiveAt <= now)!.parameters;
    const res = await simulate('admin', { parameters: { ...current, refundWindowDays: 1 }, from, to });
    expect(res.status, res.text).toBe(200);
    const sim = res.body as PolicySimulation;
    // the plain reading: nothing to ask for, no duplicate, account in good standing, something
    // refundable, bought within the current window but more than a day before the request
    const rows = await api.server.ctx.database.db
      .selectFrom('refunds')
      .select([
        'id',
        'purchasedAt',
        'submittedAt',
        'infoIncomplete',
        'purchaseAfterSubmission',
        'duplicate',
        'accountRestricted',
        'refundableFen',
        'reasonCategory',
        'refundableFen',
      ])
      .where('submittedAt', '>=', from)
      .where('submittedAt', '<', to)
      .execute();
    const yes = (v: unknown) => v === true || v === 1;
    const expected = rows
      .filter((r) => {
        const age = Date.parse(r.submittedAt) - Date.parse(r.purchasedAt);
        return (
          !yes(r.infoIncomplete) &&
          !yes(r.purchaseAfterSubmission) &&
          !yes(r.duplicate) &&
          !yes(r.accountRestricted) &&
          Number(r.refundableFen) > 0 &&
          age <= current.refundWindowDays * DAY &&
          age > DAY
        );
      })
      .map((r) => r.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect([...sim.flipped.ids].sort()).toEqual(expected);
    expect(sim.flipped.total).toBe(expected.length);
    expect(sim.flipped.byChange).toEqual([{ from: 'approve', to: 'reject', n: expected.length }]);
    const byReason = Object.values(sim.flipped.byReason).reduce((a, b) => a + (b ?? 0), 0);
    expect(byReason).toBe(expected.length);
    const refundable = rows
      .filter((r) => expected.includes(r.id))
      .reduce((a, r) => a + Number(r.refundableFen), 0);
    expect(sim.refundedFenDelta).toBe(-refundable);
  });
});
