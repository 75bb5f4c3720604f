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
import { fieldErrors, invalidBodyMessage, visibleText } from './validation';
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
  REFUND_STATUS_WORDS,
  complaintSecondApprovalParties,
  resolveComplaint,
  secondApproveResolution,
  type ComplaintRefundView,
  type ComplaintRefusal,
} from './complaintResolution';
import { isComplaintAnnotation } from './complaintAnnotations';
import { secondApproverRefusal } from './fourEyes';
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
  .number({ error: 'Send the version of the complaint you loaded (a whole number).' })
  .int({ error: 'The version must be a whole number.' })
  .nonnegative({ error: 'The version cannot be negative.' });

const requiredText = (what: string, max = MESSAGE_MAX) =>
  visibleText(
    z
      .string({ error: `Write the ${what}.` })
      .trim()
      .min(1, { error: `Write the ${what}.` })
      .max(max, { error: `The ${what} can be at most ${max} characters.` }),
    `The ${what} has no visible characters: write it in words.`,
  );

const optionalNote = z
  .string({ error: 'The note must be text.' })
  .trim()
  .max(MESSAGE_MAX, { error: `The note can be at most ${MESSAGE_MAX} characters.` })
  .optional();

/** One strict zod schema per endpoint body (unknown fields are refused). */
export const complaintActionBodySchemas = {
  create: z
    .object({
      refundId: z
        .string({ error: 'Name the refund request the complaint is about.' })
        .trim()
        .min(1, { error: 'Name the refund request the complaint is about.' }),
      channel: z.enum(COMPLAINT_CHANNELS, {
        error: `Choose the channel: ${COMPLAINT_CHANNELS.join(', ')}.`,
      }),
      category: z.enum(COMPLAINT_CATEGORIES, {
        error: `Choose the category: ${COMPLAINT_CATEGORIES.join(', ')}.`,
      }),
      description: requiredText("customer's complaint", DESCRIPTION_MAX),
    })
    .strict(),
  assign: z
    .object({
      version,
      assigneeId: z
        .string({ error: 'Choose the supervisor who takes the complaint.' })
        .trim()
        .min(1, { error: 'Choose the supervisor who takes the complaint.' }),
    })
    .strict(),
  /** an annotation: a `version` sent by older clients is accepted and ignored */
  note: z
    .object({ version: version.optional().meta({ deprecated: true }), text: requiredText('note') })
    .strict(),
  contact: z
    .object({
      version,
      text: requiredText('summary of the contact'),
      /** true when the desk now waits for the customer (documents, an answer) */
      awaitingReply: z.boolean({ error: 'awaitingReply must be true or false.' }).optional(),
    })
    .strict(),
  escalate: z.object({ version, reason: requiredText('reason for the escalation') }).strict(),
  resolve: z
    .object({
      version,
      outcome: z.enum(COMPLAINT_OUTCOMES, {
        error: `Choose the outcome: ${COMPLAINT_OUTCOMES.join(', ')}.`,
      }),
      customerMessage: requiredText('message the customer will receive'),
      amountFen: z
        .number({ error: 'The amount must be a number of fen.' })
        .int({ error: 'The amount must be a whole number of fen.' })
        .positive({ error: 'The amount must be greater than 0.' })
        .optional(),
      goodwillCoins: z
        .number({ error: 'The goodwill must be a number of coins.' })
        .int({ error: 'The goodwill must be a whole number of coins.' })
        .positive({ error: 'The goodwill must be at least 1 coin.' })
        .max(GOODWILL_COINS_CAP, {
          error: `The goodwill can be at most ${GOODWILL_COINS_CAP.toLocaleString('en')} coins.`,
        })
        .optional(),
    })
    .strict(),
  close: z.object({ version, note: optionalNote }).strict(),
  /** another supervisor confirms or sends back a resolution that moves money (four eyes) */
  second_approval: z
    .object({
      version,
      decision: z.enum(['confirm', 'send_back'], { error: 'Choose "confirm" or "send_back".' }),
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

function refuse(status: 403 | 409 | 422, message: string, errors?: Record<string, string>): ComplaintRefusal {
  return errors ? { ok: false, status, message, errors } : { ok: false, status, message };
}

function invalid(errors: Record<string, string>): ComplaintRefusal {
  return refuse(422, Object.values(errors).join(' '), errors);
}

/** Validates a body with its schema; on failure 422 with one message per field. */
export function parseComplaintActionBody<A extends keyof Schemas>(
  action: A,
  body: unknown,
): { ok: true; body: z.output<Schemas[A]> } | ComplaintRefusal {
  const input = body === undefined || body === null ? {} : body;
  const parsed = complaintActionBodySchemas[action].safeParse(input);
  if (parsed.success) return { ok: true, body: parsed.data as z.output<Schemas[A]> };
  const errors = fieldErrors(parsed.error);
  return refuse(422, invalidBodyMessage(errors), errors);
}

// ---------------------------------------------------------------------------------------------
// Words for messages

const STATUS_LABELS: Record<ComplaintStatus, string> = {
  open: 'open',
  investigating: 'under investigation',
  awaiting_customer: 'waiting for the customer',
  escalated: 'escalated',
  resolved: 'resolved',
  closed: 'closed',
};

const ACTION_VERBS: Record<ComplaintAction, string> = {
  assign: 'assign',
  note: 'add notes to',
  contact: 'log contacts on',
  escalate: 'escalate',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  second_approval: 'give the second approval on',
  auto_escalate: 'escalate',
  flag_overdue: 'flag',
};

const PAST_PARTICIPLES: Record<ComplaintAction, string> = {
  assign: 'assigned',
  note: 'given notes',
  contact: 'given contact logs',
  escalate: 'escalated',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
  second_approval: 'given a second approval',
  auto_escalate: 'escalated',
  flag_overdue: 'flagged as overdue',
};

type Names = (id: string) => string;

// ---------------------------------------------------------------------------------------------
// The checks

/** Who may act (403). */
/** The refusal code when someone other than the complaint's holder resolves it or logs a contact. */
export const COMPLAINT_HELD_BY_OTHER = 'complaint_held_by_other';

function checkWho(complaint: Complaint, action: ComplaintAction, actor: Actor, name: Names) {
  const verb = ACTION_VERBS[action];
  if (isSystemAction(action)) {
    return actor.kind === 'system'
      ? null
      : refuse(403, `Only the system can ${verb} complaints on their due time; it happens automatically.`);
  }
  if (actor.kind !== 'staff') return refuse(403, `Only staff can ${verb} complaints.`);
  if (!canAccess(actor.role, { resource: 'complaints', action })) {
    return refuse(403, `Your role (${actor.role}) may not ${verb} complaints.`);
  }
  // a resolution commits the desk (money, a message to the customer): only the holder gives it;
  // a logged contact moves the status (and the version the holder's resolution is checked against),
  // so it is the holder's work too: a colleague adds a note instead
  if (
    (action === 'resolve' || action === 'contact') &&
    complaint.assigneeId !== null &&
    complaint.assigneeId !== actor.id
  ) {
    return {
      ...refuse(
        403,
        action === 'resolve'
          ? `This complaint is assigned to ${name(complaint.assigneeId)}; only they can resolve it. Assign it to yourself first.`
          : `This complaint is assigned to ${name(complaint.assigneeId)}; only they can log a contact with the customer. Add a note instead, or assign it to yourself first.`,
      ),
      code: COMPLAINT_HELD_BY_OTHER,
    };
  }
  // four eyes: nobody who logged, holds or resolved the complaint confirms its money
  if (action === 'second_approval' && complaint.pendingResolution) {
    const refusal = secondApproverRefusal(actor.id, complaintSecondApprovalParties(complaint));
    if (refusal) return { ok: false as const, ...refusal };
  }
  return null;
}

function wrongStatus(complaint: Complaint, action: ComplaintAction, allowed: string): ComplaintRefusal {
  return refuse(
    409,
    `Only ${allowed} complaints can be ${PAST_PARTICIPLES[action]}; this one is ${STATUS_LABELS[complaint.status]}.`,
  );
}

const ACTIVE_WORDS = 'open, investigated, escalated or waiting';

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
      return complaint.status === 'closed'
        ? refuse(409, 'This complaint is closed and read-only; reopen it to add notes.')
        : null;
    case 'escalate':
      if (!active) return wrongStatus(complaint, action, ACTIVE_WORDS);
      if (complaint.level === 2) return refuse(409, 'This complaint is already escalated to level 2.');
      return null;
    case 'second_approval':
      return complaint.pendingResolution && active
        ? null
        : {
            ...refuse(409, 'No resolution of this complaint is waiting for a second approval.'),
            code: 'no_pending_resolution',
          };
    case 'resolve':
      if (!active) return wrongStatus(complaint, action, ACTIVE_WORDS);
      if (complaint.pendingResolution) {
        return {
          ...refuse(
            409,
            'A resolution of this complaint is already waiting for a second approval; another supervisor must confirm it or send it back first.',
          ),
          code: 'resolution_pending',
        };
      }
      // (held by someone else is a 403 in checkWho)
      if (complaint.assigneeId === null) {
        return refuse(
          409,
          'Nobody holds this complaint; take it (assign it to yourself) before you resolve it.',
        );
      }
      return null;
    case 'close':
      return complaint.status === 'resolved' ? null : wrongStatus(complaint, action, 'resolved');
    case 'reopen': {
      if (complaint.status !== 'resolved' && complaint.status !== 'closed') {
        return wrongStatus(complaint, action, 'resolved or closed');
      }
      if (ctx.otherActiveComplaintId) {
        return refuse(
          409,
          `Complaint ${ctx.otherActiveComplaintId} is already open on this refund request; work on that one instead.`,
        );
      }
      if (nowIso !== null && !withinReopenWindow(complaint, nowIso)) {
        return refuse(
          409,
          complaint.resolvedAt === null
            ? 'This complaint has no resolution time, so it cannot be reopened.'
            : `Complaints can be reopened within ${REOPEN_WINDOW / DAY_MS} days of their resolution; this one was resolved on ${complaint.resolvedAt} and the window closed on ${toIso(toMs(complaint.resolvedAt) + REOPEN_WINDOW)}.`,
        );
      }
      return null;
    }
    case 'auto_escalate':
      if (!active) return wrongStatus(complaint, action, ACTIVE_WORDS);
      if (complaint.level === 2) return refuse(409, 'This complaint is already escalated to level 2.');
      if (nowIso !== null && !dueForAutoEscalation(complaint, nowIso)) {
        return refuse(
          409,
          `This complaint is not due until ${complaint.dueAt}; it cannot escalate by itself yet.`,
        );
      }
      return null;
    case 'flag_overdue':
      if (!active) return wrongStatus(complaint, action, ACTIVE_WORDS);
      if (complaint.level !== 2) {
        return refuse(
          409,
          'Only level-2 complaints are flagged to managers; a level-1 complaint escalates instead.',
        );
      }
      if (complaint.overdueFlag) return refuse(409, 'This complaint is already flagged as overdue.');
      if (nowIso !== null && !dueForOverdueFlag(complaint, nowIso)) {
        return refuse(409, `This complaint is not due until ${complaint.dueAt}; it is not overdue yet.`);
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
  if (!isComplaintAction(action)) return refuse(422, `Unknown action "${String(action)}".`);
  const name: Names = (id) => ctx.staffName?.(id) ?? id;

  const who = checkWho(complaint, action, ctx.actor, name);
  if (who) return who;

  if (!isSystemAction(action) && !isComplaintAnnotation(action)) {
    const sent: unknown = (command as { version?: unknown }).version;
    if (typeof sent !== 'number' || !Number.isInteger(sent) || sent < 0) {
      return invalid({ version: 'Send the version of the complaint you loaded (a whole number).' });
    }
    if (sent !== complaint.version) {
      return refuse(
        409,
        `This complaint was changed by someone else (version ${complaint.version} is current, you sent ${sent}). Reload it and try again.`,
      );
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
        return invalid({ assigneeId: `This complaint is already assigned to ${name(assigneeId)}.` });
      }
      if (ctx.isSupervisor && !ctx.isSupervisor(assigneeId)) {
        return invalid({
          assigneeId: `"${assigneeId}" is not an active supervisor; complaints are owned by supervisors.`,
        });
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
        return invalid({ note: 'Explain to the supervisor why the resolution is sent back.' });
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
function categoryMismatch(category: ComplaintCategory, refund: RefundRequest): string | null {
  switch (category) {
    case 'disputes_rejection':
      return refund.status === 'rejected'
        ? null
        : `This request is ${REFUND_STATUS_WORDS[refund.status]}, not rejected; choose another category.`;
    case 'disputes_partial_amount':
      return refund.approvedFen !== null && refund.approvedFen < refund.refundableFen
        ? null
        : 'This request was not partially approved; choose another category.';
    case 'payout_not_received':
      return ['approved', 'partially_approved', 'refunded'].includes(refund.status)
        ? null
        : `This request is ${REFUND_STATUS_WORDS[refund.status]}: nothing has been approved for payout yet; choose another category.`;
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
  if (actor.kind === 'system')
    return refuse(403, 'The system does not open complaints; customers and staff do.');
  if (actor.kind === 'staff' && !canAccess(actor.role, { resource: 'complaints', action: 'create' })) {
    return refuse(403, `Your role (${actor.role}) may not log complaints.`);
  }
  if (ctx.activeComplaint) return alreadyOpenRefusal(refund, ctx.activeComplaint, actor);
  const parsed = parseComplaintActionBody('create', body);
  if (!parsed.ok) return parsed;
  const { channel, category, description, refundId } = parsed.body;
  if (refundId !== refund.id)
    return invalid({ refundId: `The complaint must name refund request ${refund.id}.` });
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
