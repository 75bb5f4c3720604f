// The refund workflow after a decision: the customer's reply, the info timeout, the second
// approval, the override, reassignment and the payout.
import { describe, expect, it } from 'vitest';
import { PAYMENT_CHANNELS, type RefundRequest } from '../../src/domain/model';
import { rejectionTemplate } from '../../src/domain/messageTemplates';
import { dueForInfoTimeout, dueForPayout, isClaimable, type Actor } from '../../src/domain/refundWorkflow';
import {
  DAY_MS,
  HOUR_MS,
  INFO_TIMEOUT_MS,
  expectedArrivalAt,
  payoutAt,
  slaDueAt,
  toIso,
  toMs,
} from '../../src/domain/sla';
import {
  NOW,
  at,
  rev1,
  rev2,
  sup1,
  sup2,
  system,
  customer,
  makeRequest,
  run,
  ok,
  refused,
  raw,
  MSG,
  ALLOWED_FROM,
} from './refundWorkflowFixtures';

describe('customer_reply', () => {
  const waiting = () =>
    makeRequest({
      status: 'awaiting_info',
      providedItems: ['order_number'],
      awaitingInfoSince: at(-3 * DAY_MS),
      firstDecisionAt: at(-3 * DAY_MS),
      slaStartAt: at(-4 * DAY_MS),
      slaDueAt: at(-3 * DAY_MS),
    });

  it('sends the request back to the queue with the items added and the SLA restarted', () => {
    const result = ok(
      run(
        waiting(),
        { action: 'customer_reply', suppliedItems: ['reason_detail', 'order_number'], message: '补充' },
        customer,
      ),
    );
    expect(result.request).toMatchObject({
      status: 'pending',
      providedItems: ['order_number', 'reason_detail'],
      slaStartAt: NOW,
      slaDueAt: at(24 * HOUR_MS),
      awaitingInfoSince: null,
      assigneeId: 'u-rev1',
      firstDecisionAt: at(-3 * DAY_MS),
      updatedBy: null,
    });
    expect(result.event).toMatchObject({ actorKind: 'customer', actorId: null });
    expect(result.event.details).toMatchObject({
      suppliedItems: ['order_number', 'reason_detail'],
      providedItems: ['order_number', 'reason_detail'],
      message: '补充',
    });
  });

  it('accepts a reply that supplies nothing (the SLA restarts all the same)', () => {
    const result = ok(run(waiting(), { action: 'customer_reply', suppliedItems: [], message: '' }, customer));
    expect(result.request).toMatchObject({ providedItems: ['order_number'], slaDueAt: slaDueAt(NOW) });
  });

  it.each([
    ['a reviewer', rev1],
    ['a supervisor', sup1],
  ] as const)('can be simulated by %s', (_label, actor) => {
    const result = ok(
      run(waiting(), { action: 'customer_reply', suppliedItems: ['purchase_time'], message: 'x' }, actor),
    );
    expect(result.event).toMatchObject({ actorKind: 'staff', actorId: actor.id });
    expect(result.request.updatedBy).toBe(actor.id);
  });

  it('returns the request to the same reviewer: not claimable by others, claimable by them', () => {
    const back = ok(
      run(waiting(), { action: 'customer_reply', suppliedItems: ['purchase_time'], message: 'x' }, customer),
    );
    expect(isClaimable(back.request)).toBe(false);
    refused(run(back.request, { action: 'claim', version: back.request.version }, rev2), 409);
    expect(
      ok(run(back.request, { action: 'claim', version: back.request.version }, rev1)).request.status,
    ).toBe('in_review');
  });
});

