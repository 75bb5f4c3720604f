// The platform API's refusals (routes/platform.ts, routes/platformClients.ts), each provoked over
// HTTP for refusalLanguage.test.ts: platform keys and staff tokens kept apart, the Idempotency-Key,
// the platform clients, resubmissions and ratings, the SLA settings' versioned save, and the policy's
// versions.
import { FIRST_POLICY_PARAMETERS } from '../../src/domain/policyVersions';
import { DEFAULT_SLA_SETTINGS } from '../../src/domain/slaSettings';
import type { RefundRequest } from '../../src/domain/model';
import { listQuery } from './harness';
import { api, ok, pending, rejected, send, type Scenarios, type Send } from './refusalScenarioKit';

async function adminToken(): Promise<string> {
  return api.login('admin');
}

async function newClient(name = 'Scenario wallet'): Promise<{ id: string; key: string }> {
  const res = await api.call('POST', '/api/platform-clients', { token: await adminToken(), body: { name } });
  return ok<{ id: string; key: string }>(res, 201);
}

const asPlatform =
  (key: string, method: string, route: string, body?: unknown, extra: Record<string, string> = {}): Send =>
  (headers) =>
    api.call(method, `/api/platform${route}`, { headers: { ...headers, ...extra }, token: key, body });

const asAdmin =
  (token: string, method: string, route: string): Send =>
  (headers) =>
    api.call(method, route, { headers, token, body: method === 'POST' ? {} : undefined });

const policyBody = () => ({ parameters: FIRST_POLICY_PARAMETERS, note: 'Scenario.' });

/** A publish refused for its time alone: valid parameters and note. */
async function publishing(extra: { effectiveAt: string }): Promise<Send> {
  const token = await adminToken();
  const body = { ...policyBody(), ...extra };
  return (headers) => api.call('POST', '/api/policies', { headers, token, body });
}

let keys = 0;
const idem = () => ({ 'idempotency-key': `scenario-${process.pid}-${++keys}` });

const intakeOf = (r: RefundRequest, description = 'Scenario: the wrong pack.') => ({
  orderNumber: r.orderNumber,
  customerId: r.customerId,
  reasonCategory: 'mistaken_purchase',
  description,
});

export const PLATFORM_SCENARIOS: Scenarios = {
  platform_key_required: [401, async () => send('GET', '/api/platform/refund-requests/r1', 'supervisor')],
  platform_key_unknown: [401, async () => asPlatform(`rdk_${'x'.repeat(43)}`, 'GET', '/refund-requests/r1')],
  platform_key_not_staff: [
    401,
    async () => {
      const { key } = await newClient();
      return (headers) => api.call('GET', '/api/refunds', { headers, token: key });
    },
  ],
  idempotency_key_required: [
    400,
    async () => {
      const { key } = await newClient();
      return asPlatform(key, 'POST', '/refund-requests', intakeOf(await pending()));
    },
  ],
  idempotency_key_reused: [
    422,
    async () => {
      const { key } = await newClient();
      const r = await pending();
      const headers = idem();
      await ok(
        api.call('POST', '/api/platform/refund-requests', { token: key, body: intakeOf(r), headers }),
        201,
      );
      return asPlatform(key, 'POST', '/refund-requests', intakeOf(r, 'Another body.'), headers);
    },
  ],
  platform_client_not_found: [
    404,
    async () => asAdmin(await adminToken(), 'GET', '/api/platform-clients/pc-none'),
  ],
  platform_client_revoked: [
    409,
    async () => {
      const token = await adminToken();
      const { id } = await newClient('Revoked twice');
      await ok(api.call('POST', `/api/platform-clients/${id}/revoke`, { token }));
      return asAdmin(token, 'POST', `/api/platform-clients/${id}/revoke`);
    },
  ],
  // a save over a version nobody holds: the settings stay as they are
  sla_settings_changed: [
    409,
    async () => {
      const token = await adminToken();
      const body = { ...DEFAULT_SLA_SETTINGS, version: 999 };
      return (headers) => api.call('PUT', '/api/settings/sla', { headers, token, body });
    },
  ],
  // the policy's versions (routes/policies.ts): nothing is published by a refused call
  policy_version_not_found: [
    404,
    async () => {
      const token = await adminToken();
      return (headers) => api.call('GET', '/api/policies/999', { headers, token });
    },
  ],
  policy_effective_at: [422, async () => publishing({ effectiveAt: 'tomorrow' })],
  policy_effective_in_past: [422, async () => publishing({ effectiveAt: '2020-01-01T00:00:00.000Z' })],
  policy_effective_before_latest: [
    422,
    async () => {
      // a version far ahead (the same numbers: the desk's rules stay), then one before it
      const token = await adminToken();
      const ahead = { ...policyBody(), effectiveAt: '2090-01-01T00:00:00.000Z' };
      const published = await api.call('POST', '/api/policies', { token, body: ahead });
      if (published.status !== 201) throw new Error(`publishing failed: ${published.text}`);
      return publishing({ effectiveAt: '2080-01-01T00:00:00.000Z' });
    },
  ],
  policy_simulation_period: [
    422,
    async () => {
      const token = await adminToken();
      const body = {
        parameters: FIRST_POLICY_PARAMETERS,
        from: '2026-12-01T00:00:00Z',
        to: '2026-11-01T00:00:00Z',
      };
      return (headers) => api.call('POST', '/api/policies/simulate', { headers, token, body });
    },
  ],
  assignment_settings_changed: [
    409,
    async () => {
      const token = await adminToken();
      const body = { automatic: true, version: 999 };
      return (headers) => api.call('PUT', '/api/settings/assignment', { headers, token, body });
    },
  ],
  resubmission_not_rejected: [
    409,
    async () => {
      const { key } = await newClient();
      return asPlatform(key, 'POST', `/refund-requests/${(await pending()).id}/resubmissions`, {}, idem());
    },
  ],
  rating_not_decided: [
    409,
    async () => {
      const { key } = await newClient();
      return asPlatform(key, 'POST', `/refund-requests/${(await pending()).id}/rating`, { score: 4 });
    },
  ],
  rating_already_given: [
    409,
    async () => {
      const { key } = await newClient();
      const { id } = await rejected();
      await ok(
        api.call('POST', `/api/platform/refund-requests/${id}/rating`, { token: key, body: { score: 2 } }),
        201,
      );
      return asPlatform(key, 'POST', `/refund-requests/${id}/rating`, { score: 5 });
    },
  ],
  already_resubmitted: [
    409,
    async () => {
      const { key } = await newClient();
      const res = await api.call(
        'GET',
        `/api/refunds${listQuery({ range: [0, 999], filter: { status: 'pending' }, sort: ['id', 'DESC'] })}`,
        { token: await api.login('supervisor') },
      );
      const resubmission = (await ok<RefundRequest[]>(res)).find((r) => r.resubmissionOf !== null);
      if (!resubmission) throw new Error('The seed has no resubmission to resubmit again.');
      return asPlatform(
        key,
        'POST',
        `/refund-requests/${resubmission.resubmissionOf}/resubmissions`,
        {},
        idem(),
      );
    },
  ],
};
