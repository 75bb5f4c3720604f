// The complaint workflow's request bodies: one strict zod schema per endpoint (unknown fields are
// refused), and the command types built from them. The table (complaintWorkflowTable.ts) reads
// the action bodies; opening a complaint (complaintWorkflowOpen.ts) reads `create`.
import { z } from 'zod';
import { visibleText } from './validation';
import { fieldCode } from './refusal';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_OUTCOMES } from './model';
import { GOODWILL_COINS_CAP } from './goodwill';
import {
  MESSAGE_MAX,
  amountFen,
  optionalNote,
  requiredId,
  secondApprovalBody,
  versionField,
} from './workflowFields';

const DESCRIPTION_MAX = 4000;

const version = versionField('complaint_version_required');

/** `what`: the text's name in the refusal catalogue's words.text_what */
const requiredText = (
  what: 'description' | 'note' | 'contact' | 'escalation' | 'customer_message',
  max = MESSAGE_MAX,
) =>
  visibleText(
    z
      .string({ error: fieldCode('text_required', { what }) })
      .trim()
      .min(1, { error: fieldCode('text_required', { what }) })
      .max(max, { error: fieldCode('text_too_long', { what, max }) }),
    fieldCode('text_invisible', { what }),
  );

/** The body of POST /api/complaints (not a workflow action: there is no complaint yet). */
const createBody = z
  .object({
    refundId: requiredId('complaint_refund_required'),
    channel: z.enum(COMPLAINT_CHANNELS, {
      error: fieldCode('channel_choice', { choices: COMPLAINT_CHANNELS.join(', ') }),
    }),
    category: z.enum(COMPLAINT_CATEGORIES, {
      error: fieldCode('category_choice', { choices: COMPLAINT_CATEGORIES.join(', ') }),
    }),
    description: requiredText('description', DESCRIPTION_MAX),
  })
  .strict();

/** The bodies of the table's staff actions (the system actions take none). */
export const complaintWorkflowBodies = {
  assign: z
    .object({
      version,
      assigneeId: requiredId('complaint_assignee_required'),
    })
    .strict(),
  /** an annotation: a `version` sent by older clients is accepted and ignored */
  note: z
    .object({ version: version.optional().meta({ deprecated: true }), text: requiredText('note') })
    .strict(),
  contact: z
    .object({
      version,
      text: requiredText('contact'),
      /** true when the desk now waits for the customer (documents, an answer) */
      awaitingReply: z.boolean({ error: fieldCode('awaiting_reply_boolean') }).optional(),
    })
    .strict(),
  escalate: z.object({ version, reason: requiredText('escalation') }).strict(),
  resolve: z
    .object({
      version,
      outcome: z.enum(COMPLAINT_OUTCOMES, {
        error: fieldCode('outcome_choice', { choices: COMPLAINT_OUTCOMES.join(', ') }),
      }),
      customerMessage: requiredText('customer_message'),
      amountFen: amountFen.optional(),
      goodwillCoins: z
        .number({ error: fieldCode('goodwill_number') })
        .int({ error: fieldCode('goodwill_whole') })
        .positive({ error: fieldCode('goodwill_positive') })
        .max(GOODWILL_COINS_CAP, { error: fieldCode('goodwill_max', { maxCoins: GOODWILL_COINS_CAP }) })
        .optional(),
    })
    .strict(),
  close: z.object({ version, note: optionalNote }).strict(),
  /** another supervisor confirms or sends back a resolution that moves money (four eyes) */
  second_approval: secondApprovalBody(version),
  reopen: z.object({ version, note: optionalNote }).strict(),
};

/** One strict zod schema per endpoint body: opening a complaint and every staff action. */
export const complaintActionBodySchemas = { create: createBody, ...complaintWorkflowBodies };

type Schemas = typeof complaintActionBodySchemas;
export type ComplaintBodySchemas = Schemas;
export type CreateComplaintBody = z.output<Schemas['create']>;
export type ComplaintBodyAction = Exclude<keyof Schemas, 'create'>;
type Bodies = { [K in ComplaintBodyAction]: z.output<Schemas[K]> };

export type ComplaintCommand =
  | { [K in ComplaintBodyAction]: { action: K } & Bodies[K] }[ComplaintBodyAction]
  | { action: 'auto_escalate' }
  | { action: 'flag_overdue' };
export type ComplaintAction = ComplaintCommand['action'];