describe('info_timeout', () => {
  const since = at(-INFO_TIMEOUT_MS);
  const waiting = (locale: 'zh-CN' | 'en' = 'zh-CN') =>
    makeRequest({
      status: 'awaiting_info',
      customerLocale: locale,
      awaitingInfoSince: since,
      firstDecisionAt: since,
      decision: {
        action: 'request_info',
        by: 'u-rev1',
        at: since,
        missingItems: ['payment_proof'],
        customerMessage: MSG,
      },
    });

  it('is refused 1 ms before 7 days', () => {
    const result = refused(run(waiting(), { action: 'info_timeout' }, system, { now: at(-1) }), 409);
    expect(result.message).toBe(`The customer has until ${NOW} to reply; the request cannot time out yet.`);
    expect(dueForInfoTimeout(waiting(), at(-1))).toBe(false);
  });

  it('rejects at exactly 7 days with the information_missing message in the customer locale', () => {
    expect(dueForInfoTimeout(waiting(), NOW)).toBe(true);
    const result = ok(run(waiting(), { action: 'info_timeout' }, system));
    const message = rejectionTemplate('information_missing', 'zh-CN', { orderNumber: 'CZ20250531001' });
    expect(result.request).toMatchObject({
      status: 'rejected',
      decidedAt: NOW,
      awaitingInfoSince: null,
      firstDecisionAt: since,
      updatedBy: null,
      decision: {
        action: 'reject',
        by: 'system',
        reasonCode: 'information_missing',
        customerMessage: message,
        missingItems: ['payment_proof'],
      },
    });
    expect(result.event).toMatchObject({ actorKind: 'system', actorId: null, customerMessage: message });
    expect(result.event.details).toMatchObject({
      reasonCode: 'information_missing',
      awaitingInfoSince: since,
    });
  });

  it('writes to an English-speaking customer in English', () => {
    const result = ok(run(waiting('en'), { action: 'info_timeout' }, system));
    expect(result.request.decision?.customerMessage).toBe(
      rejectionTemplate('information_missing', 'en', { orderNumber: 'CZ20250531001' }),
    );
  });

  it('is refused when the start of the wait is unknown', () => {
    const r = { ...waiting(), awaitingInfoSince: null };
    expect(dueForInfoTimeout(r, NOW)).toBe(false);
    refused(run(r, { action: 'info_timeout' }, system), 409);
  });

  it('is never due outside awaiting_info', () => {
    expect(dueForInfoTimeout({ ...waiting(), status: 'pending' }, at(30 * DAY_MS))).toBe(false);
  });
});

