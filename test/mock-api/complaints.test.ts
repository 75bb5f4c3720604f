// Part 3 over real HTTP: opening complaints, every complaint action with its refusals (403 / 404 /
// 409 / 422) that change nothing, the overturn through the refund workflow ending in a payout, the
// complaint clockwork (auto-escalation, overdue flag, 14-day reopen window) driven by the test
// clock, the reviewer's scoped view, and the seed's complaints.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createComplaint, executeComplaintCommand, sweepComplaint } from '../../mock-api/complaintService';
import type { Snapshot } from '../../mock-api/deskData';
import { generateSeed } from '../../mock-api/seed/index';
import { isComplaintAnnotation } from '../../src/domain/complaintAnnotations';
import { GOODWILL_COINS_CAP, REOPEN_WINDOW } from '../../src/domain/complaintWorkflow';
import {
  COMPLAINT_STATUSES,
  type AuditEvent,
  type Complaint,
  type RefundRequest,
  type RefundStatus,
} from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { COMPLAINT_LEVEL1_MS, COMPLAINT_LEVEL2_MS, DAY_MS, HOUR_MS, toIso, toMs } from '../../src/domain/sla';
import { openSnapshotDatabase, type SnapshotDatabase } from '../support/snapshotDatabase';
import { listQuery, startTestApi, type TestApi } from './harness';

const USERS = ['reviewer', 'reviewer2', 'supervisor', 'supervisor2', 'manager'] as const;
type UserName = (typeof USERS)[number];
type Reply = Awaited<ReturnType<TestApi['call']>>;
type Body = Record<string, unknown>;

let api: TestApi;
const token = {} as Record<UserName, string>;
const userId = {} as Record<UserName, string>;

beforeAll(async () => {
  api = await startTestApi({ count: 1500, seed: 23 });
  for (const name of USERS) {
    token[name] = await api.login(name);
    const me = await api.call('GET', '/api/auth/me', { token: token[name] });
    userId[name] = (me.body as { id: string }).id;
  }
});
afterAll(() => api.close());

// ---------------------------------------------------------------------------------------------
// Helpers

const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

function expectError(res: Reply, status: number, message?: string | RegExp) {
  expect(res.status, res.text).toBe(status);
  const body = res.body as { message?: unknown };
  expect(typeof body?.message).toBe('string');
  if (message !== undefined) expect(body.message).toMatch(message);
}

async function ok<T = Complaint>(reply: Promise<Reply> | Reply, status = 200): Promise<T> {
  const res = await reply;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res.body as T;
}

async function getComplaint(id: string, who: UserName = 'supervisor'): Promise<Complaint> {
  return ok(api.call('GET', `/api/complaints/${id}`, { token: token[who] }));
}

async function getRefund(id: string): Promise<RefundRequest> {
  return ok(api.call('GET', `/api/refunds/${id}`, { token: token.supervisor }));
}

