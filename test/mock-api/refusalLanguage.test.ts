// Refusals in the reader's language, through the real API: each scenario is sent with
// Accept-Language en and zh-CN; both answers carry the same status, code and params, and each
// message (and field error) is the catalogue's text for that code in that language, with no
// English left in the Chinese. Every code of the catalogue is listed here: sent over HTTP, or
// (for refusals that need a long setup) rendered from sample params in refusalCatalogue.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import refusals from '../../src/i18n/messages/refusals';
import {
  catalogueTranslate,
  translateFieldRefusal,
  translateRefusal,
  type FieldRefusals,
  type RefusalCode,
  type RefusalParams,
} from '../../src/domain/refusal';
import { englishLeftIn } from '../support/refusalSamples';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
const token: Record<string, string> = {};
let pendingIds: string[] = [];

beforeAll(async () => {
  api = await startTestApi({ count: 1000, seed: 11 });
  for (const user of ['reviewer', 'reviewer2', 'supervisor', 'manager']) token[user] = await api.login(user);
  const filter = encodeURIComponent(JSON.stringify({ status: 'pending', assigneeId: 'unassigned' }));
  const list = await api.call('GET', `/api/refunds?filter=${filter}&range=[0,99]`, { token: token.reviewer });
  pendingIds = (list.body as { id: string }[]).map((r) => r.id);
});
afterAll(() => api?.close());

type Headers = Record<string, string>;
type Answer = Awaited<ReturnType<TestApi['call']>>;
let next = 0;
/** a pending request no other scenario has touched, at its current version */
async function freshPending() {
  const id = pendingIds[next++];
  if (id === undefined) throw new Error(`only ${pendingIds.length} pending requests in the seed`);
  const res = await api.call('GET', `/api/refunds/${id}`, { token: token.reviewer });
  return res.body as { id: string; version: number };
}
async function claimed(by = 'reviewer') {
  const r = await freshPending();
  const res = await api.call('POST', `/api/refunds/${r.id}/claim`, {
    token: token[by],
    body: { version: r.version },
  });
  if (res.status !== 200) throw new Error(`claim ${r.id}: ${res.status} ${res.text}`);
  return res.body as { id: string; version: number };
}
const validComplaint = (refundId: string) => ({
  refundId,
  channel: 'phone',
  category: 'other',
  description: 'The customer called about it.',
});

/** Each scenario sends one request with the given language headers (a fresh record each time). */
const SCENARIOS: Partial<Record<RefusalCode, (h: Headers) => Promise<Answer>>> = {
  sign_in_required: (h) => api.call('GET', '/api/refunds', { headers: h }),
  token_malformed: (h) =>
    api.call('GET', '/api/refunds', { headers: { ...h, authorization: 'Bearer nonsense' } }),
  wrong_credentials: (h) =>
    api.call('POST', '/api/auth/login', { headers: h, body: { username: 'supervisor', password: 'nope' } }),
  sign_in_fields_required: (h) =>
    api.call('POST', '/api/auth/login', { headers: h, body: { username: 'x' } }),
  sign_in_unknown_field: (h) =>
    api.call('POST', '/api/auth/login', {
      headers: h,
      body: { username: 'x', password: 'y', role: 'manager' },
    }),
  sign_in_body: (h) => api.call('POST', '/api/auth/login', { headers: h, body: [1] }),
  no_such_route: (h) => api.call('GET', '/api/no-such-thing', { headers: h, token: token.reviewer }),
  record_not_found: (h) =>
    api.call('GET', '/api/customers/no-such-customer', { headers: h, token: token.reviewer }),
  malformed_id: (h) =>
    api.call('GET', `/api/customers/${'x'.repeat(65)}`, { headers: h, token: token.reviewer }),
  method_not_allowed: (h) => api.call('DELETE', '/api/customers/c1', { headers: h, token: token.manager }),
  refunds_not_created: (h) =>
    api.call('POST', '/api/refunds', { headers: h, token: token.reviewer, body: {} }),
  refund_read_only: (h) =>
    api.call('DELETE', `/api/refunds/${pendingIds[0]}`, { headers: h, token: token.supervisor }),
  refund_not_found: (h) =>
    api.call('POST', '/api/refunds/no-such-request/claim', {
      headers: h,
      token: token.reviewer,
      body: { version: 0 },
    }),
  role_may_not: (h) =>
    api.call('POST', `/api/refunds/${pendingIds[0]}/claim`, {
      headers: h,
      token: token.manager,
      body: { version: 0 },
    }),
  body_not_json: (h) =>
    api.call('POST', `/api/refunds/${pendingIds[0]}/claim`, {
      headers: h,
      token: token.reviewer,
      rawBody: '{"version":',
    }),
  unsupported_media_type: (h) =>
    api.call('POST', `/api/refunds/${pendingIds[0]}/claim`, {
      headers: { ...h, 'content-type': 'text/plain' },
      token: token.reviewer,
      rawBody: 'version=0',
    }),
  action_not_object: (h) =>
    api.call('POST', `/api/refunds/${pendingIds[0]}/claim`, { headers: h, token: token.reviewer, body: [0] }),
  claim_next_no_body: (h) =>
    api.call('POST', '/api/refunds/claim-next', {
      headers: h,
      token: token.reviewer,
      body: { urgent: true },
    }),
  version_conflict: async (h) => {
    const r = await freshPending();
    return api.call('POST', `/api/refunds/${r.id}/claim`, {
      headers: h,
      token: token.reviewer,
      body: { version: r.version + 5 },
    });
  },
  claim_first_pending: async (h) => {
    const r = await freshPending();
    return api.call('POST', `/api/refunds/${r.id}/reject`, {
      headers: h,
      token: token.reviewer,
      body: { version: r.version, reasonCode: 'other', customerMessage: 'No.' },
    });
  },
  wrong_status: async (h) => {
    const r = await freshPending();
    return api.call('POST', `/api/refunds/${r.id}/release`, {
      headers: h,
      token: token.reviewer,
      body: { version: r.version },
    });
  },
  already_reviewing: async (h) => {
    const r = await claimed();
    return api.call('POST', `/api/refunds/${r.id}/claim`, {
      headers: h,
      token: token.reviewer,
      body: { version: r.version },
    });
  },
  assigned_to_other: async (h) => {
    const r = await claimed('reviewer');
    return api.call('POST', `/api/refunds/${r.id}/reject`, {
      headers: h,
      token: token.reviewer2,
      body: { version: r.version, reasonCode: 'other', customerMessage: 'No.', note: 'Why.' },
    });
  },
  invalid_body: async (h) => {
    const r = await claimed();
    return api.call('POST', `/api/refunds/${r.id}/reject`, {
      headers: h,
      token: token.reviewer,
      body: { version: r.version, reasonCode: 'bogus', customerMessage: '', colour: 'red' },
    });
  },
  body_not_object: (h) =>
    api.call('POST', '/api/complaints', { headers: h, token: token.supervisor, body: [1] }),
  complaint_refund_unknown: (h) =>
    api.call('POST', '/api/complaints', {
      headers: h,
      token: token.supervisor,
      body: validComplaint('no-such-request'),
    }),
  complaint_not_found: (h) =>
    api.call('POST', '/api/complaints/no-such-complaint/escalate', {
      headers: h,
      token: token.supervisor,
      body: { version: 0, reason: 'Urgent.' },
    }),
};