describe('second_approval', () => {
  const waiting = (overrides: Partial<RefundRequest> = {}) =>
    makeRequest({
      status: 'awaiting_second_approval',
      paidFen: 80_000,
      coins: 8_000,
      approvedFen: 80_000,
      firstApproverId: 'u-rev1',
      firstDecisionAt: at(-HOUR_MS),
      decision: {
        action: 'approve',
        by: 'u-rev1',
        at: at(-HOUR_MS),
        amountFen: 80_000,
        customerMessage: MSG,
      },
      ...overrides,
    });
  const second = (r: RefundRequest, body: Record<string, unknown>, actor: Actor = sup1) =>
    run(r, raw('second_approval', { version: r.version, ...body }), actor);

  it('confirm of the full amount → approved, with decidedAt and expected arrival', () => {
    const result = ok(second(waiting({ paymentChannel: 'bank_card' }), { decision: 'confirm' }));
    expect(result.request).toMatchObject({
      status: 'approved',
      approvedFen: 80_000,
      decidedAt: NOW,
      expectedArrivalAt: expectedArrivalAt('bank_card', NOW),
      firstDecisionAt: at(-HOUR_MS),
      firstApproverId: 'u-rev1',
    });
    expect(result.event).toMatchObject({ amountFen: 80_000, customerMessage: MSG, note: null });
    expect(result.event.details).toEqual({ decision: 'confirm', firstApproverId: 'u-rev1' });
  });

  it('confirm of a smaller amount → partially_approved', () => {
    const result = ok(second(waiting({ approvedFen: 60_000 }), { decision: 'confirm', note: '同意' }));
    expect(result.request).toMatchObject({ status: 'partially_approved', approvedFen: 60_000 });
    expect(result.event.note).toBe('同意');
  });

  it('send_back returns it to the reviewer in review, clearing the approval', () => {
    const result = ok(second(waiting(), { decision: 'send_back', note: '金额需核实' }));
    expect(result.request).toMatchObject({
      status: 'in_review',
      approvedFen: null,
      firstApproverId: null,
      decision: null,
      decidedAt: null,
      assigneeId: 'u-rev1',
    });
    expect(result.event).toMatchObject({ note: '金额需核实', amountFen: 80_000 });
  });

  it('send_back needs a note', () => {
    expect(refused(second(waiting(), { decision: 'send_back' }), 422).errors?.note).toBe(
      'Explain to the reviewer why the approval is sent back.',
    );
    refused(second(waiting(), { decision: 'send_back', note: '  ' }), 422);
  });

  it('is refused to the supervisor who gave the first approval', () => {
    const r = waiting({ firstApproverId: 'u-sup1', assigneeId: 'u-sup1' });
    const result = refused(second(r, { decision: 'confirm' }, sup1), 403);
    expect(result.message).toBe(
      'You gave the first approval of this request; a different supervisor must give the second approval.',
    );
    expect(ok(second(r, { decision: 'confirm' }, sup2)).request.status).toBe('approved');
  });

  it('is refused when the refundable amount fell below the approved amount', () => {
    const r = { ...waiting(), coinsSpent: 4_000 }; // refundable now ¥400.00
    const result = refused(second(r, { decision: 'confirm' }), 409);
    expect(result.message).toBe(
      'The refundable amount is now ¥400.00, less than the approved ¥800.00; send it back to the reviewer.',
    );
    expect(ok(second(r, { decision: 'send_back', note: '重新核算' })).request.status).toBe('in_review');
  });

  it('re-checks the approval blockers on confirm', () => {
    const r = waiting({ accountRestricted: true });
    expect(refused(second(r, { decision: 'confirm' }), 422).message).toContain('restricted or banned');
    expect(ok(second({ ...r, overrideBy: 'u-sup2' }, { decision: 'confirm' })).request.status).toBe(
      'approved',
    );
  });
});

describe('override', () => {
  const blocked = (overrides: Partial<RefundRequest> = {}) =>
    makeRequest({ purchasedAt: at(-10 * DAY_MS), ...overrides });
  const override = (r: RefundRequest, note: string, actor: Actor = sup1) =>
    run(r, { action: 'override', version: r.version, note }, actor);

  it('records the supervisor and the note, status unchanged, and unblocks the approval', () => {
    const result = ok(override(blocked(), '有出差证明'));
    expect(result.request).toMatchObject({
      status: 'in_review',
      overrideBy: 'u-sup1',
      overrideNote: '有出差证明',
      assigneeId: 'u-rev1',
    });
    expect(result.event).toMatchObject({
      note: '有出差证明',
      statusBefore: 'in_review',
      statusAfter: 'in_review',
    });
    expect(result.event.details).toEqual({ blockers: ['outside_window'] });
    const approved = run(
      result.request,
      { action: 'approve', version: 4, customerMessage: MSG, againstSuggestionReason: '已获主管例外批准' },
      rev1,
    );
    expect(ok(approved).request.status).toBe('approved');
  });

  it('is refused when nothing blocks the approval', () => {
    const result = refused(override(makeRequest(), 'x'), 409);
    expect(result.message).toBe(
      'There is nothing to override: no policy rule blocks the approval of this request.',
    );
  });

  it('is refused when already overridden', () => {
    const result = refused(override(blocked({ overrideBy: 'u-sup2', overrideNote: 'ok' }), 'x'), 409);
    expect(result.message).toBe('The policy on this request was already overridden by Zhao Lei.');
  });

  it('trims the note', () => {
    expect(ok(override(blocked({ accountRestricted: true }), '  理由  ')).request.overrideNote).toBe('理由');
  });
});

