// The complaint workflow's transitions one by one: assign, note, contact, escalate, the clockwork's
// actions, resolve, close and reopen.
import { describe, expect, it } from 'vitest';
import {
  GOODWILL_COINS_CAP,
  REOPEN_WINDOW,
  dueForAutoEscalation,
  dueForOverdueFlag,
  isComplaintOverdue,
  withinReopenWindow,
  type ComplaintCommand,
  type ComplaintRefundView,
} from '../../src/domain/complaintWorkflow';
import type { Complaint } from '../../src/domain/model';
import { COMPLAINT_ANNOTATIONS } from '../../src/domain/complaintAnnotations';
import { DAY_MS, HOUR_MS, toIso, toMs } from '../../src/domain/sla';
import {
  NOW,
  at,
  rev1,
  sup1,
  sup2,
  system,
  makeComplaint,
  rejectedRefund,
  run,
  ok,
  refused,
  raw,
  MSG,
  scenario,
} from './complaintWorkflowKit';

describe('assign / take', () => {
  it('taking an open complaint starts the investigation', () => {
    const open = makeComplaint({ status: 'open', assigneeId: null });
    const result = ok(run(open, { action: 'assign', version: 5, assigneeId: 'u-sup1' }, sup1));
    expect(result.complaint).toMatchObject({ status: 'investigating', assigneeId: 'u-sup1' });
    expect(result.event.details).toMatchObject({
      previousAssigneeId: null,
      assigneeId: 'u-sup1',
      took: true,
    });
  });

  it('reassigning keeps the status (escalated stays escalated)', () => {
    const escalated = makeComplaint({ status: 'escalated', level: 2 });
    const result = ok(run(escalated, { action: 'assign', version: 5, assigneeId: 'u-sup2' }, sup1));
    expect(result.complaint).toMatchObject({ status: 'escalated', assigneeId: 'u-sup2' });
    expect(result.event.details).toMatchObject({ previousAssigneeId: 'u-sup1', took: false });
  });

  it('refuses the current assignee and non-supervisors (422)', () => {
    const same = refused(
      run(makeComplaint(), { action: 'assign', version: 5, assigneeId: 'u-sup1' }, sup2),
      422,
    );
    expect(same.errors?.assigneeId).toBe('This complaint is already assigned to Chen Jing.');
    const reviewer = refused(
      run(makeComplaint(), { action: 'assign', version: 5, assigneeId: 'u-rev1' }, sup1),
      422,
    );
    expect(reviewer.errors?.assigneeId).toMatch(/not an active supervisor/);
  });
});

describe('note', () => {
  it('adds to the timeline without changing the status, also on resolved complaints', () => {
    for (const status of ['open', 'resolved'] as const) {
      const result = ok(run(makeComplaint({ status }), { action: 'note', version: 5, text: ' 备注 ' }, sup2));
      expect(result.complaint.status).toBe(status);
      expect(result.event.note).toBe('备注');
    }
  });

  it.each(COMPLAINT_ANNOTATIONS)(
    '%s needs no version: any, stale or none, it is ignored and the complaint stays as it is',
    (action) => {
      const s = scenario(action);
      const before = structuredClone(s.complaint);
      const { version: _v, ...body } = s.command as { version: number };
      for (const version of [undefined, 0, 4, 6, 99]) {
        const sent = version === undefined ? body : { ...body, version };
        const result = ok(run(s.complaint, sent as ComplaintCommand, s.actor));
        expect(result.complaint, String(version)).toEqual(before);
        expect(result.event).toMatchObject({ action, actorId: 'u-sup1', statusAfter: before.status });
      }
      // a version sent must still be a whole number (the schema, not the lock)
      refused(run(s.complaint, { ...body, version: '5' } as unknown as ComplaintCommand, s.actor), 422);
    },
  );

  it('closed complaints are read-only', () => {
    const result = refused(
      run(makeComplaint({ status: 'closed' }), { action: 'note', version: 5, text: 'x' }, sup1),
      409,
    );
    expect(result.message).toBe('This complaint is closed and read-only; reopen it to add notes.');
  });
});

