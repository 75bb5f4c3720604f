// The refund workflow's own rules of claim, release and the three decisions (approve, reject,
// request_info).
import { describe, expect, it } from 'vitest';
import { type RefundRequest } from '../../src/domain/model';
import { isClaimable, type Actor } from '../../src/domain/refundWorkflow';
import { DAY_MS, HOUR_MS, expectedArrivalAt } from '../../src/domain/sla';
import {
  NOW,
  at,
  rev1,
  rev2,
  sup1,
  sup2,
  makeRequest,
  run,
  ok,
  refused,
  raw,
  MSG,
} from './refundWorkflowFixtures';

// ---------------------------------------------------------------------------------------------
// Each action's own rules

describe('claim', () => {
  it('moves a pending request to in_review for the reviewer', () => {
    const r = makeRequest({ status: 'pending', assigneeId: null });
    const result = ok(run(r, { action: 'claim', version: 3 }, rev1));
    expect(result.request).toMatchObject({ status: 'in_review', assigneeId: 'u-rev1', version: 4 });
    expect(result.event.details).toEqual({ previousAssigneeId: null });
  });

  it('lets a supervisor claim', () => {
    const r = makeRequest({ status: 'pending', assigneeId: null });
    expect(ok(run(r, { action: 'claim', version: 3 }, sup1)).request.assigneeId).toBe('u-sup1');
  });

  it('lets the assignee take back a pending request that returned to them', () => {
    const r = makeRequest({ status: 'pending', assigneeId: 'u-rev1' });
    expect(ok(run(r, { action: 'claim', version: 3 }, rev1)).request.status).toBe('in_review');
  });

  it('refuses a pending request held by someone else (409, naming them)', () => {
    const r = makeRequest({ status: 'pending', assigneeId: 'u-rev1' });
    const result = refused(run(r, { action: 'claim', version: 3 }, rev2), 409);
    expect(result.message).toBe('This request is already assigned to Li Na.');
  });

  it('tells a reviewer who already holds it', () => {
    const result = refused(run(makeRequest(), { action: 'claim', version: 3 }, rev1), 409);
    expect(result.message).toBe('You are already reviewing this request.');
  });
});

describe('release', () => {
  it('puts the request back in the queue', () => {
    const result = ok(run(makeRequest(), { action: 'release', version: 3 }, rev1));
    expect(result.request).toMatchObject({ status: 'pending', assigneeId: null });
    expect(result.event.details).toEqual({ previousAssigneeId: 'u-rev1' });
    expect(isClaimable(result.request)).toBe(true);
  });

  it("lets any supervisor release someone else's request", () => {
    expect(ok(run(makeRequest(), { action: 'release', version: 3 }, sup2)).request.status).toBe('pending');
  });

  it('tells another reviewer who holds it', () => {
    const result = refused(run(makeRequest(), { action: 'release', version: 3 }, rev2), 403);
    expect(result.message).toBe(
      'This request is assigned to Li Na; only they or a supervisor can release it.',
    );
  });
});

