// The review workflow of refund requests: status × action × actor → next request and its audit
// event, or the reason why not. Pure: time comes in as `nowIso`, the policy as a computed result.
// The rules are one table (refundWorkflowTable.ts) run by the workflow engine; this module keeps
// the workflow's public names for the services, routes, seed and UI.
//
// Checks run in a fixed order so every refusal is predictable:
//   who (403) → version (409) → status / transition (409) → body and semantic validation (422).
import type { RefundRequest } from './model';
import type { PolicyResult } from './refundPolicy';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from './slaSettings';
import type { RefundAction, RefundBodyAction, RefundCommand } from './refundWorkflowBodies';
import { refundWorkflow } from './refundWorkflowTable';
import type { Actor, AuditEventDraft, WorkflowRefusal } from './workflowEngine';

export {
  refundActionBodySchemas,
  type RefundAction,
  type RefundBody,
  type RefundBodyAction,
  type RefundCommand,
} from './refundWorkflowBodies';
export {
  compareClaimPriority,
  dueForIdleRelease,
  dueForInfoTimeout,
  dueForPayout,
  idleReleaseAt,
  idleReleaseWindows,
  inTimedWindow,
  infoTimeoutWindows,
  isClaimable,
  overturnBlock,
  overturnFloorFen,
  payoutWindows,
  type TimedRefundWindow,
} from './refundWorkflowQueries';
export { refundWorkflow } from './refundWorkflowTable';
export type { Actor, AuditEventDraft, WorkflowRefusal } from './workflowEngine';

/** Every action, in the table's order. */
export const REFUND_ACTIONS: readonly RefundAction[] = refundWorkflow.actions;

export function isRefundAction(value: unknown): value is RefundAction {
  return refundWorkflow.isAction(value);
}

export interface WorkflowContext {
  actor: Actor;
  nowIso: string;
  /** evaluatePolicy(...) for this request, computed by the caller */
  policy: PolicyResult;
  /** deterministic jitter in [0,1] for the payout time (default 0.5) */
  payoutJitter01?: number;
  /** optional: staff id → display name, used in refusal messages ("assigned to Li Na") */
  staffName?: (id: string) => string | undefined;
  /** the calendar and targets due times count in (default: 24 × 7 with the seed's targets) */
  slaSettings?: SlaSettings;
}

export type WorkflowResult = { ok: true; request: RefundRequest; event: AuditEventDraft } | WorkflowRefusal;

/**
 * Validates an endpoint body with its schema. On failure: 422 with one message per field
 * (`errors`, keyed by the field path; unknown fields are reported under their own name).
 */
export function parseRefundActionBody<A extends RefundBodyAction>(
  action: A,
  body: unknown,
): { ok: true; command: Extract<RefundCommand, { action: A }> } | WorkflowRefusal {
  const parsed = refundWorkflow.parseBody(action, body);
  if (!parsed.ok) return parsed;
  return { ok: true, command: { ...parsed.body, action } as Extract<RefundCommand, { action: A }> };
}

export function applyRefundCommand(
  request: RefundRequest,
  command: RefundCommand,
  ctx: WorkflowContext,
): WorkflowResult {
  const result = refundWorkflow.run(request, command, {
    actor: ctx.actor,
    nowIso: ctx.nowIso,
    ctx: {
      policy: ctx.policy,
      jitter01: ctx.payoutJitter01 ?? 0.5,
      sla: ctx.slaSettings ?? DEFAULT_SLA_SETTINGS,
    },
    staffName: ctx.staffName,
  });
  return result.ok ? { ok: true, request: result.record, event: result.event } : result;
}

/**
 * The actions the UI offers this actor on this request: the same who and status rules as
 * applyRefundCommand, without a body. Time conditions (info timeout, payout) are not checked
 * (there is no clock here). Approve is left out when it cannot succeed whatever the body: when an
 * approval blocker has not been overridden, or when nothing is refundable.
 */
export function availableRefundActions(
  request: RefundRequest,
  actor: Actor,
  policy: PolicyResult,
): RefundAction[] {
  return refundWorkflow.available(request, actor, { policy, jitter01: 0.5, sla: DEFAULT_SLA_SETTINGS });
}
