// Automatic assignment (issue 17 item 5) over real HTTP, on SQLite and (vitest.postgres.config.ts)
// PostgreSQL: a supervisor switches it on (versioned, audited, refused to reviewers, validated in
// the caller's language); then each request the platform sends is claimed, in its intake's commit,
// for the least-loaded eligible reviewer on shift, with a system audit event. A storm of parallel
// intakes never hands a request to an ineligible or away reviewer, never passes a cap, and leaves
// a request in the queue only when nobody could take it. Off, or off shift, requests wait as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest, StaffUser } from '../../src/domain/model';
import { claimCapOf, isEligible, reviewerProfileOf } from '../../src/domain/reviewerRouting';
import { listQuery, routedReviewer, startTestApi, type TestApi } from './harness';
import { freshKey, intakeFor, platformCall, platformKey, requestsIn } from './platformKit';
import { auditTrail, storedRefund } from './storedState';

let api: TestApi;
let supervisor: string;
let post: ReturnType<typeof platformCall>;
let freeOrders: RefundRequest[];
/** the reviewers made here, the only ones not away */
const desk: StaffUser[] = [];

type StoredAssignment = { automatic: boolean; version: number; updatedBy: string | null };

beforeAll(async () => {
  api = await startTestApi({ count: 900, seed: 17 });
  supervisor = await api.login('supervisor');
  post = platformCall(api, (await platformKey(api)).key);
  const open = new Set(
    [...(await requestsIn(api, 'pending')), ...(await requestsIn(api, 'in_review'))].map((r) => r.orderId),
  );
  freeOrders = (await requestsIn(api, 'rejected')).filter((r) => !open.has(r.orderId) && r.refundableFen > 0);
  expect(freeOrders.length).toBeGreaterThan(20);

  // the seeded reviewers step away, so the desk is the three made here
  const users = await api.call(
    'GET',
    `/api/users${listQuery({ range: [0, 99], filter: { role: 'reviewer' } })}`,
    {
      token: supervisor,
    },
  );
  for (const user of users.body as StaffUser[]) {
    if (!user.active) continue;
    const away = await api.call('POST', `/api/users/${user.id}/away`, {
      token: supervisor,
      body: { version: user.version, away: true },
    });
    expect(away.status, away.text).toBe(200);
  }
  const made = [
    { username: 'auto_senior', languages: ['zh-CN', 'en'], skills: ['senior'], claimCap: 3 },
    { username: 'auto_zh', languages: ['zh-CN'], skills: [], claimCap: 2 },
    { username: 'auto_en', languages: ['en'], skills: [], claimCap: 2 },
  ] as const;
  for (const { username, ...routing } of made) {
    const { user } = await routedReviewer(
      api,
      { username, fullName: username },
      { languages: [...routing.languages], skills: [...routing.skills], claimCap: routing.claimCap },
    );
    desk.push(user);
  }
});
afterAll(() => api.close());

const settings = async (): Promise<StoredAssignment> =>
  (await api.call('GET', '/api/settings/assignment', { token: supervisor })).body as StoredAssignment;

async function switchAutomatic(automatic: boolean): Promise<void> {
  const res = await api.call('PUT', '/api/settings/assignment', {
    token: supervisor,
    body: { version: (await settings()).version, automatic },
  });
  expect(res.status, res.text).toBe(200);
}

let used = 0;
async function intake(): Promise<RefundRequest> {
  const res = await post('POST', '/refund-requests', intakeFor(freeOrders[used++]), {
    'idempotency-key': freshKey('auto'),
  });
  expect(res.status, res.text).toBe(201);
  return storedRefund(api, supervisor, (res.body as { id: string }).id);
}

