// The complaint workflow: status × action × actor → next complaint and its audit event, or the
// reason why not. The rules are one table (complaintWorkflowTable.ts) run by the workflow engine;
// this module keeps the workflow's public names for the services, routes, seed and UI: the
// bodies (complaintWorkflowBodies.ts), opening a complaint (complaintWorkflowOpen.ts), running a
// command and the queries the UI and the clockwork ask.
import type { z } from 'zod';
import {
  ACTIVE_COMPLAINT_STATUSES,
  COMPLAINT_OUTCOMES,
  isComplaintActive,
  isComplaintClockRunning,
  type AuditEvent,
  type Complaint,
  type ComplaintOutcome,
} from './model';
import type { ComplaintRefundView, ComplaintRefusal } from './complaintResolution';
import {
  complaintActionBodySchemas,
  type ComplaintAction,
  type ComplaintBodySchemas,
  type ComplaintCommand,
} from './complaintWorkflowBodies';
import { complaintWorkflow, type ComplaintRules, type OverturnCommand } from './complaintWorkflowTable';
import { GOODWILL_COINS_CAP } from './goodwill';
import { overturnBlock, overturnFloorFen } from './refundWorkflow';
import { parseWithSchema, type Actor } from './workflowEngine';
import { toMs } from './sla';

// the goodwill caps live with their rule (goodwill.ts); the view and refusal with the resolution checks
export { GOODWILL_COINS_CAP, type ComplaintRefundView, type ComplaintRefusal };
// the statuses in which a complaint is still being handled live with the model (the UI reads them without zod)
export { ACTIVE_COMPLAINT_STATUSES, isComplaintActive };
export {
  complaintActionBodySchemas,
  type ComplaintAction,
  type ComplaintBodyAction,
  type ComplaintCommand,
  type CreateComplaintBody,
} from './complaintWorkflowBodies';
export {
  COMPLAINT_HELD_BY_OTHER,
  REOPEN_WINDOW,
  complaintWorkflow,
  dueForAutoEscalation,
  dueForOverdueFlag,
  withinReopenWindow,
  type ComplaintRules,
} from './complaintWorkflowTable';
export {
  complaintCategoriesFor,
  complaintPriority,
  openComplaint,
  type OpenComplaintContext,
  type OpenComplaintResult,
} from './complaintWorkflowOpen';

/** Every complaint action, in the table's order. */
export const COMPLAINT_ACTIONS: readonly ComplaintAction[] = complaintWorkflow.actions;

export function isComplaintAction(value: unknown): value is ComplaintAction {
  return complaintWorkflow.isAction(value);
}

// ---------------------------------------------------------------------------------------------
// Running a command

export interface ComplaintContext extends ComplaintRules {
  actor: Actor;
  nowIso: string;
  refund: ComplaintRefundView;
  /** staff id → display name, for refusal messages ("assigned to Chen Jing") */
  staffName?: (id: string) => string | undefined;
}

export type ComplaintEventDraft = Omit<AuditEvent, 'id'>;

export type ComplaintResult =
  | {
      ok: true;
      complaint: Complaint;
      event: ComplaintEventDraft;
      /** for an overturn: the refund command to run and commit with the complaint */
      refundCommand?: OverturnCommand;
    }
  | ComplaintRefusal;

/** Validates a body with its schema; on failure 422 with one message per field. */
export function parseComplaintActionBody<A extends keyof ComplaintBodySchemas>(
  action: A,
  body: unknown,
): { ok: true; body: z.output<ComplaintBodySchemas[A]> } | ComplaintRefusal {
  return parseWithSchema(complaintActionBodySchemas[action], body) as
    { ok: true; body: z.output<ComplaintBodySchemas[A]> } | ComplaintRefusal;
}

/** Runs every check of the table in order, then the action (complaintWorkflow.run). */
export function applyComplaintCommand(
  complaint: Complaint,
  command: ComplaintCommand,
  context: ComplaintContext,
): ComplaintResult {
  const { actor, nowIso, staffName, ...ctx } = context;
  const result = complaintWorkflow.run(complaint, command, { actor, nowIso, ctx, staffName });
  if (!result.ok) return result;
  return {
    ok: true,
    complaint: result.record,
    event: result.event,
    ...(result.extra ? { refundCommand: result.extra } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * The actions the UI offers this actor on this complaint: the same who and status rules as
 * applyComplaintCommand, without a body. With `nowIso` the time conditions (reopen window,
 * due time of the system actions) are checked too.
 */
export function availableComplaintActions(
  complaint: Complaint,
  actor: Actor,
  options: { nowIso?: string; otherActiveComplaintId?: string | null } = {},
): ComplaintAction[] {
  const { nowIso, ...ctx } = options;
  return complaintWorkflow.available(complaint, actor, ctx, nowIso ?? null);
}

/** Which resolutions can succeed on this request (the overturns need something to overturn). */
export function availableOutcomes(refund: ComplaintRefundView): ComplaintOutcome[] {
  const overturnable = overturnBlock(refund, refund.refundableFen) === null && refund.refundableFen > 0;
  const floor = overturnFloorFen(refund);
  return COMPLAINT_OUTCOMES.filter((outcome) => {
    if (outcome === 'overturned') return overturnable;
    // a partial overturn needs room between what is approved and the whole refundable amount
    if (outcome === 'partially_overturned') return overturnable && refund.refundableFen - floor >= 2;
    return true;
  });
}

/** Past its due time while still being worked (the list's "overdue"); never while its clock is paused. */
export function isComplaintOverdue(c: Pick<Complaint, 'status' | 'dueAt'>, nowMs: number): boolean {
  return isComplaintClockRunning(c.status) && toMs(c.dueAt) < nowMs;
}
