// The refund workflow's overturn: a supervisor resolving a complaint as (partially) overturned.
import { describe, expect, it } from 'vitest';
import { REFUND_STATUSES, type RefundRequest } from '../../src/domain/model';
import {
  availableRefundActions,
  dueForPayout,
  overturnBlock,
  overturnFloorFen,
} from '../../src/domain/refundWorkflow';
import { DAY_MS, HOUR_MS, expectedArrivalAt, payoutAt, toIso, toMs } from '../../src/domain/sla';
import {
  NOW,
  at,
  rev1,
  sup1,
  sup2,
  mgr,
  system,
  makeRequest,
  policyFor,
  run,
  ok,
  refused,
  raw,
  MSG,
} from './refundWorkflowFixtures';

// ---------------------------------------------------------------------------------------------
// Overturn (part 3: a supervisor resolving a complaint as overturned or partially overturned)

describe('overturn', () => {
  const NOTE = '投诉成立：客户已在退款时限内联系客服。';
  const overturn = (version: number, amountFen: number, complaintId = 'cp-1') =>
    ({ action: 'overturn', version, amountFen, complaintId, note: NOTE }) as const;
  const dayAgo = at(-DAY_MS);
  const rejection = { action: 'reject', by: 'u-rev1', at: dayAgo, reasonCode: 'outside_window' } as const;
  const rejected = (overrides: Partial<RefundRequest> = {}) =>
    makeRequest({
      status: 'rejected',
      decidedAt: dayAgo,
      firstDecisionAt: dayAgo,
      decision: { ...rejection, customerMessage: MSG },
      ...overrides,
    });
  const partial = (status: 'partially_approved' | 'refunded', approvedFen = 3_000) =>
    makeRequest({
      status,
      approvedFen,
      decidedAt: at(-2 * DAY_MS),
      refundedAt: status === 'refunded' ? at(-2 * DAY_MS + HOUR_MS) : null,
      decision: {
        action: 'approve',
        by: 'u-rev1',
        at: at(-2 * DAY_MS),
        amountFen: approvedFen,
        customerMessage: MSG,
      },
    });

  it('turns a rejection into a full approval, marked overturned, with a new payout clock', () => {
    const r = rejected();
    const result = ok(run(r, overturn(3, 6_800), sup1));
    expect(result.request).toMatchObject({
      status: 'approved',
      overturned: true,
      approvedFen: 6_800,
      decidedAt: NOW,
      expectedArrivalAt: expectedArrivalAt('wechat_pay', NOW),
      firstDecisionAt: r.firstDecisionAt,
      version: 4,
      updatedBy: 'u-sup1',
    });
    // the reviewer's decision stays on record: the overturn is a separate, audited act
    expect(result.request.decision).toEqual(r.decision);
    expect(result.request).not.toHaveProperty('alreadyRefundedFen');
    expect(result.event).toMatchObject({
      subject: 'refund',
      action: 'overturn',
      complaintId: 'cp-1',
      actorId: 'u-sup1',
      statusBefore: 'rejected',
      statusAfter: 'approved',
      amountFen: 6_800,
      note: NOTE,
      details: {
        complaintId: 'cp-1',
        previousStatus: 'rejected',
        previousApprovedFen: null,
        refundableFen: 6_800,
        partial: false,
        topUp: false,
        originalDecisionBy: 'u-rev1',
      },
    });
  });

  it('a smaller amount is a partial approval', () => {
    const result = ok(run(rejected(), overturn(3, 2_500), sup2));
    expect(result.request).toMatchObject({
      status: 'partially_approved',
      approvedFen: 2_500,
      overturned: true,
    });
    expect(result.event.details).toMatchObject({ partial: true });
  });

  it('the payout timer then refunds it, after its channel delay from the overturn', () => {
    const overturned = ok(run(rejected(), overturn(3, 6_800), sup1)).request;
    const due = payoutAt('wechat_pay', NOW, 0.5);
    expect(dueForPayout(overturned, toIso(toMs(due) - 1))).toBe(false);
    expect(dueForPayout(overturned, due)).toBe(true);
    const paid = ok(run(overturned, { action: 'payout' }, system, { now: due }));
    expect(paid.request).toMatchObject({ status: 'refunded', refundedAt: due, overturned: true });
    expect(paid.event.amountFen).toBe(6_800);
  });

  it('tops up a partial approval not yet paid out; the amount is the new total', () => {
    const result = ok(run(partial('partially_approved'), overturn(3, 6_800), sup1));
    expect(result.request).toMatchObject({ status: 'approved', approvedFen: 6_800, overturned: true });
    expect(result.request).not.toHaveProperty('alreadyRefundedFen');
    expect(result.event.details).toMatchObject({ topUp: true, previousApprovedFen: 3_000 });
    // paid once, in full
    const due = payoutAt('wechat_pay', NOW, 0.5);
    expect(ok(run(result.request, { action: 'payout' }, system, { now: due })).event.amountFen).toBe(6_800);
  });

  it('tops up a partial refund already paid out: the second payout pays only the difference', () => {
    const result = ok(run(partial('refunded'), overturn(3, 5_000), sup1));
    expect(result.request).toMatchObject({
      status: 'partially_approved',
      approvedFen: 5_000,
      alreadyRefundedFen: 3_000,
      decidedAt: NOW,
    });
    expect(result.event.details).toMatchObject({
      topUp: true,
      alreadyRefundedFen: 3_000,
      previousStatus: 'refunded',
    });
    const due = payoutAt('wechat_pay', NOW, 0.5);
    const paid = ok(run(result.request, { action: 'payout' }, system, { now: due }));
    expect(paid.event.amountFen).toBe(2_000);
    expect(paid.event.details).toMatchObject({ topUp: true, alreadyRefundedFen: 3_000, totalFen: 5_000 });
    // a second top-up after that payout: everything approved so far has been paid
    const again = ok(run(paid.request, overturn(paid.request.version, 6_800, 'cp-2'), sup2));
    expect(again.request).toMatchObject({ status: 'approved', alreadyRefundedFen: 5_000 });
  });

  it('a top-up of an unpaid top-up keeps what was paid before', () => {
    const first = ok(run(partial('refunded'), overturn(3, 4_000), sup1)).request;
    const second = ok(run(first, overturn(first.version, 6_800, 'cp-2'), sup1)).request;
    expect(second).toMatchObject({ status: 'approved', approvedFen: 6_800, alreadyRefundedFen: 3_000 });
  });

  it('must exceed what is already approved (422)', () => {
    for (const amount of [3_000, 2_999]) {
      const result = refused(run(partial('partially_approved'), overturn(3, amount), sup1), 422);
      expect(result.errors?.amountFen).toBe(
        'The amount must be more than the ¥30.00 already approved; it is the new total to refund.',
      );
    }
  });

  it('cannot exceed the refundable amount (422), nor refund a request with nothing refundable', () => {
    const over = refused(run(rejected(), overturn(3, 6_801), sup1), 422);
    expect(over.errors?.amountFen).toBe('The amount cannot exceed the refundable ¥68.00.');
    const spent = rejected({ coinsSpent: 680 });
    expect(spent.refundableFen).toBe(0);
    expect(refused(run(spent, overturn(3, 100), sup1), 422).errors).toHaveProperty('amountFen');
    // spent coins lower the ceiling to the unspent part
    const half = rejected({ coinsSpent: 340 });
    refused(run(half, overturn(3, 3_401), sup1), 422);
    expect(ok(run(half, overturn(3, 3_400), sup1)).request.status).toBe('approved');
  });

  it('refuses requests approved or refunded in full, and requests still in review (409)', () => {
    const full = makeRequest({ status: 'approved', approvedFen: 6_800, decidedAt: NOW });
    expect(refused(run(full, overturn(3, 6_800), sup1), 409).message).toBe(
      'This request is already approved in full and its payout is on the way; there is nothing to overturn.',
    );
    expect(refused(run({ ...full, status: 'refunded' }, overturn(3, 6_800), sup1), 409).message).toBe(
      'This request was already refunded in full; there is nothing left to overturn.',
    );
    expect(refused(run(makeRequest(), overturn(3, 6_800), sup1), 409).message).toBe(
      'Only rejected, partially approved or partially refunded requests can be overturned; this one is in review. Let the review finish first.',
    );
  });

  it('overturnBlock and overturnFloorFen state the same rule for the complaint workflow', () => {
    expect(overturnBlock({ status: 'rejected', approvedFen: null }, 100)).toBeNull();
    expect(overturnBlock({ status: 'partially_approved', approvedFen: 50 }, 100)).toBeNull();
    expect(overturnBlock({ status: 'refunded', approvedFen: 50 }, 100)).toBeNull();
    expect(overturnBlock({ status: 'refunded', approvedFen: 100 }, 100)?.status).toBe(409);
    for (const status of REFUND_STATUSES.filter(
      (st) => !['rejected', 'partially_approved', 'refunded'].includes(st),
    )) {
      expect(overturnBlock({ status, approvedFen: null }, 100)?.status).toBe(409);
    }
    expect(overturnFloorFen({ status: 'rejected', approvedFen: 40 })).toBe(0);
    expect(overturnFloorFen({ status: 'partially_approved', approvedFen: 40 })).toBe(40);
  });

  it('is a supervisor act: the reviewer who decided cannot overturn their own decision (403)', () => {
    expect(refused(run(rejected(), overturn(3, 6_800), rev1), 403).message).toBe(
      'Your role (reviewer) may not overturn refund decisions; only a supervisor resolving a complaint can.',
    );
    refused(run(rejected(), overturn(3, 6_800), mgr), 403);
    // any supervisor: the request's assignee does not matter after the decision
    ok(run(rejected({ assigneeId: 'u-rev2' }), overturn(3, 6_800), sup2));
  });

  // Changed in part 8: this test asserted the hole (a tipping or policy-blocked overturn paid out on
  // one supervisor's word). Now such an overturn is only another supervisor's second approval.
  it('needs four eyes above the threshold, on tipping and over a policy block: another supervisor confirms', () => {
    const big = rejected({ paidFen: 80_000, coins: 8_000, coinsSpent: 1_000, coinsSpentOnTips: 1_000 });
    expect(big.tipping).toBe(true);
    const alone = refused(run(big, overturn(3, big.refundableFen), sup1), 403);
    expect(alone).toMatchObject({ code: 'second_approval_required' });
    const self = refused(run(big, { ...overturn(3, big.refundableFen), requestedBy: 'u-sup1' }, sup1), 403);
    expect(self).toMatchObject({ code: 'second_approver_must_differ' });
    const result = ok(run(big, { ...overturn(3, big.refundableFen), requestedBy: 'u-sup2' }, sup1));
    expect(result.request.status).toBe('approved');
    expect(result.event.details).toMatchObject({
      secondApprovalReasons: ['over_threshold', 'tipping'],
      requestedBy: 'u-sup2',
      secondApproverId: 'u-sup1',
    });
    const blocked = rejected({ purchasedAt: at(-10 * DAY_MS), accountRestricted: true });
    refused(run(blocked, overturn(3, 6_800), sup1), 403);
    const overturned = ok(run(blocked, { ...overturn(3, 6_800), requestedBy: 'u-sup2' }, sup1));
    expect(overturned.request.status).toBe('approved');
    expect(overturned.event.details).toMatchObject({
      approvalBlockers: ['outside_window', 'account_restricted'],
      secondApprovalReasons: ['self_override'],
    });
    // ¥68, no tip, no block: one supervisor is enough, as for an approval
    expect(ok(run(rejected(), overturn(3, 6_800), sup1)).request.status).toBe('approved');
  });

  it('validates its body (422): amount, complaint id and note', () => {
    const r = rejected();
    const cases: [Record<string, unknown>, string][] = [
      [{ version: 3, complaintId: 'cp-1', note: NOTE }, 'amountFen'],
      [{ version: 3, amountFen: 0, complaintId: 'cp-1', note: NOTE }, 'amountFen'],
      [{ version: 3, amountFen: 12.5, complaintId: 'cp-1', note: NOTE }, 'amountFen'],
      [{ version: 3, amountFen: 100, note: NOTE }, 'complaintId'],
      [{ version: 3, amountFen: 100, complaintId: '  ', note: NOTE }, 'complaintId'],
      [{ version: 3, amountFen: 100, complaintId: 'cp-1', note: ' ' }, 'note'],
      [{ version: 3, amountFen: 100, complaintId: 'cp-1' }, 'note'],
    ];
    for (const [body, field] of cases) {
      expect(refused(run(r, raw('overturn', body), sup1), 422).errors, JSON.stringify(body)).toHaveProperty(
        field,
      );
    }
  });

  it('is never offered among the request actions (it goes through a complaint)', () => {
    for (const r of [rejected(), partial('partially_approved'), partial('refunded')]) {
      for (const actor of [rev1, sup1, sup2, mgr]) {
        expect(availableRefundActions(r, actor, policyFor(r))).not.toContain('overturn');
      }
    }
  });
});
