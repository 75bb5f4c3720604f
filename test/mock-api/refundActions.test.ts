// Part 2 over real HTTP: every refund action × status × role with its exact answer, refusals that
// change nothing and write no audit event, stale versions, invalid bodies, the second approval,
// policy overrides, the mock API's timers (information timeout, payout), the customer's reply and
// no plain write (PUT / PATCH / DELETE) that could bypass the workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idJitter } from '../../mock-api/refundService';
import {
  OPEN_REFUND_STATUSES,
  REFUND_STATUSES,
  type AuditEvent,
  type RefundRequest,
  type RefundStatus,
} from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { DAY_MS, FIRST_REVIEW_SLA_MS, INFO_TIMEOUT_MS, payoutAt, toIso, toMs } from '../../src/domain/sla';
import { listQuery, startTestApi, type TestApi } from './harness';
import { auditTrail, storedRefund } from './storedState';

const ROLE_NAMES = ['reviewer', 'reviewer2', 'supervisor', 'supervisor2', 'manager'] as const;
type RoleName = (typeof ROLE_NAMES)[number];
type UserName = RoleName | 'reviewer3';
type Reply = Awaited<ReturnType<TestApi['call']>>;
type Body = Record<string, unknown>;

let api: TestApi;
const token = {} as Record<UserName, string>;
const userId = {} as Record<UserName, string>;

/** One request per status, held by `reviewer` (except the pending one): refusals run against these. */
const base = {} as Record<RefundStatus, RefundRequest>;

const MSG = {
  approve: 'Your refund is approved.',
  reject: 'Your request was rejected: the purchase looks fraudulent. Reply with proof of payment.',
  requestInfo: 'Please send a screenshot of the payment.',
  reply: 'Here is the screenshot.',
};