describe('approve', () => {
  const approve = (
    r: RefundRequest,
    extra: Partial<{ amountFen: number; againstSuggestionReason: string }> = {},
  ) => run(r, { action: 'approve', version: r.version, customerMessage: MSG, ...extra }, rev1);

  it('approves the full refundable amount by default', () => {
    const result = ok(approve(makeRequest()));
    expect(result.request).toMatchObject({
      status: 'approved',
      approvedFen: 6_800,
      decidedAt: NOW,
      firstDecisionAt: NOW,
      expectedArrivalAt: expectedArrivalAt('wechat_pay', NOW),
      firstApproverId: null,
      assigneeId: 'u-rev1',
      decision: {
        action: 'approve',
        by: 'u-rev1',
        at: NOW,
        amountFen: 6_800,
        customerMessage: MSG,
        againstSuggestion: false,
        suggestion: 'approve',
      },
    });
    expect(result.event).toMatchObject({ amountFen: 6_800, customerMessage: MSG, note: null });
    expect(result.event.details).toMatchObject({ secondApprovalRequired: false, partial: false });
  });

  it('approves exactly the refundable amount as approved', () => {
    expect(ok(approve(makeRequest(), { amountFen: 6_800 })).request.status).toBe('approved');
  });

  it('approves less than the refundable amount as partially_approved', () => {
    const result = ok(approve(makeRequest(), { amountFen: 5_000 }));
    expect(result.request).toMatchObject({ status: 'partially_approved', approvedFen: 5_000 });
    expect(result.event.details).toMatchObject({ partial: true, refundableFen: 6_800 });
  });

  it('approves the unspent part of a partly spent order (suggestion approve_partial)', () => {
    const r = makeRequest({ coinsSpent: 180 }); // 500 of 680 coins left → ¥50.00
    expect(r.refundableFen).toBe(5_000);
    const result = ok(approve(r));
    expect(result.request).toMatchObject({ status: 'approved', approvedFen: 5_000 });
    expect(result.request.decision).toMatchObject({
      suggestion: 'approve_partial',
      againstSuggestion: false,
    });
  });

  it('accepts 1 fen', () => {
    expect(ok(approve(makeRequest(), { amountFen: 1 })).request.approvedFen).toBe(1);
  });

  it('refuses more than the refundable amount and names the maximum in yuan', () => {
    const result = refused(approve(makeRequest(), { amountFen: 6_801 }), 422);
    expect(result.errors?.amountFen).toBe('The amount cannot exceed the refundable ¥68.00.');
  });

  it('says nothing is refundable when every coin was spent', () => {
    const r = makeRequest({ coinsSpent: 680 });
    const result = refused(approve(r, { againstSuggestionReason: 'x' }), 422);
    expect(result.errors?.amountFen).toBe(
      'Nothing is refundable for this request: all its coins have been spent.',
    );
    refused(approve(r, { amountFen: 1, againstSuggestionReason: 'x' }), 422);
  });

  it('keeps an earlier firstDecisionAt', () => {
    const r = makeRequest({ firstDecisionAt: at(-HOUR_MS) });
    expect(ok(approve(r)).request.firstDecisionAt).toBe(at(-HOUR_MS));
  });

  describe('second approval threshold (¥500)', () => {
    it('50,000 fen is approved directly', () => {
      const r = makeRequest({ paidFen: 50_000, coins: 5_000 });
      expect(ok(approve(r)).request).toMatchObject({
        status: 'approved',
        approvedFen: 50_000,
        firstApproverId: null,
      });
    });

    it('50,001 fen needs a second approval', () => {
      const r = makeRequest({ paidFen: 50_001, coins: 50_001 });
      const result = ok(approve(r));
      expect(result.request).toMatchObject({
        status: 'awaiting_second_approval',
        approvedFen: 50_001,
        firstApproverId: 'u-rev1',
        decidedAt: null,
        expectedArrivalAt: null,
        firstDecisionAt: NOW,
      });
      expect(result.request.decision).toMatchObject({ action: 'approve', amountFen: 50_001, by: 'u-rev1' });
      expect(result.event.details).toMatchObject({ secondApprovalRequired: true });
    });

    it('a partial amount at the threshold of a larger order is approved directly', () => {
      const r = makeRequest({ paidFen: 80_000, coins: 8_000 });
      expect(ok(approve(r, { amountFen: 50_000 })).request.status).toBe('partially_approved');
      expect(ok(approve(r, { amountFen: 50_001 })).request.status).toBe('awaiting_second_approval');
    });

    it('any amount needs a second approval when coins went to tips', () => {
      const r = makeRequest({ coinsSpent: 80, coinsSpentOnTips: 80 });
      expect(r.tipping).toBe(true);
      const result = ok(approve(r, { amountFen: 100 }));
      expect(result.request).toMatchObject({ status: 'awaiting_second_approval', approvedFen: 100 });
    });
  });

  describe('approval blockers', () => {
    it('refuses a purchase outside the window without a supervisor override', () => {
      const r = makeRequest({ purchasedAt: at(-10 * DAY_MS) });
      const result = refused(approve(r, { againstSuggestionReason: 'x' }), 422);
      expect(result.message).toBe(
        'Approval is blocked: the purchase is outside the 7-day refund window. ' +
          'A supervisor must override the policy before this request can be approved.',
      );
    });

    it('refuses a restricted account without an override', () => {
      const result = refused(
        approve(makeRequest({ accountRestricted: true }), { againstSuggestionReason: 'x' }),
        422,
      );
      expect(result.message).toContain("the customer's account is restricted or banned");
      expect(result.message).toContain('supervisor must override');
    });

    it('names both rules when both block', () => {
      const r = makeRequest({ accountRestricted: true, purchasedAt: at(-10 * DAY_MS) });
      const result = refused(approve(r, { againstSuggestionReason: 'x' }), 422);
      expect(result.message).toContain('refund window and the customer');
    });

    it('approves after the override, still asking why against the suggestion', () => {
      const r = makeRequest({ purchasedAt: at(-10 * DAY_MS), overrideBy: 'u-sup1', overrideNote: 'ok' });
      const missing = refused(approve(r), 422);
      expect(missing.errors?.againstSuggestionReason).toBe(
        'The policy suggests rejecting it (outside the 7-day refund window). Explain why you decide otherwise.',
      );
      const result = ok(approve(r, { againstSuggestionReason: '主管已批准例外' }));
      expect(result.request.status).toBe('approved');
      expect(result.request.decision).toMatchObject({
        againstSuggestion: true,
        suggestion: 'reject',
        note: '主管已批准例外',
      });
      expect(result.event.details).toMatchObject({
        againstSuggestion: true,
        suggestion: 'reject',
        againstSuggestionReason: '主管已批准例外',
        overrideBy: 'u-sup1',
      });
      expect(result.event.note).toBe('主管已批准例外');
    });
  });

  it('asks for a reason to approve when the policy suggests requesting information', () => {
    const r = makeRequest({ providedItems: ['order_number'] });
    const result = refused(approve(r), 422);
    expect(result.errors?.againstSuggestionReason).toContain(
      'The policy suggests asking the customer for the missing information (purchase time, reason detail)',
    );
    expect(
      ok(approve(r, { againstSuggestionReason: '电话中已确认' })).request.decision?.againstSuggestion,
    ).toBe(true);
  });

  it('refuses a whitespace-only reason against the suggestion', () => {
    const r = makeRequest({ duplicate: true });
    refused(approve(r, { againstSuggestionReason: '   ' }), 422);
  });

  it('tells a pending request to be claimed first', () => {
    const r = makeRequest({ status: 'pending', assigneeId: null });
    const result = refused(approve(r), 409);
    expect(result.message).toBe('This request is pending; claim it before you approve it.');
  });

  it('says who holds the request when someone else tries (403)', () => {
    const result = refused(
      run(makeRequest(), { action: 'approve', version: 3, customerMessage: MSG }, rev2),
      403,
    );
    expect(result.message).toBe('This request is assigned to Li Na; only they can approve it.');
  });

  it('falls back to the id when no name is known', () => {
    const r = makeRequest({ assigneeId: 'u-unknown' });
    const result = refused(approve(r), 403);
    expect(result.message).toContain('u-unknown');
  });
});