async function events(filter: Body, who: UserName = 'supervisor'): Promise<AuditEvent[]> {
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
const seq = (id: string) => Number(id.replace(/^\D+/, ''));

async function totalEvents(): Promise<number> {
  const res = await api.call('GET', `/api/events${listQuery({ range: [0, 0] })}`, {
    token: token.supervisor,
  });
  return Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
}

async function advanceClock(ms: number): Promise<{ now: string; moved: number }> {
  return ok(post('supervisor', '/api/test/advance-clock', { ms }));
}

const used = new Set<string>();
/** A fresh refund request (never used by another test) matching the filter and the predicate. */
async function freshRefund(
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
const rejectedBy = (reviewer: UserName, extra: Body = {}) =>
  freshRefund(
    { status: 'rejected', refundableFen_gte: 200, ...extra },
    (r) => r.decision?.by === userId[reviewer],
  );

/** Requests one supervisor may overturn alone: no tip, no policy block, at most ¥500 (fourEyes.ts). */
const ONE_PAIR = {
  tipping: false,
  outsideWindow: false,
  accountRestricted: false,
  refundableFen_lte: SECOND_APPROVAL_THRESHOLD_FEN,
};

const DESCRIPTION = '客户来电：在退款时限内已联系客服，不认可驳回。';

async function open(refund: RefundRequest, who: UserName = 'reviewer', body: Body = {}): Promise<Complaint> {
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

async function act(who: UserName, c: Complaint, action: string, body: Body = {}): Promise<Complaint> {
  return ok(post(who, `/api/complaints/${c.id}/${action}`, { version: c.version, ...body }));
}

/** Sends a refused action and checks it changed nothing and wrote no event. */
async function refusedAction(
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

const MSG = '您好，经复核，我们决定全额退款，预计 10 分钟内到账。';

// ---------------------------------------------------------------------------------------------

describe('POST /api/complaints', () => {
  it('a reviewer logs a phone complaint: level 1, open, due in 48 h, with the disputed decision', async () => {
    const refund = await rejectedBy('reviewer');
    const c = await open(refund);
    expect(c).toMatchObject({
      id: expect.stringMatching(/^cp\d+$/),
      refundId: refund.id,
      customerId: refund.customerId,
      customerName: refund.customerName,
      orderNumber: refund.orderNumber,
      channel: 'phone',
      category: 'disputes_rejection',
      description: DESCRIPTION,
      priority: 'normal',
      status: 'open',
      level: 1,
      assigneeId: null,
      openedBy: userId.reviewer,
      overdueFlag: false,
      resolution: null,
      version: 1,
      originalDecision: {
        status: 'rejected',
        reviewerId: userId.reviewer,
        amountFen: null,
        reasonCode: refund.decision?.reasonCode,
      },
    });
    expect(toMs(c.dueAt) - toMs(c.openedAt)).toBe(COMPLAINT_LEVEL1_MS);
    expect(await getComplaint(c.id)).toEqual(c);
    const evs = await events({ complaintId: c.id });
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({
      subject: 'complaint',
      action: 'open',
      refundId: refund.id,
      complaintId: c.id,
      actorId: userId.reviewer,
      actorKind: 'staff',
      statusBefore: null,
      statusAfter: 'open',
      note: DESCRIPTION,
    });
  });

  it('a regulator referral is urgent and due in 24 h; a late refund is high priority', async () => {
    const c = await open(await freshRefund({ status: 'rejected' }), 'supervisor', {
      channel: 'regulator_referral',
    });
    expect(c.priority).toBe('urgent');
    expect(toMs(c.dueAt) - toMs(c.openedAt)).toBe(COMPLAINT_LEVEL2_MS);
    const late = await open(
      await freshRefund({ status: 'pending' }, (r) => r.decision === null),
      'supervisor',
      {
        category: 'refund_late',
      },
    );
    expect(late).toMatchObject({ priority: 'high', originalDecision: null });
  });

  it('refuses a second open complaint on the same request (409) and points at the first', async () => {
    const refund = await freshRefund({ status: 'rejected' });
    const first = await open(refund);
    const count = await totalEvents();
    const res = await post('supervisor', '/api/complaints', {
      refundId: refund.id,
      channel: 'in_app',
      category: 'other',
      description: 'again',
    });
    expectError(
      res,
      409,
      `Complaint ${first.id} is already open on this refund request; add to that one instead of opening a second.`,
    );
    expect(res.body).toMatchObject({ existingComplaintId: first.id });
    expect(await totalEvents()).toBe(count);
  });

  it('refuses invalid bodies (422 per field), unknown requests (422), managers (403) and no token (401)', async () => {
    const refund = await freshRefund({ status: 'rejected' });
    const good = { refundId: refund.id, channel: 'phone', category: 'disputes_rejection', description: 'x' };
    const cases: [Body, string][] = [
      [{ ...good, channel: 'fax' }, 'channel'],
      [{ ...good, category: 'rude' }, 'category'],
      [{ ...good, description: '  ' }, 'description'],
      [{ ...good, level: 2 }, 'level'],
      [{ ...good, category: 'disputes_partial_amount' }, 'category'],
      [{ ...good, refundId: 'r999999' }, 'refundId'],
      [{ channel: 'phone', category: 'other', description: 'x' }, 'refundId'],
    ];
    const count = await totalEvents();
    for (const [body, field] of cases) {
      const res = await post('reviewer', '/api/complaints', body);
      expectError(res, 422);
      expect((res.body as { errors: Body }).errors, JSON.stringify(body)).toHaveProperty(field);
    }
    expectError(await post('reviewer', '/api/complaints', [good]), 422);
    expectError(await post('manager', '/api/complaints', good), 403, 'A manager may not create complaints.');
    expectError(await api.call('POST', '/api/complaints', { body: good }), 401);
    expect(await totalEvents()).toBe(count);
  });

  it('complaints cannot be edited or deleted directly', async () => {
    expectError(await api.call('PUT', '/api/complaints/cp1', { token: token.supervisor, body: {} }), 405);
    expectError(await api.call('DELETE', '/api/complaints/cp1', { token: token.supervisor }), 405);
  });
});

describe('the actions, one by one', () => {
  it('take, note, contact, escalate: each audited on the complaint timeline', async () => {
    const refund = await rejectedBy('reviewer');
    let c = await open(refund);

    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    expect(c).toMatchObject({ status: 'investigating', assigneeId: userId.supervisor, version: 2 });

    // a note is audited but changes nothing on the complaint, its version included
    const taken = c;
    c = await act('supervisor2', c, 'note', { text: '已调取通话录音，客户 6 天内来电。' });
    expect(c).toEqual(taken);
    expect(await getComplaint(c.id)).toEqual(taken);

    c = await act('supervisor', c, 'contact', { text: '致电客户，请其提供聊天截图。', awaitingReply: true });
    expect(c.status).toBe('awaiting_customer');
    c = await act('supervisor', c, 'contact', { text: '客户已发来截图。' });
    expect(c.status).toBe('investigating');

    const before = toMs(await serverNow());
    c = await act('supervisor', c, 'escalate', { reason: '涉及审核员操作规范，升级处理。' });
    expect(c).toMatchObject({ status: 'escalated', level: 2, assigneeId: userId.supervisor });
    expect(toMs(c.dueAt) - toMs(c.escalatedAt!)).toBe(COMPLAINT_LEVEL2_MS);
    expect(toMs(c.escalatedAt!)).toBeGreaterThanOrEqual(before);

    const timeline = await events({ complaintId: c.id });
    expect(timeline.map((e) => [e.action, e.actorId, e.statusAfter])).toEqual([
      ['open', userId.reviewer, 'open'],
      ['assign', userId.supervisor, 'investigating'],
      ['note', userId.supervisor2, 'investigating'],
      ['contact', userId.supervisor, 'awaiting_customer'],
      ['contact', userId.supervisor, 'investigating'],
      ['escalate', userId.supervisor, 'escalated'],
    ]);
    expect(timeline[2].note).toBe('已调取通话录音，客户 6 天内来电。');
    expect(timeline[5]).toMatchObject({
      note: '涉及审核员操作规范，升级处理。',
      details: { level: 2, fromLevel: 1 },
    });
    for (const e of timeline)
      expect(e).toMatchObject({ subject: 'complaint', refundId: refund.id, complaintId: c.id });
  });

  it('refusals change nothing: stale version 409 with the current complaint, 404, 422, double escalation', async () => {
    let c = await open(await freshRefund({ status: 'rejected' }));
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    const stale = await refusedAction(
      'supervisor',
      c,
      'contact',
      { version: 1, text: 'late' },
      409,
      'This complaint was changed by someone else (version 2 is current, you sent 1). Reload it and try again.',
    );
    expect((stale.body as { current: Complaint }).current).toEqual(c);
    await refusedAction(
      'supervisor',
      c,
      'assign',
      { version: 2, assigneeId: userId.reviewer },
      422,
      /not an active supervisor/,
    );
    await refusedAction(
      'supervisor',
      c,
      'assign',
      { version: 2, assigneeId: userId.supervisor },
      422,
      /already assigned/,
    );
    await refusedAction('supervisor', c, 'note', { version: 2, text: '' }, 422);
    await refusedAction(
      'supervisor',
      c,
      'note',
      { version: 2, text: 'x', extra: 1 },
      422,
      /Unknown field "extra"/,
    );
    await refusedAction('supervisor', c, 'escalate', { version: 2 }, 422, /reason/);
    await refusedAction(
      'supervisor',
      c,
      'close',
      { version: 2 },
      409,
      /Only resolved complaints can be closed/,
    );
    await refusedAction('supervisor', c, 'reopen', { version: 2 }, 409);
    await refusedAction('supervisor', c, 'contact', { text: 'no version' }, 422, /version/);
    c = await act('supervisor', c, 'escalate', { reason: 'urgent' });
    await refusedAction(
      'supervisor',
      c,
      'escalate',
      { version: c.version, reason: 'again' },
      409,
      'This complaint is already escalated to level 2.',
    );
    expectError(await post('supervisor', '/api/complaints/cp999999/note', { version: 1, text: 'x' }), 404);
  });

  it('a reviewer cannot resolve (403) nor act in any other way; neither can a manager', async () => {
    const refund = await rejectedBy('reviewer');
    let c = await open(refund);
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    const resolveBody = { version: c.version, outcome: 'overturned', customerMessage: MSG };
    const res = await refusedAction(
      'reviewer',
      c,
      'resolve',
      resolveBody,
      403,
      'A reviewer may not resolve complaints.',
    );
    expect(res.body).not.toHaveProperty('current');
    for (const action of ['assign', 'note', 'contact', 'escalate', 'close', 'reopen']) {
      await refusedAction('reviewer', c, action, { version: c.version, text: 'x' }, 403);
      await refusedAction('manager', c, action, { version: c.version, text: 'x' }, 403);
    }
    await refusedAction('manager', c, 'resolve', resolveBody, 403);
    // the refund request is untouched
    expect((await getRefund(refund.id)).status).toBe('rejected');
  });

  it('only the holder resolves: another supervisor gets 403; an unheld complaint 409', async () => {
    let c = await open(await freshRefund({ status: 'rejected' }));
    const body = { outcome: 'upheld', customerMessage: MSG };
    await refusedAction('supervisor', c, 'resolve', { version: 1, ...body }, 409, /take it/);
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    await refusedAction(
      'supervisor2',
      c,
      'resolve',
      { version: c.version, ...body },
      403,
      /assigned to 陈静 Chen Jing/,
    );
    // supervisor2 takes it over, then may resolve
    c = await act('supervisor2', c, 'assign', { assigneeId: userId.supervisor2 });
    c = await act('supervisor2', c, 'resolve', body);
    expect(c.status).toBe('resolved');
  });

  it('upheld: resolved with the message to the customer; the request keeps its rejection', async () => {
    const refund = await freshRefund({ status: 'rejected' });
    let c = await open(refund);
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    c = await act('supervisor', c, 'resolve', { outcome: 'upheld', customerMessage: '经复核，维持原决定。' });
    expect(c).toMatchObject({
      status: 'resolved',
      resolution: { outcome: 'upheld', by: userId.supervisor, customerMessage: '经复核，维持原决定。' },
    });
    expect(c.resolvedAt).toBe(c.resolution?.at);
    const r = await getRefund(refund.id);
    expect(r).toMatchObject({ status: 'rejected', overturned: false, version: refund.version });
  });

  it(`goodwill: coins credited, capped at ${GOODWILL_COINS_CAP}`, async () => {
    let c = await open(await freshRefund({ status: 'rejected' }));
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    await refusedAction(
      'supervisor',
      c,
      'resolve',
      {
        version: c.version,
        outcome: 'goodwill',
        customerMessage: MSG,
        goodwillCoins: GOODWILL_COINS_CAP + 1,
      },
      422,
      /at most 5,000 coins/,
    );
    await refusedAction(
      'supervisor',
      c,
      'resolve',
      { version: c.version, outcome: 'goodwill', customerMessage: MSG },
      422,
    );
    c = await act('supervisor', c, 'resolve', {
      outcome: 'goodwill',
      customerMessage: MSG,
      goodwillCoins: 500,
    });
    expect(c.resolution).toMatchObject({ outcome: 'goodwill', goodwillCoins: 500 });
    const resolveEvent = (await events({ complaintId: c.id })).at(-1)!;
    expect(resolveEvent).toMatchObject({
      action: 'resolve',
      details: { outcome: 'goodwill', goodwillCoins: 500 },
    });
  });

  it('close, then reopen within the window; a new complaint can be opened once the first is resolved', async () => {
    const refund = await freshRefund({ status: 'rejected' });
    let c = await open(refund);
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    c = await act('supervisor', c, 'resolve', { outcome: 'upheld', customerMessage: MSG });
    c = await act('supervisor2', c, 'close', { note: '客户确认无异议。' });
    expect(c).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    await refusedAction(
      'supervisor',
      c,
      'note',
      { version: c.version, text: 'x' },
      409,
      /closed and read-only/,
    );
    c = await act('supervisor2', c, 'reopen', { note: '客户补充了新证据。' });
    expect(c).toMatchObject({ status: 'investigating', resolution: null, resolvedAt: null, closedAt: null });
    // resolved again; a second complaint on the request is fine now, and then this one cannot reopen
    c = await act('supervisor', c, 'resolve', { outcome: 'upheld', customerMessage: MSG });
    const second = await open(refund, 'supervisor', { category: 'reviewer_conduct' });
    await refusedAction(
      'supervisor',
      c,
      'reopen',
      { version: c.version },
      409,
      `Complaint ${second.id} is already open`,
    );
  });
});

describe('overturn through the refund workflow', () => {
  it('a partial overturn: the request becomes partially approved for the amount', async () => {
    const refund = await freshRefund({ status: 'rejected', refundableFen_gte: 1000, ...ONE_PAIR });
    let c = await open(refund);
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    await refusedAction(
      'supervisor',
      c,
      'resolve',
      {
        version: c.version,
        outcome: 'partially_overturned',
        customerMessage: MSG,
        amountFen: refund.refundableFen + 1,
      },
      422,
    );
    c = await act('supervisor', c, 'resolve', {
      outcome: 'partially_overturned',
      customerMessage: MSG,
      amountFen: 500,
    });
    expect(c.resolution).toMatchObject({ outcome: 'partially_overturned', amountFen: 500 });
    expect(await getRefund(refund.id)).toMatchObject({
      status: 'partially_approved',
      approvedFen: 500,
      overturned: true,
      version: refund.version + 1,
    });
  });

  it('overturned: approved at once, refunded by the payout timer; both histories tell the story', async () => {
    const refund = await rejectedBy('reviewer', { paymentChannel: 'wechat_pay', ...ONE_PAIR });
    let c = await open(refund);
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    c = await act('supervisor', c, 'escalate', { reason: '客户情绪激动，升级处理。' });
    c = await act('supervisor', c, 'resolve', { outcome: 'overturned', customerMessage: MSG });
    expect(c).toMatchObject({
      status: 'resolved',
      level: 2,
      resolution: { outcome: 'overturned', amountFen: refund.refundableFen, by: userId.supervisor },
    });

    const approved = await getRefund(refund.id);
    expect(approved).toMatchObject({
      status: 'approved',
      overturned: true,
      approvedFen: refund.refundableFen,
      decidedAt: c.resolvedAt,
      decision: refund.decision,
    });

    // the complaint's timeline and the request's history, one commit apart from nothing
    const complaintEvents = await events({ complaintId: c.id });
    expect(complaintEvents.map((e) => `${e.subject}:${e.action}`)).toEqual([
      'complaint:open',
      'complaint:assign',
      'complaint:escalate',
      'complaint:resolve',
      'refund:overturn',
    ]);
    const overturn = complaintEvents.at(-1)!;
    expect(overturn).toMatchObject({
      refundId: refund.id,
      actorId: userId.supervisor,
      statusBefore: 'rejected',
      statusAfter: 'approved',
      amountFen: refund.refundableFen,
      at: c.resolvedAt,
      details: { originalDecisionBy: userId.reviewer, previousStatus: 'rejected' },
    });

    // the payout comes after the channel's delay (WeChat Pay: at most 10 minutes)
    expect((await getRefund(refund.id)).status).toBe('approved');
    await advanceClock(11 * 60_000);
    const paid = await getRefund(refund.id);
    expect(paid).toMatchObject({ status: 'refunded', overturned: true });
    const history = await events({ refundId: refund.id, subject: 'refund' });
    const actions = history.map((e) => e.action);
    expect(actions.slice(-3)).toEqual(['reject', 'overturn', 'payout']);
    expect(history.at(-1)).toMatchObject({ amountFen: refund.refundableFen, actorKind: 'system' });
  });

  it('an overturn of a request approved in full is a 409 and changes nothing', async () => {
    const refund = await freshRefund(
      { status: 'refunded', overturned: false, refundableFen_gte: 1, ...ONE_PAIR },
      (r) => r.approvedFen === r.refundableFen,
    );
    let c = await open(refund, 'supervisor', { category: 'payout_not_received' });
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    const body = { version: c.version, outcome: 'overturned', customerMessage: MSG };
    await refusedAction('supervisor', c, 'resolve', body, 409, /already refunded in full/);
    await refusedAction(
      'supervisor',
      c,
      'resolve',
      { ...body, outcome: 'partially_overturned', amountFen: 1 },
      409,
    );
    c = await act('supervisor', c, 'resolve', {
      outcome: 'goodwill',
      customerMessage: MSG,
      goodwillCoins: 100,
    });
    expect(c.status).toBe('resolved');
    expect((await getRefund(refund.id)).version).toBe(refund.version);
  });

  it('atomic: when the refund workflow refuses the overturn, the complaint is not resolved either', async () => {
    // (room for the +¥5 below without crossing the second-approval threshold)
    const refund = await freshRefund({
      status: 'rejected',
      refundableFen_gte: 1000,
      ...ONE_PAIR,
      refundableFen_lte: SECOND_APPROVAL_THRESHOLD_FEN - 500,
    });
    let c = await open(refund);
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    // a stored refundable amount the policy no longer agrees with: the complaint workflow passes it,
    // the refund workflow (which recomputes the policy) refuses it
    const desk = api.server.ctx.desk;
    const current = (await desk.get('refunds', refund.id))!;
    await desk.command((tx) =>
      tx.commit([{ c: 'refunds', v: { ...current, refundableFen: current.refundableFen + 500 } }]),
    );
    const res = await refusedAction(
      'supervisor',
      c,
      'resolve',
      { version: c.version, outcome: 'overturned', customerMessage: MSG },
      422,
      /^The refund request could not be overturned: The amount cannot exceed the refundable/,
    );
    expect((res.body as { errors: Body }).errors).toHaveProperty('amountFen');
    expect(await desk.get('refunds', refund.id)).toMatchObject({ status: 'rejected', overturned: false });
    await desk.command((tx) => tx.commit([{ c: 'refunds', v: current }]));
  });
});

describe('the reviewer sees the complaints about their own requests only', () => {
  it('GET /api/complaints and /api/complaints/:id are scoped; supervisors and managers see all', async () => {
    const mine = await open(await rejectedBy('reviewer'), 'supervisor');
    const theirs = await open(await rejectedBy('reviewer2'), 'supervisor');
    const list = async (who: UserName) => {
      const res = await api.call('GET', `/api/complaints${listQuery({ range: [0, 999] })}`, {
        token: token[who],
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-range')).toMatch(/^complaints /);
      return res.body as Complaint[];
    };
    const all = await list('supervisor');
    expect((await list('manager')).length).toBe(all.length);
    const reviewers = await list('reviewer');
    expect(reviewers.map((c) => c.id)).toContain(mine.id);
    expect(reviewers.map((c) => c.id)).not.toContain(theirs.id);
    expect(reviewers.length).toBeLessThan(all.length);
    for (const c of reviewers) {
      const refund = await getRefund(c.refundId);
      expect(
        c.originalDecision?.reviewerId === userId.reviewer ||
          refund.assigneeId === userId.reviewer ||
          refund.decision?.by === userId.reviewer,
      ).toBe(true);
    }
    expect((await list('reviewer2')).map((c) => c.id)).toContain(theirs.id);
    expect((await getComplaint(mine.id, 'reviewer')).id).toBe(mine.id);
    expectError(await api.call('GET', `/api/complaints/${theirs.id}`, { token: token.reviewer }), 404);
  });

  it('filters and sorts in the simple-rest dialect (default sort: due time)', async () => {
    const res = await api.call('GET', `/api/complaints${listQuery({ range: [0, 999] })}`, {
      token: token.supervisor,
    });
    const due = (res.body as Complaint[]).map((c) => c.dueAt);
    expect([...due].sort()).toEqual(due);
    const escalated = await api.call(
      'GET',
      `/api/complaints${listQuery({ range: [0, 999], filter: { level: 2 } })}`,
      { token: token.supervisor },
    );
    expect((escalated.body as Complaint[]).every((c) => c.level === 2)).toBe(true);
  });
});

// The clock only moves forward: these run last.
describe('the complaint clockwork (test clock)', () => {
  it('past due a level-1 complaint escalates by itself; past the level-2 due it is flagged to managers', async () => {
    const c = await open(await freshRefund({ status: 'rejected' }));
    const moved = await advanceClock(COMPLAINT_LEVEL1_MS + 60_000);
    expect(moved.moved).toBeGreaterThan(0);
    const escalated = await getComplaint(c.id);
    expect(escalated).toMatchObject({ status: 'escalated', level: 2, overdueFlag: false, version: 2 });
    // escalated by the sweep the clock move ran, at the (moved) server time
    expect(toMs(moved.now) - toMs(escalated.escalatedAt!)).toBeLessThan(1_000);
    expect(toMs(escalated.dueAt) - toMs(escalated.escalatedAt!)).toBe(COMPLAINT_LEVEL2_MS);

    await advanceClock(COMPLAINT_LEVEL2_MS - 120_000);
    expect((await getComplaint(c.id)).overdueFlag).toBe(false);
    await advanceClock(120_000);
    const flagged = await getComplaint(c.id);
    expect(flagged).toMatchObject({ overdueFlag: true, status: 'escalated', level: 2 });

    const timeline = await events({ complaintId: c.id });
    expect(timeline.map((e) => [e.action, e.actorKind, e.actorId])).toEqual([
      ['open', 'staff', userId.reviewer],
      ['auto_escalate', 'system', null],
      ['flag_overdue', 'system', null],
    ]);
    // managers find them with the filter
    const res = await api.call(
      'GET',
      `/api/complaints${listQuery({ range: [0, 999], filter: { overdueFlag: true } })}`,
      { token: token.manager },
    );
    expect((res.body as Complaint[]).map((x) => x.id)).toContain(c.id);
  });

  it('reopen within 14 days of the resolution, not after', async () => {
    const refund = await freshRefund({ status: 'rejected' });
    let c = await open(refund);
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    c = await act('supervisor', c, 'resolve', { outcome: 'upheld', customerMessage: MSG });
    c = await act('supervisor', c, 'close');
    await advanceClock(REOPEN_WINDOW - HOUR_MS);
    const reopened = await act('supervisor', c, 'reopen');
    expect(reopened.status).toBe('investigating');

    let d = await act('supervisor', reopened, 'resolve', { outcome: 'upheld', customerMessage: MSG });
    await advanceClock(REOPEN_WINDOW + 1_000);
    d = await getComplaint(d.id);
    await refusedAction(
      'supervisor',
      d,
      'reopen',
      { version: d.version },
      409,
      /within 14 days of their resolution/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The service without HTTP, and the seed (step 4)

describe('seeded complaints', () => {
  const nowMs = Date.parse('2026-03-10T08:00:00.000Z');
  const options = { count: 1200, seed: 42, nowMs, withComplaints: true };
  let snapshot: Snapshot;
  beforeAll(async () => {
    snapshot = await generateSeed(options);
  });

  it('about 4% of decided requests, in every status, some escalated, overdue and overturned', () => {
    const decided = snapshot.refunds.filter((r) => r.decidedAt !== null).length;
    expect(snapshot.complaints.length).toBeGreaterThan(decided * 0.025);
    expect(snapshot.complaints.length).toBeLessThan(decided * 0.06);
    const statuses = new Set(snapshot.complaints.map((c) => c.status));
    for (const status of COMPLAINT_STATUSES) expect(statuses, status).toContain(status);
    expect(snapshot.complaints.some((c) => c.level === 2)).toBe(true);
    expect(snapshot.complaints.some((c) => c.overdueFlag)).toBe(true);
    const active = snapshot.complaints.filter((c) => !['resolved', 'closed'].includes(c.status));
    expect(active.some((c) => toMs(c.dueAt) < nowMs)).toBe(true);
    const overturned = snapshot.complaints.filter((c) => c.resolution?.outcome === 'overturned');
    expect(overturned.length).toBeGreaterThan(0);
    for (const c of overturned) {
      const r = snapshot.refunds.find((x) => x.id === c.refundId)!;
      expect(r.overturned).toBe(true);
      expect(['approved', 'partially_approved', 'refunded'] as RefundStatus[]).toContain(r.status);
    }
    expect(snapshot.refunds.filter((r) => r.overturned).some((r) => r.status === 'refunded')).toBe(true);
  });

  it('every complaint has its events, played through the workflow (open first, in order)', () => {
    const byComplaint = new Map<string, AuditEvent[]>();
    for (const e of snapshot.events) {
      if (!e.complaintId) continue;
      byComplaint.set(e.complaintId, [...(byComplaint.get(e.complaintId) ?? []), e]);
    }
    for (const c of snapshot.complaints) {
      const evs = (byComplaint.get(c.id) ?? []).filter((e) => e.subject === 'complaint');
      expect(evs[0]?.action, c.id).toBe('open');
      expect(evs.at(-1)?.statusAfter, c.id).toBe(c.status);
      // every event but a note's is one version step
      expect(evs.filter((e) => !isComplaintAnnotation(e.action)).length, c.id).toBe(c.version);
      for (const e of evs) expect(toMs(e.at)).toBeLessThanOrEqual(nowMs);
      if (c.resolution && c.resolution.outcome.includes('overturned')) {
        expect(byComplaint.get(c.id)!.some((e) => e.subject === 'refund' && e.action === 'overturn')).toBe(
          true,
        );
      }
    }
  });

  it('at most one active complaint per request, and the seed is deterministic', async () => {
    const active = snapshot.complaints.filter((c) => !['resolved', 'closed'].includes(c.status));
    expect(new Set(active.map((c) => c.refundId)).size).toBe(active.length);
    const again = await generateSeed(options);
    expect(again.complaints).toEqual(snapshot.complaints);
    expect(again.events.length).toBe(snapshot.events.length);
  });

  /** The complaint clockwork's pass (the complaints part of timers.ts sweepAll): how many it moved. */
  async function sweepComplaints({ desk }: SnapshotDatabase, nowIso: string): Promise<number> {
    let moved = 0;
    for (const c of await desk.activeComplaints()) {
      if (await desk.command((tx) => sweepComplaint(tx, c.id, nowIso))) moved++;
    }
    return moved;
  }

  it('nothing is due at seed time: a sweep at "now" finds no complaint to escalate or flag', async () => {
    const database = await openSnapshotDatabase(snapshot);
    try {
      expect(await sweepComplaints(database, toIso(nowMs))).toBe(0);
      // a day later, the clockwork has work
      expect(await sweepComplaints(database, toIso(nowMs + 3 * DAY_MS))).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });

  it('createComplaint / executeComplaintCommand work on a database of their own, without HTTP', async () => {
    const database = await openSnapshotDatabase(snapshot);
    onTestFinished(() => database.close());
    const { desk } = database;
    const refund = snapshot.refunds.find(
      (r) => r.status === 'rejected' && !snapshot.complaints.some((c) => c.refundId === r.id),
    )!;
    const sup = { kind: 'staff', id: 'u3', role: 'supervisor' } as const;
    const body = {
      refundId: refund.id,
      channel: 'in_app',
      category: 'disputes_rejection',
      description: '申诉',
    };
    const opened = await desk.command((tx) =>
      createComplaint(tx, refund, body, { kind: 'customer' }, toIso(nowMs)),
    );
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.complaint.openedBy).toBeNull();
    expect(await desk.get('complaints', opened.complaint.id)).toEqual(opened.complaint);
    const again = await desk.command((tx) =>
      createComplaint(tx, refund, body, { kind: 'customer' }, toIso(nowMs)),
    );
    expect(again).toMatchObject({ ok: false, status: 409, existingComplaintId: opened.complaint.id });
    const taken = await desk.command((tx) =>
      executeComplaintCommand(
        tx,
        opened.complaint,
        { action: 'assign', version: 1, assigneeId: 'u3' },
        sup,
        toIso(nowMs + 1000),
      ),
    );
    expect(taken.ok && taken.complaint.status).toBe('investigating');
    expect((await desk.get('complaints', opened.complaint.id))?.status).toBe('investigating');
  });
});

async function serverNow(): Promise<string> {
  const res = await api.call('GET', '/api/health');
  return (res.body as { now: string }).now;
}
