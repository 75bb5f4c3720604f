// Refusals in the reader's language, through the real API (issue 15, item 4): for every code of
// the catalogue the API can send, a request that provokes it (refusalScenarios*.ts) is sent with
// Accept-Language en and zh-CN; both answers carry the scenario's status, the code and the same
// params, and each message (and field error) is the catalogue's text for that code in that
// language, with Content-Language saying which. The codes no request can provoke are listed below
// with the reason, and a guard fails when a catalogue code is in neither place.
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
import { api, pending, send, startScenarioApi, type Scenarios, type Send } from './refusalScenarioKit';
import { API_SCENARIOS } from './refusalScenariosApi';
import { WORKFLOW_SCENARIOS } from './refusalScenariosWorkflow';
import { STAFF_SCENARIOS } from './refusalScenariosStaff';
import { PLATFORM_SCENARIOS } from './refusalScenariosPlatform';
import { CONNECTION_SCENARIOS } from './refusalScenariosConnections';

const SCENARIOS: Scenarios = {
  ...API_SCENARIOS,
  ...WORKFLOW_SCENARIOS,
  ...STAFF_SCENARIOS,
  ...PLATFORM_SCENARIOS,
  ...CONNECTION_SCENARIOS,
};

/**
 * Codes no HTTP request provokes, and why. Their words are still checked in both languages by
 * test/domain/refusalCatalogue.test.ts (every code rendered from sample params).
 */
const NOT_SENT_OVER_HTTP: Partial<Record<RefusalCode, string>> = {
  // the timers' and the customer's actions: no route lets staff send them
  release_inactive_unclaimed: 'a deactivation releases only the requests its account holds',
  release_inactive_not_held: 'a deactivation releases only pending and in-review requests',
  release_away_unclaimed: 'going away releases only the requests its account holds',
  release_away_not_held: 'going away releases only pending and in-review requests',
  release_idle_unclaimed: 'the idle release runs on the timer only',
  auto_assign_not_pending: 'automatic assignment runs inside the intake, on the request it just wrote',
  auto_approve_not_allowed:
    'automatic approval runs inside the intake, only on what the policy approves by itself',
  release_idle_not_held: 'the idle release runs on the timer only',
  release_idle_not_due: 'the idle release runs on the timer only',
  user_last_admin: 'the last active admin is the one asking: user_deactivate_self / user_own_role first',
  system_only: 'a staff actor sending a system action (payout, info timeout): no route names one',
  system_cannot_reply: 'the system replying as the customer: only the timers act as the system',
  staff_only: 'a customer or the system sending a staff action: every action route acts as staff',
  unknown_action: 'each route names its own action; the body cannot choose another',
  info_timeout_no_start: 'the info timeout runs on the timer only',
  info_timeout_not_due: 'the info timeout runs on the timer only',
  payout_no_decision_time: 'the payout runs on the timer only',
  payout_not_due: 'the payout runs on the timer only',
  complaint_system_only: 'auto-escalation and the overdue flag run on the timer only',
  complaint_clock_paused:
    'auto-escalation and the overdue flag run on the timer only, which skips a waiting complaint',
  complaint_staff_only: 'every complaint route acts as staff',
  complaint_not_due_escalation: 'auto-escalation runs on the timer only',
  complaint_flag_level_one: 'the overdue flag runs on the timer only',
  complaint_already_flagged: 'the overdue flag runs on the timer only',
  complaint_not_overdue: 'the overdue flag runs on the timer only',
  complaint_system_cannot_open: 'the system opens no complaints; every route acts as staff',
  // the route's permission check (role_may_not) answers first, from the same permission table
  role_cannot_simulate_reply: 'requirePermission(refunds, customer_reply) refuses the role first',
  role_forbidden: 'requirePermission(refunds, action) refuses the role first',
  role_cannot_overturn: 'an overturn comes from resolving a complaint; requirePermission refuses first',
  complaint_role_forbidden: 'requirePermission(complaints, action) refuses the role first',
  complaint_role_cannot_log: 'requirePermission(complaints, create) refuses the role first',
  // states the workflow never leaves a record in
  claim_first_not_assigned: 'an in-review request always has an assignee (else assigned_to_other first)',
  complaint_no_resolution_time: 'a resolved or closed complaint always has its resolution time',
  second_approval_no_amount: 'a request awaiting a second approval always has its approved amount',
  // a refusal another one quotes as its cause, never answered on its own
  overturn_refunded_in_full:
    'quoted as the cause of complaint_overturn_blocked (the resolution checks it first)',
  overturn_approved_in_full:
    'quoted as the cause of complaint_overturn_blocked (the resolution checks it first)',
  overturn_review_unfinished: 'the cause complaint_overturn_blocked quotes (sent there)',
  second_approval_required:
    'a resolution that needs a second approval is held as pending before the refund workflow sees it',
  complaint_refund_missing: 'a refund request is never deleted',
  decided_unavailable: 'every list route gives the filter the decisions it reads',
  // a bug, never an answer to a request
  internal_error: 'only an unexpected exception answers 500',
};

/**
 * Codes a request can provoke, but only by several requests in flight at once: the suites named
 * provoke them; their words are checked by refusalCatalogue.test.ts.
 */