describe('reject', () => {
  const reject = (r: RefundRequest, body: Record<string, unknown>, actor: Actor = rev1) =>
    run(r, raw('reject', { version: r.version, customerMessage: MSG, ...body }), actor);

  it('rejects following the suggestion without a reason', () => {
    const r = makeRequest({ purchasedAt: at(-10 * DAY_MS) });
    const result = ok(reject(r, { reasonCode: 'outside_window' }));
    expect(result.request).toMatchObject({
      status: 'rejected',
      decidedAt: NOW,
      firstDecisionAt: NOW,
      approvedFen: null,
      decision: {
        action: 'reject',
        by: 'u-rev1',
        reasonCode: 'outside_window',
        customerMessage: MSG,
        againstSuggestion: false,
        suggestion: 'reject',
      },
    });
    expect(result.request.decision).not.toHaveProperty('note');
    expect(result.event).toMatchObject({ customerMessage: MSG, amountFen: null });
    expect(result.event.details).toMatchObject({ reasonCode: 'outside_window', againstSuggestion: false });
  });

  it('needs a reason to reject when the policy suggests approving', () => {
    const r = makeRequest();
    const result = refused(reject(r, { reasonCode: 'suspected_fraud' }), 422);
    expect(result.errors?.againstSuggestionReason).toBe(
      'The policy suggests approving it in full. Explain why you decide otherwise.',
    );
    expect(result.message).toContain('approving it in full');
  });

  it('records the reason against the suggestion as the note when there is none', () => {
    const result = ok(
      reject(makeRequest(), { reasonCode: 'suspected_fraud', againstSuggestionReason: '多个关联账户' }),
    );
    expect(result.request.decision).toMatchObject({
      note: '多个关联账户',
      againstSuggestion: true,
      suggestion: 'approve',
    });
    expect(result.event.details).toMatchObject({ againstSuggestionReason: '多个关联账户' });
  });

  it('keeps the note and the reason apart when both are given', () => {
    const result = ok(
      reject(makeRequest(), { reasonCode: 'other', note: '内部说明', againstSuggestionReason: '理由' }),
    );
    expect(result.request.decision?.note).toBe('内部说明');
    expect(result.event.note).toBe('内部说明');
    expect(result.event.details).toMatchObject({ againstSuggestionReason: '理由', reasonCode: 'other' });
  });

  it('mentions the partial approval the policy suggests', () => {
    const result = refused(reject(makeRequest({ coinsSpent: 180 }), { reasonCode: 'coins_spent' }), 422);
    expect(result.errors?.againstSuggestionReason).toContain('approving the unspent part (¥50.00)');
  });

  it('requires a note for the reason "other"', () => {
    const r = makeRequest({ purchasedAt: at(-10 * DAY_MS) });
    const result = refused(reject(r, { reasonCode: 'other', againstSuggestionReason: 'x' }), 422);
    expect(result.errors?.note).toBe('Explain the reason in the note when the reason is "other".');
    refused(reject(r, { reasonCode: 'other', note: '   ', againstSuggestionReason: 'x' }), 422);
  });

  it('reports both missing fields at once', () => {
    const result = refused(reject(makeRequest(), { reasonCode: 'other' }), 422);
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(['againstSuggestionReason', 'note']);
  });

  it('rejects a duplicate with the suggested reason', () => {
    const r = makeRequest({ duplicate: true });
    expect(ok(reject(r, { reasonCode: 'duplicate' })).request.status).toBe('rejected');
  });

  it('needs a reason to reject when the policy suggests asking for information', () => {
    const r = makeRequest({ providedItems: [] });
    refused(reject(r, { reasonCode: 'information_missing' }), 422);
    expect(
      ok(reject(r, { reasonCode: 'information_missing', againstSuggestionReason: 'x' })).request.status,
    ).toBe('rejected');
  });
});