describe('contact', () => {
  const contact = (complaint: Complaint, awaitingReply?: boolean) =>
    ok(run(complaint, { action: 'contact', version: 5, text: '已致电客户。', awaitingReply }, sup1));

  it('an open or waiting complaint goes (back) under investigation', () => {
    expect(contact(makeComplaint({ status: 'open', assigneeId: null })).complaint.status).toBe(
      'investigating',
    );
    expect(contact(makeComplaint({ status: 'awaiting_customer' })).complaint.status).toBe('investigating');
  });

  it('awaitingReply puts it in awaiting_customer; the level is kept', () => {
    const result = contact(makeComplaint({ status: 'escalated', level: 2 }), true);
    expect(result.complaint).toMatchObject({ status: 'awaiting_customer', level: 2 });
    expect(result.event).toMatchObject({ note: '已致电客户。', details: { awaitingReply: true, level: 2 } });
    // the customer answers: back to escalated, not to level-1 investigation
    const back = ok(
      run({ ...result.complaint, version: 5 }, { action: 'contact', version: 5, text: '客户回电' }, sup1),
    );
    expect(back.complaint.status).toBe('escalated');
  });

  it('waiting for the customer pauses the due time: kept, with the working time that was left', () => {
    const c = makeComplaint();
    expect(contact(c, true).complaint).toMatchObject({
      dueAt: c.dueAt,
      awaitingCustomerSince: NOW,
      dueWorkingMsLeft: toMs(c.dueAt) - toMs(NOW),
    });
  });
});

describe('escalate', () => {
  it('goes to level 2 with a new 24 h due time from now, the reason in the event', () => {
    const c = makeComplaint({ overdueFlag: false });
    const result = ok(run(c, { action: 'escalate', version: 5, reason: '客户要求主管处理' }, sup2));
    expect(result.complaint).toMatchObject({
      status: 'escalated',
      level: 2,
      escalatedAt: NOW,
      dueAt: at(24 * HOUR_MS),
      assigneeId: 'u-sup1',
    });
    expect(result.event).toMatchObject({
      note: '客户要求主管处理',
      details: { level: 2, fromLevel: 1, previousDueAt: c.dueAt, dueAt: at(24 * HOUR_MS) },
    });
  });

  it('a level-2 complaint cannot escalate again (409), whatever its status', () => {
    for (const status of ['escalated', 'awaiting_customer'] as const) {
      const result = refused(
        run(makeComplaint({ status, level: 2 }), { action: 'escalate', version: 5, reason: 'again' }, sup1),
        409,
      );
      expect(result.message).toBe('This complaint is already escalated to level 2.');
    }
  });
});