const ONLY_UNDER_LOAD: Partial<Record<RefusalCode, string>> = {
  sign_in_too_many_at_once: 'more than 4 sign-ins in flight from one address (signInUnderLoad.test.ts)',
  sign_in_busy: 'every password check slot taken (signInUnderLoad.test.ts)',
  user_create_busy: 'every password check slot taken, as sign_in_busy (passwordChecks.ts)',
  metrics_busy: 'more than 2 metrics questions in flight for one user (metricsBounds.test.ts)',
  policy_version_published_meanwhile:
    'two admins publishing at once: one of them reads the latest version before the other stores its own (policyVersions.test.ts)',
};

/** Answered before the request's headers are read: the code is there, the message English. */
const ENGLISH_ONLY = new Set<string>(['headers_too_large', 'request_unparseable']);

/** Params that move between the two sends (a lock's seconds left). */
const VARYING: Partial<Record<RefusalCode, string[]>> = {
  sign_in_locked: ['seconds'],
  sign_in_address_locked: ['seconds'],
};

/** Latin the Chinese messages may quote: the dialect's parameter names and values, the seed's names */
const QUOTED = new Set(['colour', 'red', 'nonsense', 'paid', 'month', 'mars', 'olympus', 'cash']);

const en = catalogueTranslate(refusals.en);
const zh = catalogueTranslate(refusals.zh);

interface RefusalBody {
  message: string;
  code: string;
  params?: RefusalParams;
  errors?: Record<string, string>;
  fieldErrors?: FieldRefusals;
}

const without = (params: RefusalParams | undefined, keys: string[] = []) =>
  Object.fromEntries(Object.entries(params ?? {}).filter(([k]) => !keys.includes(k)));

beforeAll(startScenarioApi, 180_000);
afterAll(() => api?.close());

describe('refusals in the language of Accept-Language', () => {
  it('sends every code of the catalogue, or says why no request can', () => {
    const codes = Object.keys(refusals.en.refusals.codes);
    const listed = { ...NOT_SENT_OVER_HTTP, ...ONLY_UNDER_LOAD };
    const unaccounted = codes.filter((code) => !(code in SCENARIOS) && !(code in listed));
    expect(unaccounted, 'a new code needs a scenario (or a reason in NOT_SENT_OVER_HTTP)').toEqual([]);
    const sentAndListed = Object.keys(SCENARIOS).filter((code) => code in listed);
    expect(sentAndListed, 'a code with a scenario is not also "not sent"').toEqual([]);
    for (const code of [...Object.keys(SCENARIOS), ...Object.keys(listed)])
      expect(codes, code).toContain(code);
  });

  for (const [code, [status, setup]] of Object.entries(SCENARIOS)) {
    it(`${code}: ${status} in English and in Chinese`, async () => {
      const send: Send = await setup();
      const english = await send({ 'accept-language': 'en-GB,en;q=0.9' });
      const chinese = await send({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
      for (const res of [english, chinese]) {
        expect(res.status, res.text).toBe(status);
        expect((res.body as RefusalBody).code, res.text).toBe(code);
      }
      const e = english.body as RefusalBody;
      const c = chinese.body as RefusalBody;
      const varying = VARYING[code as RefusalCode];
      expect(without(c.params, varying)).toEqual(without(e.params, varying));
      expect(c.fieldErrors).toEqual(e.fieldErrors);
      expect(e.message).toBe(translateRefusal(en, e));
      if (ENGLISH_ONLY.has(code)) {
        expect(c.message).toBe(e.message);
        return;
      }
      expect(english.headers.get('content-language')).toBe('en');
      expect(chinese.headers.get('content-language')).toBe('zh-CN');
      expect(c.message).toBe(translateRefusal(zh, c));
      expect(c.message).not.toBe(e.message);
      expect(c.message).toMatch(/[\u4e00-\u9fff]/);
      expect(c.message).not.toMatch(/%\{|refusals\./);
      // the values it quotes (ids, names, the codes a field accepts) are the only Latin text allowed
      const quoted: RefusalParams = Object.assign(
        {},
        c.params,
        ...Object.values(c.fieldErrors ?? {}).map((f) => f.params),
      );
      // a list param's values (the choices a parameter takes) are quoted as they are sent
      const choices = Object.values(quoted).flatMap((v) => (Array.isArray(v) ? (v as string[]) : []));
      const left = englishLeftIn(c.message, quoted).filter(
        (w) => !QUOTED.has(w.toLowerCase()) && !choices.some((choice) => choice.includes(w)),
      );
      expect(left, c.message).toEqual([]);
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
      expect(res.headers.get('content-language')).toBe('en');
      expect(res.body).toEqual({
        message: 'Sign in first: this route needs an "Authorization: Bearer" token.',
        code: 'sign_in_required',
      });
    }
  });

  it('says each refused item of a bulk action in the language asked for', async () => {
    const r = await pending();
    const body = {
      items: [{ id: r.id, version: r.version }],
      reasonCode: 'other',
      customerMessage: 'No.',
      note: 'Bulk.',
    };
    for (const [language, t] of [
      ['en', en],
      ['zh-CN', zh],
    ] as const) {
      const res = await send(
        'POST',
        '/api/refunds/bulk-reject',
        'reviewer',
        body,
      )({ 'accept-language': language });
      expect(res.status, res.text).toBe(200);
      const [item] = (res.body as { results: (RefusalBody & { ok: boolean; status: number })[] }).results;
      expect(item).toMatchObject({ ok: false, status: 409, code: 'claim_first_pending' });
      expect(item.message).toBe(translateRefusal(t, item));
    }
  });

  it('names the field errors of a 422 in Chinese, each with its code', async () => {
    const send = await SCENARIOS.invalid_body![1]();
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
