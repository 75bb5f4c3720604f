// Fixtures shared by the refund workflow's tests: a consistent request, the policy it gets, one
// successful scenario per action, and the statuses and actors each action refuses.
import { expect } from 'vitest';
import type { InfoItem, RefundRequest, RefundStatus } from '../../src/domain/model';
import { evaluatePolicy, type PolicyResult } from '../../src/domain/refundPolicy';
import {
  applyRefundCommand,
  type Actor,
  type RefundAction,
  type RefundCommand,
  type WorkflowResult,
} from '../../src/domain/refundWorkflow';
import { DAY_MS, HOUR_MS, toIso, toMs } from '../../src/domain/sla';
import * as make from '../../src/domain/records';
import { FIRST_POLICY, type PolicyInForce } from '../../src/domain/policyVersions';

export const NOW = '2025-06-02T10:00:00.000Z';
export const at = (offsetMs: number) => toIso(toMs(NOW) + offsetMs);

type StaffActor = Extract<Actor, { kind: 'staff' }>;

export const rev1: StaffActor = { kind: 'staff', id: 'u-rev1', role: 'reviewer' };
export const rev2: StaffActor = { kind: 'staff', id: 'u-rev2', role: 'reviewer' };
export const sup1: StaffActor = { kind: 'staff', id: 'u-sup1', role: 'supervisor' };
export const sup2: StaffActor = { kind: 'staff', id: 'u-sup2', role: 'supervisor' };
export const mgr: StaffActor = { kind: 'staff', id: 'u-mgr', role: 'manager' };
export const system: Actor = { kind: 'system' };
export const customer: Actor = { kind: 'customer' };

export const ALL_INFO: InfoItem[] = ['order_number', 'purchase_time', 'reason_detail'];

/**
 * A complete, consistent request: in review by rev1, bought 2 days ago for ¥68 (680 coins, none
 * spent), information complete, normal account. Flags and refundableFen are derived from the
 * fields by the real policy; `accountRestricted` and `duplicate` are inputs (restricted account,
 * older open request for the same order).
 */
export function makeRequest(overrides: Partial<RefundRequest> = {}): RefundRequest {
  const submittedAt = overrides.submittedAt ?? at(-3 * HOUR_MS);
  const merged = make.refundRequest({
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
    paymentChannel: 'wechat_pay',
    purchasedAt: at(-2 * DAY_MS),
    submissionChannel: 'app',
    reasonCategory: 'mistaken_purchase',
    description: '误充值，想退款',
    providedItems: [...ALL_INFO],
    status: 'in_review',
    assigneeId: 'u-rev1',
    submittedAt,
    version: 3,
    ...overrides,
  });
  const policy = policyFor(merged);
  return { ...merged, ...policy.flags, refundableFen: policy.refundableFen };
}

export function policyFor(r: RefundRequest): PolicyResult {
  return evaluatePolicy(
    {
      paidFen: r.paidFen,
      coins: r.coins,
      coinsSpent: r.coinsSpent,
      coinsSpentOnTips: r.coinsSpentOnTips,
      purchasedAt: r.purchasedAt,
      submittedAt: r.submittedAt,
      providedItems: r.providedItems,
      accountStatus: r.accountRestricted ? 'restricted' : 'normal',
      otherOpenRequestIds: r.duplicate ? ['r-0'] : [],
    },
    r.policyVersion === AUTOMATIC_POLICY.version ? AUTOMATIC_POLICY : FIRST_POLICY,
  );
}

/** Version 2 of the fixtures' policy: the first one's rules, with clean requests up to ¥200 approved automatically. */
export const AUTOMATIC_POLICY: PolicyInForce = {
  version: 2,
  parameters: { ...FIRST_POLICY.parameters, automaticApprovalMaxFen: 20_000 },
};

export const NAMES: Record<string, string> = { 'u-rev1': 'Li Na', 'u-sup2': 'Zhao Lei' };