beforeAll(async () => {
  // 4,000 requests leave about 160 in the live queue: enough fresh fixtures for every allowed case
  api = await startTestApi({ count: 4000, seed: 7 });
  for (const name of [...ROLE_NAMES, 'reviewer3'] as const) {
    token[name] = await api.login(name);
    const me = await api.call('GET', '/api/auth/me', { token: token[name] });
    userId[name] = (me.body as { id: string }).id;
  }
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

// ---------------------------------------------------------------------------------------------
// HTTP helpers

const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

async function ok(reply: Promise<Reply> | Reply): Promise<RefundRequest> {
  const res = await reply;
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
  return res.body as RefundRequest;
}

const getRefund = (id: string) => storedRefund(api, token.supervisor, id);
const eventsOf = (id: string) => auditTrail(api, token.supervisor, id);

async function eventCount(id: string): Promise<number> {
  const res = await api.call('GET', `/api/events${listQuery({ range: [0, 0], filter: { refundId: id } })}`, {
    token: token.supervisor,
  });
  expect(res.status).toBe(200);
  return Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
}

async function totalEvents(): Promise<number> {
  const res = await api.call('GET', `/api/events${listQuery({ range: [0, 0] })}`, {
    token: token.supervisor,
  });
  return Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
}

/** The events written since `before` (ids not seen then): exactly what an action appended. */
async function newEvents(id: string, before: AuditEvent[]): Promise<AuditEvent[]> {
  const seen = new Set(before.map((e) => e.id));
  return (await eventsOf(id)).filter((e) => !seen.has(e.id));
}

async function advanceClock(ms: number): Promise<string> {
  const res = await post('supervisor', '/api/test/advance-clock', { ms });
  expect(res.status).toBe(200);
  return (res.body as { now: string }).now;
}

async function serverNow(): Promise<string> {
  const res = await api.call('GET', '/api/health');
  return (res.body as { now: string }).now;
}

function expectJsonError(res: Reply, status: number, label = '') {
  expect(res.status, `${label} → ${res.text}`).toBe(status);
  expect(typeof (res.body as { message?: unknown })?.message, label).toBe('string');
}

// ---------------------------------------------------------------------------------------------
// Fixtures: requests of the live queue, driven into the status a test needs

const SAFE = { outsideWindow: false, accountRestricted: false, infoIncomplete: false };
const KINDS = {
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
type Kind = keyof typeof KINDS;

const used = new Set<string>();

/** A pending, unassigned request of that kind that no other test has touched. */
async function pick(kind: Kind, extra: Body = {}): Promise<RefundRequest> {
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

const claim = (r: RefundRequest, who: UserName = 'reviewer') =>
  ok(post(who, `/api/refunds/${r.id}/claim`, { version: r.version }));

const approve = (r: RefundRequest, who: UserName = 'reviewer', extra: Body = {}) =>
  post(who, `/api/refunds/${r.id}/approve`, { version: r.version, customerMessage: MSG.approve, ...extra });

const requestInfo = (r: RefundRequest, who: UserName = 'reviewer') =>
  ok(
    post(who, `/api/refunds/${r.id}/request-info`, {
      version: r.version,
      missingItems: ['payment_proof'],
      customerMessage: MSG.requestInfo,
      againstSuggestionReason: 'The screenshot is needed before deciding.',
    }),
  );

/** A fresh request in `status`, held by `reviewer` unless pending. */
async function fixture(
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

const ENDPOINTS = [
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
type Endpoint = (typeof ENDPOINTS)[number];

/** The audit action each endpoint writes. */
const AUDIT_ACTION: Record<Exclude<Endpoint, 'profile'>, string> = {
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

function bodyFor(endpoint: Endpoint, r: RefundRequest, extra: Body = {}): Body {
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

function send(
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

/**
 * The rules, written out independently of the implementation. Fixtures: every request but the
 * pending one is held by `reviewer`; none has an approval blocker; the second-approval one was
 * first approved by `reviewer`. Bulk endpoints answer 200 with a per-item status (`item`).
 */
function expected(endpoint: Endpoint, status: RefundStatus, role: RoleName): { http: number; item?: number } {
  if (endpoint === 'profile') return { http: 200 };
  if (role === 'manager') return { http: 403 };
  const supervisor = role === 'supervisor' || role === 'supervisor2';
  const heldByOther = status !== 'pending' && role !== 'reviewer';
  const open = OPEN_REFUND_STATUSES.includes(status);
  const decide = heldByOther ? 403 : status === 'in_review' ? 200 : 409;
  switch (endpoint) {
    case 'claim':
      return { http: status === 'pending' ? 200 : 409 };
    case 'release':
      if (heldByOther && !supervisor) return { http: 403 };
      return { http: status === 'in_review' ? 200 : 409 };
    case 'approve':
    case 'reject':
    case 'request-info':
      return { http: decide };
    case 'bulk-reject':
      return { http: 200, item: decide };
    case 'customer-reply':
      return { http: status === 'awaiting_info' ? 200 : 409 };
    case 'second-approval':
      if (!supervisor) return { http: 403 };
      return { http: status === 'awaiting_second_approval' ? 200 : 409 };
    case 'override':
      // in review: nothing blocks the approval, so nothing to override; otherwise the wrong status
      return { http: supervisor ? 409 : 403 };
    case 'reassign':
      if (!supervisor) return { http: 403 };
      return { http: open ? 200 : 409 };
    case 'bulk-reassign':
      if (!supervisor) return { http: 403 };
      return { http: 200, item: open ? 200 : 409 };
  }
}

async function checkRefused(endpoint: Endpoint, status: RefundStatus, role: RoleName) {
  const want = expected(endpoint, status, role);
  const label = `${endpoint} on a ${status} request by ${role}`;
  const before = await getRefund(base[status].id);
  const count = await eventCount(before.id);
  const res = await send(endpoint, role, before);
  if (want.item === undefined) {
    if (want.http === 200) {
      // a read (profile)
      expect(res.status, label).toBe(200);
      expect(res.body, label).toMatchObject({ customerId: before.customerId });
    } else {
      expectJsonError(res, want.http, label);
      if (want.http === 409) expect((res.body as { current?: unknown }).current, label).toEqual(before);
    }
  } else {
    expect(res.status, label).toBe(200);
    expect(res.body, label).toMatchObject({
      succeeded: 0,
      failed: 1,
      results: [{ id: before.id, ok: false, status: want.item }],
    });
  }
  expect(await getRefund(before.id), `${label}: record unchanged`).toEqual(before);
  expect(await eventCount(before.id), `${label}: no audit event`).toBe(count);
}

async function checkAllowed(endpoint: Exclude<Endpoint, 'profile'>, status: RefundStatus, role: RoleName) {
  const label = `${endpoint} on a ${status} request by ${role}`;
  const kind: Kind =
    endpoint === 'bulk-reject' ? 'window' : status === 'awaiting_second_approval' ? 'tipping' : 'plain';
  const before = await fixture(status, kind);
  const eventsBefore = await eventsOf(before.id);
  const body = bodyFor(endpoint, before);
  const res = await send(endpoint, role, before, body);
  expect(res.status, `${label} → ${res.text}`).toBe(200);
  let returned = res.body as RefundRequest;
  if (endpoint === 'bulk-reassign' || endpoint === 'bulk-reject') {
    const bulk = res.body as {
      succeeded: number;
      failed: number;
      results: { ok: boolean; record: RefundRequest }[];
    };
    expect(bulk, label).toMatchObject({ succeeded: 1, failed: 0, results: [{ id: before.id, ok: true }] });
    returned = bulk.results[0].record;
  }
  const after = await getRefund(before.id);
  expect(returned, label).toEqual(after);
  expect(after.version, label).toBe(before.version + 1);
  expect(after.updatedBy, label).toBe(userId[role]);

  const added = await newEvents(before.id, eventsBefore);
  expect(added, `${label}: exactly one audit event`).toHaveLength(1);
  const event = added[0];
  expect(event, label).toMatchObject({
    subject: 'refund',
    refundId: before.id,
    action: AUDIT_ACTION[endpoint],
    actorId: userId[role],
    actorKind: 'staff',
    at: after.updatedAt,
    statusBefore: before.status,
    statusAfter: after.status,
  });
  expect(toMs(event.at), label).not.toBeNaN();

  switch (endpoint) {
    case 'claim':
      expect(after, label).toMatchObject({ status: 'in_review', assigneeId: userId[role] });
      expect(event.details, label).toMatchObject({ previousAssigneeId: null });
      break;
    case 'release':
      expect(after, label).toMatchObject({ status: 'pending', assigneeId: null });
      expect(event.details, label).toMatchObject({ previousAssigneeId: userId.reviewer });
      break;
    case 'approve':
      expect(after, label).toMatchObject({
        status: 'approved',
        approvedFen: before.refundableFen,
        decidedAt: event.at,
        decision: { action: 'approve', by: userId[role], amountFen: before.refundableFen },
      });
      expect(after.expectedArrivalAt, label).not.toBeNull();
      expect(event, label).toMatchObject({
        amountFen: before.refundableFen,
        customerMessage: MSG.approve,
        note: null,
      });
      break;
    case 'reject':
      expect(after, label).toMatchObject({
        status: 'rejected',
        decidedAt: event.at,
        decision: { action: 'reject', reasonCode: 'suspected_fraud', customerMessage: MSG.reject },
      });
      expect(event, label).toMatchObject({
        customerMessage: MSG.reject,
        note: body.note,
        details: { reasonCode: 'suspected_fraud', againstSuggestion: true },
      });
      break;
    case 'bulk-reject':
      expect(after, label).toMatchObject({ status: 'rejected', decision: { reasonCode: 'outside_window' } });
      expect(event, label).toMatchObject({
        customerMessage: body.customerMessage,
        details: { reasonCode: 'outside_window', againstSuggestion: false },
      });
      break;
    case 'request-info':
      expect(after, label).toMatchObject({
        status: 'awaiting_info',
        awaitingInfoSince: event.at,
        decision: { action: 'request_info', missingItems: ['payment_proof'] },
      });
      expect(event, label).toMatchObject({
        customerMessage: MSG.requestInfo,
        note: body.againstSuggestionReason,
        details: { missingItems: ['payment_proof'] },
      });
      break;
    case 'customer-reply':
      expect(after, label).toMatchObject({
        status: 'pending',
        slaStartAt: event.at,
        awaitingInfoSince: null,
      });
      expect(after.slaDueAt, label).toBe(toIso(toMs(event.at) + FIRST_REVIEW_SLA_MS));
      expect(after.providedItems, label).toContain('payment_proof');
      expect(event.details, label).toMatchObject({ suppliedItems: ['payment_proof'], message: MSG.reply });
      break;
    case 'second-approval':
      expect(after, label).toMatchObject({
        status: 'approved',
        approvedFen: before.approvedFen,
        decidedAt: event.at,
        firstApproverId: userId.reviewer,
      });
      expect(event, label).toMatchObject({
        amountFen: before.approvedFen,
        customerMessage: MSG.approve,
        note: body.note,
        details: { decision: 'confirm', firstApproverId: userId.reviewer },
      });
      break;
    case 'reassign':
    case 'bulk-reassign':
      expect(after, label).toMatchObject({ status: before.status, assigneeId: userId.reviewer3 });
      expect(event.details, label).toMatchObject({
        previousAssigneeId: before.assigneeId,
        assigneeId: userId.reviewer3,
      });
      break;
    case 'override':
      throw new Error('no fixture of the table can be overridden');
  }
}

describe.each(REFUND_STATUSES)('a %s request', (status) => {
  it.each(ENDPOINTS)('%s: the exact answer for every role; refusals change nothing', async (endpoint) => {
    for (const role of ROLE_NAMES) {
      const want = expected(endpoint, status, role);
      if (endpoint !== 'profile' && want.http === 200 && (want.item ?? 200) === 200) {
        await checkAllowed(endpoint, status, role);
      } else {
        await checkRefused(endpoint, status, role);
      }
    }
  });
});

describe('the table', () => {
  it('allows exactly these transitions; everything else is refused', () => {
    const allowed: string[] = [];
    for (const status of REFUND_STATUSES) {
      for (const endpoint of ENDPOINTS) {
        for (const role of ROLE_NAMES) {
          const want = expected(endpoint, status, role);
          if (endpoint !== 'profile' && want.http === 200 && (want.item ?? 200) === 200) {
            allowed.push(`${status} ${endpoint} ${role}`);
          }
        }
      }
    }
    const sup = (s: string) => [`${s} supervisor`, `${s} supervisor2`];
    const staff = (s: string) => [`${s} reviewer`, `${s} reviewer2`, ...sup(s)];
    expect(allowed).toEqual([
      ...staff('pending claim'),
      ...sup('pending reassign'),
      ...sup('pending bulk-reassign'),
      'in_review release reviewer',
      ...sup('in_review release'),
      'in_review approve reviewer',
      'in_review reject reviewer',
      'in_review request-info reviewer',
      ...sup('in_review reassign'),
      ...sup('in_review bulk-reassign'),
      'in_review bulk-reject reviewer',
      ...staff('awaiting_info customer-reply'),
      ...sup('awaiting_info reassign'),
      ...sup('awaiting_info bulk-reassign'),
      ...sup('awaiting_second_approval second-approval'),
      ...sup('awaiting_second_approval reassign'),
      ...sup('awaiting_second_approval bulk-reassign'),
    ]);
  });
});

describe('a pending request reassigned to someone', () => {
  it('can be claimed by that person only', async () => {
    const r = await fixture('pending');
    const assigned = await ok(send('reassign', 'supervisor', r));
    expect(assigned).toMatchObject({ status: 'pending', assigneeId: userId.reviewer3 });
    for (const who of ['reviewer', 'supervisor2'] as const) {
      const res = await post(who, `/api/refunds/${r.id}/claim`, { version: assigned.version });
      expectJsonError(res, 409, who);
      expect((res.body as { message: string }).message).toMatch(/already assigned/);
    }
    expect(await getRefund(r.id)).toEqual(assigned);
    const claimed = await claim(assigned, 'reviewer3');
    expect(claimed).toMatchObject({ status: 'in_review', assigneeId: userId.reviewer3 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('claim-next', () => {
  it('gives a reviewer the most urgent unassigned pending request, and records the claim', async () => {
    const queue = await api.call(
      'GET',
      `/api/refunds${listQuery({ sort: ['slaDueAt', 'ASC'], range: [0, 0], filter: { status: 'pending', assigneeId: 'unassigned' } })}`,
      { token: token.reviewer2 },
    );
    const head = (queue.body as RefundRequest[])[0];
    const eventsBefore = await eventsOf(head.id);
    const res = await post('reviewer2', '/api/refunds/claim-next');
    expect(res.status).toBe(200);
    const claimed = res.body as RefundRequest;
    expect(claimed).toMatchObject({
      id: head.id,
      status: 'in_review',
      assigneeId: userId.reviewer2,
      version: head.version + 1,
    });
    expect(await getRefund(head.id)).toEqual(claimed);
    const added = await newEvents(head.id, eventsBefore);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'claim',
      actorId: userId.reviewer2,
      statusBefore: 'pending',
      statusAfter: 'in_review',
    });
    // put it back for the other tests
    await ok(post('reviewer2', `/api/refunds/${head.id}/release`, { version: claimed.version }));
  });

  it('is refused to supervisors and managers (403: claim_next is a reviewer action in the table)', async () => {
    for (const who of ['supervisor', 'supervisor2', 'manager'] as const) {
      const events = await totalEvents();
      const res = await post(who, '/api/refunds/claim-next');
      expectJsonError(res, 403, who);
      expect(await totalEvents()).toBe(events);
    }
  });

  it('takes no body (422), and claims nothing then', async () => {
    const inReview = async () =>
      (
        await api.call(
          'GET',
          `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'in_review' } })}`,
          {
            token: token.reviewer,
          },
        )
      ).headers.get('content-range');
    const before = await inReview();
    for (const body of [{ id: base.pending.id }, [base.pending.id], [], { version: 1 }]) {
      const res = await post('reviewer', '/api/refunds/claim-next', body);
      expectJsonError(res, 422, JSON.stringify(body));
    }
    expect(await inReview()).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('stale versions', () => {
  const cases: [Endpoint, RefundStatus, RoleName][] = [
    ['claim', 'pending', 'reviewer'],
    ['release', 'in_review', 'reviewer'],
    ['release', 'in_review', 'supervisor'],
    ['approve', 'in_review', 'reviewer'],
    ['reject', 'in_review', 'reviewer'],
    ['request-info', 'in_review', 'reviewer'],
    ['second-approval', 'awaiting_second_approval', 'supervisor'],
    ['reassign', 'in_review', 'supervisor'],
    ['reassign', 'awaiting_info', 'supervisor2'],
  ];
  it.each(cases)('%s on a %s request by %s → 409 with the current record', async (endpoint, status, role) => {
    const before = await getRefund(base[status].id);
    const count = await eventCount(before.id);
    for (const version of [before.version - 1, before.version + 1, 0]) {
      const res = await send(endpoint, role, before, bodyFor(endpoint, before, { version }));
      expectJsonError(res, 409, `version ${version}`);
      expect((res.body as { message: string }).message).toMatch(/version/);
      expect((res.body as { current: unknown }).current).toEqual(before);
    }
    expect(await getRefund(before.id)).toEqual(before);
    expect(await eventCount(before.id)).toBe(count);
  });

  it('override with a stale version → 409 with the current record', async () => {
    const r = await claim(await pick('window'));
    const res = await send('override', 'supervisor', r, bodyFor('override', r, { version: r.version - 1 }));
    expectJsonError(res, 409);
    expect((res.body as { current: unknown }).current).toEqual(r);
    expect(await getRefund(r.id)).toEqual(r);
  });

  it('bulk items with a stale version fail on their own (409) while the others succeed', async () => {
    const fresh = await fixture('in_review');
    const stale = base.in_review;
    const res = await post('supervisor', '/api/refunds/bulk-reassign', {
      items: [
        { id: stale.id, version: stale.version + 5 },
        { id: fresh.id, version: fresh.version },
        { id: 'r99999999', version: 1 },
      ],
      assigneeId: userId.reviewer3,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      succeeded: 1,
      failed: 2,
      results: [
        { id: stale.id, ok: false, status: 409 },
        { id: fresh.id, ok: true },
        { id: 'r99999999', ok: false, status: 404 },
      ],
    });
    expect(await getRefund(stale.id)).toEqual(stale);
    expect((await getRefund(fresh.id)).assigneeId).toBe(userId.reviewer3);
  });
});

// ---------------------------------------------------------------------------------------------

describe('invalid bodies → 422 with errors per field, nothing changed', () => {
  /** Where each endpoint's bodies go: a request it could act on, sent by someone who could act. */
  const TARGET: Partial<Record<Endpoint, [RefundStatus, RoleName]>> = {
    claim: ['pending', 'reviewer'],
    release: ['in_review', 'reviewer'],
    approve: ['in_review', 'reviewer'],
    reject: ['in_review', 'reviewer'],
    'request-info': ['in_review', 'reviewer'],
    'customer-reply': ['awaiting_info', 'reviewer'],
    'second-approval': ['awaiting_second_approval', 'supervisor'],
    reassign: ['in_review', 'supervisor'],
    'bulk-reassign': ['in_review', 'supervisor'],
    'bulk-reject': ['in_review', 'reviewer'],
  };
  type Change = Body | ((r: RefundRequest) => Body);
  /** The valid body of the endpoint with some fields replaced (and some dropped). */
  const body =
    (endpoint: Endpoint, change: Change, ...drop: string[]) =>
    (r: RefundRequest): Body => {
      const out = bodyFor(endpoint, r, typeof change === 'function' ? change(r) : change);
      for (const key of drop) delete out[key];
      return out;
    };
  type Case = [label: string, endpoint: Endpoint, body: (r: RefundRequest) => Body, field: string];
  // prettier-ignore
  const cases: Case[] = [
    ['amount over the refundable', 'approve', body('approve', (r) => ({ amountFen: r.refundableFen + 1 })), 'amountFen'],
    ['amount 0', 'approve', body('approve', { amountFen: 0 }), 'amountFen'],
    ['negative amount', 'approve', body('approve', { amountFen: -100 }), 'amountFen'],
    ['fractional amount', 'approve', body('approve', { amountFen: 12.5 }), 'amountFen'],
    ['amount as a string', 'approve', body('approve', { amountFen: '100' }), 'amountFen'],
    ['amount null', 'approve', body('approve', { amountFen: null }), 'amountFen'],
    ['missing customerMessage', 'approve', body('approve', {}, 'customerMessage'), 'customerMessage'],
    ['blank customerMessage', 'approve', body('approve', { customerMessage: '   ' }), 'customerMessage'],
    ['customerMessage over 2,000 characters', 'approve', body('approve', { customerMessage: 'x'.repeat(2001) }), 'customerMessage'],
    ['unknown field', 'approve', body('approve', { approvedFen: 1 }), 'approvedFen'],
    ['status smuggled in', 'approve', body('approve', { status: 'refunded' }), 'status'],
    ['missing version', 'approve', body('approve', {}, 'version'), 'version'],
    ['version as a string', 'approve', body('approve', (r) => ({ version: String(r.version) })), 'version'],
    ['fractional version', 'approve', body('approve', (r) => ({ version: r.version + 0.5 })), 'version'],
    ['negative version', 'approve', body('approve', { version: -1 }), 'version'],
    ['unknown reasonCode', 'reject', body('reject', { reasonCode: 'bored' }), 'reasonCode'],
    ['missing reasonCode', 'reject', body('reject', {}, 'reasonCode'), 'reasonCode'],
    ['"other" without a note', 'reject', body('reject', { reasonCode: 'other' }, 'note'), 'note'],
    ['"other" with a blank note', 'reject', body('reject', { reasonCode: 'other', note: '  ' }), 'note'],
    ['reject without customerMessage', 'reject', body('reject', {}, 'customerMessage'), 'customerMessage'],
    ['reject against the suggestion, no reason', 'reject', body('reject', {}, 'againstSuggestionReason'), 'againstSuggestionReason'],
    ['empty missingItems', 'request-info', body('request-info', { missingItems: [] }), 'missingItems'],
    ['duplicates in missingItems', 'request-info', body('request-info', { missingItems: ['payment_proof', 'payment_proof'] }), 'missingItems'],
    ['missingItems as a string', 'request-info', body('request-info', { missingItems: 'payment_proof' }), 'missingItems'],
    ['unknown missing item', 'request-info', body('request-info', { missingItems: ['shoe_size'] }), 'missingItems.0'],
    ['claim with an assignee', 'claim', body('claim', () => ({ assigneeId: userId.reviewer2 })), 'assigneeId'],
    ['release with a status', 'release', body('release', { status: 'approved' }), 'status'],
    ['reply without a list of items', 'customer-reply', body('customer-reply', { suppliedItems: 'payment_proof' }), 'suppliedItems'],
    ['reply with a version (the customer has none)', 'customer-reply', body('customer-reply', (r) => ({ version: r.version })), 'version'],
    ['reply without a message', 'customer-reply', body('customer-reply', {}, 'message'), 'message'],
    ['second approval "maybe"', 'second-approval', body('second-approval', { decision: 'maybe' }), 'decision'],
    ['send back without a note', 'second-approval', body('second-approval', { decision: 'send_back' }, 'note'), 'note'],
    ['reassign to a manager', 'reassign', body('reassign', () => ({ assigneeId: userId.manager })), 'assigneeId'],
    ['reassign to nobody known', 'reassign', body('reassign', { assigneeId: 'u999' }), 'assigneeId'],
    ['reassign to the current assignee', 'reassign', body('reassign', () => ({ assigneeId: userId.reviewer })), 'assigneeId'],
    ['reassign to an empty id', 'reassign', body('reassign', { assigneeId: '' }), 'assigneeId'],
    ['bulk reassign without items', 'bulk-reassign', body('bulk-reassign', { items: [] }), 'items'],
    ['bulk reassign of 201 items', 'bulk-reassign', body('bulk-reassign', (r) => ({ items: Array.from({ length: 201 }, () => ({ id: r.id, version: r.version })) })), 'items'],
    ['bulk item with an unknown field', 'bulk-reassign', body('bulk-reassign', (r) => ({ items: [{ id: r.id, version: r.version, status: 'approved' }] })), 'items.0.status'],
    ['bulk reassign to a manager', 'bulk-reassign', body('bulk-reassign', () => ({ assigneeId: userId.manager })), 'assigneeId'],
    ['bulk reject with an unknown reasonCode', 'bulk-reject', body('bulk-reject', { reasonCode: 'bored' }), 'reasonCode'],
    ['bulk reject without customerMessage', 'bulk-reject', body('bulk-reject', {}, 'customerMessage'), 'customerMessage'],
    ['bulk reject with an unknown field', 'bulk-reject', body('bulk-reject', { approvedFen: 0 }), 'approvedFen'],
  ];
  it.each(cases)('%s', async (label, endpoint, makeBody, field) => {
    const [status, role] = TARGET[endpoint]!;
    const before = await getRefund(base[status].id);
    const count = await eventCount(before.id);
    const res = await send(endpoint, role, before, makeBody(before));
    expectJsonError(res, 422, label);
    const errors = (res.body as { errors?: Record<string, string> }).errors ?? {};
    expect(Object.keys(errors), label).toContain(field);
    expect(typeof errors[field]).toBe('string');
    expect(await getRefund(before.id)).toEqual(before);
    expect(await eventCount(before.id)).toBe(count);
  });

  it('approving against the policy suggestion needs a reason (422), and is recorded with it', async () => {
    const r = await claim(await pick('incomplete'));
    const res = await approve(r);
    expectJsonError(res, 422);
    expect(Object.keys((res.body as { errors: object }).errors)).toEqual(['againstSuggestionReason']);
    expect(await getRefund(r.id)).toEqual(r);
    const events = await eventsOf(r.id);
    const done = await ok(
      approve(r, 'reviewer', { againstSuggestionReason: 'Receipt seen on the phone call.' }),
    );
    expect(done.decision).toMatchObject({ againstSuggestion: true, suggestion: 'request_info' });
    const [event] = await newEvents(r.id, events);
    expect(event).toMatchObject({
      action: 'approve',
      note: 'Receipt seen on the phone call.',
      details: { againstSuggestion: true, againstSuggestionReason: 'Receipt seen on the phone call.' },
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('second approval', () => {
  it('an approval with tips waits for a supervisor', async () => {
    const r = await claim(await pick('tipping'));
    const events = await eventsOf(r.id);
    const after = await ok(approve(r));
    expect(after).toMatchObject({
      status: 'awaiting_second_approval',
      approvedFen: r.refundableFen,
      firstApproverId: userId.reviewer,
      decidedAt: null,
      expectedArrivalAt: null,
    });
    const added = await newEvents(r.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'approve',
      statusBefore: 'in_review',
      statusAfter: 'awaiting_second_approval',
      amountFen: r.refundableFen,
      customerMessage: MSG.approve,
      details: { secondApprovalRequired: true },
    });
  });

  it('an approval over ¥500 waits for a supervisor; ¥500 exactly does not', async () => {
    const over = await claim(await pick('big'));
    const a = await ok(approve(over, 'reviewer', { amountFen: SECOND_APPROVAL_THRESHOLD_FEN + 1 }));
    expect(a).toMatchObject({
      status: 'awaiting_second_approval',
      approvedFen: SECOND_APPROVAL_THRESHOLD_FEN + 1,
    });
    const at = await claim(await pick('big'));
    const b = await ok(approve(at, 'reviewer', { amountFen: SECOND_APPROVAL_THRESHOLD_FEN }));
    expect(b).toMatchObject({ status: 'partially_approved', approvedFen: SECOND_APPROVAL_THRESHOLD_FEN });
    expect(b.decidedAt).not.toBeNull();
  });

  it('the second approver cannot be the first (403), another supervisor confirms', async () => {
    const r = await claim(await pick('big'), 'supervisor');
    const waiting = await ok(approve(r, 'supervisor'));
    expect(waiting).toMatchObject({ status: 'awaiting_second_approval', firstApproverId: userId.supervisor });
    const count = await eventCount(r.id);
    const self = await send('second-approval', 'supervisor', waiting);
    expectJsonError(self, 403);
    expect((self.body as { message: string }).message).toMatch(/different supervisor/);
    expect(await getRefund(r.id)).toEqual(waiting);
    expect(await eventCount(r.id)).toBe(count);
    const events = await eventsOf(r.id);
    const done = await ok(send('second-approval', 'supervisor2', waiting));
    expect(done).toMatchObject({
      status: 'approved',
      approvedFen: r.refundableFen,
      version: waiting.version + 1,
    });
    const added = await newEvents(r.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'second_approval',
      actorId: userId.supervisor2,
      statusBefore: 'awaiting_second_approval',
      statusAfter: 'approved',
      amountFen: r.refundableFen,
      details: { decision: 'confirm', firstApproverId: userId.supervisor },
    });
  });

  it('send back returns the request to its reviewer with the note', async () => {
    const r = await fixture('awaiting_second_approval');
    const events = await eventsOf(r.id);
    const back = await ok(
      send('second-approval', 'supervisor', r, {
        version: r.version,
        decision: 'send_back',
        note: 'Check the tips.',
      }),
    );
    expect(back).toMatchObject({
      status: 'in_review',
      assigneeId: userId.reviewer,
      approvedFen: null,
      firstApproverId: null,
      decision: null,
    });
    const added = await newEvents(r.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'second_approval',
      statusAfter: 'in_review',
      amountFen: r.approvedFen,
      note: 'Check the tips.',
      details: { decision: 'send_back' },
    });
    // the reviewer decides again
    expect((await ok(approve(back))).status).toBe('awaiting_second_approval');
  });
});

// ---------------------------------------------------------------------------------------------

describe('policy blocks and the supervisor override', () => {
  it.each(['window', 'restricted'] as const)(
    'a %s request cannot be approved (422) until a supervisor overrides; then it can',
    async (kind) => {
      const r = await claim(await pick(kind));
      const count = await eventCount(r.id);
      const blocked = await approve(r, 'reviewer', { againstSuggestionReason: 'Goodwill.' });
      expectJsonError(blocked, 422);
      expect((blocked.body as { message: string }).message).toMatch(/blocked/i);
      const byReviewer = await send('override', 'reviewer', r);
      expectJsonError(byReviewer, 403);
      const noNote = await send('override', 'supervisor', r, bodyFor('override', r, { note: ' ' }));
      expectJsonError(noNote, 422);
      expect(await getRefund(r.id)).toEqual(r);
      expect(await eventCount(r.id)).toBe(count);

      const events = await eventsOf(r.id);
      const overridden = await ok(send('override', 'supervisor', r));
      expect(overridden).toMatchObject({
        status: 'in_review',
        assigneeId: userId.reviewer,
        overrideBy: userId.supervisor,
        overrideNote: 'Long-standing customer; goodwill exception.',
        version: r.version + 1,
      });
      const [override] = await newEvents(r.id, events);
      expect(override).toMatchObject({
        action: 'override',
        actorId: userId.supervisor,
        statusBefore: 'in_review',
        statusAfter: 'in_review',
        note: 'Long-standing customer; goodwill exception.',
        details: { blockers: [kind === 'window' ? 'outside_window' : 'account_restricted'] },
      });
      const again = await send('override', 'supervisor2', overridden);
      expectJsonError(again, 409);

      // the policy still suggests rejecting: approving needs a reason
      const noReason = await approve(overridden);
      expectJsonError(noReason, 422);
      expect(Object.keys((noReason.body as { errors: object }).errors)).toEqual(['againstSuggestionReason']);
      const approved = await ok(
        approve(overridden, 'reviewer', { againstSuggestionReason: 'Overridden: goodwill.' }),
      );
      expect(['approved', 'awaiting_second_approval']).toContain(approved.status);
      const added = await newEvents(r.id, [...events, override]);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({ action: 'approve', details: { overrideBy: userId.supervisor } });
    },
  );
});

// ---------------------------------------------------------------------------------------------

describe('no plain write bypasses the workflow', () => {
  const patch = (id: string, body: unknown, method = 'PATCH', who: UserName = 'reviewer') =>
    api.call(method, `/api/refunds/${id}`, { token: token[who], body });

  it.each([
    ['status', { status: 'approved' }],
    ['assigneeId', { assigneeId: 'u2' }],
    ['approvedFen', { approvedFen: 1 }],
    ['refundableFen', { refundableFen: 99_999_999 }],
    [
      'decision',
      { decision: { action: 'approve', by: 'u1', at: '2026-01-01T00:00:00.000Z', customerMessage: 'x' } },
    ],
    ['overrideBy', { overrideBy: 'u3' }],
    ['updatedBy', { updatedBy: 'u3' }],
    ['an unknown field', { secretFlag: true }],
    ['the old internal note', { internalNote: 'sneaky' }],
    ['nothing', {}],
  ])('PATCH and PUT changing %s → 405 refund_read_only, nothing stored', async (_label, changes) => {
    const r = await getRefund(base.in_review.id);
    const count = await eventCount(r.id);
    for (const who of ['reviewer', 'supervisor', 'manager'] as const) {
      for (const [method, body] of [
        ['PATCH', changes],
        ['PATCH', { ...changes, version: r.version }],
        ['PATCH', { ...changes, version: r.version - 1 }],
        ['PUT', { ...r, ...changes }],
      ] as const) {
        const res = await patch(r.id, body, method, who);
        expectJsonError(res, 405, `${who} ${method}`);
        expect(res.body).toMatchObject({ code: 'refund_read_only' });
        expect(res.headers.get('allow')).toBe('GET');
      }
    }
    expect(await getRefund(r.id)).toEqual(r);
    expect(await eventCount(r.id)).toBe(count);
  });

  it('DELETE and POST /api/refunds → 405, nothing removed or created', async () => {
    const r = await getRefund(base.rejected.id);
    const total = async () =>
      (
        await api.call('GET', `/api/refunds${listQuery({ range: [0, 0] })}`, { token: token.manager })
      ).headers.get('content-range');
    const before = await total();
    for (const who of ['reviewer', 'supervisor', 'manager'] as const) {
      expectJsonError(await api.call('DELETE', `/api/refunds/${r.id}`, { token: token[who] }), 405, who);
      expectJsonError(await post(who, '/api/refunds', { ...r, id: 'r424242' }), 405, who);
    }
    expect(await getRefund(r.id)).toEqual(r);
    expect(await total()).toBe(before);
    expectJsonError(await api.call('GET', '/api/refunds/r424242', { token: token.manager }), 404);
  });
});

// ---------------------------------------------------------------------------------------------

describe('profile', () => {
  it("summarises the customer's requests; unknown ids are 404", async () => {
    const res = await api.call('GET', `/api/refunds/${base.refunded.id}/profile`, { token: token.reviewer2 });
    expect(res.status).toBe(200);
    const profile = res.body as { customerId: string; requests90d: number; unusualRate: boolean };
    expect(profile.customerId).toBe(base.refunded.customerId);
    expect(profile.requests90d).toBeGreaterThanOrEqual(1);
    expect(typeof profile.unusualRate).toBe('boolean');
    expectJsonError(await api.call('GET', '/api/refunds/r99999999/profile', { token: token.reviewer }), 404);
  });
});

// ---------------------------------------------------------------------------------------------
// Time: these move the server clock, so they run last.

describe('the customer reply', () => {
  it('restarts the SLA: due 24 h after the reply', async () => {
    const waiting = await fixture('awaiting_info');
    await advanceClock(5 * 3_600_000);
    const events = await eventsOf(waiting.id);
    const before = await serverNow();
    const after = await ok(send('customer-reply', 'reviewer2', waiting));
    const [event] = await newEvents(waiting.id, events);
    expect(toMs(event.at)).toBeGreaterThanOrEqual(toMs(before));
    expect(after).toMatchObject({
      status: 'pending',
      slaStartAt: event.at,
      slaDueAt: toIso(toMs(event.at) + FIRST_REVIEW_SLA_MS),
      awaitingInfoSince: null,
      // the reviewer who asked keeps the request
      assigneeId: userId.reviewer,
    });
    expect(after.slaDueAt > waiting.slaDueAt).toBe(true);
    expect(after.providedItems).toEqual(expect.arrayContaining([...waiting.providedItems, 'payment_proof']));
  });
});

describe('timers', () => {
  it('pays out an approval after its channel delay (refunded, with a system event)', async () => {
    const r = await claim(await pick('plain', { paymentChannel: 'wechat_pay' }));
    const approved = await ok(approve(r));
    expect(approved.status).toBe('approved');
    const due = toMs(payoutAt('wechat_pay', approved.decidedAt!, idJitter(approved.id)));
    const events = await eventsOf(r.id);
    const now = toMs(await serverNow());
    await advanceClock(Math.max(0, due - now - 30_000));
    expect((await getRefund(r.id)).status).toBe('approved');
    await advanceClock(60_000);
    const paid = await getRefund(r.id);
    expect(paid.status).toBe('refunded');
    expect(toMs(paid.refundedAt!)).toBeGreaterThanOrEqual(due);
    expect(toMs(paid.refundedAt!)).toBeLessThanOrEqual(toMs(approved.expectedArrivalAt!) + 60_000);
    const added = await newEvents(r.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'payout',
      actorKind: 'system',
      actorId: null,
      statusBefore: 'approved',
      statusAfter: 'refunded',
      amountFen: approved.approvedFen,
    });
  });

  it('pays out a bank card refund within its 3 days', async () => {
    const r = await claim(await pick('plain', { paymentChannel: 'bank_card' }));
    const approved = await ok(approve(r));
    await advanceClock(DAY_MS - 60_000);
    expect((await getRefund(r.id)).status).toBe('approved');
    await advanceClock(2 * DAY_MS + 120_000);
    expect((await getRefund(r.id)).status).toBe('refunded');
    expect(approved.expectedArrivalAt).toBe(toIso(toMs(approved.decidedAt!) + 3 * DAY_MS));
  });

  it('rejects a request after 7 days without the information (information_missing, system event)', async () => {
    const waiting = await fixture('awaiting_info');
    const events = await eventsOf(waiting.id);
    const since = toMs(waiting.awaitingInfoSince!);
    await advanceClock(Math.max(0, since + INFO_TIMEOUT_MS - toMs(await serverNow()) - 60_000));
    expect(await getRefund(waiting.id)).toEqual(waiting);
    await advanceClock(120_000);
    const rejected = await getRefund(waiting.id);
    expect(rejected).toMatchObject({
      status: 'rejected',
      awaitingInfoSince: null,
      version: waiting.version + 1,
      decision: {
        action: 'reject',
        by: 'system',
        reasonCode: 'information_missing',
        missingItems: ['payment_proof'],
      },
    });
    const added = await newEvents(waiting.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'info_timeout',
      actorKind: 'system',
      actorId: null,
      statusBefore: 'awaiting_info',
      statusAfter: 'rejected',
      details: { reasonCode: 'information_missing', missingItems: ['payment_proof'] },
    });
    expect(typeof added[0].customerMessage).toBe('string');
  });
});

describe('an empty queue', () => {
  it('claim-next answers 204 once every pending request is taken', async () => {
    const pendingCount = async () =>
      Number(
        /\/(\d+)$/.exec(
          (
            await api.call(
              'GET',
              `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'pending', assigneeId: 'unassigned' } })}`,
              { token: token.reviewer },
            )
          ).headers.get('content-range') ?? '',
        )?.[1],
      );
    const queued = await pendingCount();
    expect(queued).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (;;) {
      const res = await post(ids.size % 2 ? 'reviewer' : 'reviewer2', '/api/refunds/claim-next');
      if (res.status === 204) {
        expect(res.text).toBe('');
        break;
      }
      expect(res.status).toBe(200);
      ids.add((res.body as RefundRequest).id);
      expect(ids.size).toBeLessThanOrEqual(queued);
    }
    expect(ids.size).toBe(queued);
    expect(await pendingCount()).toBe(0);
  });
});
