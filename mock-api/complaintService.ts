// Runs complaint commands inside a transaction: the domain (the table in
// src/domain/complaintWorkflowTable.ts) decides, this file writes what it decided. A resolution
// that overturns the refund decision runs the refund workflow's 'overturn' and commits
// complaint + its event + request + its event in one commit. A note
// commits only its event: the complaint and its version stay untouched (complaintAnnotations.ts).
// Used by the HTTP routes, the timers (auto-escalation, overdue flag) and the seed.
import {
  applyComplaintCommand,
  complaintWorkflow,
  dueForAutoEscalation,
  dueForOverdueFlag,
  openComplaint,
  type ComplaintAction,
  type ComplaintCommand,
  type ComplaintRefusal,
} from '../src/domain/complaintWorkflow';
import { isComplaintAnnotation } from '../src/domain/complaintAnnotations';
import { goodwillAllowance, type GoodwillAllowance } from '../src/domain/goodwill';
import type { AuditEvent, Complaint, GoodwillCredit, RefundRequest, StaffUser } from '../src/domain/model';
import type { Actor } from '../src/domain/workflowEngine';
import { refusalError } from './http';
import { refusal } from '../src/domain/refusal';
import type { Change, DeskReader, DeskWriter } from './deskData';
import { executeRefundCommand } from './refundService';

export type ComplaintOutcome =
  | {
      ok: true;
      complaint: Complaint;
      event: AuditEvent;
      /** set when the resolution overturned the refund decision */
      refund?: RefundRequest;
      refundEvent?: AuditEvent;
    }
  | (ComplaintRefusal & { existingComplaintId?: string });

const SYSTEM: Actor = { kind: 'system' };

/** The staff a complaint command may name, looked up once (the domain's rules are synchronous). */
async function staffLookup(data: DeskReader, complaint: Complaint, command: ComplaintCommand) {
  const ids = new Set<string>();
  for (const id of [
    complaint.assigneeId,
    complaint.openedBy,
    (command as { assigneeId?: unknown }).assigneeId,
  ])
    if (typeof id === 'string') ids.add(id);
  for (const id of [complaint.resolution?.by, complaint.pendingResolution?.by])
    if (typeof id === 'string') ids.add(id);
  const users = new Map<string, StaffUser>();
  for (const id of ids) {
    const user = await data.get('users', id);
    if (user) users.set(id, user);
  }
  return {
    staffName: (id: string) => users.get(id)?.fullName,
    isSupervisor: (id: string) => {
      const user = users.get(id);
      return Boolean(user && user.active && user.role === 'supervisor');
    },
  };
}

/** The goodwill credited on every complaint of this customer (the per-customer cap counts them). */
export async function customerGoodwillCredits(
  data: DeskReader,
  customerId: string,
): Promise<GoodwillCredit[]> {
  const credits: GoodwillCredit[] = [];
  for (const c of await data.complaintsOfCustomer(customerId)) {
    if (c.goodwillCredits) credits.push(...c.goodwillCredits);
  }
  return credits;
}

/** What this complaint may still credit as goodwill now (GET /api/complaints/:id/goodwill-allowance). */
export async function complaintGoodwillAllowance(
  data: DeskReader,
  complaint: Complaint,
  nowIso: string,
): Promise<GoodwillAllowance> {
  const others = await customerGoodwillCredits(data, complaint.customerId);
  return goodwillAllowance(complaint, others, nowIso);
}

/** Opens a complaint about `refund` (409 when one is already open on it, named to who may read it). */
export async function createComplaint(
  tx: DeskWriter,
  refund: RefundRequest,
  body: unknown,
  actor: Actor,
  nowIso: string,
): Promise<ComplaintOutcome> {
  const active = await tx.activeComplaintFor(refund.id);
  const result = openComplaint(refund, body, {
    actor,
    nowIso,
    id: '', // allocated below, only when the complaint is really opened
    activeComplaint: active,
    sla: await tx.slaSettings(),
  });
  if (!result.ok) return result;
  const id = await tx.nextId('cp');
  const complaint: Complaint = { ...result.complaint, id };
  const event: AuditEvent = { ...result.event, complaintId: id, id: await tx.nextId('e') };
  await tx.commit([
    { c: 'complaints', v: complaint },
    { c: 'events', v: event },
  ]);
  return { ok: true, complaint, event };
}

