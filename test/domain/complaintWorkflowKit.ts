// Fixtures of the complaint workflow's domain tests: a complaint held by sup1, the request it is
// about, one succeeding scenario per action and the table each action's common rules are checked
// against (complaintWorkflow.test.ts, complaintTransitions.test.ts, complaintQueries.test.ts).
import { expect } from 'vitest';
import {
  ACTIVE_COMPLAINT_STATUSES,
  COMPLAINT_ACTIONS,
  applyComplaintCommand,
  type ComplaintAction,
  type ComplaintCommand,
  type ComplaintRefundView,
  type ComplaintResult,
  type OpenComplaintResult,
} from '../../src/domain/complaintWorkflow';
import type { Complaint, ComplaintStatus } from '../../src/domain/model';
import { isComplaintAnnotation } from '../../src/domain/complaintAnnotations';
import type { Actor } from '../../src/domain/workflowEngine';
import { DAY_MS, HOUR_MS, toIso, toMs } from '../../src/domain/sla';
import * as make from '../../src/domain/records';

// ---------------------------------------------------------------------------------------------
// Fixtures

export const NOW = '2026-03-10T08:00:00.000Z';
export const at = (offsetMs: number) => toIso(toMs(NOW) + offsetMs);

export const rev1: Actor = { kind: 'staff', id: 'u-rev1', role: 'reviewer' };
export const sup1: Actor = { kind: 'staff', id: 'u-sup1', role: 'supervisor' };
export const sup2: Actor = { kind: 'staff', id: 'u-sup2', role: 'supervisor' };
export const mgr: Actor = { kind: 'staff', id: 'u-mgr', role: 'manager' };
export const system: Actor = { kind: 'system' };
export const customer: Actor = { kind: 'customer' };

export const SUPERVISORS = new Set(['u-sup1', 'u-sup2']);
export const NAMES: Record<string, string> = { 'u-sup1': 'Chen Jing', 'u-sup2': 'Zhao Min' };

/** An investigated level-1 complaint held by sup1, opened 10 h ago, about a rejected request. */
export function makeComplaint(overrides: Partial<Complaint> = {}): Complaint {
  const openedAt = at(-10 * HOUR_MS);
  return make.complaint({
    id: 'cp-1',
    refundId: 'r-1',
    customerId: 'c-1',
    customerName: '王小明',
    orderNumber: 'CZ20260301000001',
    channel: 'phone',
    category: 'disputes_rejection',
    description: '我在 7 天内就联系了客服，为什么驳回？',
    status: 'investigating',
    assigneeId: 'u-sup1',
    openedAt,
    openedBy: 'u-rev1',
    dueAt: toIso(toMs(openedAt) + 48 * HOUR_MS),
    originalDecision: { status: 'rejected', reviewerId: 'u-rev1', amountFen: null },
    version: 5,
    ...overrides,
  });
}

export const rejectedRefund: ComplaintRefundView = {
  id: 'r-1',
  status: 'rejected',
  refundableFen: 6_800,
  approvedFen: null,
  version: 7,
  paidFen: 6_800,
  coins: 680,
  tipping: false,
  outsideWindow: false,
  accountRestricted: false,
  overrideBy: null,
};

export function run(
  complaint: Complaint,
  command: ComplaintCommand,
  actor: Actor,
  opts: { now?: string; refund?: ComplaintRefundView; other?: string | null } = {},
): ComplaintResult {
  return applyComplaintCommand(complaint, command, {
    actor,
    nowIso: opts.now ?? NOW,
    refund: opts.refund ?? rejectedRefund,
    staffName: (id) => NAMES[id],
    isSupervisor: (id) => SUPERVISORS.has(id),
    otherActiveComplaintId: opts.other ?? null,
  });
}