describe('request_info', () => {
  const ask = (r: RefundRequest, body: Record<string, unknown> = {}) =>
    run(
      r,
      raw('request_info', {
        version: r.version,
        customerMessage: MSG,
        missingItems: ['purchase_time'],
        ...body,
      }),
      rev1,
    );

  it('waits for the customer, keeping the assignee', () => {
    const r = makeRequest({ providedItems: ['order_number'] });
    const result = ok(ask(r, { missingItems: ['reason_detail', 'purchase_time'] }));
    expect(result.request).toMatchObject({
      status: 'awaiting_info',
      awaitingInfoSince: NOW,
      firstDecisionAt: NOW,
      decidedAt: null,
      assigneeId: 'u-rev1',
      decision: {
        action: 'request_info',
        missingItems: ['reason_detail', 'purchase_time'],
        customerMessage: MSG,
        suggestion: 'request_info',
        againstSuggestion: false,
      },
    });
    expect(result.event.details).toMatchObject({ missingItems: ['reason_detail', 'purchase_time'] });
  });

  it('needs a reason to ask when the information is complete', () => {
    const r = makeRequest();
    const result = refused(ask(r, { missingItems: ['payment_proof'] }), 422);
    expect(result.errors?.againstSuggestionReason).toContain('The policy suggests approving it in full');
    const done = ok(ask(r, { missingItems: ['payment_proof'], againstSuggestionReason: '金额与记录不符' }));
    expect(done.request.decision).toMatchObject({ againstSuggestion: true, note: '金额与记录不符' });
  });

  it('keeps an earlier firstDecisionAt (asking twice)', () => {
    const r = makeRequest({ providedItems: [], firstDecisionAt: at(-2 * HOUR_MS) });
    expect(ok(ask(r)).request.firstDecisionAt).toBe(at(-2 * HOUR_MS));
  });
});
