// What the refusal scenarios share (refusalLanguage.test.ts): one API with its own SQLite file (or
// PostgreSQL database), every role signed in, and helpers that find or drive a record into the
// state a refusal needs. A scenario sets its records up once and returns the request that is then
// sent in each language: a refusal changes nothing, so both languages meet the same record.
import { expect } from 'vitest';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import type { RefusalCode } from '../../src/domain/refusal';
import { sql } from 'kysely';
import { fromRow, type ResourceRecords } from '../../mock-api/db/codecs';
import { storeRecords } from '../support/records';
import { listQuery, openRouting, startTestApi, type TestApi } from './harness';

export const USERS = [
  'reviewer',
  'reviewer2',
  'reviewer3',
  'supervisor',
  'supervisor2',
  'manager',
  'admin',
] as const;
export type UserName = (typeof USERS)[number];
export type Headers = Record<string, string>;
export type Answer = Awaited<ReturnType<TestApi['call']>>;
export type Body = Record<string, unknown>;
/** the request a scenario sends, with the language headers of one run */
export type Send = (headers: Headers) => Promise<Answer>;
/** the status the refusal answers, and the setup that returns its request */
export type Scenario = readonly [status: number, setup: () => Promise<Send>];
export type Scenarios = Partial<Record<RefusalCode, Scenario>>;

export let api: TestApi;
export const token = {} as Record<UserName, string>;
export const userId = {} as Record<UserName, string>;

/** A fresh API: the seed is large enough for a fresh record per scenario. */
export async function startScenarioApi(): Promise<TestApi> {
  // trustProxy: the sign-in scenarios each come from their own X-Forwarded-For address, so the
  // per-address limits they provoke never reach the other scenarios
  api = await startTestApi({ count: 3000, seed: 11, trustProxy: true });
  for (const user of USERS) {
    token[user] = await api.login(user);
    const me = await api.call('GET', '/api/auth/me', { token: token[user] });
    userId[user] = (me.body as { id: string }).id;
  }
  // the scenarios claim many requests as the demo reviewers: their refusals, not routing's caps
  // (the routing refusals have their own fresh reviewers)
  await openRouting(api, ['reviewer', 'reviewer2', 'reviewer3']);
  return api;
}

/** A request sent as `who` (or nobody) with the run's language headers. */
export const send =
  (method: string, route: string, who: UserName | null, body?: unknown, extra: Headers = {}): Send =>
  (headers) =>
    api.call(method, route, {
      headers: { ...headers, ...extra },
      token: who ? token[who] : undefined,
      body,
    });

/** A list request with raw query parameters (as a client may garble them). */
export const listWith = (resource: string, query: string, who: UserName = 'supervisor'): Send =>
  send('GET', `/api/${resource}?${query}`, who);

/** A list request whose filter is `filter` (ra-data-simple-rest's dialect). */
export const listFiltered = (resource: string, filter: object, who: UserName = 'supervisor'): Send =>
  send('GET', `/api/${resource}${listQuery({ range: [0, 0], filter })}`, who);

export async function ok<T>(answer: Promise<Answer> | Answer, status = 200): Promise<T> {
  const res = await answer;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res.body as T;
}

export const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

const used = new Set<string>();

/** A refund request no other scenario has touched, matching the list filter. */
export async function freshRefund(
  filter: Body,
  pred: (r: RefundRequest) => boolean = () => true,
): Promise<RefundRequest> {
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ sort: ['id', 'ASC'], range: [0, 199], filter })}`,
    { token: token.supervisor },
  );
  expect(res.status, res.text).toBe(200);
  const found = (res.body as RefundRequest[]).find((r) => !used.has(r.id) && pred(r));
  if (!found) throw new Error(`no fresh refund request for ${JSON.stringify(filter)}`);
  used.add(found.id);
  return found;
}

const CLEAN = { outsideWindow: false, accountRestricted: false, infoIncomplete: false, duplicate: false };
/** approvable without a block or a second approval in the way (amounts permitting) */
export const CLEAR = { ...CLEAN, tipping: false, refundableFen_gte: 2 };
/** every approval needs a supervisor's second approval */
export const TIPPING = { ...CLEAN, tipping: true, refundableFen_gte: 2 };
/** outside the refund window: approval blocked until a supervisor overrides the policy */
export const WINDOW = { ...CLEAN, outsideWindow: true, refundableFen_gte: 2 };

/** any request: the scarce kinds (tipping, outside the window) are kept for the scenarios that need them */
const ANY = { tipping: false, outsideWindow: false };

/** a fresh pending, unassigned request (of that kind, if one is named) */
export const pending = (kind: Body = ANY) =>
  freshRefund({ status: 'pending', assigneeId: 'unassigned', ...kind });

export const refundAct = (who: UserName, r: RefundRequest, segment: string, body: Body = {}) =>
  ok<RefundRequest>(post(who, `/api/refunds/${r.id}/${segment}`, { version: r.version, ...body }));

export const APPROVE = { customerMessage: 'Your refund is approved.' };

/** A fresh request of that kind, claimed by `who` (in review). */
export async function claimed(who: UserName = 'reviewer', kind: Body = ANY): Promise<RefundRequest> {
  return refundAct(who, await pending(kind), 'claim');
}

/** A fresh request rejected by `who` (a reviewer), something refundable left. */
export async function rejected(who: UserName = 'reviewer', kind: Body = ANY): Promise<RefundRequest> {
  return refundAct(who, await claimed(who, kind), 'reject', {
    reasonCode: 'suspected_fraud',
    customerMessage: 'Your request was rejected.',
    note: 'Same card as earlier chargebacks.',
    againstSuggestionReason: 'Fraud signals outweigh the policy suggestion.',
  });
}

export const complaintAct = (who: UserName, c: Complaint, segment: string, body: Body = {}) =>
  ok<Complaint>(post(who, `/api/complaints/${c.id}/${segment}`, { version: c.version, ...body }));

/** A complaint about a freshly rejected request, logged by `logger`, held by `holder` (if any). */
export async function complaint(
  logger: UserName = 'reviewer',
  holder: UserName | null = 'supervisor',
  refund?: RefundRequest,
): Promise<Complaint> {
  const about = refund ?? (await rejected());
  const c = await ok<Complaint>(
    post(logger, '/api/complaints', {
      refundId: about.id,
      channel: 'phone',
      category: about.status === 'rejected' ? 'disputes_rejection' : 'other',
      description: 'The customer disputes the rejection.',
    }),
    201,
  );
  return holder ? complaintAct(holder, c, 'assign', { assigneeId: userId[holder] }) : c;
}

/** A complaint resolved as upheld by the supervisor who holds it. */
export async function resolvedComplaint(): Promise<Complaint> {
  return complaintAct('supervisor', await complaint(), 'resolve', {
    outcome: 'upheld',
    customerMessage: 'We reviewed the decision and it stands.',
  });
}

export const MESSAGE = 'We reviewed your request again.';

/**
 * Changes a stored record as the customer's side would between two steps (coins spent, a
 * complaint resolved long ago): written straight into the API's database.
 */
export async function changeStored<K extends 'refunds' | 'complaints'>(
  table: K,
  id: string,
  change: (record: ResourceRecords[K]) => ResourceRecords[K],
): Promise<void> {
  const db = api.server.ctx.database.db;
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table)} where "id" = ${id}`.execute(db);
  if (rows.length !== 1) throw new Error(`no stored ${table} ${id}`);
  await storeRecords(db, table, [change(fromRow(table, rows[0]))]);
}