export async function executeComplaintCommand(
  tx: DeskWriter,
  complaint: Complaint,
  command: ComplaintCommand,
  actor: Actor,
  nowIso: string,
): Promise<ComplaintOutcome> {
  const refund = await tx.get('refunds', complaint.refundId);
  if (!refund) {
    return refusal(409, 'complaint_refund_missing', { refundId: complaint.refundId });
  }
  const staff = await staffLookup(tx, complaint, command);
  const result = applyComplaintCommand(complaint, command, {
    actor,
    nowIso,
    refund,
    staffName: staff.staffName,
    isSupervisor: staff.isSupervisor,
    customerGoodwillCredits: await customerGoodwillCredits(tx, complaint.customerId),
    sla: await tx.slaSettings(),
    secondApprovalRule: (await tx.policyVersion(refund.policyVersion)).parameters,
    otherActiveComplaintId:
      command.action === 'reopen'
        ? ((await tx.activeComplaintFor(complaint.refundId, complaint.id))?.id ?? null)
        : null,
  });
  if (!result.ok) return result;
  const event: AuditEvent = { ...result.event, id: await tx.nextId('e') };
  // a note is appended as its event alone: the complaint is not rewritten, so nothing it holds can change
  if (isComplaintAnnotation(command.action)) {
    await tx.commit([{ c: 'events', v: event }]);
    return { ok: true, complaint, event };
  }
  const complaintChanges: Change[] = [
    { c: 'complaints', v: result.complaint, over: complaint.version, was: complaint },
    { c: 'events', v: event },
  ];
  if (!result.refundCommand) {
    await tx.commit(complaintChanges);
    return { ok: true, complaint: result.complaint, event };
  }
  // The overturn: the refund workflow has the last word; nothing is written unless both succeed.
  const overturn = await executeRefundCommand(
    tx,
    refund,
    result.refundCommand,
    actor,
    nowIso,
    complaintChanges,
  );
  if (!overturn.ok) {
    // the answer quotes the refund workflow's refusal (its code in params.cause) and keeps its fields
    const cause = {
      code: overturn.code,
      params: overturn.params,
      ...(overturn.fieldErrors ? { fieldErrors: overturn.fieldErrors } : {}),
    };
    return {
      ...refusal(overturn.status, 'complaint_overturn_failed', { cause }),
      ...(overturn.errors ? { errors: overturn.errors, fieldErrors: overturn.fieldErrors } : {}),
    };
  }
  return {
    ok: true,
    complaint: result.complaint,
    event,
    refund: overturn.request,
    refundEvent: overturn.event,
  };
}

/** Throws a refusal as an HTTP error carrying the current complaint on 409. */
export function complaintOrThrow(outcome: ComplaintOutcome, current?: Complaint): Complaint {
  if (outcome.ok) return outcome.complaint;
  const extra: Record<string, unknown> = {};
  if (outcome.existingComplaintId) extra.existingComplaintId = outcome.existingComplaintId;
  if (outcome.status === 409 && current) extra.current = current;
  throw refusalError(outcome, extra);
}

/**
 * What the complaint clockwork does to `c` now, if anything: the system action whose checks the
 * table passes at this time (auto_escalate at a level-1 due time, flag_overdue at a level-2 one).
 */
export function dueComplaintAction(c: Complaint, nowIso: string): ComplaintAction | null {
  // the cheap due checks first: a sweep asks this of every active complaint, and most are not due
  const due = CLOCK_ACTIONS.find((action) => COMPLAINT_TIMERS[action](c, nowIso));
  if (!due) return null;
  return complaintWorkflow.available(c, SYSTEM, {}, nowIso).includes(due) ? due : null;
}

/** When each complaint action the clock runs is due (the workflow table refuses it until then). */
const COMPLAINT_TIMERS = {
  auto_escalate: dueForAutoEscalation,
  flag_overdue: dueForOverdueFlag,
} satisfies Partial<Record<ComplaintAction, (c: Complaint, nowIso: string) => boolean>>;

/** The table's system actions, in its order; each must have its timer above. */
const CLOCK_ACTIONS = complaintWorkflow.clockActions(COMPLAINT_TIMERS, 'complaint');

/**
 * The complaint clockwork for one complaint, inside a transaction: a level-1 complaint past its
 * due time escalates to level 2 (action 'auto_escalate', actor system); a level-2 complaint past
 * its due time is flagged to managers (overdueFlag, action 'flag_overdue'). Whether it is due is
 * judged on the complaint as read in `tx`, so a complaint moved meanwhile is left alone.
 */
export async function sweepComplaint(tx: DeskWriter, id: string, nowIso: string): Promise<boolean> {
  const c = await tx.get('complaints', id);
  const action = c && dueComplaintAction(c, nowIso);
  if (!c || !action) return false;
  // a system action takes no body
  return (await executeComplaintCommand(tx, c, { action } as ComplaintCommand, SYSTEM, nowIso)).ok;
}