export function ok(result: ComplaintResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.status}: ${result.message}`);
  return result;
}

export function refused(result: ComplaintResult | OpenComplaintResult, status: 403 | 409 | 422) {
  if (result.ok) throw new Error(`expected ${status}, got success (${result.complaint.status})`);
  expect(result.status, result.message).toBe(status);
  expect(result.message.length).toBeGreaterThan(10);
  return result;
}

export const raw = (action: string, body: Record<string, unknown>) =>
  ({ action, ...body }) as unknown as ComplaintCommand;

export const MSG = '您好，经复核，您的退款将全额退回。';

export interface Scenario {
  complaint: Complaint;
  actor: Actor;
  command: ComplaintCommand;
  now?: string;
}

export function scenario(action: ComplaintAction): Scenario {
  const c = makeComplaint();
  switch (action) {
    case 'assign':
      return { complaint: c, actor: sup1, command: { action, version: 5, assigneeId: 'u-sup2' } };
    case 'note':
      return { complaint: c, actor: sup1, command: { action, version: 5, text: '已调取通话录音。' } };
    case 'contact':
      return {
        complaint: c,
        actor: sup1,
        command: { action, version: 5, text: '电话联系客户，说明处理进度。' },
      };
    case 'escalate':
      return { complaint: c, actor: sup1, command: { action, version: 5, reason: '涉及审核员操作规范。' } };
    case 'resolve':
      return {
        complaint: c,
        actor: sup1,
        command: { action, version: 5, outcome: 'upheld', customerMessage: MSG },
      };
    case 'second_approval':
      return {
        complaint: makeComplaint({
          pendingResolution: {
            outcome: 'goodwill',
            by: 'u-sup1',
            at: at(-HOUR_MS),
            customerMessage: MSG,
            goodwillCoins: 100,
            reasons: ['tipping'],
          },
        }),
        actor: sup2,
        command: { action, version: 5, decision: 'confirm' },
      };
    case 'close':
      return {
        complaint: makeComplaint({ status: 'resolved', resolvedAt: at(-DAY_MS) }),
        actor: sup2,
        command: { action, version: 5 },
      };
    case 'reopen':
      return {
        complaint: makeComplaint({ status: 'resolved', resolvedAt: at(-DAY_MS) }),
        actor: sup2,
        command: { action, version: 5, note: '客户提供了新的付款凭证。' },
      };
    case 'auto_escalate':
      return { complaint: c, actor: system, command: { action }, now: c.dueAt };
    case 'flag_overdue': {
      const escalated = makeComplaint({
        status: 'escalated',
        level: 2,
        escalatedAt: at(-30 * HOUR_MS),
        dueAt: at(-6 * HOUR_MS),
      });
      return { complaint: escalated, actor: system, command: { action } };
    }
  }
}

export function runScenario(s: Scenario, patch: Partial<Complaint> = {}, actor: Actor = s.actor) {
  return run({ ...s.complaint, ...patch }, s.command, actor, { now: s.now });
}

export const ACTIVE = [...ACTIVE_COMPLAINT_STATUSES];
export const ALLOWED_FROM: Record<ComplaintAction, ComplaintStatus[]> = {
  assign: ACTIVE,
  note: ['open', 'investigating', 'awaiting_customer', 'escalated', 'resolved'],
  contact: ACTIVE,
  escalate: ACTIVE,
  resolve: ACTIVE,
  second_approval: ACTIVE,
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
  // the clock's actions: not while it is paused on the customer
  auto_escalate: ['open', 'investigating', 'escalated'],
  flag_overdue: ['open', 'investigating', 'escalated'],
};

export const STAFF_FORBIDDEN: [string, Actor][] = [
  ['a reviewer', rev1],
  ['a manager', mgr],
  ['the system', system],
  ['the customer', customer],
];
export const SYSTEM_FORBIDDEN: [string, Actor][] = [
  ['a reviewer', rev1],
  ['a supervisor', sup1],
  ['a manager', mgr],
  ['the customer', customer],
];
export const FORBIDDEN: Record<ComplaintAction, [string, Actor][]> = {
  assign: STAFF_FORBIDDEN,
  note: STAFF_FORBIDDEN,
  contact: STAFF_FORBIDDEN,
  escalate: STAFF_FORBIDDEN,
  resolve: [...STAFF_FORBIDDEN, ['a supervisor who does not hold it', sup2]],
  second_approval: [...STAFF_FORBIDDEN, ['the supervisor who resolved and holds it', sup1]],
  close: STAFF_FORBIDDEN,
  reopen: STAFF_FORBIDDEN,
  auto_escalate: SYSTEM_FORBIDDEN,
  flag_overdue: SYSTEM_FORBIDDEN,
};

export const ACTIONS = [...COMPLAINT_ACTIONS];
export const VERSIONED: ComplaintAction[] = ACTIONS.filter(
  (a) => a !== 'auto_escalate' && a !== 'flag_overdue' && !isComplaintAnnotation(a),
);

// ---------------------------------------------------------------------------------------------
// The matrix: every action × every refused status, actor and stale version
