// Issue 16 item 1 over real HTTP, on SQLite and (vitest.postgres.config.ts) PostgreSQL: an
// administrator creates staff accounts, changes a role and deactivates or reactivates an account.
// A deactivation hands the account's claimed requests back to the queue in its transaction, each
// with an audit event; the account then cannot sign in and its existing token stops working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest, StaffUser } from '../../src/domain/model';
import type { StaffAccountChange } from '../../src/domain/staffAccountChanges';
import { approvableFilter, listQuery, startTestApi, type TestApi } from './harness';
import { auditTrail, storedRefund } from './storedState';

type Who = 'admin' | 'reviewer' | 'reviewer2' | 'supervisor' | 'manager';
type UserReply = StaffUser & { version: number; releasedRefundIds?: string[] };
let api: TestApi;
const token = {} as Record<Who, string>;
const userId = {} as Record<Who, string>;

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 13 });
  await api.signInStaff(['admin', 'reviewer', 'reviewer2', 'supervisor', 'manager'] as const, {
    token,
    userId,
  });
});
afterAll(() => api.close());

const PASSWORD = 'a long enough secret';
let made = 0;

async function createUser(role: StaffUser['role'] = 'reviewer'): Promise<UserReply> {
  made += 1;
  const res = await api.call('POST', '/api/users', {
    token: token.admin,
    body: { username: `staff${made}`, fullName: `Staff ${made}`, role, password: PASSWORD },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as UserReply;
}

const signIn = (username: string, password = PASSWORD) =>
  api.call('POST', '/api/auth/login', { body: { username, password } });

async function signedIn(username: string): Promise<string> {
  const res = await signIn(username);
  expect(res.status, res.text).toBe(200);
  return (res.body as { token: string }).token;
}

const post = (route: string, body: unknown, who: Who = 'admin') =>
  api.call('POST', route, { token: token[who], body });

async function claimOne(tokenOf: string): Promise<RefundRequest> {
  const filter = approvableFilter({ gte: 2, lte: 100_000 });
  const list = await api.call('GET', `/api/refunds${listQuery({ range: [0, 0], filter })}`, {
    token: token.manager,
  });
  const [request] = list.body as RefundRequest[];
  const res = await api.call('POST', `/api/refunds/${request!.id}/claim`, {
    token: tokenOf,
    body: { version: request!.version },
  });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest;
}

describe('creating an account', () => {
  it('gives the admin a new account that signs in with its initial password, without its hash', async () => {
    const user = await createUser();
    expect(user).toMatchObject({ role: 'reviewer', active: true, version: 1 });
    expect(user).not.toHaveProperty('passwordHash');
    const me = await api.call('GET', '/api/auth/me', { token: await signedIn(user.username) });
    expect(me.body).toMatchObject({ id: user.id, username: user.username });
  });

  it('refuses a taken username with a field error on the username', async () => {
    const res = await post('/api/users', {
      username: 'reviewer',
      fullName: 'Another',
      role: 'reviewer',
      password: PASSWORD,
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'invalid_fields',
      fieldErrors: { username: { code: 'username_taken' } },
    });
  });

  it('refuses a weak initial password, in the reader’s language', async () => {
    const res = await api.call('POST', '/api/users', {
      token: token.admin,
      headers: { 'accept-language': 'zh-CN' },
      body: { username: 'newbie', fullName: 'New', role: 'reviewer', password: 'short' },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ fieldErrors: { password: { code: 'password_too_short' } } });
    expect((res.body as { message: string }).message).toContain('密码');
  });

  it('is for the admin only', async () => {
    for (const who of ['reviewer', 'supervisor', 'manager'] as const) {
      const res = await post(
        '/api/users',
        { username: 'sneaky', fullName: 'S', role: 'admin', password: PASSWORD },
        who,
      );
      expect(res.status, who).toBe(403);
    }
  });
});

describe('changing a role', () => {
  it('writes over the version the admin saw, and refuses a stale one with the current account', async () => {
    const user = await createUser();
    const changed = await post(`/api/users/${user.id}/role`, { version: 1, role: 'supervisor' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ role: 'supervisor', version: 2 });
    const stale = await post(`/api/users/${user.id}/role`, { version: 1, role: 'manager' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'user_version_conflict', current: { version: 2 } });
  });

  it('is never the admin’s own', async () => {
    const res = await post(`/api/users/${userId.admin}/role`, { version: 1, role: 'reviewer' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'user_own_role' });
  });
});

describe('deactivating an account', () => {
  it('hands its claims back to the queue with an audit event, and its token and password stop working', async () => {
    const user = await createUser();
    const theirToken = await signedIn(user.username);
    const claimed = await claimOne(theirToken);
    expect(claimed.assigneeId).toBe(user.id);

    const res = await post(`/api/users/${user.id}/deactivate`, { version: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ active: false, version: 2, releasedRefundIds: [claimed.id] });

    const back = await storedRefund(api, token.manager, claimed.id);
    expect(back).toMatchObject({ status: 'pending', assigneeId: null, version: claimed.version + 1 });
    const last = (await auditTrail(api, token.manager, claimed.id)).at(-1)!;
    expect(last).toMatchObject({
      action: 'release_inactive',
      actorKind: 'system',
      statusBefore: 'in_review',
      statusAfter: 'pending',
      details: { previousAssigneeId: user.id },
    });

    const gone = await api.call('GET', '/api/auth/me', { token: theirToken });
    expect(gone.status).toBe(401);
    expect(gone.body).toMatchObject({ code: 'account_gone' });
    expect((await signIn(user.username)).status).toBe(401);
  });

  it('is undone by a reactivation: the account signs in again, its old claims stay in the queue', async () => {
    const user = await createUser();
    await post(`/api/users/${user.id}/deactivate`, { version: 1 });
    const again = await post(`/api/users/${user.id}/deactivate`, { version: 2 });
    expect(again.body).toMatchObject({ code: 'user_already_inactive' });
    const res = await post(`/api/users/${user.id}/reactivate`, { version: 2 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ active: true, version: 3 });
    await signedIn(user.username);
  });

  it('is never the admin’s own account, and refuses a missing version or account', async () => {
    const self = await post(`/api/users/${userId.admin}/deactivate`, { version: 1 });
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ code: 'user_deactivate_self' });
    const bare = await post(`/api/users/${userId.reviewer2}/deactivate`, {});
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ fieldErrors: { version: { code: 'version_required' } } });
    expect((await post('/api/users/u999/deactivate', { version: 1 })).status).toBe(404);
  });

  it('is for the admin only', async () => {
    const res = await post(`/api/users/${userId.reviewer2}/deactivate`, { version: 1 }, 'supervisor');
    expect(res.status).toBe(403);
  });

  it('shows in the list: the admin filters by active', async () => {
    const list = await api.call(
      'GET',
      `/api/users${listQuery({ range: [0, 99], filter: { active: false } })}`,
      {
        token: token.admin,
      },
    );
    expect(list.status).toBe(200);
    expect((list.body as StaffUser[]).every((u) => !u.active)).toBe(true);
    expect((list.body as StaffUser[]).length).toBeGreaterThan(0);
  });
});

