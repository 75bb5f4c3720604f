// Opening a complaint. Not a row of the workflow table: there is no complaint yet to have a status
// or a version, its who-check has words of its own (the customer may open one, the system may not,
// the permission is the plain 'create' right) and its 409 (one already open) depends on who may
// read the other complaint. It keeps the table's order: who (403) → state (409) → body (422).
import { fieldRefusal, fieldsRefusal, refusal, type FieldRefusal } from './refusal';
import {
  COMPLAINT_CATEGORIES,
  type AuditEvent,
  type Complaint,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintPriority,
  type RefundRequest,
} from './model';
import { alreadyOpenRefusal, type AlreadyOpenRefusal } from './complaintDisclosure';
import { canAccess, type ComplaintAudience } from './permissions';
import type { ComplaintRefusal } from './complaintResolution';
import { complaintActionBodySchemas } from './complaintWorkflowBodies';
import { DEFAULT_SLA_SETTINGS, complaintDueAt, type SlaSettings } from './slaSettings';
import { parseWithSchema, type Actor } from './workflowEngine';

/** Regulator referrals are urgent; late refunds and missing payouts are high; the rest normal. */
export function complaintPriority(channel: ComplaintChannel, category: ComplaintCategory): ComplaintPriority {
  if (channel === 'regulator_referral') return 'urgent';
  if (category === 'refund_late' || category === 'payout_not_received') return 'high';
  return 'normal';
}

export interface OpenComplaintContext {
  actor: Actor;
  nowIso: string;
  /** the id the new complaint gets (the store allocates it) */
  id: string;
  /** the active complaint already open on this request, if any */
  activeComplaint: (ComplaintAudience & { id: string }) | null;
  /** the calendar and targets the due time counts in (default: 24 × 7 with the seed's targets) */
  sla?: SlaSettings;
}

export type OpenComplaintResult =
  { ok: true; complaint: Complaint; event: Omit<AuditEvent, 'id'> } | ComplaintRefusal | AlreadyOpenRefusal;

/** Which categories make sense for which request: a dispute needs something to dispute. */
function categoryMismatch(category: ComplaintCategory, refund: RefundRequest): FieldRefusal | null {
  switch (category) {
    case 'disputes_rejection':
      return refund.status === 'rejected'
        ? null
        : fieldRefusal('category_not_rejected', { refundState: refund.status });
    case 'disputes_partial_amount':
      return refund.approvedFen !== null && refund.approvedFen < refund.refundableFen
        ? null
        : fieldRefusal('category_not_partial');
    case 'payout_not_received':
      return ['approved', 'partially_approved', 'refunded'].includes(refund.status)
        ? null
        : fieldRefusal('category_nothing_approved', { refundState: refund.status });
    default:
      return null;
  }
}

/** The categories a complaint about this request may take (the form offers only these). */
export function complaintCategoriesFor(refund: RefundRequest): ComplaintCategory[] {
  return COMPLAINT_CATEGORIES.filter((category) => categoryMismatch(category, refund) === null);
}

/**
 * Builds a new complaint (level 1, due in 48 h, or 24 h for a regulator referral) and its 'open'
 * event. Staff with the 'create' permission log complaints taken by phone or chat; the customer
 * side (seed, tests) opens them as `{ kind: 'customer' }`. Order: who (403) → a complaint already
 * open on the request (409) → body (422).
 */
export function openComplaint(
  refund: RefundRequest,
  body: unknown,
  ctx: OpenComplaintContext,
): OpenComplaintResult {
  const { actor, nowIso: now } = ctx;
  if (actor.kind === 'system') return refusal(403, 'complaint_system_cannot_open');
  if (actor.kind === 'staff' && !canAccess(actor.role, { resource: 'complaints', action: 'create' })) {
    return refusal(403, 'complaint_role_cannot_log', { role: actor.role });
  }
  if (ctx.activeComplaint) return alreadyOpenRefusal(refund, ctx.activeComplaint, actor);
  const parsed = parseWithSchema(complaintActionBodySchemas.create, body);
  if (!parsed.ok) return parsed;
  const { channel, category, description, refundId } = parsed.body;
  if (refundId !== refund.id)
    return fieldsRefusal({ refundId: fieldRefusal('complaint_refund_mismatch', { refundId: refund.id }) });
  const mismatch = categoryMismatch(category, refund);
  if (mismatch) return fieldsRefusal({ category: mismatch });

  const decision = refund.decision;
  const originalDecision: Complaint['originalDecision'] = decision
    ? {
        status: refund.status,
        reviewerId: decision.by === 'system' ? null : decision.by,
        amountFen: refund.approvedFen,
        decidedAt: refund.decidedAt ?? decision.at,
        reasonCode: decision.reasonCode ?? null,
      }
    : null;
  const priority = complaintPriority(channel, category);
  const complaint: Complaint = {
    id: ctx.id,
    refundId: refund.id,
    customerId: refund.customerId,
    customerName: refund.customerName,
    orderNumber: refund.orderNumber,
    channel,
    category,
    description,
    priority,
    level: 1,
    status: 'open',
    assigneeId: null,
    openedAt: now,
    openedBy: actor.kind === 'staff' ? actor.id : null,
    dueAt: complaintDueAt(ctx.sla ?? DEFAULT_SLA_SETTINGS, 1, channel, now),
    escalatedAt: null,
    overdueFlag: false,
    originalDecision,
    resolution: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: now,
    version: 1,
  };
  return {
    ok: true,
    complaint,
    event: {
      subject: 'complaint',
      refundId: refund.id,
      complaintId: complaint.id,
      action: 'open',
      actorId: actor.kind === 'staff' ? actor.id : null,
      actorKind: actor.kind,
      at: now,
      statusBefore: null,
      statusAfter: 'open',
      amountFen: null,
      customerMessage: null,
      note: description,
      details: { level: 1, channel, category, priority, dueAt: complaint.dueAt, originalDecision },
    },
  };
}
