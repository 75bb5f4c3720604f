// What the complaint API suites share (complaints.test.ts, complaintOverturn.test.ts): one API per
// file with 1,500 seeded requests, every role signed in, fresh rejected requests to complain about,
// and the HTTP helpers for opening complaints and acting on them.
import { afterAll, beforeAll, expect } from 'vitest';
import { type AuditEvent, type Complaint, type RefundRequest } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { listQuery, startTestApi, type TestApi } from './harness';

export const USERS = ['reviewer', 'reviewer2', 'supervisor', 'supervisor2', 'manager'] as const;
export type UserName = (typeof USERS)[number];
export type Reply = Awaited<ReturnType<TestApi['call']>>;
export type Body = Record<string, unknown>;

export let api: TestApi;
export const token = {} as Record<UserName, string>;
export const userId = {} as Record<UserName, string>;

/** Registers the file's hooks: its own API and the accounts. */
export function withComplaintsApi(): void {
  beforeAll(async () => {
    api = await startTestApi({ count: 1500, seed: 23 });
    await api.signInStaff(USERS, { token, userId });
  });
  afterAll(() => api.close());
}

// ---------------------------------------------------------------------------------------------
// Helpers

export const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

export function expectError(res: Reply, status: number, message?: string | RegExp) {
  expect(res.status, res.text).toBe(status);
  const body = res.body as { message?: unknown };
  expect(typeof body?.message).toBe('string');
  if (message !== undefined) expect(body.message).toMatch(message);
}

export async function ok<T = Complaint>(reply: Promise<Reply> | Reply, status = 200): Promise<T> {
  const res = await reply;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res.body as T;
}

export async function getComplaint(id: string, who: UserName = 'supervisor'): Promise<Complaint> {
  return ok(api.call('GET', `/api/complaints/${id}`, { token: token[who] }));
}

export async function getRefund(id: string): Promise<RefundRequest> {
  return ok(api.call('GET', `/api/refunds/${id}`, { token: token.supervisor }));
}

export async function events(filter: Body, who: UserName = 'supervisor'): Promise<AuditEvent[]> {
  const res = await api.call(
    'GET',
    `/api/events${listQuery({ range: [0, 999], filter, sort: ['at', 'ASC'] })}`,
    {
      token: token[who],
    },
  );
  expect(res.status).toBe(200);
  return (res.body as AuditEvent[]).sort((a, b) => a.at.localeCompare(b.at) || seq(a.id) - seq(b.id));
}
export const seq = (id: string) => Number(id.replace(/^\D+/, ''));

export async function totalEvents(): Promise<number> {
  const res = await api.call('GET', `/api/events${listQuery({ range: [0, 0] })}`, {
    token: token.supervisor,
  });
  return Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
}

export async function advanceClock(ms: number): Promise<{ now: string; moved: number }> {
  return ok(post('supervisor', '/api/test/advance-clock', { ms }));
}

export const used = new Set<string>();
/** A fresh refund request (never used by another test) matching the filter and the predicate. */
export async function freshRefund(
  filter: Body,
  pred: (r: RefundRequest) => boolean = () => true,
): Promise<RefundRequest> {
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ range: [0, 999], filter, sort: ['id', 'ASC'] })}`,
    { token: token.supervisor },
  );
  expect(res.status).toBe(200);
  const found = (res.body as RefundRequest[]).find((r) => !used.has(r.id) && pred(r));
  if (!found) throw new Error(`no fresh refund request for ${JSON.stringify(filter)}`);
  used.add(found.id);
  return found;
}

/** A rejected request (something refundable) decided by that reviewer. */
export const rejectedBy = (reviewer: UserName, extra: Body = {}) =>
  freshRefund(
    { status: 'rejected', refundableFen_gte: 200, ...extra },
    (r) => r.decision?.by === userId[reviewer],
  );

/** Requests one supervisor may overturn alone: no tip, no policy block, at most ¥500 (fourEyes.ts). */
export const ONE_PAIR = {
  tipping: false,
  outsideWindow: false,
  accountRestricted: false,
  refundableFen_lte: SECOND_APPROVAL_THRESHOLD_FEN,
};

export const DESCRIPTION = '客户来电：在退款时限内已联系客服，不认可驳回。';

export async function open(
  refund: RefundRequest,
  who: UserName = 'reviewer',
  body: Body = {},
): Promise<Complaint> {
  return ok(
    post(who, '/api/complaints', {
      refundId: refund.id,
      channel: 'phone',
      category: 'disputes_rejection',
      description: DESCRIPTION,
      ...body,
    }),
    201,
  );
}

export async function act(who: UserName, c: Complaint, action: string, body: Body = {}): Promise<Complaint> {
  return ok(post(who, `/api/complaints/${c.id}/${action}`, { version: c.version, ...body }));
}

/** Sends a refused action and checks it changed nothing and wrote no event. */
export async function refusedAction(
  who: UserName,
  c: Complaint,
  action: string,
  body: Body,
  status: number,
  message?: string | RegExp,
): Promise<Reply> {
  const before = await getComplaint(c.id);
  const count = await totalEvents();
  const res = await post(who, `/api/complaints/${c.id}/${action}`, body);
  expectError(res, status, message);
  expect(await getComplaint(c.id)).toEqual(before);
  expect(await totalEvents()).toBe(count);
  return res;
}

export const MSG = '您好，经复核，我们决定全额退款，预计 10 分钟内到账。';
export async function serverNow(): Promise<string> {
  const res = await api.call('GET', '/api/health');
  return (res.body as { now: string }).now;
}
