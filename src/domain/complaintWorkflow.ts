// The complaint workflow: status × action × actor → next complaint and its audit event, or the
// reason why not. Pure like refundWorkflow.ts: time comes in as `nowIso`, the refund request
// concerned as a small view, staff lookups as functions.
//
// Checks run in the same fixed order as the refund workflow:
//   who (403) → version (409; none for a note, see complaintAnnotations.ts) → status / transition /
//   time (409) → body and semantic validation (422).
//
// Resolving as overturned or partially_overturned does not touch the refund request here: the
// result carries the refund command ('overturn') the caller runs through the refund workflow and
// commits together with the complaint.
import { z } from 'zod';
import { fieldRefusals, visibleText } from './validation';
import {
  fieldCode,
  fieldRefusal,
  fieldsRefusal,
  refusal,
  type FieldRefusal,
  type FieldRefusals,
} from './refusal';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  type AuditEvent,
  type Complaint,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintOutcome,
  type ComplaintPriority,
  type ComplaintStatus,
  type GoodwillCredit,
  type RefundRequest,
} from './model';
import { alreadyOpenRefusal, type AlreadyOpenRefusal } from './complaintDisclosure';
import { canAccess, type ComplaintAudience } from './permissions';
import {
  complaintSecondApprovalParties,
  resolveComplaint,
  secondApproveResolution,
  type ComplaintRefundView,
  type ComplaintRefusal,
} from './complaintResolution';
import { isComplaintAnnotation } from './complaintAnnotations';
import { secondApproverConflict } from './fourEyes';
import { GOODWILL_COINS_CAP } from './goodwill';
import { overturnBlock, overturnFloorFen, type Actor, type RefundCommand } from './refundWorkflow';
import { COMPLAINT_REOPEN_MS, DAY_MS, complaintDueAt, toIso, toMs } from './sla';

// ---------------------------------------------------------------------------------------------
// Rules as constants

// the goodwill caps live with their rule (goodwill.ts); the view and refusal with the resolution checks
export { GOODWILL_COINS_CAP, type ComplaintRefundView, type ComplaintRefusal };
/** A resolved (or closed) complaint can be reopened up to 14 days after its resolution, inclusive. */
export const REOPEN_WINDOW = COMPLAINT_REOPEN_MS;

// the statuses in which a complaint is still being handled live with the model (the UI reads them without zod)
import { ACTIVE_COMPLAINT_STATUSES, isComplaintActive } from './model';
export { ACTIVE_COMPLAINT_STATUSES, isComplaintActive };

/** Regulator referrals are urgent; late refunds and missing payouts are high; the rest normal. */
export function complaintPriority(channel: ComplaintChannel, category: ComplaintCategory): ComplaintPriority {
  if (channel === 'regulator_referral') return 'urgent';
  if (category === 'refund_late' || category === 'payout_not_received') return 'high';
  return 'normal';
}

// ---------------------------------------------------------------------------------------------
// Bodies

const MESSAGE_MAX = 2000;
const DESCRIPTION_MAX = 4000;

const version = z
  .number({ error: fieldCode('complaint_version_required') })
  .int({ error: fieldCode('version_whole') })
  .nonnegative({ error: fieldCode('version_negative') });

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

const optionalNote = z
  .string({ error: fieldCode('note_text') })
  .trim()
  .max(MESSAGE_MAX, { error: fieldCode('note_too_long', { max: MESSAGE_MAX }) })
  .optional();

