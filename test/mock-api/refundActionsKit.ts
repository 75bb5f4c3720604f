// What the refund-action suites share (refundActions*.test.ts): one API per file with 4,000 seeded
// requests, every role signed in, one request per status held by `reviewer` (`base`), fresh fixtures
// of each kind, the HTTP helpers and each endpoint's well-formed body.
import { afterAll, beforeAll, expect } from 'vitest';
import {
  REFUND_STATUSES,
  type AuditEvent,
  type RefundRequest,
  type RefundStatus,
} from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { DAY_MS } from '../../src/domain/sla';
import { listQuery, openRouting, startTestApi, type TestApi } from './harness';
import { auditTrail, storedRefund } from './storedState';

export const ROLE_NAMES = ['reviewer', 'reviewer2', 'supervisor', 'supervisor2', 'manager'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export type UserName = RoleName | 'reviewer3';
export type Reply = Awaited<ReturnType<TestApi['call']>>;
export type Body = Record<string, unknown>;

export let api: TestApi;
export const token = {} as Record<UserName, string>;
export const userId = {} as Record<UserName, string>;

/** One request per status, held by `reviewer` (except the pending one): refusals run against these. */
export const base = {} as Record<RefundStatus, RefundRequest>;

export const MSG = {
  approve: 'Your refund is approved.',
  reject: 'Your request was rejected: the purchase looks fraudulent. Reply with proof of payment.',
  requestInfo: 'Please send a screenshot of the payment.',
  reply: 'Here is the screenshot.',
};

/** Registers the file's hooks: its own API, the accounts and the `base` requests. */
export function withRefundActionsApi(): void {
  beforeAll(async () => {
    // 4,000 requests leave about 160 in the live queue: enough fresh fixtures for every allowed case
    api = await startTestApi({ count: 4000, seed: 7 });
    await api.signInStaff([...ROLE_NAMES, 'reviewer3'] as const, { token, userId });
    // the matrix is about statuses and roles, not routing (reviewerRouting.test.ts)
    await openRouting(api, ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4']);
    // refunded first: reaching it moves the clock, which would pay out the approved fixtures too
    const toRefund = await fixture('approved');
    await advanceClock(4 * DAY_MS);
    base.refunded = await getRefund(toRefund.id);
    expect(base.refunded.status).toBe('refunded');
    for (const status of REFUND_STATUSES) {
      if (status !== 'refunded') base[status] = await fixture(status);
    }
  });
  afterAll(() => api.close());
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

export const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

export async function ok(reply: Promise<Reply> | Reply): Promise<RefundRequest> {
  const res = await reply;
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
  return res.body as RefundRequest;
}

export const getRefund = (id: string) => storedRefund(api, token.supervisor, id);
export const eventsOf = (id: string) => auditTrail(api, token.supervisor, id);

export async function eventCount(id: string): Promise<number> {
  const res = await api.call('GET', `/api/events${listQuery({ range: [0, 0], filter: { refundId: id } })}`, {
    token: token.supervisor,
  });
  expect(res.status).toBe(200);
  return Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
}

export async function totalEvents(): Promise<number> {
  const res = await api.call('GET', `/api/events${listQuery({ range: [0, 0] })}`, {
    token: token.supervisor,
  });
  return Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
}

/** The events written since `before` (ids not seen then): exactly what an action appended. */
export async function newEvents(id: string, before: AuditEvent[]): Promise<AuditEvent[]> {
  const seen = new Set(before.map((e) => e.id));
  return (await eventsOf(id)).filter((e) => !seen.has(e.id));
}

export async function advanceClock(ms: number): Promise<string> {
  const res = await post('supervisor', '/api/test/advance-clock', { ms });
  expect(res.status).toBe(200);
  return (res.body as { now: string }).now;
}

export async function serverNow(): Promise<string> {
  const res = await api.call('GET', '/api/health');
  return (res.body as { now: string }).now;
}

export function expectJsonError(res: Reply, status: number, label = '') {
  expect(res.status, `${label} → ${res.text}`).toBe(status);
  expect(typeof (res.body as { message?: unknown })?.message, label).toBe('string');
}

// ---------------------------------------------------------------------------------------------
// Fixtures: requests of the live queue, driven into the status a test needs

export const SAFE = { outsideWindow: false, accountRestricted: false, infoIncomplete: false };
export const KINDS = {
  /** approvable in full without a second approval; the policy suggests approving */
  plain: { ...SAFE, tipping: false, refundableFen_gte: 2, refundableFen_lte: SECOND_APPROVAL_THRESHOLD_FEN },
  /** tipping: every approval needs a supervisor's second approval */
  tipping: { ...SAFE, tipping: true, refundableFen_gte: 1 },
  /** more than ¥500 refundable, no tipping */
  big: { ...SAFE, tipping: false, refundableFen_gte: SECOND_APPROVAL_THRESHOLD_FEN + 1 },
  /** outside the refund window: approval blocked, the policy suggests rejecting */
  window: { ...SAFE, outsideWindow: true, refundableFen_gte: 1 },
  /** restricted or banned account: approval blocked, the policy suggests rejecting */
  restricted: { ...SAFE, accountRestricted: true, refundableFen_gte: 1 },
  /** information missing: the policy suggests asking for it */
  incomplete: { outsideWindow: false, accountRestricted: false, infoIncomplete: true, refundableFen_gte: 1 },
} as const;
export type Kind = keyof typeof KINDS;

export const used = new Set<string>();

/** A pending, unassigned request of that kind that no other test has touched. */
export async function pick(kind: Kind, extra: Body = {}): Promise<RefundRequest> {
  const filter = { status: 'pending', assigneeId: 'unassigned', duplicate: false, ...KINDS[kind], ...extra };
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ sort: ['submittedAt', 'DESC'], range: [0, 999], filter })}`,
    { token: token.supervisor },
  );
  expect(res.status).toBe(200);
  const found = (res.body as RefundRequest[]).find((r) => !used.has(r.id));
  if (!found)
    throw new Error(`The seed has no more pending requests of kind "${kind}" ${JSON.stringify(extra)}`);
  used.add(found.id);
  return found;
}

export const claim = (r: RefundRequest, who: UserName = 'reviewer') =>
  ok(post(who, `/api/refunds/${r.id}/claim`, { version: r.version }));

export const approve = (r: RefundRequest, who: UserName = 'reviewer', extra: Body = {}) =>
  post(who, `/api/refunds/${r.id}/approve`, { version: r.version, customerMessage: MSG.approve, ...extra });

export const requestInfo = (r: RefundRequest, who: UserName = 'reviewer') =>
  ok(
    post(who, `/api/refunds/${r.id}/request-info`, {
      version: r.version,
      missingItems: ['payment_proof'],
      customerMessage: MSG.requestInfo,
      againstSuggestionReason: 'The screenshot is needed before deciding.',
    }),
  );

/** A fresh request in `status`, held by `reviewer` unless pending. */
export async function fixture(
  status: RefundStatus,
  kind: Kind = status === 'awaiting_second_approval' ? 'tipping' : 'plain',
  extra: Body = {},
): Promise<RefundRequest> {
  const pending = await pick(kind, extra);
  if (status === 'pending') return pending;
  const r = await claim(pending);
  let out: RefundRequest;
  switch (status) {
    case 'in_review':
      return r;
    case 'awaiting_info':
      out = await requestInfo(r);
      break;
    case 'awaiting_second_approval':
    case 'approved':
    case 'refunded':
      out = await ok(approve(r));
      break;
    case 'partially_approved':
      out = await ok(approve(r, 'reviewer', { amountFen: r.refundableFen - 1 }));
      break;
    case 'rejected':
      out = await ok(post('reviewer', `/api/refunds/${r.id}/reject`, bodyFor('reject', r)));
      break;
  }
  expect(out.status).toBe(status === 'refunded' ? 'approved' : status);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The table: every endpoint × status × role

export const ENDPOINTS = [
  'claim',
  'release',
  'approve',
  'reject',
  'request-info',
  'customer-reply',
  'second-approval',
  'override',
  'reassign',
  'bulk-reassign',
  'bulk-reject',
  'profile',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** The audit action each endpoint writes. */
export const AUDIT_ACTION: Record<Exclude<Endpoint, 'profile'>, string> = {
  claim: 'claim',
  release: 'release',
  approve: 'approve',
  reject: 'reject',
  'request-info': 'request_info',
  'customer-reply': 'customer_reply',
  'second-approval': 'second_approval',
  override: 'override',
  reassign: 'reassign',
  'bulk-reassign': 'reassign',
  'bulk-reject': 'reject',
};

export function bodyFor(endpoint: Endpoint, r: RefundRequest, extra: Body = {}): Body {
  const version = { version: r.version };
  switch (endpoint) {
    case 'claim':
    case 'release':
      return { ...version, ...extra };
    case 'approve':
      return { ...version, customerMessage: MSG.approve, ...extra };
    case 'reject':
      return {
        ...version,
        reasonCode: 'suspected_fraud',
        customerMessage: MSG.reject,
        note: 'Same card as three earlier chargebacks.',
        againstSuggestionReason: 'Fraud signals outweigh the policy suggestion.',
        ...extra,
      };
    case 'request-info':
      return {
        ...version,
        missingItems: ['payment_proof'],
        customerMessage: MSG.requestInfo,
        againstSuggestionReason: 'The screenshot is needed before deciding.',
        ...extra,
      };
    case 'customer-reply':
      return { suppliedItems: ['payment_proof'], message: MSG.reply, ...extra };
    case 'second-approval':
      return { ...version, decision: 'confirm', note: 'Checked the tipping history.', ...extra };
    case 'override':
      return { ...version, note: 'Long-standing customer; goodwill exception.', ...extra };
    case 'reassign':
      return { ...version, assigneeId: userId.reviewer3, ...extra };
    case 'bulk-reassign':
      return { items: [{ id: r.id, version: r.version }], assigneeId: userId.reviewer3, ...extra };
    case 'bulk-reject':
      return {
        items: [{ id: r.id, version: r.version }],
        reasonCode: 'outside_window',
        customerMessage: 'Your purchase is older than 7 days, outside the refund window.',
        ...extra,
      };
    case 'profile':
      return {};
  }
}

export function send(
  endpoint: Endpoint,
  who: UserName,
  r: RefundRequest,
  body = bodyFor(endpoint, r),
): Promise<Reply> {
  if (endpoint === 'profile') return api.call('GET', `/api/refunds/${r.id}/profile`, { token: token[who] });
  if (endpoint === 'bulk-reassign' || endpoint === 'bulk-reject') {
    return post(who, `/api/refunds/${endpoint}`, body);
  }
  return post(who, `/api/refunds/${r.id}/${endpoint}`, body);
}
