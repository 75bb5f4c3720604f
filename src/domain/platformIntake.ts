// A refund request that arrives from the platform (the wallet's "申请退款"): the body the platform
// sends, which orders it may name, the request it becomes and its audit event. Pure: the mock API
// (mock-api/platformIntakeService.ts) reads the order, customer and sibling requests and writes the
// result. The request is built by the same factory as the seed's (records.ts), and the policy flags
// are then applied by the desk as on every write: missing items are not a refusal, the request
// enters the queue flagged incomplete (refundPolicy.ts) and the reviewer asks for them.
import { z } from 'zod';
import {
  INFO_ITEMS,
  LOCALES,
  REASON_CATEGORIES,
  type AuditEvent,
  type CoinOrder,
  type Customer,
  type InfoItem,
  type RefundRequest,
} from './model';
import { refundRequest } from './records';
import { refundableAmountFen } from './refundPolicy';
import { fieldCode, fieldRefusal, type FieldRefusals } from './refusal';
import { hasVisibleContent } from './visibleText';
import { MESSAGE_MAX } from './workflowFields';
import { evidenceField } from './evidence';

export { EVIDENCE_MAX_FILES, EVIDENCE_NAME_MAX, evidenceField } from './evidence';

const ID_MAX = 64;

const infoItem = z.enum(INFO_ITEMS, {
  error: fieldCode('info_item_unknown', { choices: INFO_ITEMS.join(', ') }),
});

const locale = z.enum(LOCALES, { error: fieldCode('locale_choice', { choices: LOCALES.join(', ') }) });

const description = z
  .string({ error: fieldCode('text_required', { what: 'description' }) })
  .trim()
  .max(MESSAGE_MAX, { error: fieldCode('text_too_long', { what: 'description', max: MESSAGE_MAX }) });

const requestDetails = {
  reasonCategory: z.enum(REASON_CATEGORIES, {
    error: fieldCode('reason_category_choice', { choices: REASON_CATEGORIES.join(', ') }),
  }),
  description,
  providedItems: z.array(infoItem, { error: fieldCode('provided_items_list') }).optional(),
  evidence: evidenceField.optional(),
  locale: locale.optional(),
};

/** POST /api/platform/refund-requests: the customer's application. */
export const intakeBodySchema = z
  .object({
    orderNumber: z
      .string({ error: fieldCode('order_number_required') })
      .trim()
      .min(1, { error: fieldCode('order_number_required') })
      .max(ID_MAX, { error: fieldCode('order_number_required') }),
    customerId: z
      .string({ error: fieldCode('customer_id_required') })
      .trim()
      .min(1, { error: fieldCode('customer_id_required') })
      .max(ID_MAX, { error: fieldCode('customer_id_required') }),
    purchasedAt: z.iso.datetime({ error: fieldCode('purchased_at_iso') }).optional(),
    ...requestDetails,
  })
  .strict();
export type IntakeBody = z.output<typeof intakeBodySchema>;

/** POST …/:id/resubmissions: what changes from the rejected request (anything left out is kept). */
export const resubmissionBodySchema = z
  .object({
    reasonCategory: requestDetails.reasonCategory.optional(),
    description: description.optional(),
    purchasedAt: z.iso.datetime({ error: fieldCode('purchased_at_iso') }).optional(),
    providedItems: requestDetails.providedItems,
    evidence: requestDetails.evidence,
    locale: requestDetails.locale,
  })
  .strict();
export type ResubmissionBody = z.output<typeof resubmissionBodySchema>;

/** POST …/:id/replies: the customer's answer to an information request (the workflow's customer_reply). */
export const platformReplyBodySchema = z
  .object({
    suppliedItems: z.array(infoItem, { error: fieldCode('supplied_items_list') }),
    message: z
      .string({ error: fieldCode('reply_required') })
      .trim()
      .max(MESSAGE_MAX, { error: fieldCode('reply_too_long', { max: MESSAGE_MAX }) }),
    evidence: evidenceField.optional(),
    locale: locale.optional(),
  })
  .strict();

/** POST …/:id/complaints: the customer's complaint (opened through the complaint workflow's open rule). */
export const platformComplaintBodySchema = z
  .object({
    category: z.unknown(),
    description: z.unknown(),
    locale: locale.optional(),
  })
  .strict();

