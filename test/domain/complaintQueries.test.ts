// Opening a complaint, the actions and outcomes the UI offers, the workflow's properties and the
// categories a request allows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_COMPLAINT_STATUSES,
  GOODWILL_COINS_CAP,
  availableComplaintActions,
  availableOutcomes,
  complaintCategoriesFor,
  complaintPriority,
  openComplaint,
  type ComplaintCommand,
  type ComplaintRefundView,
} from '../../src/domain/complaintWorkflow';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type Complaint,
  type ComplaintStatus,
  type RefundRequest,
} from '../../src/domain/model';
import { isComplaintAnnotation } from '../../src/domain/complaintAnnotations';
import type { Actor } from '../../src/domain/workflowEngine';
import { DAY_MS, HOUR_MS } from '../../src/domain/sla';
import {
  NOW,
  at,
  rev1,
  sup1,
  sup2,
  mgr,
  system,
  customer,
  makeComplaint,
  rejectedRefund,
  run,
  refused,
  raw,
  MSG,
  scenario,
  ACTIONS,
} from './complaintWorkflowKit';

describe('openComplaint', () => {
  const refund = {
    id: 'r-1',
    customerId: 'c-1',
    customerName: '王小明',
    orderNumber: 'CZ1',
    status: 'rejected',
    refundableFen: 6_800,
    approvedFen: null,
    decidedAt: at(-DAY_MS),
    decision: {
      action: 'reject',
      by: 'u-rev1',
      at: at(-DAY_MS),
      reasonCode: 'outside_window',
      customerMessage: '驳回',
    },
  } as unknown as RefundRequest;
  const body = {
    refundId: 'r-1',
    channel: 'phone',
    category: 'disputes_rejection',
    description: '  不服驳回  ',
  };
  const open = (b: unknown = body, actor: Actor = rev1, active: string | null = null, r = refund) =>
    openComplaint(r, b, {
      actor,
      nowIso: NOW,
      id: 'cp-7',
      activeComplaint: active ? { id: active, originalDecision: { reviewerId: 'u-rev1' } } : null,
    });

  it('builds a level-1 open complaint due in 48 h, with the disputed decision and an open event', () => {
    const result = open();
    if (!result.ok) throw new Error(result.message);
    expect(result.complaint).toEqual({
      id: 'cp-7',
      refundId: 'r-1',
      customerId: 'c-1',
      customerName: '王小明',
      orderNumber: 'CZ1',
      channel: 'phone',
      category: 'disputes_rejection',
      description: '不服驳回',
      priority: 'normal',
      level: 1,
      status: 'open',
      assigneeId: null,
      openedAt: NOW,
      openedBy: 'u-rev1',
      dueAt: at(48 * HOUR_MS),
      escalatedAt: null,
      overdueFlag: false,
      originalDecision: {
        status: 'rejected',
        reviewerId: 'u-rev1',
        amountFen: null,
        decidedAt: at(-DAY_MS),
        reasonCode: 'outside_window',
      },
      resolution: null,
      resolvedAt: null,
      closedAt: null,
      updatedAt: NOW,
      version: 1,
    });
    expect(result.event).toMatchObject({
      subject: 'complaint',
      refundId: 'r-1',
      complaintId: 'cp-7',
      action: 'open',
      actorId: 'u-rev1',
      actorKind: 'staff',
      statusBefore: null,
      statusAfter: 'open',
      note: '不服驳回',
      details: { channel: 'phone', category: 'disputes_rejection', priority: 'normal', level: 1 },
    });
  });

  it('regulator referrals are urgent and due in 24 h; late refunds and missing payouts are high', () => {
    const result = open({ ...body, channel: 'regulator_referral' }, sup1);
    expect(result.ok && result.complaint).toMatchObject({ priority: 'urgent', dueAt: at(24 * HOUR_MS) });
    expect(complaintPriority('regulator_referral', 'other')).toBe('urgent');
    for (const channel of COMPLAINT_CHANNELS.filter((c) => c !== 'regulator_referral')) {
      for (const category of COMPLAINT_CATEGORIES) {
        expect(complaintPriority(channel, category)).toBe(
          category === 'refund_late' || category === 'payout_not_received' ? 'high' : 'normal',
        );
      }
    }
  });

  it('the customer side opens one too (no staff author); the system and managers cannot (403)', () => {
    const result = open({ ...body, channel: 'in_app' }, customer);
    expect(result.ok && result.complaint.openedBy).toBeNull();
    expect(result.ok && result.event.actorKind).toBe('customer');
    refused(open(body, mgr), 403);
    refused(open(body, system), 403);
  });

  it('a second active complaint on the request is a 409 that names the first', () => {
    const result = refused(open(body, sup1, 'cp-3'), 409);
    expect(result.message).toBe(
      'Complaint cp-3 is already open on this refund request; add to that one instead of opening a second.',
    );
    // 403 comes first
    refused(open(body, mgr, 'cp-3'), 403);
  });

  it('names the open complaint only to whoever may read it', () => {
    const rev2: Actor = { kind: 'staff', id: 'u-rev2', role: 'reviewer' };
    const active = { id: 'cp-3', originalDecision: { reviewerId: 'u-rev1' } };
    const ctx = { nowIso: NOW, id: 'cp-7', activeComplaint: active };
    const hidden = openComplaint(refund, body, { ...ctx, actor: rev2 });
    expect(hidden).toEqual({
      ok: false,
      status: 409,
      code: 'complaint_already_open_hidden',
      params: {},
      message: 'A complaint about this request is already open; a supervisor handles it.',
    });
    for (const actor of [rev1, sup1, { kind: 'customer' } as const]) {
      const named = openComplaint(refund, body, { ...ctx, actor });
      expect(named).toMatchObject({ ok: false, status: 409, existingComplaintId: 'cp-3' });
    }
  });

  it('the category must fit the request (422)', () => {
    const pending = { ...refund, status: 'pending', decision: null } as RefundRequest;
    expect(refused(open(body, rev1, null, pending), 422).errors).toHaveProperty('category');
    expect(refused(open({ ...body, category: 'disputes_partial_amount' }), 422).errors).toHaveProperty(
      'category',
    );
    expect(refused(open({ ...body, category: 'payout_not_received' }), 422).errors).toHaveProperty(
      'category',
    );
    const late = open({ ...body, category: 'refund_late' }, rev1, null, pending);
    expect(late.ok && late.complaint).toMatchObject({ priority: 'high', originalDecision: null });
    const partial = { ...refund, status: 'refunded', approvedFen: 3_000 } as RefundRequest;
    expect(open({ ...body, category: 'disputes_partial_amount' }, rev1, null, partial).ok).toBe(true);
    expect(open({ ...body, category: 'payout_not_received' }, rev1, null, partial).ok).toBe(true);
  });

  it('refuses a body naming another request or with unknown fields (422)', () => {
    expect(refused(open({ ...body, refundId: 'r-2' }), 422).errors).toHaveProperty('refundId');
    expect(refused(open({ ...body, priority: 'urgent' }), 422).errors).toEqual({
      priority: 'Unknown field "priority".',
    });
  });

  it('a timed-out rejection has no reviewer to blame', () => {
    const timedOut = { ...refund, decision: { ...refund.decision!, by: 'system' } } as RefundRequest;
    const result = open(body, rev1, null, timedOut);
    expect(result.ok && result.complaint.originalDecision?.reviewerId).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Queries

describe('availableComplaintActions', () => {
  const actions = (c: Complaint, actor: Actor, nowIso = NOW) =>
    availableComplaintActions(c, actor, { nowIso });

  it('an open, unassigned complaint: a supervisor can take, note, contact, escalate; not resolve yet', () => {
    const c = makeComplaint({ status: 'open', assigneeId: null });
    expect(actions(c, sup1)).toEqual(['assign', 'note', 'contact', 'escalate']);
  });

  it('the holder can resolve; another supervisor cannot', () => {
    expect(actions(makeComplaint(), sup1)).toEqual(['assign', 'note', 'contact', 'escalate', 'resolve']);
    // a colleague who does not hold it notes it; a contact moves its status, so it is the holder's
    expect(actions(makeComplaint(), sup2)).toEqual(['assign', 'note', 'escalate']);
  });

  it('reviewers and managers are offered nothing (read only)', () => {
    for (const status of COMPLAINT_STATUSES) {
      expect(actions(makeComplaint({ status }), rev1)).toEqual([]);
      expect(actions(makeComplaint({ status }), mgr)).toEqual([]);
    }
  });

  it('resolved: note, close and reopen (while the window is open); closed: reopen only', () => {
    const resolved = makeComplaint({ status: 'resolved', resolvedAt: at(-DAY_MS) });
    expect(actions(resolved, sup2)).toEqual(['note', 'close', 'reopen']);
    expect(actions(resolved, sup2, at(14 * DAY_MS))).toEqual(['note', 'close']);
    expect(actions({ ...resolved, status: 'closed' }, sup2)).toEqual(['reopen']);
    expect(
      availableComplaintActions(resolved, sup2, { nowIso: NOW, otherActiveComplaintId: 'cp-2' }),
    ).not.toContain('reopen');
  });

  it('the system: auto_escalate or flag_overdue when due', () => {
    const c = makeComplaint();
    expect(actions(c, system)).toEqual([]);
    expect(actions(c, system, c.dueAt)).toEqual(['auto_escalate']);
    const l2 = makeComplaint({ status: 'escalated', level: 2, dueAt: NOW });
    expect(actions(l2, system)).toEqual(['flag_overdue']);
  });

  it('agrees with applyComplaintCommand: an offered action never meets a 403 or a 409', () => {
    const actors = [rev1, sup1, sup2, mgr, system, customer];
    for (const action of ACTIONS) {
      const s = scenario(action);
      const now = s.now ?? NOW;
      for (const status of COMPLAINT_STATUSES) {
        for (const level of [1, 2] as const) {
          const c = { ...s.complaint, status, level };
          for (const actor of actors) {
            const offered = availableComplaintActions(c, actor, { nowIso: now }).includes(action);
            const result = run(c, s.command, actor, { now });
            const label = `${action} ${status} L${level} ${JSON.stringify(actor)}`;
            if (offered) expect(result.ok || result.status === 422, label).toBe(true);
            else expect(result.ok, label).toBe(false);
          }
        }
      }
    }
  });
});

describe('availableOutcomes', () => {
  it('offers the overturns only when something can still be refunded', () => {
    expect(availableOutcomes(rejectedRefund)).toEqual([
      'upheld',
      'overturned',
      'partially_overturned',
      'goodwill',
    ]);
    expect(availableOutcomes({ ...rejectedRefund, status: 'approved', approvedFen: 6_800 })).toEqual([
      'upheld',
      'goodwill',
    ]);
    expect(availableOutcomes({ ...rejectedRefund, status: 'refunded', approvedFen: 6_799 })).toEqual([
      'upheld',
      'overturned',
      'goodwill',
    ]);
    expect(availableOutcomes({ ...rejectedRefund, refundableFen: 0 })).toEqual(['upheld', 'goodwill']);
  });
});

// ---------------------------------------------------------------------------------------------
// Property

describe('properties', () => {
  const actorArb = fc.constantFrom<Actor>(rev1, sup1, sup2, mgr, system, customer);
  const complaintArb = fc
    .record({
      status: fc.constantFrom(...COMPLAINT_STATUSES),
      level: fc.constantFrom(1 as const, 2 as const),
      assigneeId: fc.option(fc.constantFrom('u-sup1', 'u-sup2', 'u-rev1'), { nil: null }),
      dueInH: fc.integer({ min: -100, max: 100 }),
      resolvedDaysAgo: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      overdueFlag: fc.boolean(),
      version: fc.nat({ max: 6 }),
    })
    .map((g) =>
      makeComplaint({
        status: g.status,
        level: g.level,
        assigneeId: g.assigneeId,
        dueAt: at(g.dueInH * HOUR_MS),
        resolvedAt: g.resolvedDaysAgo === null ? null : at(-g.resolvedDaysAgo * DAY_MS),
        overdueFlag: g.overdueFlag,
        version: g.version,
      }),
    );
  const refundArb = fc
    .record({
      status: fc.constantFrom<RefundRequest['status']>(
        'rejected',
        'partially_approved',
        'refunded',
        'approved',
        'pending',
      ),
      refundableFen: fc.integer({ min: 0, max: 20_000 }),
      approvedRatio: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((g): ComplaintRefundView => ({
      id: 'r-1',
      status: g.status,
      refundableFen: g.refundableFen,
      approvedFen:
        g.status === 'rejected' || g.status === 'pending'
          ? null
          : Math.floor(g.refundableFen * g.approvedRatio),
      version: 2,
      // one fen a coin: goodwill never reaches the second-approval threshold here
      paidFen: 1_000,
      coins: 1_000,
      tipping: false,
      outsideWindow: false,
      accountRestricted: false,
      overrideBy: null,
    }));
  const commandArb = (v: number): fc.Arbitrary<ComplaintCommand> => {
    const version = fc.constantFrom(v, v + 1);
    const text = fc.oneof(fc.constant('文本'), fc.constant(''), fc.string({ maxLength: 5 }));
    return fc.oneof(
      fc.record({
        action: fc.constant('assign'),
        version,
        assigneeId: fc.constantFrom('u-sup1', 'u-sup2', 'u-rev1'),
      }),
      fc.record({ action: fc.constant('note'), version, text }),
      fc.record({ action: fc.constant('contact'), version, text, awaitingReply: fc.boolean() }),
      fc.record({ action: fc.constant('escalate'), version, reason: text }),
      fc.record(
        {
          action: fc.constant('resolve'),
          version,
          outcome: fc.constantFrom('upheld', 'overturned', 'partially_overturned', 'goodwill'),
          customerMessage: text,
          amountFen: fc.integer({ min: -1, max: 25_000 }),
          goodwillCoins: fc.integer({ min: 0, max: 6_000 }),
        },
        { requiredKeys: ['action', 'version', 'outcome', 'customerMessage'] },
      ),
      fc.record({ action: fc.constant('close'), version }),
      fc.record({ action: fc.constant('reopen'), version }),
      fc.constant({ action: 'auto_escalate' }),
      fc.constant({ action: 'flag_overdue' }),
    ) as unknown as fc.Arbitrary<ComplaintCommand>;
  };

  it('success ⇒ version + 1 and a consistent event; overturns stay within the refundable amount; failure ⇒ nothing', () => {
    const seen = { ok: 0, refused: 0, overturns: 0 };
    fc.assert(
      fc.property(
        complaintArb.chain((c) => fc.tuple(fc.constant(c), commandArb(c.version), actorArb, refundArb)),
        ([complaint, command, actor, refund]) => {
          const frozen = structuredClone(complaint);
          const result = run(complaint, command, actor, { refund });
          expect(complaint).toEqual(frozen);
          if (!result.ok) {
            seen.refused++;
            expect([403, 409, 422]).toContain(result.status);
            expect(result).not.toHaveProperty('complaint');
            return;
          }
          seen.ok++;
          if (isComplaintAnnotation(command.action)) expect(result.complaint).toEqual(frozen);
          else expect(result.complaint.version).toBe(complaint.version + 1);
          expect(COMPLAINT_STATUSES).toContain(result.complaint.status);
          expect(result.event).toMatchObject({
            action: command.action,
            complaintId: complaint.id,
            statusBefore: complaint.status,
            statusAfter: result.complaint.status,
          });
          if (command.action === 'resolve') expect(result.complaint.resolution?.by).toBe('u-sup1');
          if (command.action === 'reopen') expect(result.complaint.resolution).toBeNull();
          if (result.refundCommand) {
            seen.overturns++;
            expect(result.refundCommand.amountFen).toBeLessThanOrEqual(refund.refundableFen);
            expect(result.refundCommand.amountFen).toBeGreaterThan(
              refund.status === 'rejected' ? 0 : (refund.approvedFen ?? 0),
            );
          }
          if (result.complaint.resolution?.goodwillCoins !== undefined) {
            expect(result.complaint.resolution.goodwillCoins).toBeLessThanOrEqual(GOODWILL_COINS_CAP);
          }
        },
      ),
      { numRuns: 4000, seed: 20260310 },
    );
    expect(seen.ok).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });

  it('resolutions: an overturn refunds more than is approved and at most the refundable amount; goodwill ≤ cap', () => {
    const seen = { overturns: 0, goodwill: 0, refused: 0 };
    fc.assert(
      fc.property(
        refundArb,
        fc.constantFrom('upheld', 'overturned', 'partially_overturned', 'goodwill'),
        fc.option(fc.integer({ min: -1, max: 25_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: -1, max: 6_000 }), { nil: undefined }),
        fc.constantFrom<ComplaintStatus>(...ACTIVE_COMPLAINT_STATUSES),
        (refund, outcome, amountFen, goodwillCoins, status) => {
          const result = run(
            makeComplaint({ status }),
            raw('resolve', { version: 5, outcome, customerMessage: MSG, amountFen, goodwillCoins }),
            sup1,
            { refund },
          );
          if (!result.ok) {
            seen.refused++;
            expect([409, 422]).toContain(result.status);
            return;
          }
          expect(result.complaint.resolution?.outcome).toBe(outcome);
          if (outcome === 'overturned' || outcome === 'partially_overturned') {
            seen.overturns++;
            const amount = result.refundCommand!.amountFen;
            expect(amount).toBeLessThanOrEqual(refund.refundableFen);
            expect(amount).toBeGreaterThan(refund.status === 'rejected' ? 0 : (refund.approvedFen ?? 0));
            expect(amount === refund.refundableFen).toBe(outcome === 'overturned');
          } else {
            expect(result).not.toHaveProperty('refundCommand');
          }
          if (outcome === 'goodwill') {
            seen.goodwill++;
            expect(result.complaint.resolution?.goodwillCoins).toBeGreaterThan(0);
            expect(result.complaint.resolution?.goodwillCoins).toBeLessThanOrEqual(GOODWILL_COINS_CAP);
          }
        },
      ),
      { numRuns: 3000, seed: 20260311 },
    );
    expect(seen.overturns).toBeGreaterThan(20);
    expect(seen.goodwill).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});

describe('complaintCategoriesFor', () => {
  it('offers the disputes only when there is something to dispute', () => {
    const base = { status: 'rejected', approvedFen: null, refundableFen: 6_800 } as RefundRequest;
    expect(complaintCategoriesFor(base)).toEqual([
      'disputes_rejection',
      'refund_late',
      'reviewer_conduct',
      'other',
    ]);
    expect(complaintCategoriesFor({ ...base, status: 'refunded', approvedFen: 3_000 })).toEqual([
      'disputes_partial_amount',
      'refund_late',
      'payout_not_received',
      'reviewer_conduct',
      'other',
    ]);
    expect(complaintCategoriesFor({ ...base, status: 'pending' })).toEqual([
      'refund_late',
      'reviewer_conduct',
      'other',
    ]);
  });
});
