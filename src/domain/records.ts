// One way to build a refund request, a complaint or an audit event with every field filled: the
// seed builds its records with it (its random choices passed as overrides) and so do the domain,
// API, database and UI tests. It lives in the domain, beside the model and the SLA rules it follows,
// because the seed is production code: tests may import production code, never the other way.
// Defaults are fixed (no clock, no counter); fields derived from others follow them unless given:
// a request's SLA clock from its submission, its refundable amount from its coins, a complaint's
// due time from its level and channel, an event's subject from its complaint.
import {
  NEW_REFUND_REQUEST_STATE,
  type AuditEvent,
  type Complaint,
  type IsoDateTime,
  type RefundRequest,
} from './model';
import { FIRST_POLICY_VERSION } from './policyVersions';
import { refundableAmountFen } from './refundPolicy';
import { slaDueAt } from './sla';
import { DEFAULT_SLA_SETTINGS, complaintDueAt } from './slaSettings';

/** When the default request is submitted (and the default complaint and event happen). */
export const RECORD_SUBMITTED_AT: IsoDateTime = '2026-03-10T10:00:00.000Z';

/**
 * A request as submitted, nothing decided yet: status pending, unassigned, every policy flag off.
 * Derived unless given: slaStartAt = submittedAt, slaDueAt from slaStartAt, updatedAt = submittedAt,
 * refundableFen = the price of the unspent coins.
 */
export function refundRequest(overrides: Partial<RefundRequest> = {}): RefundRequest {
  const submittedAt = overrides.submittedAt ?? RECORD_SUBMITTED_AT;
  const slaStartAt = overrides.slaStartAt ?? submittedAt;
  const paidFen = overrides.paidFen ?? 19_800;
  const coins = overrides.coins ?? 1_980;
  const coinsSpent = overrides.coinsSpent ?? 0;
  return {
    id: 'r1',
    orderId: 'o1',
    orderNumber: 'CZ20260310000001',
    customerId: 'cu1',
    customerName: 'Casey Tan',
    customerLocale: 'en',
    paidFen,
    coins,
    coinsSpent,
    coinsSpentOnTips: 0,
    refundableFen: refundableAmountFen(paidFen, coins, coinsSpent),
    paymentChannel: 'wechat_pay',
    purchasedAt: '2026-03-08T12:00:00.000Z',
    submissionChannel: 'app',
    reasonCategory: 'mistaken_purchase',
    description: 'Bought the wrong package.',
    evidenceFiles: ['screenshot.png'],
    providedItems: ['order_number', 'purchase_time', 'reason_detail'],
    status: 'pending',
    assigneeId: null,
    submittedAt,
    slaStartAt,
    slaDueAt: slaDueAt(slaStartAt),
    ...NEW_REFUND_REQUEST_STATE,
    updatedAt: submittedAt,
    version: 1,
    policyVersion: FIRST_POLICY_VERSION,
    ...overrides,
  };
}

/**
 * A complaint as opened: level 1, open, unassigned, nothing resolved. Derived unless given:
 * dueAt from level, channel and openedAt; updatedAt = openedAt.
 */
export function complaint(overrides: Partial<Complaint> = {}): Complaint {
  const openedAt = overrides.openedAt ?? RECORD_SUBMITTED_AT;
  const level = overrides.level ?? 1;
  const channel = overrides.channel ?? 'in_app';
  return {
    id: 'c1',
    refundId: 'r1',
    customerId: 'cu1',
    customerName: 'Casey Tan',
    orderNumber: 'CZ-C1',
    channel,
    category: 'disputes_rejection',
    description: 'x',
    priority: 'normal',
    level,
    status: 'open',
    assigneeId: null,
    openedAt,
    openedBy: null,
    dueAt: complaintDueAt(DEFAULT_SLA_SETTINGS, level, channel, openedAt),
    escalatedAt: null,
    overdueFlag: false,
    originalDecision: null,
    resolution: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: openedAt,
    version: 1,
    ...overrides,
  };
}

/**
 * An audit event (a staff member's claim by default). Derived unless given: subject 'complaint'
 * when it names a complaint. The optional fields (amount, message, note, details) stay absent
 * unless given, as the workflow leaves them on events that have none.
 */
export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  const complaintId = overrides.complaintId ?? null;
  return {
    id: 'e1',
    subject: complaintId === null ? 'refund' : 'complaint',
    refundId: 'r1',
    complaintId,
    action: 'claim',
    actorId: 'u1',
    actorKind: 'staff',
    at: RECORD_SUBMITTED_AT,
    statusBefore: null,
    statusAfter: null,
    ...overrides,
  };
}
