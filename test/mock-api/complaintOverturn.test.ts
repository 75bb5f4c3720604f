// Part 3 over real HTTP: the overturn through the refund workflow ending in a payout, the reviewer's
// scoped view, and the complaint clockwork (auto-escalation, overdue flag, 14-day reopen window)
// driven by the test clock.
import { describe, expect, it } from 'vitest';
import { REOPEN_WINDOW } from '../../src/domain/complaintWorkflow';
import { type Complaint } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { COMPLAINT_LEVEL1_MS, COMPLAINT_LEVEL2_MS, HOUR_MS, toMs } from '../../src/domain/sla';
import { listQuery } from './harness';
import {
  type UserName,
  type Body,
  api,
  token,
  userId,
  withComplaintsApi,
  expectError,
  getComplaint,
  getRefund,
  events,
  advanceClock,
  freshRefund,
  rejectedBy,
  ONE_PAIR,
  open,
  act,
  refusedAction,
  MSG,
} from './complaintsKit';

withComplaintsApi();

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