describe('auto-escalation and the overdue flag', () => {
  const c = makeComplaint();

  it('a level-1 complaint escalates by itself at its due time, not 1 ms before', () => {
    expect(dueForAutoEscalation(c, toIso(toMs(c.dueAt) - 1))).toBe(false);
    expect(dueForAutoEscalation(c, c.dueAt)).toBe(true);
    const early = refused(
      run(c, { action: 'auto_escalate' }, system, { now: toIso(toMs(c.dueAt) - 1) }),
      409,
    );
    expect(early.message).toBe(
      `This complaint is not due until ${c.dueAt}; it cannot escalate by itself yet.`,
    );
    const later = at(3 * DAY_MS);
    const result = ok(run(c, { action: 'auto_escalate' }, system, { now: later }));
    expect(result.complaint).toMatchObject({
      status: 'escalated',
      level: 2,
      escalatedAt: later,
      dueAt: toIso(toMs(later) + 24 * HOUR_MS),
    });
    expect(result.event).toMatchObject({ action: 'auto_escalate', actorKind: 'system', actorId: null });
  });

  it('never for level 2, resolved or closed complaints', () => {
    const late = at(30 * DAY_MS);
    expect(dueForAutoEscalation({ ...c, level: 2, status: 'escalated' }, late)).toBe(false);
    expect(dueForAutoEscalation({ ...c, status: 'resolved' }, late)).toBe(false);
    expect(dueForAutoEscalation({ ...c, status: 'closed' }, late)).toBe(false);
    refused(
      run({ ...c, level: 2, status: 'escalated' }, { action: 'auto_escalate' }, system, { now: late }),
      409,
    );
  });

  it('a level-2 complaint past its due time is flagged to managers, once', () => {
    const l2 = makeComplaint({ status: 'escalated', level: 2, dueAt: at(HOUR_MS) });
    expect(dueForOverdueFlag(l2, at(HOUR_MS - 1))).toBe(false);
    expect(dueForOverdueFlag(l2, at(HOUR_MS))).toBe(true);
    refused(run(l2, { action: 'flag_overdue' }, system, { now: at(HOUR_MS - 1) }), 409);
    const flagged = ok(run(l2, { action: 'flag_overdue' }, system, { now: at(2 * HOUR_MS) }));
    expect(flagged.complaint).toMatchObject({ overdueFlag: true, status: 'escalated', level: 2 });
    expect(flagged.event.details).toMatchObject({ dueAt: at(HOUR_MS) });
    expect(dueForOverdueFlag(flagged.complaint, at(3 * HOUR_MS))).toBe(false);
    expect(
      refused(run(flagged.complaint, { action: 'flag_overdue' }, system, { now: at(3 * HOUR_MS) }), 409)
        .message,
    ).toBe('This complaint is already flagged as overdue.');
  });

  it('level 1 is never flagged (it escalates instead)', () => {
    expect(dueForOverdueFlag(c, at(30 * DAY_MS))).toBe(false);
    refused(run(c, { action: 'flag_overdue' }, system, { now: at(30 * DAY_MS) }), 409);
  });

  it('resolving clears the flag', () => {
    const flagged = makeComplaint({ status: 'escalated', level: 2, overdueFlag: true });
    const resolved = ok(
      run(flagged, { action: 'resolve', version: 5, outcome: 'upheld', customerMessage: MSG }, sup1),
    );
    expect(resolved.complaint.overdueFlag).toBe(false);
  });

  it('isComplaintOverdue: active and past due', () => {
    expect(isComplaintOverdue(c, toMs(c.dueAt) + 1)).toBe(true);
    expect(isComplaintOverdue(c, toMs(c.dueAt))).toBe(false);
    expect(isComplaintOverdue({ ...c, status: 'resolved' }, toMs(c.dueAt) + 1)).toBe(false);
  });
});

