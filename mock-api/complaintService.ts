// Runs complaint commands against the store: the domain (src/domain/complaintWorkflow.ts) decides,
// this file makes it durable. A resolution that overturns the refund decision runs the refund
// workflow's 'overturn' and commits complaint + its event + request + its event in one commit. A note
// commits only its event: the complaint and its version stay untouched (complaintAnnotations.ts).
// Used by the HTTP routes, the timers (auto-escalation, overdue flag) and the seed.
import {
  applyComplaintCommand,
  dueForAutoEscalation,
  dueForOverdueFlag,
  isComplaintActive,
  openComplaint,
  type ComplaintCommand,
  type ComplaintRefusal,
} from '../src/domain/complaintWorkflow';
import { isComplaintAnnotation } from '../src/domain/complaintAnnotations';
import { goodwillAllowance, type GoodwillAllowance } from '../src/domain/goodwill';
import type { AuditEvent, Complaint, GoodwillCredit, RefundRequest } from '../src/domain/model';
import type { Actor } from '../src/domain/refundWorkflow';
import { ApiError } from './http';
import { executeRefundCommand, type RefundServiceDeps } from './refundService';
import type { Change, Store } from './store';

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

/** The complaint still being worked on this request (at most one), other than `exceptId`. */
export function activeComplaintFor(store: Store, refundId: string, exceptId?: string): Complaint | null {
  for (const c of store.all('complaints')) {
    if (c.refundId === refundId && c.id !== exceptId && isComplaintActive(c.status)) return c;
  }
  return null;
}

function staffName(store: Store) {
  return (id: string) => store.get('users', id)?.fullName;
}

function isActiveSupervisor(store: Store) {
  return (id: string) => {
    const user = store.get('users', id);
    return Boolean(user && user.active && user.role === 'supervisor');
  };
}

/** The goodwill credited on every complaint of this customer (the per-customer cap counts them). */
export function customerGoodwillCredits(store: Store, customerId: string): GoodwillCredit[] {
  const credits: GoodwillCredit[] = [];
  for (const c of store.all('complaints')) {
    if (c.customerId === customerId && c.goodwillCredits) credits.push(...c.goodwillCredits);
  }
  return credits;
}

/** What this complaint may still credit as goodwill now (GET /api/complaints/:id/goodwill-allowance). */
export function complaintGoodwillAllowance(
  store: Store,
  complaint: Complaint,
  nowIso: string,
): GoodwillAllowance {
  const others = customerGoodwillCredits(store, complaint.customerId);
  return goodwillAllowance(complaint, others, nowIso);
}

/** Opens a complaint about `refund` (409 when one is already open on it, named to who may read it). */
export function createComplaint(
  deps: RefundServiceDeps,
  refund: RefundRequest,
  body: unknown,
  actor: Actor,
  nowIso: string,
): ComplaintOutcome {
  const active = activeComplaintFor(deps.store, refund.id);
  const result = openComplaint(refund, body, {
    actor,
    nowIso,
    id: '', // allocated below, only when the complaint is really opened
    activeComplaint: active,
  });
  if (!result.ok) return result;
  const id = deps.store.nextId('cp');
  const complaint: Complaint = { ...result.complaint, id };
  const event: AuditEvent = { ...result.event, complaintId: id, id: deps.store.nextId('e') };
  deps.store.commit([
    { c: 'complaints', v: complaint },
    { c: 'events', v: event },
  ]);
  return { ok: true, complaint, event };
}

export function executeComplaintCommand(
  deps: RefundServiceDeps,
  complaint: Complaint,
  command: ComplaintCommand,
  actor: Actor,
  nowIso: string,
): ComplaintOutcome {
  const refund = deps.store.get('refunds', complaint.refundId);
  if (!refund) {
    return { ok: false, status: 409, message: `The refund request ${complaint.refundId} no longer exists.` };
  }
  const result = applyComplaintCommand(complaint, command, {
    actor,
    nowIso,
    refund,
    staffName: staffName(deps.store),
    isSupervisor: isActiveSupervisor(deps.store),
    customerGoodwillCredits: customerGoodwillCredits(deps.store, complaint.customerId),
    otherActiveComplaintId:
      command.action === 'reopen'
        ? (activeComplaintFor(deps.store, complaint.refundId, complaint.id)?.id ?? null)
        : null,
  });
  if (!result.ok) return result;
  const event: AuditEvent = { ...result.event, id: deps.store.nextId('e') };
  // a note is appended as its event alone: the complaint is not rewritten, so nothing it holds can change
  if (isComplaintAnnotation(command.action)) {
    deps.store.commit([{ c: 'events', v: event }]);
    return { ok: true, complaint, event };
  }
  const complaintChanges: Change[] = [
    { c: 'complaints', v: result.complaint },
    { c: 'events', v: event },
  ];
  if (!result.refundCommand) {
    deps.store.commit(complaintChanges);
    return { ok: true, complaint: result.complaint, event };
  }
  // The overturn: the refund workflow has the last word; nothing is written unless both succeed.
  const overturn = executeRefundCommand(deps, refund, result.refundCommand, actor, nowIso, complaintChanges);
  if (!overturn.ok) {
    return {
      ok: false,
      status: overturn.status,
      message: `The refund request could not be overturned: ${overturn.message}`,
      ...(overturn.errors ? { errors: overturn.errors } : {}),
      ...(overturn.code ? { code: overturn.code } : {}),
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
  if (outcome.errors) extra.errors = outcome.errors;
  if (outcome.existingComplaintId) extra.existingComplaintId = outcome.existingComplaintId;
  if (outcome.code) extra.code = outcome.code;
  if (outcome.status === 409 && current) extra.current = current;
  throw new ApiError(outcome.status, outcome.message, extra);
}

/**
 * The complaint clockwork, one pass: a level-1 complaint past its due time escalates to level 2
 * (action 'auto_escalate', actor system); a level-2 complaint past its due time is flagged to
 * managers (overdueFlag, action 'flag_overdue'). Returns how many complaints it changed.
 */
export function sweepComplaints(deps: RefundServiceDeps, nowIso: string): number {
  const due: { c: Complaint; action: 'auto_escalate' | 'flag_overdue' }[] = [];
  for (const c of deps.store.all('complaints')) {
    if (dueForAutoEscalation(c, nowIso)) due.push({ c, action: 'auto_escalate' });
    else if (dueForOverdueFlag(c, nowIso)) due.push({ c, action: 'flag_overdue' });
  }
  let moved = 0;
  for (const { c, action } of due) {
    if (executeComplaintCommand(deps, c, { action }, SYSTEM, nowIso).ok) moved++;
  }
  return moved;
}
