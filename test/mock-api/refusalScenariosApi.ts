// The API's own refusals, each with a request that provokes it (refusalLanguage.test.ts sends each
// in English and in Chinese): sign-in and tokens, bodies, routes, the list dialect and the metrics.
import {
  api,
  listFiltered,
  listWith,
  pending,
  send,
  token,
  type Scenarios,
  type Send,
} from './refusalScenarioKit';

const json = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const FROM = '2026-11-01T00:00:00Z';
const TO = '2026-12-01T00:00:00Z';
const metrics = (query: string): Send => send('GET', `/api/metrics?${query}`, 'supervisor');
const period = `from=${FROM}&to=${TO}`;

/** each sign-in scenario from its own address, so its failures count against nobody else */
let address = 0;
const signIn = (body: unknown, from = `198.51.100.${++address}`): Send =>
  send('POST', '/api/auth/login', null, body, { 'x-forwarded-for': from });

/** a token the server signed itself (its own signer) */
const signed = (id: string, nowMs: number, ttlMs?: number) =>
  api.server.ctx.signer.sign({ id, role: 'reviewer' }, nowMs, ttlMs);
const withToken = (t: string): Send =>
  send('GET', '/api/refunds', null, undefined, { authorization: `Bearer ${t}` });

/** a raw request over a socket, for what Node answers before Express reads the headers */
async function raw(request: string): Promise<Send> {
  const { Socket } = await import('node:net');
  return () =>
    new Promise((resolve, reject) => {
      const socket = new Socket();
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head, text = ''] = data.split('\r\n\r\n');
        const status = Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]);
        const headers = new Headers();
        for (const line of head.split('\r\n').slice(1)) {
          const colon = line.indexOf(':');
          headers.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
        }
        resolve({ status, headers, body: JSON.parse(text) as unknown, text });
      });
      socket.connect(Number(new URL(api.url).port), '127.0.0.1', () => socket.write(request));
    });
}

