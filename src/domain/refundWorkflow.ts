// The review workflow of refund requests: status × action × actor → next request and its audit
// event, or the reason why not. Pure: time comes in as `nowIso`, the policy as a computed result.
//
// Checks run in a fixed order so every refusal is predictable:
//   who (403) → version (409) → status / transition (409) → body and semantic validation (422).
import { z } from 'zod';
import { fieldErrors, invalidBodyMessage, visibleText } from './validation';
import {
  INFO_ITEMS,
  OPEN_REFUND_STATUSES,
  REJECTION_REASONS,
  type AuditEvent,
  type InfoItem,
  type RefundDecision,
  type RefundRequest,
  type RefundStatus,
  type RejectionReason,
  type Role,
} from './model';
import { formatYuan, rejectionTemplate } from './messageTemplates';
import { canAccess } from './permissions';
import { isSelfOverride, overturnFourEyes, secondApprovalNeed, secondApproverRefusal } from './fourEyes';
import { followsSuggestion, nothingRefundableMessage, type PolicyResult } from './refundPolicy';
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
  .number({ error: 'Send the version of the request you loaded (a whole number).' })
  .int({ error: 'The version must be a whole number.' })
  .nonnegative({ error: 'The version cannot be negative.' });

const customerMessage = visibleText(
  z
    .string({ error: 'Write the message the customer will receive.' })
    .trim()
    .min(1, { error: 'Write the message the customer will receive.' })
    .max(MESSAGE_MAX, { error: `The message to the customer can be at most ${MESSAGE_MAX} characters.` }),
  'The message to the customer has no visible characters: write the message in words.',
);

const optionalNote = z
  .string({ error: 'The note must be text.' })
  .trim()
  .max(MESSAGE_MAX, { error: `The note can be at most ${MESSAGE_MAX} characters.` })
  .optional();

const againstSuggestionReason = z
  .string({ error: 'The reason must be text.' })
  .trim()
  .max(REASON_MAX, {
    error: `The reason for going against the policy can be at most ${REASON_MAX} characters.`,
  })
  .optional();

const infoItem = z.enum(INFO_ITEMS, {
  error: `Unknown information item; use one of: ${INFO_ITEMS.join(', ')}.`,
});

