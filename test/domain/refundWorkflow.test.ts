import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INFO_ITEMS,
  NEW_REFUND_REQUEST_STATE,
  PAYMENT_CHANNELS,
  REFUND_STATUSES,
  type InfoItem,
  type RefundRequest,
  type RefundStatus,
} from '../../src/domain/model';
import { rejectionTemplate } from '../../src/domain/messageTemplates';
import { evaluatePolicy, type PolicyResult } from '../../src/domain/refundPolicy';
import {
  applyRefundCommand,
  availableRefundActions,
  compareClaimPriority,
  dueForInfoTimeout,
  dueForPayout,
  isClaimable,
  overturnBlock,
  overturnFloorFen,
  parseRefundActionBody,
  refundActionBodySchemas,
  type Actor,
  type RefundAction,
  type RefundCommand,
  type WorkflowResult,
} from '../../src/domain/refundWorkflow';
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

// ---------------------------------------------------------------------------------------------
// Fixtures

const NOW = '2025-06-02T10:00:00.000Z';
const at = (offsetMs: number) => toIso(toMs(NOW) + offsetMs);

const rev1: Actor = { kind: 'staff', id: 'u-rev1', role: 'reviewer' };
const rev2: Actor = { kind: 'staff', id: 'u-rev2', role: 'reviewer' };
const sup1: Actor = { kind: 'staff', id: 'u-sup1', role: 'supervisor' };
const sup2: Actor = { kind: 'staff', id: 'u-sup2', role: 'supervisor' };
const mgr: Actor = { kind: 'staff', id: 'u-mgr', role: 'manager' };
const system: Actor = { kind: 'system' };
const customer: Actor = { kind: 'customer' };

const ALL_INFO: InfoItem[] = ['order_number', 'purchase_time', 'reason_detail'];

/**
 * A complete, consistent request: in review by rev1, bought 2 days ago for ¥68 (680 coins, none
 * spent), information complete, normal account. Flags and refundableFen are derived from the
 * fields by the real policy; `accountRestricted` and `duplicate` are inputs (restricted account,
 * older open request for the same order).
 */
function makeRequest(overrides: Partial<RefundRequest> = {}): RefundRequest {
  const submittedAt = overrides.submittedAt ?? at(-3 * HOUR_MS);
  const merged: RefundRequest = {
    id: 'r-1',
    orderId: 'o-1',
    orderNumber: 'CZ20250531001',
    customerId: 'c-1',
    customerName: '王小明',
    customerLocale: 'zh-CN',
    paidFen: 6_800,
    coins: 680,
    coinsSpent: 0,
    coinsSpentOnTips: 0,
    refundableFen: 6_800,
    paymentChannel: 'wechat_pay',
    purchasedAt: at(-2 * DAY_MS),
    submissionChannel: 'app',
    reasonCategory: 'mistaken_purchase',
    description: '误充值，想退款',
    evidenceFiles: [],
    providedItems: [...ALL_INFO],
    status: 'in_review',
    assigneeId: 'u-rev1',
    submittedAt,
    slaStartAt: submittedAt,
    slaDueAt: slaDueAt(submittedAt),
    ...NEW_REFUND_REQUEST_STATE,
    updatedAt: submittedAt,
    version: 3,
    ...overrides,
  };
  const policy = policyFor(merged);
  return { ...merged, ...policy.flags, refundableFen: policy.refundableFen };
}

function policyFor(r: RefundRequest): PolicyResult {
  return evaluatePolicy({
    paidFen: r.paidFen,
    coins: r.coins,
    coinsSpent: r.coinsSpent,
    coinsSpentOnTips: r.coinsSpentOnTips,
    purchasedAt: r.purchasedAt,
    submittedAt: r.submittedAt,
    providedItems: r.providedItems,
    accountStatus: r.accountRestricted ? 'restricted' : 'normal',
    otherOpenRequestIds: r.duplicate ? ['r-0'] : [],
  });
}

const NAMES: Record<string, string> = { 'u-rev1': 'Li Na', 'u-sup2': 'Zhao Lei' };

