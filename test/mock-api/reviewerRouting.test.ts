// Issue 17 item 5 over real HTTP, on SQLite and (vitest.postgres.config.ts) PostgreSQL: an admin
// routes reviewers (languages, skills, cap), and a storm of parallel claim-next calls from three
// of them never hands a request to a reviewer not eligible for it, never hands one out twice and
// never lets anyone hold more than their cap; the calls beyond it are refused 409
// claim_cap_reached in the caller's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale, RefundRequest, ReviewerSkill, StaffUser } from '../../src/domain/model';
import { catalogueTranslate, translateRefusal } from '../../src/domain/refusal';
import { DEFAULT_REVIEWER_CAP, isEligible, requiredSkills } from '../../src/domain/reviewerRouting';
import refusals from '../../src/i18n/messages/refusals';
import { listQuery, startTestApi, type TestApi } from './harness';

let api: TestApi;
let admin: string;
let supervisor: string;

beforeAll(async () => {
  api = await startTestApi({ count: 3500, seed: 31 });
  admin = await api.login('admin');
  supervisor = await api.login('supervisor');
});
afterAll(() => api.close());

const LANGUAGE_HEADERS: Record<Locale, string> = { en: 'en-GB,en;q=0.9', 'zh-CN': 'zh-CN,zh;q=0.9' };
const TRANSLATE = { en: catalogueTranslate(refusals.en), 'zh-CN': catalogueTranslate(refusals.zh) };

interface Routing {
  languages: Locale[];
  skills: ReviewerSkill[];
  claimCap: number | null;
}

let made = 0;
/** A new reviewer (holding nothing) routed as told, signed in. */
async function routedReviewer(routing: Routing): Promise<{ user: StaffUser; token: string }> {
  made += 1;
  const username = `routed${made}`;
  const created = await api.call('POST', '/api/users', {
    token: admin,
    body: { username, fullName: `Routed ${made}`, role: 'reviewer', password: 'long enough pass' },
  });
  expect(created.status, created.text).toBe(201);
  const { id, version } = created.body as StaffUser;
  const routed = await api.call('POST', `/api/users/${id}/routing`, {
    token: admin,
    body: { version, ...routing },
  });
  expect(routed.status, routed.text).toBe(200);
  return { user: routed.body as StaffUser, token: await api.login(username, 'long enough pass') };
}

async function list(filter: object): Promise<RefundRequest[]> {
  const res = await api.call('GET', `/api/refunds${listQuery({ range: [0, 999], filter })}`, {
    token: supervisor,
  });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest[];
}

describe('the routing an admin sets', () => {
  it('is stored on the account, served with it, versioned, and validated', async () => {
    const { user } = await routedReviewer({ languages: ['en'], skills: ['senior'], claimCap: 3 });
    expect(user).toMatchObject({ languages: ['en'], skills: ['senior'], claimCap: 3, version: 2 });
    const shown = await api.call('GET', `/api/users/${user.id}`, { token: admin });
    expect(shown.body).toMatchObject({ languages: ['en'], skills: ['senior'], claimCap: 3 });

    const stale = await api.call('POST', `/api/users/${user.id}/routing`, {
      token: admin,
      body: { version: 1, languages: ['zh-CN'], skills: [], claimCap: null },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'user_version_conflict' });

    const bad = await api.call('POST', `/api/users/${user.id}/routing`, {
      token: admin,
      headers: { 'accept-language': LANGUAGE_HEADERS['zh-CN'] },
      body: { version: 2, languages: ['fr'], skills: ['wizard'], claimCap: -1 },
    });
    expect(bad.status).toBe(422);
    const fieldErrors = (bad.body as { fieldErrors: Record<string, { code: string }> }).fieldErrors;
    expect(Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, v.code]))).toEqual({
      claimCap: 'claim_cap_invalid',
      'languages.0': 'reviewer_languages_invalid',
      'skills.0': 'reviewer_skills_invalid',
    });

    const byReviewer = await api.call('POST', `/api/users/${user.id}/routing`, {
      token: await api.login('reviewer'),
      body: { version: 2, languages: ['en'], skills: ['senior'], claimCap: 1000 },
    });
    expect(byReviewer.status).toBe(403);
    const after = await api.call('GET', `/api/users/${user.id}`, { token: admin });
    expect(after.body).toMatchObject({ version: 2, claimCap: 3 });
  });
});