describe('reassign', () => {
  it.each(ALLOWED_FROM.reassign)('from %s keeps the status and changes the assignee', (status) => {
    const r = makeRequest({ status });
    const result = ok(run(r, { action: 'reassign', version: 3, assigneeId: 'u-rev2' }, sup1));
    expect(result.request).toMatchObject({ status, assigneeId: 'u-rev2' });
    expect(result.event.details).toEqual({ previousAssigneeId: 'u-rev1', assigneeId: 'u-rev2' });
  });

  it('assigns an unassigned pending request', () => {
    const r = makeRequest({ status: 'pending', assigneeId: null });
    const result = ok(run(r, { action: 'reassign', version: 3, assigneeId: 'u-rev2' }, sup1));
    expect(result.request.assigneeId).toBe('u-rev2');
    expect(isClaimable(result.request)).toBe(false);
  });

  it('refuses the current assignee (422)', () => {
    const result = refused(
      run(makeRequest(), { action: 'reassign', version: 3, assigneeId: 'u-rev1' }, sup1),
      422,
    );
    expect(result.errors?.assigneeId).toBe('This request is already assigned to Li Na.');
  });
});

describe('payout', () => {
  const approved = (overrides: Partial<RefundRequest> = {}) =>
    makeRequest({ status: 'approved', approvedFen: 6_800, decidedAt: NOW, ...overrides });

  it.each(['approved', 'partially_approved'] as const)('pays out %s when due', (status) => {
    const r = approved({ status, approvedFen: status === 'approved' ? 6_800 : 3_000 });
    const due = payoutAt('wechat_pay', NOW, 0.5);
    const result = ok(run(r, { action: 'payout' }, system, { now: due }));
    expect(result.request).toMatchObject({
      status: 'refunded',
      refundedAt: due,
      updatedAt: due,
      updatedBy: null,
    });
    expect(result.event).toMatchObject({ amountFen: r.approvedFen, actorKind: 'system', at: due });
  });

  it('is refused 1 ms before the payout time', () => {
    const due = payoutAt('bank_card', NOW, 0.25);
    const r = approved({ paymentChannel: 'bank_card' });
    const result = refused(
      run(r, { action: 'payout' }, system, { now: toIso(toMs(due) - 1), jitter: 0.25 }),
      409,
    );
    expect(result.message).toBe(`This refund is not due for payout until ${due}.`);
    expect(ok(run(r, { action: 'payout' }, system, { now: due, jitter: 0.25 })).request.status).toBe(
      'refunded',
    );
  });

  it.each(PAYMENT_CHANNELS)('dueForPayout on %s follows payoutAt from decidedAt', (channel) => {
    const r = approved({ paymentChannel: channel });
    for (const jitter of [0, 0.3, 1]) {
      const due = toMs(payoutAt(channel, NOW, jitter));
      expect(dueForPayout(r, toIso(due - 1), jitter)).toBe(false);
      expect(dueForPayout(r, toIso(due), jitter)).toBe(true);
    }
    expect(dueForPayout(r, payoutAt(channel, NOW, 0.5))).toBe(true);
    expect(dueForPayout(r, toIso(toMs(payoutAt(channel, NOW, 0.5)) - 1))).toBe(false);
  });

  it('is never due without decidedAt or outside the approved statuses', () => {
    expect(dueForPayout(approved({ decidedAt: null }), at(30 * DAY_MS))).toBe(false);
    expect(dueForPayout(approved({ status: 'refunded' }), at(30 * DAY_MS))).toBe(false);
    expect(dueForPayout(approved({ status: 'awaiting_second_approval' }), at(30 * DAY_MS))).toBe(false);
    refused(run(approved({ decidedAt: null }), { action: 'payout' }, system), 409);
  });
});