describe('resolve', () => {
  const resolve = (
    body: Record<string, unknown>,
    refund: ComplaintRefundView = rejectedRefund,
    actor = sup1,
  ) => run(makeComplaint(), raw('resolve', { version: 5, customerMessage: MSG, ...body }), actor, { refund });

  it('upheld: resolved, the resolution recorded, no refund command', () => {
    const result = ok(resolve({ outcome: 'upheld' }));
    expect(result.complaint).toMatchObject({
      status: 'resolved',
      resolvedAt: NOW,
      resolution: { outcome: 'upheld', by: 'u-sup1', at: NOW, customerMessage: MSG },
    });
    expect(result.complaint.resolution).not.toHaveProperty('amountFen');
    expect(result).not.toHaveProperty('refundCommand');
    expect(result.event).toMatchObject({
      customerMessage: MSG,
      amountFen: null,
      details: { outcome: 'upheld' },
    });
  });

  it('overturned: refunds the whole refundable amount through the refund workflow', () => {
    const result = ok(resolve({ outcome: 'overturned' }));
    expect(result.complaint.resolution).toMatchObject({ outcome: 'overturned', amountFen: 6_800 });
    expect(result.refundCommand).toEqual({
      action: 'overturn',
      version: 7,
      amountFen: 6_800,
      complaintId: 'cp-1',
      note: `Complaint cp-1 resolved as overturned: ${MSG}`,
    });
    expect(result.event).toMatchObject({
      amountFen: 6_800,
      details: { outcome: 'overturned', refundableFen: 6_800, previousRefundStatus: 'rejected' },
    });
    // an explicit amount must be the whole refundable amount
    ok(resolve({ outcome: 'overturned', amountFen: 6_800 }));
    const other = refused(resolve({ outcome: 'overturned', amountFen: 5_000 }), 422);
    expect(other.errors?.amountFen).toMatch(/partially_overturned/);
  });

  it('partially_overturned: an amount above what is approved and below the refundable amount', () => {
    const result = ok(resolve({ outcome: 'partially_overturned', amountFen: 3_000 }));
    expect(result.complaint.resolution).toMatchObject({ outcome: 'partially_overturned', amountFen: 3_000 });
    expect(result.refundCommand).toMatchObject({ amountFen: 3_000 });
    expect(refused(resolve({ outcome: 'partially_overturned' }), 422).errors).toHaveProperty('amountFen');
    expect(
      refused(resolve({ outcome: 'partially_overturned', amountFen: 6_800 }), 422).errors?.amountFen,
    ).toMatch(/choose "overturned"/);
    expect(
      refused(resolve({ outcome: 'partially_overturned', amountFen: 6_801 }), 422).errors?.amountFen,
    ).toBe('The amount cannot exceed the refundable ¥68.00.');
  });

  it("the overturn amount is at most the order's refundable amount and above a partial approval", () => {
    const partial: ComplaintRefundView = {
      ...rejectedRefund,
      status: 'partially_approved',
      approvedFen: 4_000,
    };
    expect(
      refused(resolve({ outcome: 'partially_overturned', amountFen: 4_000 }, partial), 422).errors?.amountFen,
    ).toBe('The amount must be more than the ¥40.00 already approved; it is the new total to refund.');
    ok(resolve({ outcome: 'partially_overturned', amountFen: 4_001 }, partial));
    ok(resolve({ outcome: 'overturned' }, partial));
    const paidPartly: ComplaintRefundView = { ...partial, status: 'refunded' };
    expect(ok(resolve({ outcome: 'overturned' }, paidPartly)).refundCommand?.amountFen).toBe(6_800);
    const nothing: ComplaintRefundView = { ...rejectedRefund, refundableFen: 0 };
    expect(refused(resolve({ outcome: 'overturned' }, nothing), 422).errors?.amountFen).toMatch(
      /Nothing is refundable/,
    );
  });

  it('an overturn of a request that cannot be overturned is a 409 that says why', () => {
    const full: ComplaintRefundView = { ...rejectedRefund, status: 'refunded', approvedFen: 6_800 };
    const result = refused(resolve({ outcome: 'overturned' }, full), 409);
    expect(result.message).toBe(
      'The refund request is refunded: This request was already refunded in full; there is nothing left to overturn. Resolve the complaint as upheld or goodwill instead.',
    );
    refused(
      resolve({ outcome: 'partially_overturned', amountFen: 10 }, { ...rejectedRefund, status: 'in_review' }),
      409,
    );
    // upheld and goodwill do not depend on the request
    ok(resolve({ outcome: 'upheld' }, full));
    ok(resolve({ outcome: 'goodwill', goodwillCoins: 100 }, full));
  });

  it(`goodwill: coins credited up to the cap of ${GOODWILL_COINS_CAP}`, () => {
    expect(GOODWILL_COINS_CAP).toBe(5_000);
    const result = ok(resolve({ outcome: 'goodwill', goodwillCoins: GOODWILL_COINS_CAP }));
    expect(result.complaint.resolution).toMatchObject({ outcome: 'goodwill', goodwillCoins: 5_000 });
    expect(result.event.details).toMatchObject({ outcome: 'goodwill', goodwillCoins: 5_000 });
    expect(result).not.toHaveProperty('refundCommand');
    expect(
      refused(resolve({ outcome: 'goodwill', goodwillCoins: GOODWILL_COINS_CAP + 1 }), 422).errors
        ?.goodwillCoins,
    ).toBe('The goodwill can be at most 5,000 coins.');
    expect(refused(resolve({ outcome: 'goodwill' }), 422).errors).toHaveProperty('goodwillCoins');
    expect(
      refused(resolve({ outcome: 'goodwill', goodwillCoins: 10, amountFen: 100 }), 422).errors,
    ).toHaveProperty('amountFen');
  });

  it('amounts and coins only with their own outcome (422)', () => {
    expect(refused(resolve({ outcome: 'upheld', amountFen: 100 }), 422).errors).toHaveProperty('amountFen');
    expect(refused(resolve({ outcome: 'upheld', goodwillCoins: 100 }), 422).errors).toHaveProperty(
      'goodwillCoins',
    );
    expect(refused(resolve({ outcome: 'overturned', goodwillCoins: 100 }), 422).errors).toHaveProperty(
      'goodwillCoins',
    );
  });

  it("only the holder resolves: unassigned is a 409 (take it first), someone else's a 403", () => {
    const unassigned = makeComplaint({ status: 'open', assigneeId: null });
    const result = refused(
      run(unassigned, raw('resolve', { version: 5, outcome: 'upheld', customerMessage: MSG }), sup1),
      409,
    );
    expect(result.message).toBe(
      'Nobody holds this complaint; take it (assign it to yourself) before you resolve it.',
    );
    expect(refused(resolve({ outcome: 'upheld' }, rejectedRefund, sup2), 403).message).toBe(
      'This complaint is assigned to Chen Jing; only they can resolve it. Assign it to yourself first.',
    );
    expect(refused(resolve({ outcome: 'upheld' }, rejectedRefund, rev1), 403).message).toBe(
      'Your role (reviewer) may not resolve complaints.',
    );
  });
});