const en = catalogueTranslate(refusals.en);
const zh = catalogueTranslate(refusals.zh);

interface RefusalBody {
  message: string;
  code: string;
  params?: RefusalParams;
  errors?: Record<string, string>;
  fieldErrors?: FieldRefusals;
}

describe('refusals in the language of Accept-Language', () => {
  it('lists every code of the catalogue: sent over HTTP here, or rendered from samples', () => {
    const codes = Object.keys(refusals.en.refusals.codes);
    const sent = Object.keys(SCENARIOS);
    const renderedOnly = codes.filter((code) => !sent.includes(code));
    // a new code lands in renderedOnly until a scenario sends it; this list says which ones are not sent yet
    expect(renderedOnly.length + sent.length).toBe(codes.length);
    for (const code of sent) expect(codes, code).toContain(code);
  });

  for (const [code, send] of Object.entries(SCENARIOS)) {
    it(`${code}: the same refusal in English and in Chinese`, async () => {
      const english = await send({ 'accept-language': 'en-GB,en;q=0.9' });
      const chinese = await send({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
      for (const res of [english, chinese]) {
        expect(res.status, res.text).toBeGreaterThanOrEqual(400);
        expect((res.body as RefusalBody).code, res.text).toBe(code);
      }
      expect(chinese.status).toBe(english.status);
      const e = english.body as RefusalBody;
      const c = chinese.body as RefusalBody;
      expect(c.params).toEqual(e.params);
      expect(c.fieldErrors).toEqual(e.fieldErrors);
      expect(english.headers.get('content-language')).toBe('en');
      expect(chinese.headers.get('content-language')).toBe('zh-CN');
      expect(e.message).toBe(translateRefusal(en, e));
      expect(c.message).toBe(translateRefusal(zh, c));
      expect(c.message).not.toBe(e.message);
      expect(c.message).toMatch(/[\u4e00-\u9fff]/);
      expect(c.message).not.toMatch(/%\{|refusals\./);
      // the values it quotes (ids, the codes a field accepts) are the only Latin text allowed
      const quoted = Object.assign({}, c.params, ...Object.values(c.fieldErrors ?? {}).map((f) => f.params));
      expect(englishLeftIn(c.message, quoted), c.message).toEqual([]);
      if (c.fieldErrors) {
        for (const [field, f] of Object.entries(c.fieldErrors)) {
          expect(c.errors?.[field]).toBe(translateFieldRefusal(zh, f));
          expect(e.errors?.[field]).toBe(translateFieldRefusal(en, f));
        }
      }
    });
  }

  it('answers English without Accept-Language, and for a language it does not speak', async () => {
    for (const headers of [{}, { 'accept-language': 'fr-FR,de;q=0.8' }] as Record<string, string>[]) {
      const res = await api.call('GET', '/api/refunds', { headers });
      expect(res.body).toEqual({
        message: 'Sign in first: this route needs an "Authorization: Bearer" token.',
        code: 'sign_in_required',
      });
    }
  });

  it('names the field errors of a 422 in Chinese, each with its code', async () => {
    const send = SCENARIOS.invalid_body!;
    const res = await send({ 'accept-language': 'zh-Hans-CN' });
    const body = res.body as RefusalBody;
    expect(body.fieldErrors).toMatchObject({
      reasonCode: { code: 'rejection_reason_required' },
      customerMessage: { code: 'customer_message_required' },
      colour: { code: 'unknown_field', params: { field: 'colour' } },
    });
    expect(body.errors?.customerMessage).toBe('请填写发给客户的消息。');
    expect(body.message.startsWith('请求内容无效。')).toBe(true);
  });
});
