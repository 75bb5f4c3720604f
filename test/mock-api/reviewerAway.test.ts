// Away mode (issue 17 item 5) over real HTTP, on SQLite and (vitest.postgres.config.ts) PostgreSQL:
// a reviewer (or their supervisor) marks them away, which hands back every request they hold in
// the same transaction, each with its audit event; while away claim-next answers 409
// reviewer_away in the caller's language; back again, the queue hands them work. A storm of
// claim-next calls racing the change never leaves an away reviewer holding a request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, RefundRequest, StaffUser } from '../../src/domain/model';
import { catalogueTranslate, translateRefusal } from '../../src/domain/refusal';
import refusals from '../../src/i18n/messages/refusals';
import { listQuery, openRouting, startTestApi, type TestApi } from './harness';
import { auditTrail, storedRefund } from './storedState';

const NAMES = ['admin', 'supervisor', 'manager', 'reviewer', 'reviewer2'] as const;
type Name = (typeof NAMES)[number];
let api: TestApi;
const token = {} as Record<Name, string>;
const userId = {} as Record<Name, string>;

beforeAll(async () => {
  api = await startTestApi({ count: 2000, seed: 43 });
  await api.signInStaff(NAMES, { token, userId });
  await openRouting(api, ['reviewer', 'reviewer2']);
});
afterAll(() => api.close());

type UserChange = StaffUser & { releasedRefundIds: string[] };

async function account(name: Name): Promise<StaffUser> {
  const res = await api.call('GET', `/api/users/${userId[name]}`, { token: token.supervisor });
  expect(res.status, res.text).toBe(200);
  return res.body as StaffUser;
}

const markAway = async (who: Name, whom: Name, away: boolean, lang = 'en') =>
  api.call('POST', `/api/users/${userId[whom]}/away`, {
    token: token[who],
    body: { version: (await account(whom)).version, away },
    headers: { 'accept-language': lang },
  });

const claimNext = (who: Name, lang = 'en') =>
  api.call('POST', '/api/refunds/claim-next', { token: token[who], headers: { 'accept-language': lang } });