/** One strict zod schema per endpoint body (unknown fields are refused). */
export const refundActionBodySchemas = {
  claim: z.object({ version }).strict(),
  release: z.object({ version }).strict(),
  approve: z
    .object({
      version,
      amountFen: z
        .number({ error: 'The amount must be a number of fen.' })
        .int({ error: 'The amount must be a whole number of fen.' })
        .positive({ error: 'The amount must be greater than 0.' })
        .optional(),
      customerMessage,
      againstSuggestionReason,
    })
    .strict(),
  reject: z
    .object({
      version,
      reasonCode: z.enum(REJECTION_REASONS, {
        error: `Choose a rejection reason: ${REJECTION_REASONS.join(', ')}.`,
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
        .array(infoItem, { error: 'List the missing items.' })
        .min(1, { error: 'Choose at least one item the customer must supply.' })
        .refine((items) => new Set(items).size === items.length, {
          error: 'Each missing item can be listed only once.',
        }),
      customerMessage,
      againstSuggestionReason,
    })
    .strict(),
  customer_reply: z
    .object({
      suppliedItems: z.array(infoItem, { error: 'List the items the customer supplied (may be empty).' }),
      message: z
        .string({ error: "Write the customer's reply." })
        .trim()
        .max(MESSAGE_MAX, { error: `The reply can be at most ${MESSAGE_MAX} characters.` }),
    })
    .strict(),
  second_approval: z
    .object({
      version,
      decision: z.enum(['confirm', 'send_back'], { error: 'Choose "confirm" or "send_back".' }),
      note: optionalNote,
    })
    .strict(),
  override: z
    .object({
      version,
      note: z
        .string({ error: 'Explain why the policy is overridden.' })
        .trim()
        .min(1, { error: 'Explain why the policy is overridden.' })
        .max(MESSAGE_MAX, { error: `The note can be at most ${MESSAGE_MAX} characters.` }),
    })
    .strict(),
  reassign: z
    .object({
      version,
      assigneeId: z
        .string({ error: 'Choose the new assignee.' })
        .trim()
        .min(1, { error: 'Choose the new assignee.' }),
    })
    .strict(),
  /** Sent by the complaint workflow when a supervisor resolves a complaint as (partially) overturned. */
  overturn: z
    .object({
      version,
      amountFen: z
        .number({ error: 'The amount must be a number of fen.' })
        .int({ error: 'The amount must be a whole number of fen.' })
        .positive({ error: 'The amount must be greater than 0.' }),
      complaintId: z
        .string({ error: 'Name the complaint that overturns the decision.' })
        .trim()
        .min(1, { error: 'Name the complaint that overturns the decision.' }),
      note: z
        .string({ error: 'Explain why the decision is overturned.' })
        .trim()
        .min(1, { error: 'Explain why the decision is overturned.' })
        .max(MESSAGE_MAX, { error: `The note can be at most ${MESSAGE_MAX} characters.` }),
      /** the supervisor who resolved the complaint, when this overturn is another supervisor's second approval */
      requestedBy: z.string({ error: 'Name the supervisor who resolved the complaint.' }).min(1).optional(),
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

export type WorkflowRefusal = {
  ok: false;
  status: 403 | 409 | 422;
  message: string;
  errors?: Record<string, string>;
  /** a stable snake_case code for refusals a client tells apart */
  code?: string;
};

export type WorkflowResult = { ok: true; request: RefundRequest; event: AuditEventDraft } | WorkflowRefusal;

function refuse(status: 403 | 409 | 422, message: string, errors?: Record<string, string>): WorkflowRefusal {
  return errors ? { ok: false, status, message, errors } : { ok: false, status, message };
}

function invalid(errors: Record<string, string>): WorkflowRefusal {
  return refuse(422, Object.values(errors).join(' '), errors);
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
  const errors = fieldErrors(parsed.error);
  return refuse(422, invalidBodyMessage(errors), errors);
}

// ---------------------------------------------------------------------------------------------
// Words for messages

const STATUS_LABELS: Record<RefundStatus, string> = {
  pending: 'pending',
  in_review: 'in review',
  awaiting_info: 'awaiting information from the customer',
  awaiting_second_approval: 'awaiting a second approval',
  approved: 'approved',
  partially_approved: 'partially approved',
  rejected: 'rejected',
  refunded: 'refunded',
};

const ACTION_VERBS: Record<RefundAction, string> = {
  claim: 'claim',
  release: 'release',
  approve: 'approve',
  reject: 'reject',
  request_info: 'ask for information on',
  customer_reply: 'reply as the customer to',
  info_timeout: 'time out',
  second_approval: 'give the second approval on',
  override: 'override the policy on',
  reassign: 'reassign',
  payout: 'pay out',
  overturn: 'overturn the decision on',
};

const REJECTION_LABELS: Record<RejectionReason, string> = {
  outside_window: `outside the ${REFUND_WINDOW_MS / DAY_MS}-day refund window`,
  coins_spent: 'the coins are already spent',
  already_refunded: 'already refunded by another request on the same order',
  information_missing: 'information is missing',
  account_restricted: 'the account is restricted or banned',
  duplicate: 'duplicate of another open request',
  tipping_policy: 'tipping policy',
  suspected_fraud: 'suspected fraud',
  other: 'other reason',
};

const INFO_LABELS: Record<InfoItem, string> = {
  order_number: 'order number',
  purchase_time: 'purchase time',
  reason_detail: 'reason detail',
  payment_proof: 'payment proof',
  account_verification: 'account verification',
};

const BLOCKER_LABELS: Record<PolicyResult['approvalBlockers'][number], string> = {
  outside_window: `the purchase is outside the ${REFUND_WINDOW_MS / DAY_MS}-day refund window`,
  account_restricted: "the customer's account is restricted or banned",
};

function describeSuggestion(policy: PolicyResult): string {
  switch (policy.suggestion) {
    case 'approve':
      return 'approving it in full';
    case 'approve_partial':
      return `approving the unspent part (${formatYuan(policy.refundableFen)})`;
    case 'reject':
      return policy.suggestedRejection
        ? `rejecting it (${REJECTION_LABELS[policy.suggestedRejection]})`
        : 'rejecting it';
    case 'request_info':
      return policy.suggestedMissingItems.length > 0
        ? `asking the customer for the missing information (${policy.suggestedMissingItems.map((i) => INFO_LABELS[i]).join(', ')})`
        : 'asking the customer for the missing information';
  }
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
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
  const verb = ACTION_VERBS[action];
  if ((SYSTEM_ACTIONS as readonly string[]).includes(action)) {
    return actor.kind === 'system'
      ? null
      : refuse(403, `Only the system can ${verb} refund requests; it happens automatically.`);
  }
  if (action === 'customer_reply') {
    if (actor.kind === 'customer') return null;
    if (actor.kind === 'system') return refuse(403, 'The system cannot reply on behalf of the customer.');
    return canAccess(actor.role, { resource: 'refunds', action })
      ? null
      : refuse(403, `Your role (${actor.role}) may not simulate a customer reply.`);
  }
  if (!isStaffAction(action)) return refuse(422, `Unknown action "${String(action)}".`);
  if (actor.kind !== 'staff') return refuse(403, `Only staff can ${verb} refund requests.`);
  if (action === 'overturn') {
    // an overturn is the consequence of resolving a complaint: whoever may resolve complaints may do it
    return canAccess(actor.role, { resource: 'complaints', action: 'resolve' })
      ? null
      : refuse(
          403,
          `Your role (${actor.role}) may not overturn refund decisions; only a supervisor resolving a complaint can.`,
        );
  }
  if (!canAccess(actor.role, { resource: 'refunds', action })) {
    return refuse(403, `Your role (${actor.role}) may not ${verb} refund requests.`);
  }
  const holder = request.assigneeId;
  switch (action) {
    case 'release':
      if (holder !== null && holder !== actor.id && actor.role !== 'supervisor') {
        return refuse(
          403,
          `This request is assigned to ${name(holder)}; only they or a supervisor can release it.`,
        );
      }
      return null;
    case 'approve':
    case 'reject':
    case 'request_info':
      if (holder !== null && holder !== actor.id) {
        return refuse(403, `This request is assigned to ${name(holder)}; only they can ${verb} it.`);
      }
      return null;
    case 'second_approval': {
      if (request.status !== 'awaiting_second_approval') return null; // a 409 in checkState
      const refusal = secondApproverRefusal(actor.id, [
        { id: request.firstApproverId, as: 'requested' },
        { id: request.overrideBy, as: 'overrode' },
        { id: request.decision?.by, as: 'reviewed' },
      ]);
      return refusal ? { ok: false, ...refusal } : null;
    }
    default:
      return null;
  }
}

function wrongStatus(request: RefundRequest, action: RefundAction, allowed: string): WorkflowRefusal {
  return refuse(
    409,
    `Only ${allowed} requests can be ${PAST_PARTICIPLES[action]}; this one is ${STATUS_LABELS[request.status]}.`,
  );
}

const PAST_PARTICIPLES: Record<RefundAction, string> = {
  claim: 'claimed',
  release: 'released',
  approve: 'approved',
  reject: 'rejected',
  request_info: 'sent back to the customer for information',
  customer_reply: 'answered by the customer',
  info_timeout: 'timed out',
  second_approval: 'given a second approval',
  override: 'overridden',
  reassign: 'reassigned',
  payout: 'paid out',
  overturn: 'overturned',
};

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
        return refuse(409, 'You are already reviewing this request.');
      }
      if (request.status !== 'pending') return wrongStatus(request, action, 'pending');
      if (request.assigneeId !== null && request.assigneeId !== actorId) {
        return refuse(409, `This request is already assigned to ${name(request.assigneeId)}.`);
      }
      return null;
    case 'release':
      return request.status === 'in_review' ? null : wrongStatus(request, action, 'in-review');
    case 'approve':
    case 'reject':
    case 'request_info':
      if (request.status === 'pending') {
        return refuse(409, `This request is pending; claim it before you ${ACTION_VERBS[action]} it.`);
      }
      if (request.status !== 'in_review') return wrongStatus(request, action, 'in-review');
      if (request.assigneeId !== actorId) {
        return refuse(
          409,
          `This request is not assigned to you; claim it before you ${ACTION_VERBS[action]} it.`,
        );
      }
      return null;
    case 'customer_reply':
      return request.status === 'awaiting_info'
        ? null
        : refuse(
            409,
            `The customer can only reply while the request is awaiting information; this one is ${STATUS_LABELS[request.status]}.`,
          );
    case 'info_timeout':
      if (request.status !== 'awaiting_info') return wrongStatus(request, action, 'awaiting-information');
      if (nowIso !== null && !dueForInfoTimeout(request, nowIso)) {
        return refuse(
          409,
          request.awaitingInfoSince === null
            ? 'This request has no start time for its information request, so it cannot time out.'
            : `The customer has until ${toIso(toMs(request.awaitingInfoSince) + INFO_TIMEOUT_MS)} to reply; the request cannot time out yet.`,
        );
      }
      return null;
    case 'second_approval':
      return request.status === 'awaiting_second_approval'
        ? null
        : wrongStatus(request, action, 'awaiting-second-approval');
    case 'override':
      if (request.status !== 'in_review') return wrongStatus(request, action, 'in-review');
      if (policy.approvalBlockers.length === 0) {
        return refuse(
          409,
          'There is nothing to override: no policy rule blocks the approval of this request.',
        );
      }
      if (request.overrideBy !== null) {
        return refuse(
          409,
          `The policy on this request was already overridden by ${name(request.overrideBy)}.`,
        );
      }
      return null;
    case 'reassign':
      return OPEN_REFUND_STATUSES.includes(request.status)
        ? null
        : refuse(409, `Only open requests can be reassigned; this one is ${STATUS_LABELS[request.status]}.`);
    case 'overturn':
      return overturnBlock(request, policy.refundableFen);
    case 'payout':
      if (request.status !== 'approved' && request.status !== 'partially_approved') {
        return wrongStatus(request, action, 'approved');
      }
      if (request.decidedAt === null)
        return refuse(409, 'This request has no decision time, so it cannot be paid out.');
      if (nowIso !== null && !dueForPayout(request, nowIso, jitter01)) {
        return refuse(
          409,
          `This refund is not due for payout until ${payoutAt(request.paymentChannel, request.decidedAt, jitter01)}.`,
        );
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
  if (!isRefundAction(action)) return refuse(422, `Unknown action "${String(action)}".`);
  const name: Names = (id) => ctx.staffName?.(id) ?? id;
  const jitter = ctx.payoutJitter01 ?? 0.5;

  const who = checkWho(request, action, actor, name);
  if (who) return who;

  if (hasVersion(action)) {
    const sent: unknown = (command as { version?: unknown }).version;
    if (typeof sent !== 'number' || !Number.isInteger(sent) || sent < 0) {
      return invalid({ version: 'Send the version of the request you loaded (a whole number).' });
    }
    if (sent !== request.version) {
      return refuse(
        409,
        `This request was changed by someone else (version ${request.version} is current, you sent ${sent}). Reload it and try again.`,
      );
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
  ): { error?: string; against: boolean; reason?: string } => {
    const against = !followsSuggestion(policy.suggestion, decision);
    if (!against) return { against };
    if (!reason) {
      return {
        against,
        error: `The policy suggests ${describeSuggestion(policy)}. Explain why you decide otherwise.`,
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
        return refuse(
          422,
          `Approval is blocked: ${joinAnd(policy.approvalBlockers.map((b) => BLOCKER_LABELS[b]))}. ` +
            'A supervisor must override the policy before this request can be approved.',
        );
      }
      const amount = command.amountFen ?? refundable;
      const errors: Record<string, string> = {};
      if (refundable <= 0) {
        errors.amountFen = nothingRefundableMessage(policy.refundableLimit, policy.heldByRequestIds);
      } else if (amount > refundable) {
        errors.amountFen = `The amount cannot exceed the refundable ${formatYuan(refundable)}.`;
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
      const errors: Record<string, string> = {};
      if (command.reasonCode === 'other' && !command.note) {
        errors.note = 'Explain the reason in the note when the reason is "other".';
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
        if (!command.note) return invalid({ note: 'Explain to the reviewer why the approval is sent back.' });
        return done(
          { status: 'in_review', approvedFen: null, firstApproverId: null, decision: null },
          { amountFen: request.approvedFen, note: command.note, details },
        );
      }
      const amount = request.approvedFen;
      const refundable = policy.refundableFen;
      if (amount === null || amount <= 0) {
        return refuse(409, 'This request has no approved amount to confirm; send it back to the reviewer.');
      }
      if (amount > refundable) {
        return refuse(
          409,
          `The refundable amount is now ${formatYuan(refundable)}, less than the approved ${formatYuan(amount)}; send it back to the reviewer.`,
        );
      }
      if (policy.approvalBlockers.length > 0 && request.overrideBy === null) {
        return refuse(
          422,
          `Approval is blocked: ${joinAnd(policy.approvalBlockers.map((b) => BLOCKER_LABELS[b]))}. ` +
            'Send it back so a supervisor can override the policy first.',
        );
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
        return invalid({ assigneeId: `This request is already assigned to ${name(command.assigneeId)}.` });
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
          amountFen: nothingRefundableMessage(policy.refundableLimit, policy.heldByRequestIds),
        });
      }
      if (amount > refundable) {
        return invalid({ amountFen: `The amount cannot exceed the refundable ${formatYuan(refundable)}.` });
      }
      if (amount <= floor) {
        return invalid({
          amountFen: `The amount must be more than the ${formatYuan(floor)} already approved; it is the new total to refund.`,
        });
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
      if (four.refusal) return { ok: false, ...four.refusal };
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
        : refuse(409, 'This request was already refunded in full; there is nothing left to overturn.');
    case 'approved':
      return refuse(
        409,
        'This request is already approved in full and its payout is on the way; there is nothing to overturn.',
      );
    default:
      return refuse(
        409,
        `Only rejected, partially approved or partially refunded requests can be overturned; this one is ${STATUS_LABELS[request.status]}. Let the review finish first.`,
      );
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
