// The review workflow of refund requests: status × action × actor → next request and its audit
// event, or the reason why not. Pure: time comes in as `nowIso`, the policy as a computed result.
//
// Checks run in a fixed order so every refusal is predictable:
//   who (403) → version (409) → status / transition (409) → body and semantic validation (422).
import { z } from 'zod';
import { fieldRefusals, visibleText } from './validation';
import {
  fieldCode,
  fieldRefusal,
  fieldsRefusal,
  refusal,
  type FieldRefusal,
  type FieldRefusals,
  type Refusal,
} from './refusal';
import {
  INFO_ITEMS,
  OPEN_REFUND_STATUSES,
  REJECTION_REASONS,
  type AuditEvent,
  type RefundDecision,
  type RefundRequest,
  type RefundStatus,
  type Role,
} from './model';
import { rejectionTemplate } from './messageTemplates';
import { canAccess } from './permissions';
import { isSelfOverride, overturnFourEyes, secondApprovalNeed, secondApproverConflict } from './fourEyes';
import { followsSuggestion, nothingRefundableField, type PolicyResult } from './refundPolicy';
import {
  DAY_MS,
  INFO_TIMEOUT_MS,
  REFUND_WINDOW_MS,
  expectedArrivalAt,
  payoutAt,
  slaDueAt,
  toIso,
  toMs,
} from './sla';

export type Actor = { kind: 'staff'; id: string; role: Role } | { kind: 'system' } | { kind: 'customer' };

// ---------------------------------------------------------------------------------------------
// Bodies

const MESSAGE_MAX = 2000;
const REASON_MAX = 500;

const version = z
  .number({ error: fieldCode('version_required') })
  .int({ error: fieldCode('version_whole') })
  .nonnegative({ error: fieldCode('version_negative') });

const customerMessage = visibleText(
  z
    .string({ error: fieldCode('customer_message_required') })
    .trim()
    .min(1, { error: fieldCode('customer_message_required') })
    .max(MESSAGE_MAX, { error: fieldCode('customer_message_too_long', { max: MESSAGE_MAX }) }),
  fieldCode('customer_message_invisible'),
);

