// Part 3 over real HTTP: opening complaints and every complaint action with its refusals (403 / 404
// / 409 / 422) that change nothing. The overturn, the reviewer's scoped view and the clockwork:
// complaintOverturn.test.ts; the seed's complaints and the service without HTTP: seededComplaints.test.ts.
import { describe, expect, it } from 'vitest';
import { GOODWILL_COINS_CAP } from '../../src/domain/complaintWorkflow';
import { type Complaint } from '../../src/domain/model';
import { COMPLAINT_LEVEL1_MS, COMPLAINT_LEVEL2_MS, toMs } from '../../src/domain/sla';
import {
  type Body,
  api,
  token,
  userId,
  withComplaintsApi,
  post,
  expectError,
  getComplaint,
  getRefund,
  events,
  totalEvents,
  freshRefund,
  rejectedBy,
  DESCRIPTION,
  open,
  act,
  refusedAction,
  MSG,
  serverNow,
} from './complaintsKit';

withComplaintsApi();

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