describe('close', () => {
  it('closes a resolved complaint', () => {
    const s = scenario('close');
    const result = ok(run(s.complaint, { action: 'close', version: 5, note: '客户确认' }, sup2));
    expect(result.complaint).toMatchObject({
      status: 'closed',
      closedAt: NOW,
      resolvedAt: s.complaint.resolvedAt,
    });
    expect(result.event.note).toBe('客户确认');
  });

  it('an unresolved complaint must be resolved first', () => {
    expect(refused(run(makeComplaint(), { action: 'close', version: 5 }, sup1), 409).message).toBe(
      'Only resolved complaints can be closed; this one is under investigation.',
    );
  });
});

describe('reopen', () => {
  const resolvedAt = at(-REOPEN_WINDOW);
  const resolution = { outcome: 'upheld' as const, by: 'u-sup1', at: resolvedAt, customerMessage: MSG };
  const resolved = makeComplaint({ status: 'resolved', resolvedAt, resolution });
  const reopen = (c: Complaint, now = NOW, other: string | null = null) =>
    run(c, { action: 'reopen', version: 5 }, sup1, { now, other });

  it('within 14 days of the resolution, inclusive', () => {
    expect(REOPEN_WINDOW).toBe(14 * DAY_MS);
    expect(withinReopenWindow(resolved, NOW)).toBe(true);
    expect(withinReopenWindow(resolved, at(1))).toBe(false);
    const result = ok(reopen(resolved));
    expect(result.complaint).toMatchObject({
      status: 'investigating',
      resolution: null,
      resolvedAt: null,
      closedAt: null,
      dueAt: at(48 * HOUR_MS),
    });
    expect(result.event.details).toMatchObject({ previousResolution: resolution, resolvedAt });
  });

  it('14 days + 1 ms after the resolution is too late (409)', () => {
    const result = refused(reopen(resolved, at(1)), 409);
    expect(result.message).toBe(
      `Complaints can be reopened within 14 days of their resolution; this one was resolved on ${resolvedAt} and the window closed on ${NOW}.`,
    );
  });

  it('from closed too; the window still counts from the resolution', () => {
    const closed = { ...resolved, status: 'closed' as const, closedAt: at(-DAY_MS) };
    expect(ok(reopen(closed, at(-1))).complaint).toMatchObject({ status: 'investigating', closedAt: null });
    refused(reopen(closed, at(1)), 409);
  });

  it('a level-2 complaint reopens escalated with 24 h; an unassigned one reopens open', () => {
    const l2 = ok(reopen({ ...resolved, level: 2 })).complaint;
    expect(l2).toMatchObject({ status: 'escalated', level: 2, dueAt: at(24 * HOUR_MS) });
    expect(ok(reopen({ ...resolved, assigneeId: null })).complaint.status).toBe('open');
  });

  it('not while another complaint is open on the same request (409 naming it)', () => {
    expect(refused(reopen(resolved, NOW, 'cp-9'), 409).message).toBe(
      'Complaint cp-9 is already open on this refund request; work on that one instead.',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Opening