const optionalNote = z
  .string({ error: fieldCode('note_text') })
  .trim()
  .max(MESSAGE_MAX, { error: fieldCode('note_too_long', { max: MESSAGE_MAX }) })
  .optional();

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
      amountFen: z
        .number({ error: fieldCode('amount_number') })
        .int({ error: fieldCode('amount_whole') })
        .positive({ error: fieldCode('amount_positive') })
        .optional(),
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
    })
    .strict(),
  second_approval: z
    .object({
      version,
      decision: z.enum(['confirm', 'send_back'], { error: fieldCode('decision_choice') }),
      note: optionalNote,
    })
    .strict(),
  override: z
    .object({
      version,
      note: z
        .string({ error: fieldCode('override_note_required') })
        .trim()
        .min(1, { error: fieldCode('override_note_required') })
        .max(MESSAGE_MAX, { error: fieldCode('note_too_long', { max: MESSAGE_MAX }) }),
    })
    .strict(),
  reassign: z
    .object({
      version,
      assigneeId: z
        .string({ error: fieldCode('assignee_required') })
        .trim()
        .min(1, { error: fieldCode('assignee_required') }),
    })
    .strict(),
  /** Sent by the complaint workflow when a supervisor resolves a complaint as (partially) overturned. */
  overturn: z
    .object({
      version,
      amountFen: z
        .number({ error: fieldCode('amount_number') })
        .int({ error: fieldCode('amount_whole') })
        .positive({ error: fieldCode('amount_positive') }),
      complaintId: z
        .string({ error: fieldCode('overturn_complaint_required') })
        .trim()
        .min(1, { error: fieldCode('overturn_complaint_required') }),
      note: z
        .string({ error: fieldCode('overturn_note_required') })
        .trim()
        .min(1, { error: fieldCode('overturn_note_required') })
        .max(MESSAGE_MAX, { error: fieldCode('note_too_long', { max: MESSAGE_MAX }) }),
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

export type RefundCommand =
  | { [K in RefundBodyAction]: { action: K } & Bodies[K] }[RefundBodyAction]
  | { action: 'info_timeout' }
  | { action: 'payout' };
export type RefundAction = RefundCommand['action'];

export const REFUND_ACTIONS = [
  'claim',
  'release',
  'approve',
  'reject',
  'request_info',
  'customer_reply',
  'info_timeout',
  'second_approval',
  'override',
  'reassign',
  'payout',
  'overturn',
] as const satisfies readonly RefundAction[];

const STAFF_ACTIONS = [
  'claim',
  'release',
  'approve',
  'reject',
  'request_info',
  'second_approval',
  'override',
  'reassign',
  'overturn',
] as const;
type StaffAction = (typeof STAFF_ACTIONS)[number];
const SYSTEM_ACTIONS = ['info_timeout', 'payout'] as const;

export function isRefundAction(value: unknown): value is RefundAction {
  return (REFUND_ACTIONS as readonly unknown[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Context and results

export interface WorkflowContext {
  actor: Actor;
  nowIso: string;
  /** evaluatePolicy(...) for this request, computed by the caller */
  policy: PolicyResult;
  /** deterministic jitter in [0,1] for the payout time (default 0.5) */
  payoutJitter01?: number;
  /** optional: staff id → display name, used in refusal messages ("assigned to Li Na") */
  staffName?: (id: string) => string | undefined;
}

export type AuditEventDraft = Omit<AuditEvent, 'id'>;

/** A refusal: status, stable code and params, the English message (see ./refusal.ts). */
export type WorkflowRefusal = Refusal<403 | 409 | 422>;

export type WorkflowResult = { ok: true; request: RefundRequest; event: AuditEventDraft } | WorkflowRefusal;

function invalid(fields: FieldRefusals): WorkflowRefusal {
  return fieldsRefusal(fields);
}

/**
 * Validates an endpoint body with its schema. On failure: 422 with one message per field
 * (`errors`, keyed by the field path; unknown fields are reported under their own name).
 */
export function parseRefundActionBody<A extends RefundBodyAction>(
  action: A,
  body: unknown,
): { ok: true; command: Extract<RefundCommand, { action: A }> } | WorkflowRefusal {
  const parsed = refundActionBodySchemas[action].safeParse(body ?? {});
  if (parsed.success) {
    return { ok: true, command: { ...parsed.data, action } as Extract<RefundCommand, { action: A }> };
  }
  return fieldsRefusal(fieldRefusals(parsed.error), 'invalid_body');
}

// ---------------------------------------------------------------------------------------------
// Words for messages

const REFUND_WINDOW_DAYS = REFUND_WINDOW_MS / DAY_MS;

/** The policy's suggestion as a phrase of the refusal catalogue (words.suggestion). */
function suggestionPhrase(policy: PolicyResult): {
  code: string;
  params: Record<string, string | number | readonly string[]>;
} {
  switch (policy.suggestion) {
    case 'approve':
      return { code: 'words.suggestion.approve', params: {} };
    case 'approve_partial':
      return { code: 'words.suggestion.approve_partial', params: { refundableFen: policy.refundableFen } };
    case 'reject':
      return policy.suggestedRejection
        ? {
            code: 'words.suggestion.reject_because',
            params: { rejection: policy.suggestedRejection, windowDays: REFUND_WINDOW_DAYS },
          }
        : { code: 'words.suggestion.reject', params: {} };
    case 'request_info':
      return policy.suggestedMissingItems.length > 0
        ? {
            code: 'words.suggestion.request_info_items',
            params: { items: [...policy.suggestedMissingItems] },
          }
        : { code: 'words.suggestion.request_info', params: {} };
  }
}

// ---------------------------------------------------------------------------------------------
// The checks

type Names = (id: string) => string;

function hasVersion(action: RefundAction): boolean {
  return action !== 'customer_reply' && action !== 'info_timeout' && action !== 'payout';
}

function isStaffAction(action: RefundAction): action is StaffAction {
  return (STAFF_ACTIONS as readonly string[]).includes(action);
}

/** Who may act (403). Assignee rules apply only when someone holds the request. */
function checkWho(
  request: RefundRequest,
  action: RefundAction,
  actor: Actor,
  name: Names,
): WorkflowRefusal | null {
  if ((SYSTEM_ACTIONS as readonly string[]).includes(action)) {
    return actor.kind === 'system' ? null : refusal(403, 'system_only', { action });
  }
  if (action === 'customer_reply') {
    if (actor.kind === 'customer') return null;
    if (actor.kind === 'system') return refusal(403, 'system_cannot_reply');
    return canAccess(actor.role, { resource: 'refunds', action })
      ? null
      : refusal(403, 'role_cannot_simulate_reply', { role: actor.role });
  }
  if (!isStaffAction(action)) return refusal(422, 'unknown_action', { name: String(action) });
  if (actor.kind !== 'staff') return refusal(403, 'staff_only', { action });
  if (action === 'overturn') {
    // an overturn is the consequence of resolving a complaint: whoever may resolve complaints may do it
    return canAccess(actor.role, { resource: 'complaints', action: 'resolve' })
      ? null
      : refusal(403, 'role_cannot_overturn', { role: actor.role });
  }
  if (!canAccess(actor.role, { resource: 'refunds', action })) {
    return refusal(403, 'role_forbidden', { role: actor.role, action });
  }
  const holder = request.assigneeId;
  switch (action) {
    case 'release':
      if (holder !== null && holder !== actor.id && actor.role !== 'supervisor') {
        return refusal(403, 'assigned_to_other_release', { assigneeId: holder, assignee: name(holder) });
      }
      return null;
    case 'approve':
    case 'reject':
    case 'request_info':
      if (holder !== null && holder !== actor.id) {
        return refusal(403, 'assigned_to_other', { assigneeId: holder, assignee: name(holder), action });
      }
      return null;
    case 'second_approval': {
      if (request.status !== 'awaiting_second_approval') return null; // a 409 in checkState
      return secondApproverConflict(actor.id, [
        { id: request.firstApproverId, as: 'requested' },
        { id: request.overrideBy, as: 'overrode' },
        { id: request.decision?.by, as: 'reviewed' },
      ]);
    }
    default:
      return null;
  }
}

/** `allowed`: the statuses the action is allowed from, as the catalogue's words.refund_status_group. */
function wrongStatus(
  request: RefundRequest,
  action: RefundAction,
  allowed: 'pending' | 'in_review' | 'awaiting_info' | 'awaiting_second_approval' | 'approved',
): WorkflowRefusal {
  return refusal(409, 'wrong_status', { allowed, action, status: request.status });
}

/**
 * Status and transition (409). `nowIso` null skips the time conditions (used by
 * availableRefundActions, which has no clock).
 */
function checkState(
  request: RefundRequest,
  action: RefundAction,
  actor: Actor,
  policy: PolicyResult,
  nowIso: string | null,
  jitter01: number,
  name: Names,
): WorkflowRefusal | null {
  const actorId = actor.kind === 'staff' ? actor.id : null;
  switch (action) {
    case 'claim':
      if (request.status === 'in_review' && request.assigneeId === actorId) {
        return refusal(409, 'already_reviewing');
      }
      if (request.status !== 'pending') return wrongStatus(request, action, 'pending');
      if (request.assigneeId !== null && request.assigneeId !== actorId) {
        return refusal(409, 'already_assigned', {
          assigneeId: request.assigneeId,
          assignee: name(request.assigneeId),
        });
      }
      return null;
    case 'release':
      return request.status === 'in_review' ? null : wrongStatus(request, action, 'in_review');
    case 'approve':
    case 'reject':
    case 'request_info':
      if (request.status === 'pending') {
        return refusal(409, 'claim_first_pending', { action });
      }
      if (request.status !== 'in_review') return wrongStatus(request, action, 'in_review');
      if (request.assigneeId !== actorId) {
        return refusal(409, 'claim_first_not_assigned', { action });
      }
      return null;
    case 'customer_reply':
      return request.status === 'awaiting_info'
        ? null
        : refusal(409, 'customer_reply_not_awaiting', { status: request.status });
    case 'info_timeout':
      if (request.status !== 'awaiting_info') return wrongStatus(request, action, 'awaiting_info');
      if (nowIso !== null && !dueForInfoTimeout(request, nowIso)) {
        return request.awaitingInfoSince === null
          ? refusal(409, 'info_timeout_no_start')
          : refusal(409, 'info_timeout_not_due', {
              until: toIso(toMs(request.awaitingInfoSince) + INFO_TIMEOUT_MS),
            });
      }
      return null;
    case 'second_approval':
      return request.status === 'awaiting_second_approval'
        ? null
        : wrongStatus(request, action, 'awaiting_second_approval');
    case 'override':
      if (request.status !== 'in_review') return wrongStatus(request, action, 'in_review');
      if (policy.approvalBlockers.length === 0) {
        return refusal(409, 'nothing_to_override');
      }
      if (request.overrideBy !== null) {
        return refusal(409, 'already_overridden', { byId: request.overrideBy, by: name(request.overrideBy) });
      }
      return null;
    case 'reassign':
      return OPEN_REFUND_STATUSES.includes(request.status)
        ? null
        : refusal(409, 'reassign_not_open', { status: request.status });
    case 'overturn':
      return overturnBlock(request, policy.refundableFen);
    case 'payout':
      if (request.status !== 'approved' && request.status !== 'partially_approved') {
        return wrongStatus(request, action, 'approved');
      }
      if (request.decidedAt === null) return refusal(409, 'payout_no_decision_time');
      if (nowIso !== null && !dueForPayout(request, nowIso, jitter01)) {
        return refusal(409, 'payout_not_due', {
          at: payoutAt(request.paymentChannel, request.decidedAt, jitter01),
        });
      }
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Apply

export function applyRefundCommand(
  request: RefundRequest,
  command: RefundCommand,
  ctx: WorkflowContext,
): WorkflowResult {
  const { actor, policy, nowIso } = ctx;
  const action: unknown = command?.action;
  if (!isRefundAction(action)) return refusal(422, 'unknown_action', { name: String(action) });
  const name: Names = (id) => ctx.staffName?.(id) ?? id;
  const jitter = ctx.payoutJitter01 ?? 0.5;

  const who = checkWho(request, action, actor, name);
  if (who) return who;

  if (hasVersion(action)) {
    const sent: unknown = (command as { version?: unknown }).version;
    if (typeof sent !== 'number' || !Number.isInteger(sent) || sent < 0) {
      return invalid({ version: fieldRefusal('version_required') });
    }
    if (sent !== request.version) {
      return refusal(409, 'version_conflict', { current: request.version, sent });
    }
  }

  const state = checkState(request, action, actor, policy, nowIso, jitter, name);
  if (state) return state;

  // Bodies are validated again here so a caller that skipped the schema cannot slip anything in.
  let cmd: RefundCommand;
  if (action === 'info_timeout' || action === 'payout') {
    cmd = { action };
  } else {
    const { action: _ignored, ...body } = command as { action: RefundBodyAction } & Record<string, unknown>;
    const parsed = parseRefundActionBody(action, body);
    if (!parsed.ok) return parsed;
    cmd = parsed.command;
  }
  return perform(request, cmd, ctx, name, jitter);
}

function perform(
  request: RefundRequest,
  command: RefundCommand,
  ctx: WorkflowContext,
  name: Names,
  jitter: number,
): WorkflowResult {
  const { actor, policy, nowIso: now } = ctx;
  const actorId = actor.kind === 'staff' ? actor.id : null;
  const base = { version: request.version + 1, updatedAt: now, updatedBy: actorId };

  const done = (
    next: Partial<RefundRequest>,
    event: Partial<
      Pick<AuditEventDraft, 'amountFen' | 'customerMessage' | 'note' | 'details' | 'complaintId'>
    > = {},
  ): WorkflowResult => {
    const updated: RefundRequest = { ...request, ...next, ...base };
    return {
      ok: true,
      request: updated,
      event: {
        subject: 'refund',
        refundId: request.id,
        complaintId: event.complaintId ?? null,
        action: command.action,
        actorId,
        actorKind: actor.kind,
        at: now,
        statusBefore: request.status,
        statusAfter: updated.status,
        amountFen: event.amountFen ?? null,
        customerMessage: event.customerMessage ?? null,
        note: event.note ?? null,
        details: event.details ?? {},
      },
    };
  };

  /** For approve / reject / request_info: the suggestion check and what to record about it. */
  const suggestionCheck = (
    decision: 'approve' | 'reject' | 'request_info',
    reason: string | undefined,
  ): { error?: FieldRefusal; against: boolean; reason?: string } => {
    const against = !followsSuggestion(policy.suggestion, decision);
    if (!against) return { against };
    if (!reason) {
      return {
        against,
        error: fieldRefusal('against_suggestion_unexplained', { suggestion: suggestionPhrase(policy) }),
      };
    }
    return { against, reason };
  };

  const suggestionDetails = (s: { against: boolean; reason?: string }) => ({
    againstSuggestion: s.against,
    suggestion: policy.suggestion,
    ...(s.reason ? { againstSuggestionReason: s.reason } : {}),
  });

  switch (command.action) {
    case 'claim':
      return done(
        { status: 'in_review', assigneeId: actorId },
        { details: { previousAssigneeId: request.assigneeId } },
      );

    case 'release':
      return done(
        { status: 'pending', assigneeId: null },
        { details: { previousAssigneeId: request.assigneeId } },
      );

    case 'approve': {
      const refundable = policy.refundableFen;
      if (policy.approvalBlockers.length > 0 && request.overrideBy === null) {
        return refusal(422, 'approval_blocked', {
          blockers: [...policy.approvalBlockers],
          windowDays: REFUND_WINDOW_DAYS,
        });
      }
      const amount = command.amountFen ?? refundable;
      const errors: FieldRefusals = {};
      if (refundable <= 0) {
        errors.amountFen = nothingRefundableField(policy.refundableLimit, policy.heldByRequestIds);
      } else if (amount > refundable) {
        errors.amountFen = fieldRefusal('amount_over_refundable', { refundableFen: refundable });
      }
      const s = suggestionCheck('approve', command.againstSuggestionReason);
      if (s.error) errors.againstSuggestionReason = s.error;
      if (Object.keys(errors).length > 0) return invalid(errors);

      const reasons = secondApprovalNeed({
        amountFen: amount,
        tipping: request.tipping,
        selfOverride: isSelfOverride(policy.approvalBlockers.length > 0, request.overrideBy, actorId!),
      });
      const second = reasons.length > 0;
      const decision: RefundDecision = {
        action: 'approve',
        by: actorId!,
        at: now,
        amountFen: amount,
        customerMessage: command.customerMessage,
        ...(s.reason ? { note: s.reason } : {}),
        againstSuggestion: s.against,
        suggestion: policy.suggestion,
      };
      const status: RefundStatus = second
        ? 'awaiting_second_approval'
        : amount === refundable
          ? 'approved'
          : 'partially_approved';
      return done(
        {
          status,
          decision,
          approvedFen: amount,
          firstDecisionAt: request.firstDecisionAt ?? now,
          ...(second
            ? { firstApproverId: actorId }
            : { decidedAt: now, expectedArrivalAt: expectedArrivalAt(request.paymentChannel, now) }),
        },
        {
          amountFen: amount,
          customerMessage: command.customerMessage,
          note: decision.note ?? null,
          details: {
            refundableFen: refundable,
            partial: amount < refundable,
            secondApprovalRequired: second,
            ...(second ? { secondApprovalReasons: reasons } : {}),
            ...(request.overrideBy !== null ? { overrideBy: request.overrideBy } : {}),
            ...suggestionDetails(s),
          },
        },
      );
    }

    case 'reject': {
      const errors: FieldRefusals = {};
      if (command.reasonCode === 'other' && !command.note) {
        errors.note = fieldRefusal('rejection_other_needs_note');
      }
      const s = suggestionCheck('reject', command.againstSuggestionReason);
      if (s.error) errors.againstSuggestionReason = s.error;
      if (Object.keys(errors).length > 0) return invalid(errors);
      const note = command.note || s.reason;
      const decision: RefundDecision = {
        action: 'reject',
        by: actorId!,
        at: now,
        reasonCode: command.reasonCode,
        customerMessage: command.customerMessage,
        ...(note ? { note } : {}),
        againstSuggestion: s.against,
        suggestion: policy.suggestion,
      };
      return done(
        { status: 'rejected', decision, decidedAt: now, firstDecisionAt: request.firstDecisionAt ?? now },
        {
          customerMessage: command.customerMessage,
          note: note ?? null,
          details: { reasonCode: command.reasonCode, ...suggestionDetails(s) },
        },
      );
    }

    case 'request_info': {
      const s = suggestionCheck('request_info', command.againstSuggestionReason);
      if (s.error) return invalid({ againstSuggestionReason: s.error });
      const decision: RefundDecision = {
        action: 'request_info',
        by: actorId!,
        at: now,
        missingItems: [...command.missingItems],
        customerMessage: command.customerMessage,
        ...(s.reason ? { note: s.reason } : {}),
        againstSuggestion: s.against,
        suggestion: policy.suggestion,
      };
      return done(
        {
          status: 'awaiting_info',
          decision,
          awaitingInfoSince: now,
          firstDecisionAt: request.firstDecisionAt ?? now,
        },
        {
          customerMessage: command.customerMessage,
          note: s.reason ?? null,
          details: { missingItems: [...command.missingItems], ...suggestionDetails(s) },
        },
      );
    }

    case 'customer_reply': {
      const providedItems = INFO_ITEMS.filter(
        (item) => request.providedItems.includes(item) || command.suppliedItems.includes(item),
      );
      return done(
        {
          status: 'pending',
          providedItems,
          slaStartAt: now,
          slaDueAt: slaDueAt(now),
          awaitingInfoSince: null,
        },
        {
          details: {
            suppliedItems: INFO_ITEMS.filter((item) => command.suppliedItems.includes(item)),
            providedItems,
            message: command.message,
          },
        },
      );
    }

    case 'info_timeout': {
      const customerMessage = rejectionTemplate('information_missing', request.customerLocale, {
        orderNumber: request.orderNumber,
      });
      const missingItems = request.decision?.missingItems ?? [];
      const decision: RefundDecision = {
        action: 'reject',
        by: 'system',
        at: now,
        reasonCode: 'information_missing',
        customerMessage,
        ...(missingItems.length > 0 ? { missingItems: [...missingItems] } : {}),
      };
      return done(
        {
          status: 'rejected',
          decision,
          decidedAt: now,
          awaitingInfoSince: null,
          firstDecisionAt: request.firstDecisionAt ?? now,
        },
        {
          customerMessage,
          details: {
            reasonCode: 'information_missing',
            missingItems,
            awaitingInfoSince: request.awaitingInfoSince,
          },
        },
      );
    }

    case 'second_approval': {
      const details = { decision: command.decision, firstApproverId: request.firstApproverId };
      if (command.decision === 'send_back') {
        if (!command.note) return invalid({ note: fieldRefusal('send_back_needs_note') });
        return done(
          { status: 'in_review', approvedFen: null, firstApproverId: null, decision: null },
          { amountFen: request.approvedFen, note: command.note, details },
        );
      }
      const amount = request.approvedFen;
      const refundable = policy.refundableFen;
      if (amount === null || amount <= 0) {
        return refusal(409, 'second_approval_no_amount');
      }
      if (amount > refundable) {
        return refusal(409, 'second_approval_refundable_dropped', {
          refundableFen: refundable,
          approvedFen: amount,
        });
      }
      if (policy.approvalBlockers.length > 0 && request.overrideBy === null) {
        return refusal(422, 'second_approval_blocked', {
          blockers: [...policy.approvalBlockers],
          windowDays: REFUND_WINDOW_DAYS,
        });
      }
      return done(
        {
          status: amount === refundable ? 'approved' : 'partially_approved',
          decidedAt: now,
          expectedArrivalAt: expectedArrivalAt(request.paymentChannel, now),
        },
        {
          amountFen: amount,
          customerMessage: request.decision?.customerMessage ?? null,
          note: command.note || null,
          details,
        },
      );
    }

    case 'override':
      return done(
        { overrideBy: actorId, overrideNote: command.note },
        { note: command.note, details: { blockers: [...policy.approvalBlockers] } },
      );

    case 'reassign':
      if (command.assigneeId === request.assigneeId) {
        return invalid({
          assigneeId: fieldRefusal('already_assigned', {
            assigneeId: command.assigneeId,
            assignee: name(command.assigneeId),
          }),
        });
      }
      return done(
        { assigneeId: command.assigneeId },
        { details: { previousAssigneeId: request.assigneeId, assigneeId: command.assigneeId } },
      );

    case 'payout': {
      // a top-up after an overturn pays only what the customer has not received yet
      const already = request.alreadyRefundedFen ?? 0;
      return done(
        { status: 'refunded', refundedAt: now },
        {
          amountFen: request.approvedFen === null ? null : request.approvedFen - already,
          details: {
            paymentChannel: request.paymentChannel,
            decidedAt: request.decidedAt,
            jitter01: jitter,
            ...(already > 0
              ? { topUp: true, alreadyRefundedFen: already, totalFen: request.approvedFen }
              : {}),
          },
        },
      );
    }

    case 'overturn': {
      const refundable = policy.refundableFen;
      const floor = overturnFloorFen(request);
      const amount = command.amountFen;
      if (refundable <= 0) {
        return invalid({
          amountFen: nothingRefundableField(policy.refundableLimit, policy.heldByRequestIds),
        });
      }
      if (amount > refundable) {
        return invalid({ amountFen: fieldRefusal('amount_over_refundable', { refundableFen: refundable }) });
      }
      if (amount <= floor) {
        return invalid({ amountFen: fieldRefusal('amount_not_above_floor', { floorFen: floor }) });
      }
      // four eyes: such an overturn is only another supervisor's second approval of the resolution
      const four = overturnFourEyes({
        amountFen: amount,
        tipping: request.tipping,
        blocked: policy.approvalBlockers.length > 0,
        overrideBy: request.overrideBy,
        reviewerId: request.decision?.by ?? null,
        requestedBy: command.requestedBy,
        actorId: actorId!,
      });
      if (four.refusal) return four.refusal;
      const reasons = four.reasons;
      const paidOut = request.status === 'refunded';
      const alreadyRefundedFen = paidOut ? (request.approvedFen ?? 0) : (request.alreadyRefundedFen ?? null);
      return done(
        {
          status: amount === refundable ? 'approved' : 'partially_approved',
          overturned: true,
          approvedFen: amount,
          decidedAt: now,
          expectedArrivalAt: expectedArrivalAt(request.paymentChannel, now),
          ...(alreadyRefundedFen ? { alreadyRefundedFen } : {}),
        },
        {
          amountFen: amount,
          note: command.note,
          complaintId: command.complaintId,
          details: {
            complaintId: command.complaintId,
            previousStatus: request.status,
            previousApprovedFen: request.approvedFen,
            refundableFen: refundable,
            partial: amount < refundable,
            topUp: floor > 0,
            ...(alreadyRefundedFen ? { alreadyRefundedFen } : {}),
            originalDecisionBy: request.decision?.by ?? null,
            ...(reasons.length > 0
              ? {
                  secondApprovalReasons: reasons,
                  requestedBy: command.requestedBy,
                  secondApproverId: actorId,
                }
              : {}),
            // the supervisor's overturn stands in for an override of these rules
            approvalBlockers: [...policy.approvalBlockers],
          },
        },
      );
    }
  }
}

/**
 * What an overturn must exceed: nothing for a rejection, the amount already approved (or already
 * paid out) for a partial approval. The overturn's amountFen is the new total.
 */
export function overturnFloorFen(request: Pick<RefundRequest, 'status' | 'approvedFen'>): number {
  return request.status === 'rejected' ? 0 : (request.approvedFen ?? 0);
}

/**
 * Whether a request's decision can be overturned (409 when not), shared with the complaint workflow.
 * Rejected: always. Partially approved, not yet paid: a top-up to a larger total. Refunded: only when
 * the payout was partial (approvedFen < refundable): a top-up, paid as a second payout of the
 * difference. Approved in full: nothing left to give. Open requests: the review is not finished.
 */
export function overturnBlock(
  request: Pick<RefundRequest, 'status' | 'approvedFen'>,
  refundableFen: number,
): WorkflowRefusal | null {
  switch (request.status) {
    case 'rejected':
    case 'partially_approved':
      return null;
    case 'refunded':
      return request.approvedFen !== null && request.approvedFen < refundableFen
        ? null
        : refusal(409, 'overturn_refunded_in_full');
    case 'approved':
      return refusal(409, 'overturn_approved_in_full');
    default:
      return refusal(409, 'overturn_review_unfinished', { status: request.status });
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

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
  const name: Names = (id) => id;
  return REFUND_ACTIONS.filter((action) => {
    // an overturn is offered on the complaint page (resolve as overturned), never on the request
    if (action === 'overturn') return false;
    if (checkWho(request, action, actor, name)) return false;
    if (checkState(request, action, actor, policy, null, 0.5, name)) return false;
    if (action === 'approve') {
      if (policy.approvalBlockers.length > 0 && request.overrideBy === null) return false;
      if (policy.refundableFen <= 0) return false;
    }
    return true;
  });
}

/** Most urgent first: SLA due time, then submission time, then id. */
export function compareClaimPriority(a: RefundRequest, b: RefundRequest): number {
  return (
    toMs(a.slaDueAt) - toMs(b.slaDueAt) ||
    toMs(a.submittedAt) - toMs(b.submittedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function isClaimable(r: RefundRequest): boolean {
  return r.status === 'pending' && r.assigneeId === null;
}

/** Awaiting information for at least INFO_TIMEOUT_MS (7 days). */
export function dueForInfoTimeout(r: RefundRequest, nowIso: string): boolean {
  return (
    r.status === 'awaiting_info' &&
    r.awaitingInfoSince !== null &&
    toMs(nowIso) - toMs(r.awaitingInfoSince) >= INFO_TIMEOUT_MS
  );
}

/** Approved and past its payout time (payoutAt from sla.ts, measured from decidedAt). */
export function dueForPayout(r: RefundRequest, nowIso: string, jitter01 = 0.5): boolean {
  return (
    (r.status === 'approved' || r.status === 'partially_approved') &&
    r.decidedAt !== null &&
    toMs(nowIso) >= toMs(payoutAt(r.paymentChannel, r.decidedAt, jitter01))
  );
}