/** One strict zod schema per endpoint body (unknown fields are refused). */
export const complaintActionBodySchemas = {
  create: z
    .object({
      refundId: z
        .string({ error: fieldCode('complaint_refund_required') })
        .trim()
        .min(1, { error: fieldCode('complaint_refund_required') }),
      channel: z.enum(COMPLAINT_CHANNELS, {
        error: fieldCode('channel_choice', { choices: COMPLAINT_CHANNELS.join(', ') }),
      }),
      category: z.enum(COMPLAINT_CATEGORIES, {
        error: fieldCode('category_choice', { choices: COMPLAINT_CATEGORIES.join(', ') }),
      }),
      description: requiredText('description', DESCRIPTION_MAX),
    })
    .strict(),
  assign: z
    .object({
      version,
      assigneeId: z
        .string({ error: fieldCode('complaint_assignee_required') })
        .trim()
        .min(1, { error: fieldCode('complaint_assignee_required') }),
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
      amountFen: z
        .number({ error: fieldCode('amount_number') })
        .int({ error: fieldCode('amount_whole') })
        .positive({ error: fieldCode('amount_positive') })
        .optional(),
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
  second_approval: z
    .object({
      version,
      decision: z.enum(['confirm', 'send_back'], { error: fieldCode('decision_choice') }),
      note: optionalNote,
    })
    .strict(),
  reopen: z.object({ version, note: optionalNote }).strict(),
};

type Schemas = typeof complaintActionBodySchemas;
export type CreateComplaintBody = z.output<Schemas['create']>;
export type ComplaintBodyAction = Exclude<keyof Schemas, 'create'>;
type Bodies = { [K in ComplaintBodyAction]: z.output<Schemas[K]> };

export type ComplaintCommand =
  | { [K in ComplaintBodyAction]: { action: K } & Bodies[K] }[ComplaintBodyAction]
  | { action: 'auto_escalate' }
  | { action: 'flag_overdue' };
export type ComplaintAction = ComplaintCommand['action'];

export const COMPLAINT_ACTIONS = [
  'assign',
  'note',
  'contact',
  'escalate',
  'resolve',
  'close',
  'reopen',
  'second_approval',
  'auto_escalate',
  'flag_overdue',
] as const satisfies readonly ComplaintAction[];

const SYSTEM_ACTIONS = ['auto_escalate', 'flag_overdue'] as const;
type SystemAction = (typeof SYSTEM_ACTIONS)[number];

export function isComplaintAction(value: unknown): value is ComplaintAction {
  return (COMPLAINT_ACTIONS as readonly unknown[]).includes(value);
}

function isSystemAction(action: ComplaintAction): action is SystemAction {
  return (SYSTEM_ACTIONS as readonly string[]).includes(action);
}

// ---------------------------------------------------------------------------------------------
// Context and results

export interface ComplaintContext {
  actor: Actor;
  nowIso: string;
  refund: ComplaintRefundView;
  /** staff id → display name, for refusal messages ("assigned to Chen Jing") */
  staffName?: (id: string) => string | undefined;
  /** for assign: whether the id is an active supervisor (default: any non-empty id) */
  isSupervisor?: (id: string) => boolean;
  /** for reopen: the id of another active complaint on the same request, if any */
  otherActiveComplaintId?: string | null;
  /** for the goodwill cap per customer: the goodwill credited on the customer's complaints */
  customerGoodwillCredits?: readonly GoodwillCredit[];
}

export type ComplaintEventDraft = Omit<AuditEvent, 'id'>;

export type ComplaintResult =
  | {
      ok: true;
      complaint: Complaint;
      event: ComplaintEventDraft;
      /** for an overturn: the refund command to run and commit with the complaint */
      refundCommand?: Extract<RefundCommand, { action: 'overturn' }>;
    }
  | ComplaintRefusal;

function invalid(fields: FieldRefusals): ComplaintRefusal {
  return fieldsRefusal(fields);
}

/** Validates a body with its schema; on failure 422 with one message per field. */
export function parseComplaintActionBody<A extends keyof Schemas>(
  action: A,
  body: unknown,
): { ok: true; body: z.output<Schemas[A]> } | ComplaintRefusal {
  const input = body === undefined || body === null ? {} : body;
  const parsed = complaintActionBodySchemas[action].safeParse(input);
  if (parsed.success) return { ok: true, body: parsed.data as z.output<Schemas[A]> };
  return fieldsRefusal(fieldRefusals(parsed.error), 'invalid_body');
}

// ---------------------------------------------------------------------------------------------
// Words for messages

type Names = (id: string) => string;

// ---------------------------------------------------------------------------------------------
// The checks

/** Who may act (403). */
/** The refusal code when someone other than the complaint's holder resolves it or logs a contact. */
export const COMPLAINT_HELD_BY_OTHER = 'complaint_held_by_other';

function checkWho(complaint: Complaint, action: ComplaintAction, actor: Actor, name: Names) {
  if (isSystemAction(action)) {
    return actor.kind === 'system'
      ? null
      : refusal(403, 'complaint_system_only', { complaintAction: action });
  }
  if (actor.kind !== 'staff') return refusal(403, 'complaint_staff_only', { complaintAction: action });
  if (!canAccess(actor.role, { resource: 'complaints', action })) {
    return refusal(403, 'complaint_role_forbidden', { role: actor.role, complaintAction: action });
  }
  // a resolution commits the desk (money, a message to the customer): only the holder gives it;
  // a logged contact moves the status (and the version the holder's resolution is checked against),
  // so it is the holder's work too: a colleague adds a note instead
  if (
    (action === 'resolve' || action === 'contact') &&
    complaint.assigneeId !== null &&
    complaint.assigneeId !== actor.id
  ) {
    return refusal(403, COMPLAINT_HELD_BY_OTHER, {
      assigneeId: complaint.assigneeId,
      assignee: name(complaint.assigneeId),
      heldBy: action,
    });
  }
  // four eyes: nobody who logged, holds or resolved the complaint confirms its money
  if (action === 'second_approval' && complaint.pendingResolution) {
    const conflict = secondApproverConflict(actor.id, complaintSecondApprovalParties(complaint));
    if (conflict) return conflict;
  }
  return null;
}

/** `allowed`: the statuses the action is allowed from (the catalogue's words.complaint_status_group). */
function wrongStatus(
  complaint: Complaint,
  action: ComplaintAction,
  allowed: 'active' | 'resolved' | 'resolved_or_closed',
): ComplaintRefusal {
  return refusal(409, 'complaint_wrong_status', {
    complaintAllowed: allowed,
    complaintAction: action,
    complaintStatus: complaint.status,
  });
}

const ACTIVE_WORDS = 'active' as const;

/** Status, transition and time (409). `nowIso` null skips the time conditions. */
function checkState(
  complaint: Complaint,
  action: ComplaintAction,
  ctx: Pick<ComplaintContext, 'otherActiveComplaintId'>,
  nowIso: string | null,
): ComplaintRefusal | null {
  const active = isComplaintActive(complaint.status);
  switch (action) {
    case 'assign':
    case 'contact':
      return active ? null : wrongStatus(complaint, action, ACTIVE_WORDS);
    case 'note':
      return complaint.status === 'closed' ? refusal(409, 'complaint_closed_read_only') : null;
    case 'escalate':
      if (!active) return wrongStatus(complaint, action, ACTIVE_WORDS);
      if (complaint.level === 2) return refusal(409, 'complaint_already_escalated');
      return null;
    case 'second_approval':
      return complaint.pendingResolution && active ? null : refusal(409, 'no_pending_resolution');
    case 'resolve':
      if (!active) return wrongStatus(complaint, action, ACTIVE_WORDS);
      if (complaint.pendingResolution) {
        return refusal(409, 'resolution_pending');
      }
      // (held by someone else is a 403 in checkWho)
      if (complaint.assigneeId === null) {
        return refusal(409, 'complaint_nobody_holds');
      }
      return null;
    case 'close':
      return complaint.status === 'resolved' ? null : wrongStatus(complaint, action, 'resolved');
    case 'reopen': {
      if (complaint.status !== 'resolved' && complaint.status !== 'closed') {
        return wrongStatus(complaint, action, 'resolved_or_closed');
      }
      if (ctx.otherActiveComplaintId) {
        return refusal(409, 'complaint_other_open', { complaintId: ctx.otherActiveComplaintId });
      }
      if (nowIso !== null && !withinReopenWindow(complaint, nowIso)) {
        return complaint.resolvedAt === null
          ? refusal(409, 'complaint_no_resolution_time')
          : refusal(409, 'complaint_reopen_window_closed', {
              days: REOPEN_WINDOW / DAY_MS,
              resolvedAt: complaint.resolvedAt,
              closedAt: toIso(toMs(complaint.resolvedAt) + REOPEN_WINDOW),
            });
      }
      return null;
    }
    case 'auto_escalate':
      if (!active) return wrongStatus(complaint, action, ACTIVE_WORDS);
      if (complaint.level === 2) return refusal(409, 'complaint_already_escalated');
      if (nowIso !== null && !dueForAutoEscalation(complaint, nowIso)) {
        return refusal(409, 'complaint_not_due_escalation', { dueAt: complaint.dueAt });
      }
      return null;
    case 'flag_overdue':
      if (!active) return wrongStatus(complaint, action, ACTIVE_WORDS);
      if (complaint.level !== 2) {
        return refusal(409, 'complaint_flag_level_one');
      }
      if (complaint.overdueFlag) return refusal(409, 'complaint_already_flagged');
      if (nowIso !== null && !dueForOverdueFlag(complaint, nowIso)) {
        return refusal(409, 'complaint_not_overdue', { dueAt: complaint.dueAt });
      }
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Apply

export function applyComplaintCommand(
  complaint: Complaint,
  command: ComplaintCommand,
  ctx: ComplaintContext,
): ComplaintResult {
  const action: unknown = command?.action;
  if (!isComplaintAction(action)) return refusal(422, 'unknown_action', { name: String(action) });
  const name: Names = (id) => ctx.staffName?.(id) ?? id;

  const who = checkWho(complaint, action, ctx.actor, name);
  if (who) return who;

  if (!isSystemAction(action) && !isComplaintAnnotation(action)) {
    const sent: unknown = (command as { version?: unknown }).version;
    if (typeof sent !== 'number' || !Number.isInteger(sent) || sent < 0) {
      return invalid({ version: fieldRefusal('complaint_version_required') });
    }
    if (sent !== complaint.version) {
      return refusal(409, 'complaint_version_conflict', { current: complaint.version, sent });
    }
  }

  const state = checkState(complaint, action, ctx, ctx.nowIso);
  if (state) return state;

  // Bodies are validated again here so a caller that skipped the schema cannot slip anything in.
  let cmd: ComplaintCommand;
  if (isSystemAction(action)) {
    cmd = { action };
  } else {
    const { action: _ignored, ...body } = command as { action: ComplaintBodyAction } & Record<
      string,
      unknown
    >;
    const parsed = parseComplaintActionBody(action, body);
    if (!parsed.ok) return parsed;
    cmd = { action, ...parsed.body } as ComplaintCommand;
  }
  return perform(complaint, cmd, ctx, name);
}

function perform(
  complaint: Complaint,
  command: ComplaintCommand,
  ctx: ComplaintContext,
  name: Names,
): ComplaintResult {
  const { actor, nowIso: now, refund } = ctx;
  const actorId = actor.kind === 'staff' ? actor.id : null;

  const done = (
    next: Partial<Complaint>,
    event: Partial<Pick<ComplaintEventDraft, 'amountFen' | 'customerMessage' | 'note' | 'details'>> = {},
    refundCommand?: Extract<RefundCommand, { action: 'overturn' }>,
  ): ComplaintResult => {
    // an annotation leaves the complaint, its version included, as it is: only its event is new
    const updated: Complaint = isComplaintAnnotation(command.action)
      ? complaint
      : { ...complaint, ...next, version: complaint.version + 1, updatedAt: now };
    return {
      ok: true,
      complaint: updated,
      event: {
        subject: 'complaint',
        refundId: complaint.refundId,
        complaintId: complaint.id,
        action: command.action,
        actorId,
        actorKind: actor.kind,
        at: now,
        statusBefore: complaint.status,
        statusAfter: updated.status,
        amountFen: event.amountFen ?? null,
        customerMessage: event.customerMessage ?? null,
        note: event.note ?? null,
        details: { level: updated.level, ...(event.details ?? {}) },
      },
      ...(refundCommand ? { refundCommand } : {}),
    };
  };

  const escalation = (): Partial<Complaint> => ({
    status: 'escalated',
    level: 2,
    escalatedAt: now,
    dueAt: complaintDueAt(2, complaint.channel, now),
    overdueFlag: false,
  });

  switch (command.action) {
    case 'assign': {
      const assigneeId = command.assigneeId;
      if (assigneeId === complaint.assigneeId) {
        return invalid({
          assigneeId: fieldRefusal('complaint_already_assigned', { assigneeId, assignee: name(assigneeId) }),
        });
      }
      if (ctx.isSupervisor && !ctx.isSupervisor(assigneeId)) {
        return invalid({ assigneeId: fieldRefusal('not_active_supervisor', { assigneeId }) });
      }
      return done(
        { assigneeId, status: complaint.status === 'open' ? 'investigating' : complaint.status },
        { details: { previousAssigneeId: complaint.assigneeId, assigneeId, took: assigneeId === actorId } },
      );
    }

    case 'note':
      return done({}, { note: command.text });

    case 'contact': {
      const resumed: ComplaintStatus = complaint.level === 2 ? 'escalated' : 'investigating';
      const status: ComplaintStatus = command.awaitingReply ? 'awaiting_customer' : resumed;
      return done(
        { status },
        { note: command.text, details: { awaitingReply: command.awaitingReply ?? false } },
      );
    }

    case 'escalate':
      return done(escalation(), {
        note: command.reason,
        details: {
          fromLevel: 1,
          previousDueAt: complaint.dueAt,
          dueAt: complaintDueAt(2, complaint.channel, now),
        },
      });

    case 'auto_escalate':
      return done(escalation(), {
        details: {
          fromLevel: 1,
          previousDueAt: complaint.dueAt,
          dueAt: complaintDueAt(2, complaint.channel, now),
        },
      });

    case 'flag_overdue':
      return done({ overdueFlag: true }, { details: { dueAt: complaint.dueAt } });

    case 'resolve':
      return resolveComplaint(complaint, command, ctx, refund, done);

    case 'second_approval':
      if (command.decision === 'send_back' && !command.note) {
        return invalid({ note: fieldRefusal('complaint_send_back_needs_note') });
      }
      return secondApproveResolution(complaint, command, ctx, refund, done);

    case 'close':
      return done({ status: 'closed', closedAt: now }, { note: command.note || null });

    case 'reopen': {
      const status: ComplaintStatus =
        complaint.level === 2 ? 'escalated' : complaint.assigneeId !== null ? 'investigating' : 'open';
      const dueAt = complaintDueAt(complaint.level, complaint.channel, now);
      return done(
        // goodwillCredits stay: the cap is per complaint, across reopenings
        { status, resolution: null, resolvedAt: null, closedAt: null, overdueFlag: false, dueAt },
        {
          note: command.note || null,
          details: { previousResolution: complaint.resolution, resolvedAt: complaint.resolvedAt, dueAt },
        },
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Opening a complaint

export interface OpenComplaintContext {
  actor: Actor;
  nowIso: string;
  /** the id the new complaint gets (the store allocates it) */
  id: string;
  /** the active complaint already open on this request, if any */
  activeComplaint: (ComplaintAudience & { id: string }) | null;
}

export type OpenComplaintResult =
  { ok: true; complaint: Complaint; event: ComplaintEventDraft } | ComplaintRefusal | AlreadyOpenRefusal;

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
  const parsed = parseComplaintActionBody('create', body);
  if (!parsed.ok) return parsed;
  const { channel, category, description, refundId } = parsed.body;
  if (refundId !== refund.id)
    return invalid({ refundId: fieldRefusal('complaint_refund_mismatch', { refundId: refund.id }) });
  const mismatch = categoryMismatch(category, refund);
  if (mismatch) return invalid({ category: mismatch });

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
    dueAt: complaintDueAt(1, channel, now),
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

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * The actions the UI offers this actor on this complaint: the same who and status rules as
 * applyComplaintCommand, without a body. With `nowIso` the time conditions (reopen window,
 * due time of the system actions) are checked too.
 */
export function availableComplaintActions(
  complaint: Complaint,
  actor: Actor,
  options: { nowIso?: string; otherActiveComplaintId?: string | null } = {},
): ComplaintAction[] {
  const name: Names = (id) => id;
  return COMPLAINT_ACTIONS.filter(
    (action) =>
      !checkWho(complaint, action, actor, name) &&
      !checkState(complaint, action, options, options.nowIso ?? null),
  );
}

/** Which resolutions can succeed on this request (the overturns need something to overturn). */
export function availableOutcomes(refund: ComplaintRefundView): ComplaintOutcome[] {
  const overturnable = overturnBlock(refund, refund.refundableFen) === null && refund.refundableFen > 0;
  const floor = overturnFloorFen(refund);
  return COMPLAINT_OUTCOMES.filter((outcome) => {
    if (outcome === 'overturned') return overturnable;
    // a partial overturn needs room between what is approved and the whole refundable amount
    if (outcome === 'partially_overturned') return overturnable && refund.refundableFen - floor >= 2;
    return true;
  });
}

/** A level-1 complaint still being worked, at or past its due time: the timer escalates it. */
export function dueForAutoEscalation(c: Complaint, nowIso: string): boolean {
  return isComplaintActive(c.status) && c.level === 1 && toMs(nowIso) >= toMs(c.dueAt);
}

/** A level-2 complaint still being worked, at or past its due time, not yet flagged to managers. */
export function dueForOverdueFlag(c: Complaint, nowIso: string): boolean {
  return isComplaintActive(c.status) && c.level === 2 && !c.overdueFlag && toMs(nowIso) >= toMs(c.dueAt);
}

/** Resolved at most REOPEN_WINDOW ago (inclusive). */
export function withinReopenWindow(c: Pick<Complaint, 'resolvedAt'>, nowIso: string): boolean {
  return c.resolvedAt !== null && toMs(nowIso) - toMs(c.resolvedAt) <= REOPEN_WINDOW;
}

/** Past its due time while still being worked (the list's "overdue"). */
export function isComplaintOverdue(c: Pick<Complaint, 'status' | 'dueAt'>, nowMs: number): boolean {
  return isComplaintActive(c.status) && toMs(c.dueAt) < nowMs;
}