describe("an account's audit", () => {
  it('records every change with who made it, what it changed and what it handed back, newest first', async () => {
    const created = await createUser();
    const role = await post(`/api/users/${created.id}/role`, {
      version: created.version,
      role: 'supervisor',
    });
    expect(role.status, role.text).toBe(200);
    const back = await post(`/api/users/${created.id}/role`, { version: 2, role: 'reviewer' });
    expect(back.status, back.text).toBe(200);
    const reviewerToken = await signedIn(created.username);
    const claimed = await claimOne(reviewerToken);
    const routing = await post(`/api/users/${created.id}/routing`, {
      version: 3,
      languages: ['zh-CN'],
      skills: ['senior'],
      claimCap: 5,
    });
    expect(routing.status, routing.text).toBe(200);
    const off = await post(`/api/users/${created.id}/deactivate`, { version: 4 });
    expect(off.status, off.text).toBe(200);
    // a refused change records nothing
    expect((await post(`/api/users/${created.id}/reactivate`, { version: 4 })).status).toBe(409);

    const res = await api.call('GET', `/api/users/${created.id}/changes`, { token: token.admin });
    expect(res.status, res.text).toBe(200);
    const changes = res.body as StaffAccountChange[];
    expect(changes.map((c) => c.version)).toEqual([5, 4, 3, 2, 1]);
    expect(new Set(changes.map((c) => c.changedBy))).toEqual(new Set([userId.admin]));
    expect(changes[0]).toMatchObject({
      fields: [{ field: 'active', from: true, to: false }],
      releasedRefundIds: [claimed.id],
    });
    expect(changes[1].fields).toEqual([
      { field: 'languages', from: null, to: ['zh-CN'] },
      { field: 'skills', from: null, to: ['senior'] },
      { field: 'claimCap', from: null, to: 5 },
    ]);
    expect(changes[2].fields).toEqual([{ field: 'role', from: 'supervisor', to: 'reviewer' }]);
    expect(changes[3].fields).toEqual([{ field: 'role', from: 'reviewer', to: 'supervisor' }]);
    expect(changes[4].fields.map((f) => f.field)).toEqual(['username', 'fullName', 'role', 'active']);
    expect(JSON.stringify(changes)).not.toContain('scrypt');
    for (const c of changes) expect(c.changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
  });

  it('is for the admin only, and a 404 for an unknown account', async () => {
    const created = await createUser();
    for (const who of ['reviewer', 'supervisor', 'manager'] as const) {
      const res = await api.call('GET', `/api/users/${created.id}/changes`, { token: token[who] });
      expect(res.status, who).toBe(403);
    }
    const missing = await api.call('GET', '/api/users/u999999/changes', { token: token.admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'record_not_found' });
  });
});