export const API_SCENARIOS: Scenarios = {
  // signing in and tokens
  sign_in_required: [401, async () => send('GET', '/api/refunds', null)],
  token_malformed: [401, async () => withToken('nonsense')],
  token_signature: [
    401,
    async () => {
      const [payload, mac] = signed('u1', Date.now()).split('.');
      return withToken(`${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`);
    },
  ],
  session_expired: [401, async () => withToken(signed('u1', Date.now() - 60_000, 1_000))],
  account_gone: [401, async () => withToken(signed('u999', Date.now()))],
  wrong_credentials: [401, async () => signIn({ username: 'supervisor', password: 'nope' })],
  sign_in_fields_required: [422, async () => signIn({ username: 'x' })],
  sign_in_unknown_field: [422, async () => signIn({ username: 'x', password: 'y', role: 'manager' })],
  sign_in_body: [400, async () => signIn([1])],
  sign_in_locked: [
    429,
    async () => {
      const from = `198.51.100.${++address}`;
      const wrong = { username: 'reviewer4', password: 'wrong' };
      for (let i = 0; i < 5; i++) await signIn(wrong, from)({});
      return signIn(wrong, from);
    },
  ],
  sign_in_address_locked: [
    429,
    async () => {
      const from = `198.51.100.${++address}`;
      for (let i = 0; i < 20; i++) await signIn({ username: `nobody${i}`, password: 'wrong' }, from)({});
      return signIn({ username: 'nobody-else', password: 'wrong' }, from);
    },
  ],
  // routes and records
  no_such_route: [404, async () => send('GET', '/api/no-such-thing', 'reviewer')],
  record_not_found: [404, async () => send('GET', '/api/customers/no-such-customer', 'reviewer')],
  malformed_id: [400, async () => send('GET', `/api/customers/${'x'.repeat(65)}`, 'reviewer')],
  method_not_allowed: [405, async () => send('DELETE', '/api/customers/c1', 'manager')],
  refunds_not_created: [405, async () => send('POST', '/api/refunds', 'reviewer', {})],
  refund_read_only: [405, async () => send('DELETE', `/api/refunds/${(await pending()).id}`, 'supervisor')],
  refund_not_found: [
    404,
    async () => send('POST', '/api/refunds/no-such-request/claim', 'reviewer', { version: 0 }),
  ],
  complaint_not_found: [
    404,
    async () =>
      send('POST', '/api/complaints/no-such-complaint/escalate', 'supervisor', {
        version: 0,
        reason: 'Urgent.',
      }),
  ],
  role_may_not: [
    403,
    async () => send('POST', `/api/refunds/${(await pending()).id}/claim`, 'manager', { version: 0 }),
  ],
  origin_not_allowed: [
    403,
    async () => send('GET', '/api/refunds', 'reviewer', undefined, { origin: 'https://elsewhere.example' }),
  ],
  test_clock_ms: [422, async () => send('POST', '/api/test/advance-clock', 'supervisor', { ms: -1 })],
  // bodies
  body_not_json: [
    400,
    async () => {
      const r = await pending();
      return (h) =>
        api.call('POST', `/api/refunds/${r.id}/claim`, {
          headers: h,
          token: token.reviewer,
          rawBody: '{"version":',
        });
    },
  ],
  body_too_large: [
    413,
    async () => {
      const r = await pending();
      const rawBody = JSON.stringify({ version: 0, note: 'x'.repeat(101 * 1024) });
      return (h) =>
        api.call('POST', `/api/refunds/${r.id}/claim`, { headers: h, token: token.reviewer, rawBody });
    },
  ],
  body_not_utf8: [
    415,
    async () => {
      const r = await pending();
      return (h) =>
        api.call('POST', `/api/refunds/${r.id}/claim`, {
          headers: { ...h, 'content-encoding': 'compress' },
          token: token.reviewer,
          rawBody: '{"version":0}',
        });
    },
  ],
  request_unreadable: [
    400,
    async () => {
      const r = await pending();
      return (h) =>
        api.call('POST', `/api/refunds/${r.id}/claim`, {
          headers: { ...h, 'content-encoding': 'gzip' },
          token: token.reviewer,
          rawBody: 'this is not gzip',
        });
    },
  ],
  unsupported_media_type: [
    415,
    async () => {
      const r = await pending();
      return (h) =>
        api.call('POST', `/api/refunds/${r.id}/claim`, {
          headers: { ...h, 'content-type': 'text/plain' },
          token: token.reviewer,
          rawBody: 'version=0',
        });
    },
  ],
  action_not_object: [
    422,
    async () => send('POST', `/api/refunds/${(await pending()).id}/claim`, 'reviewer', [0]),
  ],
  claim_next_no_body: [
    422,
    async () => send('POST', '/api/refunds/claim-next', 'reviewer', { urgent: true }),
  ],
  body_not_object: [422, async () => send('POST', '/api/complaints', 'supervisor', [1])],
  complaint_refund_unknown: [
    422,
    async () =>
      send('POST', '/api/complaints', 'supervisor', {
        refundId: 'no-such-request',
        channel: 'phone',
        category: 'other',
        description: 'The customer called about it.',
      }),
  ],
  // Node's own answers: no headers were read, so these two stay English (see ENGLISH_ONLY)
  headers_too_large: [
    431,
    async () => raw(`GET /api/refunds HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`),
  ],
  request_unparseable: [400, async () => raw('NOT HTTP AT ALL\r\n\r\n')],
  // the list dialect
  list_param_repeated: [400, async () => listWith('refunds', 'sort=1&sort=2')],
  list_param_not_json: [400, async () => listWith('refunds', 'range=[0,')],
  list_sort_malformed: [400, async () => listWith('refunds', `sort=${json(['id'])}`)],
  list_sort_unknown: [400, async () => listWith('orders', `sort=${json(['colour', 'ASC'])}`)],
  list_range_malformed: [400, async () => listWith('refunds', `range=${json([5, 1])}`)],
  list_page_too_large: [400, async () => listWith('refunds', `range=${json([0, 5000])}`)],
  list_filter_not_object: [400, async () => listWith('refunds', `filter=${json([1])}`)],
  list_param_unknown: [400, async () => listWith('refunds', 'page=2')],
  filter_q_not_text: [400, async () => listFiltered('refunds', { q: 1 })],
  filter_not_bound: [400, async () => listFiltered('refunds', { status_gte: 'a' })],
  filter_unknown: [400, async () => listFiltered('customers', { colour: 'red' })],
  filter_too_many_values: [
    400,
    async () =>
      listWith('refunds', `filter=${json({ status: Array.from({ length: 1001 }, () => 'pending') })}`),
  ],
  number_not_integer: [400, async () => listFiltered('refunds', { paidFen_gte: 1.5 })],
  filter_not_boolean: [400, async () => listFiltered('users', { active: 'yes' })],
  filter_not_text_or_null: [400, async () => listFiltered('refunds', { resubmissionOf: 5 })],
  filter_not_text: [400, async () => listFiltered('events', { action: true })],
  time_not_canonical_utc: [400, async () => listFiltered('complaints', { openedAt_lt: 'yesterday' })],
  filter_sla_state: [400, async () => listFiltered('refunds', { slaState: 'late' })],
  filter_true_or_false: [400, async () => listFiltered('complaints', { overdue: 1 })],
  filter_outcome_text: [400, async () => listFiltered('complaints', { outcome: 1 })],
  decided_not_object: [400, async () => listFiltered('refunds', { decided: 1 })],
  decided_unknown_key: [400, async () => listFiltered('refunds', { decided: { from: FROM, colour: 1 } })],
  decided_from_after_to: [400, async () => listFiltered('refunds', { decided: { from: TO, to: FROM } })],
  decided_unknown_outcome: [
    400,
    async () => listFiltered('refunds', { decided: { from: FROM, to: TO, outcome: 'paid' } }),
  ],
  decided_reviewer_id: [
    400,
    async () => listFiltered('refunds', { decided: { from: FROM, to: TO, reviewerId: '' } }),
  ],
  other_staff_figures: [403, async () => listFiltered('refunds', { assigneeId: 'u2' }, 'reviewer')],
  // the metrics
  metrics_param_unknown: [400, async () => metrics(`${period}&colour=red`)],
  unknown_time_zone: [400, async () => metrics(`${period}&tz=Mars/Olympus`)],
  metrics_granularity: [400, async () => metrics(`${period}&granularity=month`)],
  missing_period: [400, async () => metrics(`to=${TO}`)],
  metrics_period_order: [400, async () => metrics(`from=${TO}&to=${FROM}`)],
  metrics_period_too_long: [400, async () => metrics('from=2020-01-01&to=2026-01-01')],
  metrics_param_once: [400, async () => metrics(`${period}&tz=UTC&tz=UTC`)],
  metrics_param_values_text: [400, async () => metrics(`${period}&reasonCategory[a]=b`)],
  metrics_unknown_value: [400, async () => metrics(`${period}&paymentChannel=cash`)],
  metrics_reviewer_id: [400, async () => metrics(`${period}&reviewerId=`)],
  // the queue's expected decision times
  expected_decision_ids: [400, async () => send('GET', '/api/refunds/expected-decisions?id=', 'reviewer')],
};