export function run(
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

export function ok(result: WorkflowResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.status}: ${result.message}`);
  return result;
}

export function refused(result: WorkflowResult, status: 403 | 409 | 422) {
  if (result.ok) throw new Error(`expected ${status}, got success (${result.request.status})`);
  expect(result.status, result.message).toBe(status);
  expect(result.message.length).toBeGreaterThan(10);
  return result;
}

/** A raw body, as the server might receive it, forced into a command. */
export const raw = (action: RefundAction, body: Record<string, unknown>) =>
  ({ action, ...body }) as unknown as RefundCommand;

export const MSG = '您好，您的退款申请已处理。';

// One successful set-up per action: the request, the actor and a valid command.
export interface Scenario {
  request: RefundRequest;
  actor: Actor;
  command: RefundCommand;
  now?: string;
}

export function scenario(action: RefundAction): Scenario {
  switch (action) {
    case 'claim': {
      const request = makeRequest({ status: 'pending', assigneeId: null });
      return { request, actor: rev1, command: { action, version: 3 } };
    }
    case 'release':
      return { request: makeRequest(), actor: rev1, command: { action, version: 3 } };
    case 'release_inactive':
    case 'release_away':
      return { request: makeRequest(), actor: system, command: { action } };
    case 'auto_assign':
      return {
        request: makeRequest({ status: 'pending', assigneeId: null }),
        actor: system,
        command: { action, assigneeId: rev1.id },
      };
    case 'auto_approve':
      // a clean ¥198 request under the version that approves such requests by itself
      return {
        request: makeRequest({
          status: 'pending',
          assigneeId: null,
          policyVersion: AUTOMATIC_POLICY.version,
        }),
        actor: system,
        command: { action, customerMessage: 'Your refund of ¥198.00 was approved.' },
      };
    case 'release_idle':
      // claimed two hours ago and not touched since: past the default 60 working minutes
      return { request: makeRequest({ updatedAt: at(-2 * HOUR_MS) }), actor: system, command: { action } };
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

export function runScenario(s: Scenario, patch: Partial<RefundRequest> = {}, actor: Actor = s.actor) {
  return run({ ...s.request, ...patch }, s.command, actor, { now: s.now });
}

export const ALLOWED_FROM: Record<RefundAction, RefundStatus[]> = {
  claim: ['pending'],
  release: ['in_review'],
  auto_assign: ['pending'],
  auto_approve: ['pending'],
  release_inactive: ['pending', 'in_review'],
  release_away: ['pending', 'in_review'],
  release_idle: ['in_review'],
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

export const FORBIDDEN: Record<RefundAction, [string, Actor][]> = {
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
  release_inactive: [
    ['a reviewer', rev1],
    ['a supervisor', sup1],
    ['a manager', mgr],
    ['the customer', customer],
  ],
  release_away: [
    ['a reviewer', rev1],
    ['a supervisor', sup1],
    ['a manager', mgr],
    ['the customer', customer],
  ],
  release_idle: [
    ['a reviewer', rev1],
    ['a supervisor', sup1],
    ['a manager', mgr],
    ['the customer', customer],
  ],
  auto_assign: [
    ['a reviewer', rev1],
    ['a supervisor', sup1],
    ['a manager', mgr],
    ['the customer', customer],
  ],
  auto_approve: [
    ['a reviewer', rev1],
    ['a supervisor', sup1],
    ['a manager', mgr],
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

export const ACTIONS = Object.keys(ALLOWED_FROM) as RefundAction[];
export const VERSIONED: RefundAction[] = ACTIONS.filter(
  (a) =>
    a !== 'customer_reply' &&
    a !== 'info_timeout' &&
    a !== 'payout' &&
    a !== 'release_inactive' &&
    a !== 'release_away' &&
    a !== 'release_idle' &&
    a !== 'auto_assign' &&
    a !== 'auto_approve',
);
