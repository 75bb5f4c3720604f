// The bodies of the refund workflow's actions: one strict zod schema per endpoint (unknown fields
// are refused), and the commands they make. The OpenAPI document is checked against these.
import { z } from 'zod';
import { visibleText } from './validation';
import { fieldCode } from './refusal';
import { evidenceField } from './evidence';
import { INFO_ITEMS, REJECTION_REASONS } from './model';
import {
  MESSAGE_MAX,
  amountFen,
  optionalNote,
  requiredId,
  requiredNote,
  secondApprovalBody,
  versionField,
} from './workflowFields';

const REASON_MAX = 500;

const version = versionField('version_required');

const customerMessage = visibleText(
  z
    .string({ error: fieldCode('customer_message_required') })
    .trim()
    .min(1, { error: fieldCode('customer_message_required') })
    .max(MESSAGE_MAX, { error: fieldCode('customer_message_too_long', { max: MESSAGE_MAX }) }),
  fieldCode('customer_message_invisible'),
);

const againstSuggestionReason = z
  .string({ error: fieldCode('reason_text') })
  .trim()
  .max(REASON_MAX, { error: fieldCode('against_suggestion_reason_too_long', { max: REASON_MAX }) })
  .optional();

const infoItem = z.enum(INFO_ITEMS, {
  error: fieldCode('info_item_unknown', { choices: INFO_ITEMS.join(', ') }),
});

/** One strict zod schema per endpoint body (unknown fields are refused). */
export const refundActionBodySchemas = {
  claim: z.object({ version }).strict(),
  release: z.object({ version }).strict(),
  approve: z
    .object({
      version,
      amountFen: amountFen.optional(),
      customerMessage,
      againstSuggestionReason,
    })
    .strict(),
  reject: z
    .object({
      version,
      reasonCode: z.enum(REJECTION_REASONS, {
        error: fieldCode('rejection_reason_required', { choices: REJECTION_REASONS.join(', ') }),
      }),
      customerMessage,
      note: optionalNote,
      againstSuggestionReason,
    })
    .strict(),
  request_info: z
    .object({
      version,
      missingItems: z
        .array(infoItem, { error: fieldCode('missing_items_list') })
        .min(1, { error: fieldCode('missing_items_min') })
        .refine((items) => new Set(items).size === items.length, {
          error: fieldCode('missing_items_unique'),
        }),
      customerMessage,
      againstSuggestionReason,
    })
    .strict(),
  customer_reply: z
    .object({
      suppliedItems: z.array(infoItem, { error: fieldCode('supplied_items_list') }),
      message: z
        .string({ error: fieldCode('reply_required') })
        .trim()
        .max(MESSAGE_MAX, { error: fieldCode('reply_too_long', { max: MESSAGE_MAX }) }),
      /** files the customer sent with the reply (the platform's replies), added to the request's evidence */
      evidence: evidenceField.optional(),
    })
    .strict(),
  second_approval: secondApprovalBody(version),
  override: z
    .object({
      version,
      note: requiredNote('override_note_required'),
    })
    .strict(),
  reassign: z
    .object({
      version,
      assigneeId: requiredId('assignee_required'),
    })
    .strict(),
  /** Sent by the intake when the policy approves a clean request by itself (automaticApproval.ts). */
  auto_approve: z.object({ customerMessage }).strict(),
  /** Sent by automatic assignment (autoAssignment.ts) when a new request arrives. */
  auto_assign: z.object({ assigneeId: requiredId('assignee_required') }).strict(),
  /** Sent by the complaint workflow when a supervisor resolves a complaint as (partially) overturned. */
  overturn: z
    .object({
      version,
      amountFen,
      complaintId: requiredId('overturn_complaint_required'),
      note: requiredNote('overturn_note_required'),
      /** the supervisor who resolved the complaint, when this overturn is another supervisor's second approval */
      requestedBy: z
        .string({ error: fieldCode('overturn_requested_by') })
        .min(1, { error: fieldCode('overturn_requested_by') })
        .optional(),
    })
    .strict(),
};

export type RefundBodyAction = keyof typeof refundActionBodySchemas;
type Bodies = { [K in RefundBodyAction]: z.output<(typeof refundActionBodySchemas)[K]> };
/** The body of one action as its schema returns it. */
export type RefundBody<A extends RefundBodyAction> = Bodies[A];

export type RefundCommand =
  | { [K in RefundBodyAction]: { action: K } & Bodies[K] }[RefundBodyAction]
  | { action: 'info_timeout' }
  | { action: 'payout' }
  | { action: 'release_inactive' }
  | { action: 'release_away' }
  | { action: 'release_idle' };
export type RefundAction = RefundCommand['action'];
