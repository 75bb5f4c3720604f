// The staff accounts' refusals (mock-api/routes/users.ts), each with a request that provokes it
// (refusalLanguage.test.ts sends each in English and in Chinese).
import { api, pending, send, token, userId, type Scenarios, type Send } from './refusalScenarioKit';

let made = 0;
/** a fresh account (deactivated when asked), made by the admin */
async function account(active = true): Promise<{ id: string; version: number }> {
  made += 1;
  const res = await api.call('POST', '/api/users', {
    token: token.admin,
    body: {
      username: `lang${made}`,
      fullName: `Lang ${made}`,
      role: 'reviewer',
      password: 'long enough pass',
    },
  });
  const user = res.body as { id: string; version: number };
  if (active) return user;
  await api.call('POST', `/api/users/${user.id}/deactivate`, { token: token.admin, body: { version: 1 } });
  return { id: user.id, version: 2 };
}

const asAdmin = (route: string, body: unknown): Send => send('POST', route, 'admin', body);

/** A fresh reviewer who reads Chinese only and may hold `claimCap`, and their token. */
async function chineseReader(claimCap: number): Promise<{ id: string; token: string }> {
  const user = await account();
  await api.call('POST', `/api/users/${user.id}/routing`, {
    token: token.admin,
    body: { version: user.version, languages: ['zh-CN'], skills: [], claimCap },
  });
  return { id: user.id, token: await api.login(`lang${made}`, 'long enough pass') };
}

export const STAFF_SCENARIOS: Scenarios = {
  user_own_role: [
    403,
    async () => asAdmin(`/api/users/${userId.admin}/role`, { version: 1, role: 'manager' }),
  ],
  user_deactivate_self: [403, async () => asAdmin(`/api/users/${userId.admin}/deactivate`, { version: 1 })],
  user_version_conflict: [
    409,
    async () => {
      const user = await account();
      return asAdmin(`/api/users/${user.id}/deactivate`, { version: 7 });
    },
  ],
  user_already_inactive: [
    409,
    async () => {
      const user = await account(false);
      return asAdmin(`/api/users/${user.id}/deactivate`, { version: user.version });
    },
  ],
  claim_cap_reached: [
    409,
    async () => {
      // a fresh reviewer whose cap is 0: their first claim-next is over it
      const user = await account();
      await api.call('POST', `/api/users/${user.id}/routing`, {
        token: token.admin,
        body: { version: user.version, languages: ['zh-CN'], skills: [], claimCap: 0 },
      });
      const reviewerToken = await api.login(`lang${made}`, 'long enough pass');
      return (headers) => api.call('POST', '/api/refunds/claim-next', { headers, token: reviewerToken });
    },
  ],
  // a direct claim of a request in a language the reviewer does not read
  claim_not_eligible: [
    409,
    async () => {
      const reader = await chineseReader(5);
      const r = await pending({ customerLocale: 'en' });
      return (headers) =>
        api.call('POST', `/api/refunds/${r.id}/claim`, {
          headers,
          token: reader.token,
          body: { version: r.version },
        });
    },
  ],
  assignee_not_eligible: [
    409,
    async () => {
      const reader = await chineseReader(5);
      const r = await pending({ customerLocale: 'en' });
      return send('POST', `/api/refunds/${r.id}/reassign`, 'supervisor', {
        version: r.version,
        assigneeId: reader.id,
      });
    },
  ],
  assignee_cap_reached: [
    409,
    async () => {
      const reader = await chineseReader(0);
      const r = await pending({ customerLocale: 'zh-CN', tipping: false });
      return send('POST', `/api/refunds/${r.id}/reassign`, 'supervisor', {
        version: r.version,
        assigneeId: reader.id,
      });
    },
  ],
  reviewer_away: [
    409,
    async () => {
      // a fresh reviewer marks themself away: claim-next hands them nothing
      const user = await account();
      const reviewerToken = await api.login(`lang${made}`, 'long enough pass');
      await api.call('POST', `/api/users/${user.id}/away`, {
        token: reviewerToken,
        body: { version: user.version, away: true },
      });
      return (headers) => api.call('POST', '/api/refunds/claim-next', { headers, token: reviewerToken });
    },
  ],
  user_away_not_allowed: [
    403,
    async () => {
      // another reviewer's account: only its owner or a supervisor marks it away
      const user = await account();
      return send('POST', `/api/users/${user.id}/away`, 'reviewer2', { version: user.version, away: true });
    },
  ],
  user_away_inactive: [
    409,
    async () => {
      const user = await account(false);
      return send('POST', `/api/users/${user.id}/away`, 'supervisor', { version: user.version, away: true });
    },
  ],
  user_already_active: [
    409,
    async () => {
      const user = await account();
      return asAdmin(`/api/users/${user.id}/reactivate`, { version: user.version });
    },
  ],
};