async function heldBy(id: string): Promise<RefundRequest[]> {
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ range: [0, 999], filter: { assigneeId: id, status: ['pending', 'in_review'] } })}`,
    { token: supervisor },
  );
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest[];
}

describe('the switch', () => {
  it('is off until a supervisor switches it, versioned and audited; reviewers may read it, not change it', async () => {
    const reviewer = await api.login('reviewer');
    const read = await api.call('GET', '/api/settings/assignment', { token: reviewer });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ automatic: false, version: 0, updatedBy: null });
    const refused = await api.call('PUT', '/api/settings/assignment', {
      token: reviewer,
      body: { version: 0, automatic: true },
    });
    expect(refused.status).toBe(403);
    expect((await api.call('GET', '/api/settings/assignment/changes', { token: reviewer })).status).toBe(403);

    const bad = await api.call('PUT', '/api/settings/assignment', {
      token: supervisor,
      headers: { 'accept-language': 'zh-CN' },
      body: { version: 0, automatic: 'yes' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ fieldErrors: { automatic: { code: 'assignment_automatic_invalid' } } });
    expect((bad.body as { message: string }).message).toContain('自动分配');

    await switchAutomatic(true);
    const stale = await api.call('PUT', '/api/settings/assignment', {
      token: supervisor,
      body: { version: 0, automatic: false },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'assignment_settings_changed',
      current: { automatic: true, version: 1 },
    });
    await switchAutomatic(false);
    const changes = await api.call('GET', '/api/settings/assignment/changes', { token: supervisor });
    expect(changes.status).toBe(200);
    const supervisorId = await api.userId('supervisor');
    expect(changes.body).toMatchObject([
      { version: 2, settings: { automatic: false }, changedBy: supervisorId },
      { version: 1, settings: { automatic: true }, changedBy: supervisorId },
    ]);
  });
});

describe('a new request, with the switch', () => {
  it('off: waits in the queue, unassigned, as always', async () => {
    expect((await settings()).automatic).toBe(false);
    const request = await intake();
    expect(request).toMatchObject({ status: 'pending', assigneeId: null });
  });

  it('on: a storm of parallel intakes goes to eligible reviewers under their caps, filling them up to their caps', async () => {
    await switchAutomatic(true);
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        post('POST', '/refund-requests', intakeFor(freeOrders[used++]), {
          'idempotency-key': freshKey('storm'),
        }),
      ),
    );
    for (const reply of replies) expect(reply.status, reply.text).toBe(201);
    const arrived = await Promise.all(
      replies.map((reply) => storedRefund(api, supervisor, (reply.body as { id: string }).id)),
    );
    const byId = new Map(desk.map((user) => [user.id, user]));
    const assigned = arrived.filter((r) => r.assigneeId !== null);
    expect(assigned.length).toBeGreaterThan(0);
    for (const request of assigned) {
      const reviewer = byId.get(request.assigneeId!);
      expect(reviewer, `${request.id} went to ${request.assigneeId}, who is away`).toBeDefined();
      expect(request.status).toBe('in_review');
      expect(isEligible(reviewerProfileOf(reviewer!), request), request.id).toBe(true);
      const trail = await auditTrail(api, supervisor, request.id);
      expect(trail.at(-1)).toMatchObject({ action: 'auto_assign', actorKind: 'system' });
      expect(trail.at(-1)?.details).toMatchObject({ assigneeId: reviewer!.id });
    }
    const loads = new Map<string, number>();
    for (const reviewer of desk) {
      const held = (await heldBy(reviewer.id)).length;
      expect(held, reviewer.username).toBeLessThanOrEqual(claimCapOf(reviewer));
      loads.set(reviewer.id, held);
    }
    // a request still in the queue had nobody left to take it: everyone eligible is at their cap
    for (const request of arrived.filter((r) => r.assigneeId === null)) {
      expect(request.status).toBe('pending');
      for (const reviewer of desk.filter((r) => isEligible(reviewerProfileOf(r), request)))
        expect(loads.get(reviewer.id), `${request.id} left while ${reviewer.username} had room`).toBe(
          claimCapOf(reviewer),
        );
    }
  });

  it('on, but off shift (a holiday in the calendar): waits in the queue', async () => {
    const admin = await api.login('admin');
    for (const reviewer of desk)
      for (const r of await heldBy(reviewer.id)) {
        const released = await api.call('POST', `/api/refunds/${r.id}/release`, {
          token: supervisor,
          body: { version: r.version },
        });
        expect(released.status, released.text).toBe(200);
      }
    const current = (await api.call('GET', '/api/settings/sla', { token: admin })).body as Record<
      string,
      unknown
    >;
    const { version, updatedAt: _at, updatedBy: _by, ...sla } = current;
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: String(sla.timeZone) });
    const saved = await api.call('PUT', '/api/settings/sla', {
      token: admin,
      body: { ...sla, version, holidays: [today] },
    });
    expect(saved.status, saved.text).toBe(200);
    const request = await intake();
    expect(request).toMatchObject({ status: 'pending', assigneeId: null });
  });
});