function run(
  request: RefundRequest,
  command: RefundCommand,
  actor: Actor,
  opts: { now?: string; policy?: PolicyResult; jitter?: number } = {},
): WorkflowResult {
  return applyRefundCommand(request, command, {
    actor,
    nowIso: opts.now ?? NOW,
    policy: opts.policy ?? policyFor(request),
    payoutJitter01: opts.jitter,
    staffName: (id) => NAMES[id],
  });
}

function ok(result: WorkflowResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.status}: ${result.message}`);
  return result;
}

function refused(result: WorkflowResult, status: 403 | 409 | 422) {
  if (result.ok) throw new Error(`expected ${status}, got success (${result.request.status})`);
  expect(result.status, result.message).toBe(status);
  expect(result.message.length).toBeGreaterThan(10);
  return result;
}

/** A raw body, as the server might receive it, forced into a command. */
const raw = (action: RefundAction, body: Record<string, unknown>) =>
  ({ action, ...body }) as unknown as RefundCommand;

const MSG = '您好，您的退款申请已处理。';

// One successful set-up per action: the request, the actor and a valid command.
interface Scenario {
  request: RefundRequest;
  actor: Actor;
  command: RefundCommand;
  now?: string;
}

function scenario(action: RefundAction): Scenario {
  switch (action) {
    case 'claim': {
      const request = makeRequest({ status: 'pending', assigneeId: null });
      return { request, actor: rev1, command: { action, version: 3 } };
    }
    case 'release':
      return { request: makeRequest(), actor: rev1, command: { action, version: 3 } };
    case 'approve':
      return { request: makeRequest(), actor: rev1, command: { action, version: 3, customerMessage: MSG } };
    case 'reject':
      return {
        request: makeRequest({ purchasedAt: at(-10 * DAY_MS) }),
        actor: rev1,
        command: { action, version: 3, reasonCode: 'outside_window', customerMessage: MSG },
      };
    case 'request_info':
      return {
        request: makeRequest({ providedItems: ['order_number'] }),
        actor: rev1,
        command: {
          action,
          version: 3,
          missingItems: ['purchase_time', 'reason_detail'],
          customerMessage: MSG,
        },
      };
    case 'customer_reply':
      return {
        request: makeRequest({
          status: 'awaiting_info',
          providedItems: ['order_number'],
          awaitingInfoSince: at(-DAY_MS),
        }),
        actor: customer,
        command: {
          action,
          suppliedItems: ['purchase_time', 'reason_detail'],
          message: '购买时间是 5 月 31 日晚上。',
        },
      };
    case 'info_timeout':
      return {
        request: makeRequest({
          status: 'awaiting_info',
          awaitingInfoSince: at(-8 * DAY_MS),
          firstDecisionAt: at(-8 * DAY_MS),
        }),
        actor: system,
        command: { action },
      };
    case 'second_approval':
      return {
        request: makeRequest({
          status: 'awaiting_second_approval',
          paidFen: 80_000,
          coins: 8_000,
          approvedFen: 80_000,
          firstApproverId: 'u-rev1',
          firstDecisionAt: at(-HOUR_MS),
        }),
        actor: sup1,
        command: { action, version: 3, decision: 'confirm' },
      };
    case 'override':
      return {
        request: makeRequest({ purchasedAt: at(-10 * DAY_MS) }),
        actor: sup1,
        command: { action, version: 3, note: '客户出差，凭证显示 7 天内已联系客服。' },
      };
    case 'reassign':
      return { request: makeRequest(), actor: sup1, command: { action, version: 3, assigneeId: 'u-rev2' } };
    case 'payout':
      return {
        request: makeRequest({ status: 'approved', approvedFen: 6_800, decidedAt: at(-DAY_MS) }),
        actor: system,
        command: { action },
      };
    case 'overturn':
      return {
        request: makeRequest({ status: 'rejected', assigneeId: 'u-rev1', decidedAt: at(-DAY_MS) }),
        actor: sup1,
        command: { action, version: 3, amountFen: 6_800, complaintId: 'cp-1', note: '投诉成立，改判退款。' },
      };
  }
}

function runScenario(s: Scenario, patch: Partial<RefundRequest> = {}, actor: Actor = s.actor) {
  return run({ ...s.request, ...patch }, s.command, actor, { now: s.now });
}

const ALLOWED_FROM: Record<RefundAction, RefundStatus[]> = {
  claim: ['pending'],
  release: ['in_review'],
  approve: ['in_review'],
  reject: ['in_review'],
  request_info: ['in_review'],
  customer_reply: ['awaiting_info'],
  info_timeout: ['awaiting_info'],
  second_approval: ['awaiting_second_approval'],
  override: ['in_review'],
  reassign: ['pending', 'in_review', 'awaiting_info', 'awaiting_second_approval'],
  payout: ['approved', 'partially_approved'],
  overturn: ['rejected', 'partially_approved', 'refunded'],
};

const FORBIDDEN: Record<RefundAction, [string, Actor][]> = {
  claim: [
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
  release: [
    ['another reviewer', rev2],
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
  approve: [
    ['another reviewer', rev2],
    ['a supervisor who is not the assignee', sup1],
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
  reject: [
    ['another reviewer', rev2],
    ['a supervisor who is not the assignee', sup1],
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
  request_info: [
    ['another reviewer', rev2],
    ['a supervisor who is not the assignee', sup1],
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
  customer_reply: [
    ['a manager', mgr],
    ['the system', system],
  ],
  info_timeout: [
    ['a reviewer', rev1],
    ['a supervisor', sup1],
    ['a manager', mgr],
    ['the customer', customer],
  ],
  second_approval: [
    ['the first approver', rev1],
    ['another reviewer', rev2],
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
  override: [
    ['the reviewer', rev1],
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
  reassign: [
    ['the reviewer', rev1],
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
  payout: [
    ['a reviewer', rev1],
    ['a supervisor', sup1],
    ['a manager', mgr],
    ['the customer', customer],
  ],
  overturn: [
    ['the reviewer', rev1],
    ['a manager', mgr],
    ['the system', system],
    ['the customer', customer],
  ],
};

const ACTIONS = Object.keys(ALLOWED_FROM) as RefundAction[];
const VERSIONED: RefundAction[] = ACTIONS.filter(
  (a) => a !== 'customer_reply' && a !== 'info_timeout' && a !== 'payout',
);

// ---------------------------------------------------------------------------------------------
// The matrix: every action × every refused status, actor and stale version

describe.each(ACTIONS)('%s: the common rules', (action) => {
  it('succeeds in its scenario, with version + 1, updatedAt and a complete audit event', () => {
    const s = scenario(action);
    const before = structuredClone(s.request);
    const result = ok(runScenario(s));
    expect(s.request).toEqual(before);
    expect(result.request.version).toBe(s.request.version + 1);
    expect(result.request.updatedAt).toBe(NOW);
    expect(result.request.updatedBy).toBe(s.actor.kind === 'staff' ? s.actor.id : null);
    expect(result.event).toMatchObject({
      subject: 'refund',
      refundId: 'r-1',
      complaintId: action === 'overturn' ? 'cp-1' : null,
      action,
      actorId: s.actor.kind === 'staff' ? s.actor.id : null,
      actorKind: s.actor.kind,
      at: NOW,
      statusBefore: s.request.status,
      statusAfter: result.request.status,
    });
    expect(result.event).toHaveProperty('amountFen');
    expect(result.event).toHaveProperty('customerMessage');
    expect(result.event).toHaveProperty('note');
    expect(result.event.details).toBeTypeOf('object');
    expect(result.event).not.toHaveProperty('id');
  });

  const refusedStatuses = REFUND_STATUSES.filter((st) => !ALLOWED_FROM[action].includes(st));
  it.each(refusedStatuses)('is refused from %s with 409', (status) => {
    const result = refused(runScenario(scenario(action), { status }), 409);
    expect(result).not.toHaveProperty('request');
  });

  it.each(FORBIDDEN[action])('is refused to %s with 403', (_label, actor) => {
    refused(runScenario(scenario(action), {}, actor), 403);
  });

  if (VERSIONED.includes(action)) {
    it('is refused with a stale version (409) and says which version is current', () => {
      const s = scenario(action);
      const result = refused(run(s.request, { ...s.command, version: 2 } as RefundCommand, s.actor), 409);
      expect(result.message).toBe(
        'This request was changed by someone else (version 3 is current, you sent 2). Reload it and try again.',
      );
    });

    it('is refused with a version from the future too', () => {
      const s = scenario(action);
      refused(run(s.request, { ...s.command, version: 4 } as RefundCommand, s.actor), 409);
    });

    it('refuses a missing version with 422', () => {
      const s = scenario(action);
      const { version: _v, ...rest } = s.command as { version: number };
      const result = refused(run(s.request, rest as RefundCommand, s.actor), 422);
      expect(result.errors).toHaveProperty('version');
    });
  }

  it('refuses unknown body fields with 422', () => {
    const s = scenario(action);
    if (action === 'info_timeout' || action === 'payout') return; // no body
    const result = refused(
      run(s.request, { ...s.command, sneaky: true } as unknown as RefundCommand, s.actor),
      422,
    );
    expect(result.errors).toHaveProperty('sneaky');
  });
});

describe('the order of the checks: who → version → status → body', () => {
  it('403 before a stale version', () => {
    const s = scenario('approve');
    refused(run(s.request, { ...s.command, version: 1 } as RefundCommand, mgr), 403);
  });

  it('stale version before a wrong status', () => {
    const s = scenario('approve');
    const result = refused(
      run({ ...s.request, status: 'approved' }, { ...s.command, version: 1 } as RefundCommand, rev1),
      409,
    );
    expect(result.message).toContain('changed by someone else');
  });

  it('wrong status before an invalid body', () => {
    const s = scenario('approve');
    const result = refused(
      run({ ...s.request, status: 'rejected' }, raw('approve', { version: 3, customerMessage: '' }), rev1),
      409,
    );
    expect(result.message).toBe('Only in-review requests can be approved; this one is rejected.');
  });
});

// ---------------------------------------------------------------------------------------------
// Bodies

describe('body schemas', () => {
  const invalid: [RefundAction & keyof typeof refundActionBodySchemas, Record<string, unknown>, string][] = [
    ['claim', {}, 'version'],
    ['claim', { version: -1 }, 'version'],
    ['claim', { version: 1.5 }, 'version'],
    ['claim', { version: '3' }, 'version'],
    ['claim', { version: 3, assigneeId: 'u-rev1' }, 'assigneeId'],
    ['release', { version: 3, note: 'bye' }, 'note'],
    ['approve', { version: 3 }, 'customerMessage'],
    ['approve', { version: 3, customerMessage: '' }, 'customerMessage'],
    ['approve', { version: 3, customerMessage: '   \n ' }, 'customerMessage'],
    ['approve', { version: 3, customerMessage: 'x'.repeat(2001) }, 'customerMessage'],
    ['approve', { version: 3, customerMessage: MSG, amountFen: 0 }, 'amountFen'],
    ['approve', { version: 3, customerMessage: MSG, amountFen: -100 }, 'amountFen'],
    ['approve', { version: 3, customerMessage: MSG, amountFen: 12.5 }, 'amountFen'],
    ['approve', { version: 3, customerMessage: MSG, amountFen: '6800' }, 'amountFen'],
    [
      'approve',
      { version: 3, customerMessage: MSG, againstSuggestionReason: 'x'.repeat(501) },
      'againstSuggestionReason',
    ],
    ['approve', { version: 3, customerMessage: MSG, reasonCode: 'other' }, 'reasonCode'],
    ['reject', { version: 3, customerMessage: MSG }, 'reasonCode'],
    ['reject', { version: 3, customerMessage: MSG, reasonCode: 'because' }, 'reasonCode'],
    ['reject', { version: 3, reasonCode: 'duplicate', customerMessage: '' }, 'customerMessage'],
    ['reject', { version: 3, reasonCode: 'other', customerMessage: MSG, note: 'x'.repeat(2001) }, 'note'],
    [
      'reject',
      { version: 3, reasonCode: 'duplicate', customerMessage: MSG, againstSuggestionReason: 'x'.repeat(501) },
      'againstSuggestionReason',
    ],
    ['request_info', { version: 3, customerMessage: MSG }, 'missingItems'],
    ['request_info', { version: 3, customerMessage: MSG, missingItems: [] }, 'missingItems'],
    [
      'request_info',
      { version: 3, customerMessage: MSG, missingItems: ['order_number', 'order_number'] },
      'missingItems',
    ],
    ['request_info', { version: 3, customerMessage: MSG, missingItems: ['shoe_size'] }, 'missingItems.0'],
    ['request_info', { version: 3, missingItems: ['order_number'] }, 'customerMessage'],
    ['customer_reply', { message: 'hi' }, 'suppliedItems'],
    ['customer_reply', { suppliedItems: ['bogus'], message: 'hi' }, 'suppliedItems.0'],
    ['customer_reply', { suppliedItems: [] }, 'message'],
    ['customer_reply', { suppliedItems: [], message: 'x'.repeat(2001) }, 'message'],
    ['customer_reply', { suppliedItems: [], message: '', version: 3 }, 'version'],
    ['second_approval', { version: 3 }, 'decision'],
    ['second_approval', { version: 3, decision: 'maybe' }, 'decision'],
    ['second_approval', { version: 3, decision: 'confirm', note: 'x'.repeat(2001) }, 'note'],
    ['override', { version: 3 }, 'note'],
    ['override', { version: 3, note: '' }, 'note'],
    ['override', { version: 3, note: '   ' }, 'note'],
    ['override', { version: 3, note: 'x'.repeat(2001) }, 'note'],
    ['reassign', { version: 3 }, 'assigneeId'],
    ['reassign', { version: 3, assigneeId: '' }, 'assigneeId'],
    ['reassign', { version: 3, assigneeId: '  ' }, 'assigneeId'],
  ];

  it.each(invalid)('%s refuses %j (errors.%s)', (action, body, field) => {
    expect(refundActionBodySchemas[action].safeParse(body).success).toBe(false);
    const parsed = parseRefundActionBody(action, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.status).toBe(422);
      expect(parsed.errors).toHaveProperty([field]);
    }
    // and applyRefundCommand refuses the same body with 422 (after who, version and status pass)
    const s = scenario(action);
    const result = refused(run(s.request, raw(action, body), s.actor), 422);
    expect(result.errors).toHaveProperty([field]);
  });

  it.each([
    ['claim', { version: 0 }],
    ['approve', { version: 3, customerMessage: MSG, amountFen: 1 }],
    ['approve', { version: 3, customerMessage: 'x'.repeat(2000), againstSuggestionReason: 'y'.repeat(500) }],
    ['reject', { version: 3, reasonCode: 'other', customerMessage: MSG, note: 'n' }],
    ['request_info', { version: 3, customerMessage: MSG, missingItems: [...INFO_ITEMS] }],
    ['customer_reply', { suppliedItems: [], message: '' }],
    ['second_approval', { version: 3, decision: 'send_back', note: 'too high' }],
    ['override', { version: 3, note: 'ok' }],
    ['reassign', { version: 3, assigneeId: 'u-rev2' }],
  ] as const)('%s accepts %j', (action, body) => {
    expect(parseRefundActionBody(action, body).ok).toBe(true);
  });

  it('trims the customer message', () => {
    const parsed = parseRefundActionBody('approve', { version: 3, customerMessage: '  谢谢  ' });
    expect(parsed.ok && parsed.command).toEqual({ action: 'approve', version: 3, customerMessage: '谢谢' });
  });

  it('says which fields are wrong in the message', () => {
    const parsed = parseRefundActionBody('approve', { version: 3, customerMessage: '', extra: 1 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain('Write the message the customer will receive.');
      expect(parsed.message).toContain('Unknown field "extra".');
    }
  });
});

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

// ---------------------------------------------------------------------------------------------
// Queries

describe('availableRefundActions', () => {
  const actions = (r: RefundRequest, actor: Actor) => availableRefundActions(r, actor, policyFor(r));

  it('pending and unassigned: claim (and reassign for a supervisor)', () => {
    const r = makeRequest({ status: 'pending', assigneeId: null });
    expect(actions(r, rev1)).toEqual(['claim']);
    expect(actions(r, sup1)).toEqual(['claim', 'reassign']);
    expect(actions(r, mgr)).toEqual([]);
    expect(actions(r, customer)).toEqual([]);
  });

  it('in review: the assignee decides, others cannot', () => {
    const r = makeRequest();
    expect(actions(r, rev1)).toEqual(['release', 'approve', 'reject', 'request_info']);
    expect(actions(r, rev2)).toEqual([]);
    expect(actions(r, sup1)).toEqual(['release', 'reassign']);
    expect(actions(r, mgr)).toEqual([]);
  });

  it('a blocked approval is not offered; the supervisor is offered the override', () => {
    const r = makeRequest({ purchasedAt: at(-10 * DAY_MS) });
    expect(actions(r, rev1)).toEqual(['release', 'reject', 'request_info']);
    expect(actions(r, sup1)).toEqual(['release', 'override', 'reassign']);
    const overridden = { ...r, overrideBy: 'u-sup1' };
    expect(actions(overridden, rev1)).toContain('approve');
    expect(actions(overridden, sup1)).not.toContain('override');
  });

  it('nothing refundable: approve is not offered', () => {
    expect(actions(makeRequest({ coinsSpent: 680 }), rev1)).not.toContain('approve');
  });

  it('awaiting information: the customer replies, staff may simulate, the system may time out', () => {
    const r = makeRequest({ status: 'awaiting_info', awaitingInfoSince: NOW });
    expect(actions(r, customer)).toEqual(['customer_reply']);
    expect(actions(r, rev2)).toEqual(['customer_reply']);
    expect(actions(r, sup1)).toEqual(['customer_reply', 'reassign']);
    expect(actions(r, system)).toEqual(['info_timeout']);
    expect(actions(r, mgr)).toEqual([]);
  });

  it('awaiting second approval: any supervisor but the first approver', () => {
    const r = makeRequest({
      status: 'awaiting_second_approval',
      approvedFen: 6_800,
      firstApproverId: 'u-sup2',
    });
    expect(actions(r, sup1)).toEqual(['second_approval', 'reassign']);
    expect(actions(r, sup2)).toEqual(['reassign']);
    expect(actions(r, rev1)).toEqual([]);
  });

  it('approved: only the system pays out; closed requests offer nothing', () => {
    const r = makeRequest({ status: 'approved', approvedFen: 6_800, decidedAt: NOW });
    expect(actions(r, system)).toEqual(['payout']);
    expect(actions(r, sup1)).toEqual([]);
    for (const status of ['rejected', 'refunded'] as const) {
      for (const actor of [rev1, sup1, mgr, system, customer])
        expect(actions({ ...r, status }, actor)).toEqual([]);
    }
  });

  it('agrees with applyRefundCommand: an offered action never meets a 403 or a status 409', () => {
    const actors = [rev1, rev2, sup1, sup2, mgr, system, customer];
    for (const action of ACTIONS) {
      const s = scenario(action);
      for (const status of REFUND_STATUSES) {
        const r = { ...s.request, status };
        for (const actor of actors) {
          const offered = actions(r, actor).includes(action);
          const result = run(r, s.command, actor, { now: at(60 * DAY_MS) });
          if (offered)
            expect(result.ok || result.status === 422, `${action} ${status} ${JSON.stringify(actor)}`).toBe(
              true,
            );
          // overturn is offered on the complaint page, not among the request's actions
          else if (action !== 'approve' && action !== 'overturn')
            expect(result.ok, `${action} ${status} ${JSON.stringify(actor)}`).toBe(false);
        }
      }
    }
  });
});

describe('claim priority', () => {
  const q = (id: string, dueH: number, submittedH: number) =>
    makeRequest({
      id,
      status: 'pending',
      assigneeId: null,
      slaDueAt: at(dueH * HOUR_MS),
      submittedAt: at(submittedH * HOUR_MS),
    });

  it('orders by SLA due time, then submission, then id', () => {
    const list = [q('r-c', 5, -1), q('r-b', 2, -3), q('r-a', 5, -1), q('r-d', 5, -4), q('r-e', -1, -30)];
    expect(list.sort(compareClaimPriority).map((r) => r.id)).toEqual(['r-e', 'r-b', 'r-d', 'r-a', 'r-c']);
  });

  it('is 0 only for the same request', () => {
    expect(compareClaimPriority(q('r-a', 1, 1), q('r-a', 1, 1))).toBe(0);
  });

  it('isClaimable: pending and unassigned only', () => {
    expect(isClaimable(makeRequest({ status: 'pending', assigneeId: null }))).toBe(true);
    expect(isClaimable(makeRequest({ status: 'pending', assigneeId: 'u-rev1' }))).toBe(false);
    for (const status of REFUND_STATUSES.filter((s) => s !== 'pending')) {
      expect(isClaimable(makeRequest({ status, assigneeId: null }))).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Property

describe('properties', () => {
  const staffIds = ['u-rev1', 'u-rev2', 'u-sup1', 'u-sup2'];
  const actorArb: fc.Arbitrary<Actor> = fc.oneof(
    fc.constantFrom(rev1, rev2, sup1, sup2, mgr),
    fc.constant(system),
    fc.constant(customer),
  );
  const maybeStaff = fc.option(fc.constantFrom(...staffIds), { nil: null });
  const text = fc.oneof(
    fc.constant(''),
    fc.constant('  '),
    fc.string({ maxLength: 20 }),
    fc.constant('x'.repeat(2001)),
  );

  const requestArb = fc
    .record({
      status: fc.constantFrom(...REFUND_STATUSES),
      assigneeId: maybeStaff,
      version: fc.nat({ max: 4 }),
      paidFen: fc.integer({ min: 1, max: 200_000 }),
      coins: fc.integer({ min: 1, max: 20_000 }),
      spentRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      tipRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      purchasedDaysAgo: fc.integer({ min: 0, max: 20 }),
      providedItems: fc.subarray([...INFO_ITEMS]),
      accountRestricted: fc.boolean(),
      duplicate: fc.boolean(),
      approvedRatio: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      firstApproverId: maybeStaff,
      overrideBy: maybeStaff,
      awaitingDaysAgo: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      decidedHoursAgo: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    })
    .map((g) => {
      const coinsSpent = Math.floor(g.coins * g.spentRatio);
      const base = makeRequest({
        status: g.status,
        assigneeId: g.assigneeId,
        version: g.version,
        paidFen: g.paidFen,
        coins: g.coins,
        coinsSpent,
        coinsSpentOnTips: Math.floor(coinsSpent * g.tipRatio),
        purchasedAt: at(-g.purchasedDaysAgo * DAY_MS - HOUR_MS),
        providedItems: g.providedItems,
        accountRestricted: g.accountRestricted,
        duplicate: g.duplicate,
        firstApproverId: g.firstApproverId,
        overrideBy: g.overrideBy,
        awaitingInfoSince: g.awaitingDaysAgo === null ? null : at(-g.awaitingDaysAgo * DAY_MS),
        decidedAt: g.decidedHoursAgo === null ? null : at(-g.decidedHoursAgo * HOUR_MS),
      });
      const approvedFen =
        g.approvedRatio === null || base.refundableFen === 0
          ? null
          : Math.max(1, Math.floor(base.refundableFen * g.approvedRatio));
      return { ...base, approvedFen };
    });

  const commandArb = (version: number): fc.Arbitrary<RefundCommand> => {
    const v = fc.oneof(fc.constant(version), fc.constant(version + 1), fc.constant(Math.max(0, version - 1)));
    const msg = fc.oneof(fc.constant(MSG), text);
    const reason = fc.option(fc.oneof(fc.constant('理由'), text), { nil: undefined });
    const note = fc.option(fc.oneof(fc.constant('备注'), text), { nil: undefined });
    const items = fc.subarray([...INFO_ITEMS]);
    const cmd = fc.oneof(
      fc.record({ action: fc.constant('claim'), version: v }),
      fc.record({ action: fc.constant('release'), version: v }),
      fc.record(
        {
          action: fc.constant('approve'),
          version: v,
          amountFen: fc.option(fc.integer({ min: -10, max: 250_000 }), { nil: undefined }),
          customerMessage: msg,
          againstSuggestionReason: reason,
        },
        { requiredKeys: ['action', 'version', 'customerMessage'] },
      ),
      fc.record(
        {
          action: fc.constant('reject'),
          version: v,
          reasonCode: fc.constantFrom('outside_window', 'coins_spent', 'duplicate', 'other', 'nonsense'),
          customerMessage: msg,
          note,
          againstSuggestionReason: reason,
        },
        { requiredKeys: ['action', 'version', 'reasonCode', 'customerMessage'] },
      ),
      fc.record(
        {
          action: fc.constant('request_info'),
          version: v,
          missingItems: items,
          customerMessage: msg,
          againstSuggestionReason: reason,
        },
        { requiredKeys: ['action', 'version', 'missingItems', 'customerMessage'] },
      ),
      fc.record({ action: fc.constant('customer_reply'), suppliedItems: items, message: text }),
      fc.record(
        {
          action: fc.constant('second_approval'),
          version: v,
          decision: fc.constantFrom('confirm', 'send_back'),
          note,
        },
        { requiredKeys: ['action', 'version', 'decision'] },
      ),
      fc.record({ action: fc.constant('override'), version: v, note: fc.oneof(fc.constant('备注'), text) }),
      fc.record({
        action: fc.constant('reassign'),
        version: v,
        assigneeId: fc.oneof(fc.constantFrom(...staffIds), text),
      }),
      fc.constant({ action: 'info_timeout' }),
      fc.constant({ action: 'payout' }),
    );
    return cmd as unknown as fc.Arbitrary<RefundCommand>;
  };

  it('success ⇒ version + 1, approvedFen ≤ refundable, consistent event; failure ⇒ no request, input untouched', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(
        requestArb.chain((r) =>
          fc.tuple(
            fc.constant(r),
            commandArb(r.version),
            actorArb,
            fc.integer({ min: 0, max: 10 * DAY_MS }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
        ),
        ([request, command, actor, laterMs, jitter]) => {
          const policy = policyFor(request);
          const frozen = structuredClone(request);
          const now = at(laterMs);
          const result = applyRefundCommand(request, command, {
            actor,
            nowIso: now,
            policy,
            payoutJitter01: jitter,
          });
          expect(request).toEqual(frozen);
          if (result.ok) {
            seen.ok++;
            expect(result.request.version).toBe(request.version + 1);
            expect(result.request.updatedAt).toBe(now);
            expect(REFUND_STATUSES).toContain(result.request.status);
            if (result.request.approvedFen !== null) {
              expect(result.request.approvedFen).toBeGreaterThan(0);
              expect(result.request.approvedFen).toBeLessThanOrEqual(policy.refundableFen);
            }
            if (result.request.status === 'approved')
              expect(result.request.approvedFen).toBe(policy.refundableFen);
            if (result.request.status === 'partially_approved') {
              expect(result.request.approvedFen).toBeLessThan(policy.refundableFen);
            }
            expect(result.event).toMatchObject({
              action: command.action,
              refundId: request.id,
              at: now,
              statusBefore: request.status,
              statusAfter: result.request.status,
              actorKind: actor.kind,
            });
          } else {
            seen.refused++;
            expect(result).not.toHaveProperty('request');
            expect([403, 409, 422]).toContain(result.status);
            expect(result.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 3000, seed: 20250602 },
    );
    // the generators reach both outcomes
    expect(seen.ok).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});

// ---------------------------------------------------------------------------------------------
// Overturn (part 3: a supervisor resolving a complaint as overturned or partially overturned)

describe('overturn', () => {
  const NOTE = '投诉成立：客户已在退款时限内联系客服。';
  const overturn = (version: number, amountFen: number, complaintId = 'cp-1') =>
    ({ action: 'overturn', version, amountFen, complaintId, note: NOTE }) as const;
  const rejected = (overrides: Partial<RefundRequest> = {}) =>
    makeRequest({
      status: 'rejected',
      decidedAt: at(-DAY_MS),
      firstDecisionAt: at(-DAY_MS),
      decision: {
        action: 'reject',
        by: 'u-rev1',
        at: at(-DAY_MS),
        reasonCode: 'outside_window',
        customerMessage: MSG,
      },
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