describe('a parallel claim-next storm', () => {
  it('40 calls from 3 reviewers: nobody above their cap, nothing ineligible, nothing twice, the rest 409 in their language', async () => {
    const routings: Routing[] = [
      { languages: ['zh-CN', 'en'], skills: ['senior'], claimCap: null },
      { languages: ['zh-CN'], skills: [], claimCap: 4 },
      { languages: ['en'], skills: [], claimCap: 3 },
    ];
    const reviewers = await Promise.all(routings.map(routedReviewer));
    const caps = routings.map((r) => r.claimCap ?? DEFAULT_REVIEWER_CAP);

    // the queue offers each of them their cap even after the first (eligible for all) took theirs
    // from it, so each must stop at the cap exactly
    const queue = await list({ status: 'pending', assigneeId: 'unassigned' });
    for (const [i, { user }] of reviewers.entries()) {
      const profile = { languages: user.languages!, skills: user.skills! };
      const needed = i === 0 ? caps[0] : caps[i] + caps[0];
      expect(queue.filter((r) => isEligible(profile, r)).length).toBeGreaterThanOrEqual(needed);
    }

    const calls = Array.from({ length: 40 }, (_, n) => ({
      who: n % 3,
      language: (n % 2 === 0 ? 'en' : 'zh-CN') as Locale,
    }));
    const replies = await Promise.all(
      calls.map(({ who, language }) =>
        api.call('POST', '/api/refunds/claim-next', {
          token: reviewers[who].token,
          headers: { 'accept-language': LANGUAGE_HEADERS[language] },
        }),
      ),
    );

    const claimedIds = new Set<string>();
    const granted = [0, 0, 0];
    for (const [n, res] of replies.entries()) {
      const { who, language } = calls[n];
      const { user } = reviewers[who];
      if (res.status === 200) {
        const claimed = res.body as RefundRequest;
        expect(claimed).toMatchObject({ status: 'in_review', assigneeId: user.id });
        expect(isEligible({ languages: user.languages!, skills: user.skills! }, claimed)).toBe(true);
        expect(claimedIds.has(claimed.id), claimed.id).toBe(false);
        claimedIds.add(claimed.id);
        granted[who] += 1;
      } else {
        expect(res.status, res.text).toBe(409);
        const params = { held: caps[who], cap: caps[who] };
        expect(res.body).toEqual({
          code: 'claim_cap_reached',
          params,
          message: translateRefusal(TRANSLATE[language], { code: 'claim_cap_reached', params }),
        });
        expect(res.headers.get('content-language')).toBe(language);
      }
    }
    expect(granted).toEqual(caps);

    // as stored: each holds exactly their cap, every one of them eligible for them
    for (const [i, { user }] of reviewers.entries()) {
      const held = await list({ assigneeId: user.id });
      expect(held).toHaveLength(caps[i]);
      for (const r of held) {
        expect(r.status).toBe('in_review');
        expect(isEligible({ languages: user.languages!, skills: user.skills! }, r)).toBe(true);
      }
    }
  });
});

describe('direct claims and reassignments follow the same routing', () => {
  const pendingWhere = async (wanted: (r: RefundRequest) => boolean) => {
    const found = (await list({ status: 'pending', assigneeId: 'unassigned' })).find(wanted);
    expect(found, 'a pending request of that kind in the seed').toBeDefined();
    return found!;
  };
  const english = (r: RefundRequest) => r.customerLocale === 'en' && requiredSkills(r).length === 0;
  const chineseTipping = (r: RefundRequest) => r.customerLocale === 'zh-CN' && r.tipping;
  const claim = (token: string, r: RefundRequest, language: Locale = 'en') =>
    api.call('POST', `/api/refunds/${r.id}/claim`, {
      token,
      headers: { 'accept-language': LANGUAGE_HEADERS[language] },
      body: { version: r.version },
    });
  const reassign = (r: RefundRequest, assigneeId: string, language: Locale = 'en') =>
    api.call('POST', `/api/refunds/${r.id}/reassign`, {
      token: supervisor,
      headers: { 'accept-language': LANGUAGE_HEADERS[language] },
      body: { version: r.version, assigneeId },
    });

  it('a reviewer cannot claim a request routed elsewhere, nor past their cap, and is told why', async () => {
    const { token } = await routedReviewer({ languages: ['zh-CN'], skills: [], claimCap: 1 });
    const notMine = await pendingWhere(english);
    const refused = await claim(token, notMine, 'zh-CN');
    expect(refused.status, refused.text).toBe(409);
    const need = { code: 'words.routing_need.language', params: {} };
    expect(refused.body).toMatchObject({
      code: 'claim_not_eligible',
      params: { need },
      message: translateRefusal(TRANSLATE['zh-CN'], { code: 'claim_not_eligible', params: { need } }),
    });
    // nothing written: still pending and unassigned at the same version
    const after = (await api.call('GET', `/api/refunds/${notMine.id}`, { token: supervisor }))
      .body as RefundRequest;
    expect(after).toMatchObject({ status: 'pending', assigneeId: null, version: notMine.version });

    const chineseOnes = (await list({ status: 'pending', assigneeId: 'unassigned' })).filter(
      (r) => r.customerLocale === 'zh-CN' && requiredSkills(r).length === 0,
    );
    expect((await claim(token, chineseOnes[0])).status).toBe(200);
    const second = await claim(token, chineseOnes[1]);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'claim_cap_reached', params: { held: 1, cap: 1 } });
  });

  it('a supervisor cannot give a request to a reviewer who may not take it or is at their cap', async () => {
    const junior = await routedReviewer({ languages: ['zh-CN', 'en'], skills: [], claimCap: 1 });
    const tipping = await pendingWhere(chineseTipping);
    const refused = await reassign(tipping, junior.user.id, 'zh-CN');
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'assignee_not_eligible',
      params: { need: { code: 'words.routing_need.senior', params: {} } },
    });
    expect((refused.body as { message: string }).message).toContain('资深审核员');

    const first = await pendingWhere(english);
    expect((await reassign(first, junior.user.id)).status).toBe(200);
    const another = (await list({ status: 'pending', assigneeId: 'unassigned' })).find(
      (r) => english(r) && r.id !== first.id,
    )!;
    const full = await reassign(another, junior.user.id);
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: 'assignee_cap_reached', params: { held: 1, cap: 1 } });

    // a senior reviewer may take the tipping request; a supervisor is not routed
    const senior = await routedReviewer({ languages: ['zh-CN'], skills: ['senior'], claimCap: null });
    expect((await reassign(tipping, senior.user.id)).status).toBe(200);
    const moved = (await api.call('GET', `/api/refunds/${tipping.id}`, { token: supervisor }))
      .body as RefundRequest;
    const supervisorId = (await api.call('GET', '/api/auth/me', { token: supervisor })).body as {
      id: string;
    };
    expect((await reassign(moved, supervisorId.id)).status).toBe(200);
  });
});
