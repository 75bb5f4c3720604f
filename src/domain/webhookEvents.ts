// Which customer-visible change is which webhook event, and what the event says. Pure: the outbox
// (mock-api/webhooks/outbox.ts) hands in the records as a command wrote them (before/after) and
// writes the events this answers in the same transaction. The customer is told what the public
// view shows (refundPublicView.ts), never the staff record, and the message they were sent, in
// their language: the one the desk sent with the change, else the desk's own template for it.
import type { AuditEvent, Complaint, IsoDateTime, Locale, RefundRequest } from './model';
import {
  approvalTemplate,
  fenToYuan,
  formatArrival,
  infoRequestTemplate,
  rejectionTemplate,
} from './messageTemplates';
import { refundPublicView, type RefundPublicView } from './refundPublicView';

export const REFUND_EVENT_TYPES = [
  'refund.received',
  'refund.info_requested',
  'refund.approved',
  'refund.partially_approved',
  'refund.rejected',
  'refund.paid_out',
] as const;
export const COMPLAINT_EVENT_TYPES = ['complaint.opened', 'complaint.resolved'] as const;
export const COIN_EVENT_TYPES = ['coins.held', 'coins.released', 'coins.revoked'] as const;
export const WEBHOOK_EVENT_TYPES = [
  ...REFUND_EVENT_TYPES,
  ...COMPLAINT_EVENT_TYPES,
  ...COIN_EVENT_TYPES,
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** Whether a URL is one an endpoint may have (the dispatcher posts to it; the UI checks it too): absolute http(s), no credentials in it. */
export function isDeliverableUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}

/** An endpoint's subscription: a list of types, or ["*"] for every type (also those added later). */
export function subscribes(events: readonly string[], type: WebhookEventType): boolean {
  return events.includes('*') || events.includes(type);
}

/** What a request's status becoming `status` tells the customer (null: nothing they are told). */
const STATUS_EVENT: Partial<Record<RefundRequest['status'], WebhookEventType>> = {
  awaiting_info: 'refund.info_requested',
  approved: 'refund.approved',
  partially_approved: 'refund.partially_approved',
  rejected: 'refund.rejected',
  refunded: 'refund.paid_out',
};

/** The event of a refund request's write: created → received; a status it moved into → its event. */
export function refundEventType(
  before: RefundRequest | undefined,
  after: RefundRequest,
): WebhookEventType | null {
  if (!before) return 'refund.received';
  if (before.status === after.status) return null;
  return STATUS_EVENT[after.status] ?? null;
}

/** The event of a complaint's write: opened, or resolved (a resolution waiting for a second approver is not yet). */
export function complaintEventType(before: Complaint | undefined, after: Complaint): WebhookEventType | null {
  if (!before) return 'complaint.opened';
  if (before.status !== 'resolved' && after.status === 'resolved') return 'complaint.resolved';
  return null;
}

/**
 * One coin movement of a request, as the coin ledger (coinMovements, the coins piece) records it;
 * only what an event needs. WIRING POINT: the lead passes the ledger rows a command writes to
 * writeOutboxFor (mock-api/webhooks/outbox.ts, its `movements` argument).
 */
export interface CoinMovementLike {
  refundId: string;
  kind: 'held' | 'released' | 'revoked';
  coins: number;
}

export interface CoinEvent {
  type: WebhookEventType;
  refundId: string;
  coins: { kind: CoinMovementLike['kind']; coins: number };
}

/** coins.held / coins.released / coins.revoked, one per movement of a non-zero number of coins. */
export function coinEventsFor(movements: readonly CoinMovementLike[]): CoinEvent[] {
  return movements
    .filter((m) => m.coins > 0)
    .map((m) => ({
      type: `coins.${m.kind}` as WebhookEventType,
      refundId: m.refundId,
      coins: { kind: m.kind, coins: m.coins },
    }));
}

/** The message of an event, in the customer's language. */
export interface CustomerMessage {
  locale: Locale;
  text: string;
}

/**
 * What the customer is told with an event: the message the desk sent with this change (the
 * reviewer's, started from the templates), else the template for it; null when the change
 * carries no message (received, paid out, coin movements, complaints without one).
 */
export function customerMessageFor(
  type: WebhookEventType,
  request: RefundRequest,
  sent: string | null | undefined,
): CustomerMessage | null {
  const locale = request.customerLocale;
  if (typeof sent === 'string' && sent.trim() !== '') return { locale, text: sent };
  const orderNumber = request.orderNumber;
  switch (type) {
    case 'refund.info_requested':
      return {
        locale,
        text: infoRequestTemplate(request.decision?.missingItems ?? [], locale, { orderNumber }),
      };
    case 'refund.rejected':
      return {
        locale,
        text: rejectionTemplate(request.decision?.reasonCode ?? 'other', locale, { orderNumber }),
      };
    case 'refund.approved':
    case 'refund.partially_approved':
      if (request.approvedFen === null || request.expectedArrivalAt === null) return null;
      return {
        locale,
        text: approvalTemplate(locale, {
          orderNumber,
          amountYuan: fenToYuan(request.approvedFen),
          partial: type === 'refund.partially_approved',
          expectedArrival: formatArrival(request.expectedArrivalAt, locale),
        }),
      };
    default:
      return null;
  }
}

/** What a complaint may show the customer: no assignee, no internal notes, no staff names. */
export interface ComplaintPublicView {
  id: string;
  refundId: string;
  status: Complaint['status'];
  category: Complaint['category'];
  openedAt: IsoDateTime;
  resolvedAt: IsoDateTime | null;
  outcome: string | null;
}

export function complaintPublicView(complaint: Complaint): ComplaintPublicView {
  return {
    id: complaint.id,
    refundId: complaint.refundId,
    status: complaint.status,
    category: complaint.category,
    openedAt: complaint.openedAt,
    resolvedAt: complaint.resolvedAt,
    outcome: complaint.resolution?.outcome ?? null,
  };
}

export interface WebhookPayload {
  id: string;
  type: WebhookEventType;
  createdAt: IsoDateTime;
  data: {
    refundRequest: RefundPublicView;
    complaint?: ComplaintPublicView;
    coins?: CoinEvent['coins'];
    message: CustomerMessage | null;
  };
}

/** The event's body: `events` are the request's audit events (for the public view's messages). */
export function webhookPayload(input: {
  id: string;
  type: WebhookEventType;
  createdAt: IsoDateTime;
  request: RefundRequest;
  events: readonly AuditEvent[];
  complaint?: Complaint;
  coins?: CoinEvent['coins'];
  /** the customer message the change's audit event carried */
  sentMessage?: string | null;
}): WebhookPayload {
  return {
    id: input.id,
    type: input.type,
    createdAt: input.createdAt,
    data: {
      refundRequest: refundPublicView(input.request, input.events),
      ...(input.complaint ? { complaint: complaintPublicView(input.complaint) } : {}),
      ...(input.coins ? { coins: input.coins } : {}),
      message: customerMessageFor(input.type, input.request, input.sentMessage),
    },
  };
}