async function held(name: Name): Promise<RefundRequest[]> {
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ range: [0, 999], filter: { assigneeId: userId[name], status: ['pending', 'in_review'] } })}`,
    { token: token.supervisor },
  );
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest[];
}

async function releaseAll(name: Name): Promise<void> {
  for (const r of await held(name)) {
    const res = await api.call('POST', `/api/refunds/${r.id}/release`, {
      token: token.supervisor,
      body: { version: r.version },
    });
    expect(res.status, res.text).toBe(200);
  }
}

describe('away mode', () => {
  it('going away hands back every claim, each with its audit event; claim-next then refuses in both languages', async () => {
    await releaseAll('reviewer');
    const first = await claimNext('reviewer');
    const second = await claimNext('reviewer');
    expect([first.status, second.status]).toEqual([200, 200]);
    const claimed = [first.body, second.body] as RefundRequest[];
    const before = new Map<string, AuditEvent[]>();
    for (const r of claimed) before.set(r.id, await auditTrail(api, token.supervisor, r.id));

    const res = await markAway('reviewer', 'reviewer', true);
    expect(res.status, res.text).toBe(200);
    const changed = res.body as UserChange;
    expect(changed).toMatchObject({ id: userId.reviewer, away: true });
    expect(typeof changed.awaySince).toBe('string');
    expect([...changed.releasedRefundIds].sort()).toEqual(claimed.map((r) => r.id).sort());
    expect(await held('reviewer')).toEqual([]);
    for (const r of claimed) {
      expect(await storedRefund(api, token.supervisor, r.id)).toMatchObject({
        status: 'pending',
        assigneeId: null,
      });
      const added = (await auditTrail(api, token.supervisor, r.id)).slice(before.get(r.id)!.length);
      expect(added).toMatchObject([
        {
          action: 'release_away',
          actorKind: 'system',
          statusBefore: 'in_review',
          statusAfter: 'pending',
          details: { previousAssigneeId: userId.reviewer },
        },
      ]);
    }

    for (const [lang, catalogue] of [
      ['en', refusals.en],
      ['zh-CN', refusals.zh],
    ] as const) {
      const refused = await claimNext('reviewer', lang);
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'reviewer_away',
        message: translateRefusal(catalogueTranslate(catalogue), { code: 'reviewer_away', params: {} }),
      });
    }
    expect(await held('reviewer')).toEqual([]);
  });

  it('back again: not away, and the queue hands them work', async () => {
    const res = await markAway('reviewer', 'reviewer', false);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ away: false, awaySince: null, releasedRefundIds: [] });
    const claimed = await claimNext('reviewer');
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body).toMatchObject({ assigneeId: userId.reviewer, status: 'in_review' });
  });

  it('a supervisor marks a reviewer away; nobody else may, and a stale or wrong body changes nothing', async () => {
    const holding = await held('reviewer');
    expect(holding.length).toBeGreaterThan(0);
    const other = await markAway('reviewer2', 'reviewer', true);
    expect(other.status, other.text).toBe(403);
    expect(other.body).toMatchObject({ code: 'user_away_not_allowed' });
    const manager = await markAway('manager', 'reviewer', true);
    expect(manager.status, manager.text).toBe(403);
    expect(manager.body).toMatchObject({ code: 'role_may_not' });
    const version = (await account('reviewer')).version!;
    const stale = await api.call('POST', `/api/users/${userId.reviewer}/away`, {
      token: token.supervisor,
      body: { version: version - 1, away: true },
    });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'user_version_conflict',
      current: { id: userId.reviewer, version },
    });
    const wrong = await api.call('POST', `/api/users/${userId.reviewer}/away`, {
      token: token.supervisor,
      body: { version, away: 'yes' },
    });
    expect(wrong.status, wrong.text).toBe(422);
    expect(JSON.stringify(wrong.body)).toContain('user_away_flag_invalid');
    expect(await held('reviewer')).toEqual(holding);
    expect((await account('reviewer')).version).toBe(version);

    const bySupervisor = await markAway('supervisor', 'reviewer', true);
    expect(bySupervisor.status, bySupervisor.text).toBe(200);
    expect((bySupervisor.body as UserChange).releasedRefundIds.sort()).toEqual(
      holding.map((r) => r.id).sort(),
    );
    expect(await held('reviewer')).toEqual([]);
    const back = await markAway('supervisor', 'reviewer', false);
    expect(back.status, back.text).toBe(200);
  });

  it('a storm of claim-next calls racing the change never leaves the away reviewer holding one', async () => {
    await releaseAll('reviewer2');
    const version = (await account('reviewer2')).version;
    const calls = [
      ...Array.from({ length: 8 }, () => claimNext('reviewer2')),
      api.call('POST', `/api/users/${userId.reviewer2}/away`, {
        token: token.reviewer2,
        body: { version, away: true },
      }),
      ...Array.from({ length: 8 }, () => claimNext('reviewer2')),
    ];
    const answers = await Promise.all(calls);
    const away = answers[8];
    expect(away.status, away.text).toBe(200);
    for (const [i, res] of answers.entries()) {
      if (i !== 8) expect([200, 409], res.text).toContain(res.status);
    }
    const claimedIds = answers
      .filter((res, i) => i !== 8 && res.status === 200)
      .map((res) => (res.body as RefundRequest).id);
    // every claim that landed before the change was handed back by it; none landed after
    expect([...(away.body as UserChange).releasedRefundIds].sort()).toEqual([...claimedIds].sort());
    expect(await held('reviewer2')).toEqual([]);
    const refusedAfter = answers.filter((res) => res.status === 409);
    for (const res of refusedAfter) expect(res.body).toMatchObject({ code: 'reviewer_away' });
  });
});