/**
 * What the request carries of the required items: the order number always (the platform names the
 * order), the purchase time when the customer gave one, the reason when the description says
 * something; and whatever else the platform lists as provided (payment proof, say).
 */
export function intakeProvidedItems(body: {
  purchasedAt?: string;
  description: string;
  providedItems?: readonly InfoItem[];
}): InfoItem[] {
  const given = new Set<InfoItem>(body.providedItems ?? []);
  given.add('order_number');
  if (body.purchasedAt !== undefined) given.add('purchase_time');
  if (hasVisibleContent(body.description)) given.add('reason_detail');
  return INFO_ITEMS.filter((item) => given.has(item));
}

/**
 * Why the named order cannot be asked for: unknown, another customer's, or refunded in full
 * already (`committedFen`: what other requests on it approved or paid back). Field refusals.
 */
export function intakeOrderRefusals(
  orderNumber: string,
  order: CoinOrder | undefined,
  customer: Customer | undefined,
  customerId: string,
  committedFen: number,
): FieldRefusals | null {
  if (!customer) return { customerId: fieldRefusal('customer_unknown', { customerId }) };
  if (!order) return { orderNumber: fieldRefusal('order_unknown', { orderNumber }) };
  if (order.customerId !== customer.id) {
    return { orderNumber: fieldRefusal('order_other_customer', { orderNumber }) };
  }
  const unspentFen = refundableAmountFen(order.paidFen, order.coins, order.coinsSpent);
  if (unspentFen > 0 && committedFen >= unspentFen) {
    return { orderNumber: fieldRefusal('order_refunded', { orderNumber }) };
  }
  return null;
}

export interface NewPlatformRequest {
  id: string;
  order: CoinOrder;
  customer: Customer;
  details: {
    reasonCategory: RefundRequest['reasonCategory'];
    description: string;
    purchasedAt?: string;
    providedItems?: readonly InfoItem[];
    evidence?: readonly string[];
  };
  nowIso: string;
  resubmissionOf?: string | null;
  /** the policy version in force now, which judges the request */
  policyVersion: number;
}

/**
 * The request as submitted (pending, unassigned, the SLA clock from now): the order's facts, the
 * customer's words. The policy flags are the desk's to apply (withPolicyFlags) before it is written.
 */
export function platformRefundRequest(p: NewPlatformRequest): RefundRequest {
  return refundRequest({
    id: p.id,
    orderId: p.order.id,
    orderNumber: p.order.orderNumber,
    customerId: p.customer.id,
    customerName: p.customer.name,
    customerLocale: p.customer.locale,
    paidFen: p.order.paidFen,
    coins: p.order.coins,
    coinsSpent: p.order.coinsSpent,
    coinsSpentOnTips: p.order.coinsSpentOnTips,
    paymentChannel: p.order.paymentChannel,
    purchasedAt: p.order.purchasedAt,
    submissionChannel: 'app',
    reasonCategory: p.details.reasonCategory,
    description: p.details.description,
    evidenceFiles: [...(p.details.evidence ?? [])],
    providedItems: intakeProvidedItems(p.details),
    submittedAt: p.nowIso,
    resubmissionOf: p.resubmissionOf ?? null,
    policyVersion: p.policyVersion,
  });
}

/** The audit event of a request's arrival from the platform. */
export function submissionEvent(request: RefundRequest, clientId: string): Omit<AuditEvent, 'id'> {
  return {
    subject: 'refund',
    refundId: request.id,
    complaintId: null,
    action: request.resubmissionOf ? 'resubmit' : 'submit',
    actorId: null,
    actorKind: 'customer',
    at: request.submittedAt,
    statusBefore: null,
    statusAfter: request.status,
    details: {
      platformClientId: clientId,
      providedItems: [...request.providedItems],
      infoIncomplete: request.infoIncomplete,
      ...(request.resubmissionOf ? { resubmissionOf: request.resubmissionOf } : {}),
    },
  };
}

/** Key order and whitespace do not make two bodies differ: the text an Idempotency-Key's body is hashed as. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An Idempotency-Key header: 1–200 visible ASCII characters. */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{1,200}$/.test(value);
}
