// The complaint workflow as one table read by the engine (workflowEngine.ts): for each action who
// may ask, from which statuses, what else must hold and what it changes. The engine runs the checks
// in its fixed order: who (403) → version (422 / 409; none for a note or the system's actions) →
// status, transition, time (409) → body (422) → apply.
//
// Resolving as overturned or partially_overturned does not touch the refund request here: the
// result carries the refund command ('overturn', the engine's `extra`) that the caller runs through
// the refund workflow and commits together with the complaint.
//
// The rows' roles are named in complaintWorkflowRoles.ts, which permissions.ts reads.
import { FIRST_POLICY_PARAMETERS } from './policyVersions';
import type { SecondApprovalRule } from './refundPolicy';
import type { Complaint, ComplaintStatus, GoodwillCredit } from './model';
import { ACTIVE_COMPLAINT_STATUSES, COMPLAINT_CLOCK_STATUSES } from './model';
import { fieldRefusal, fieldsRefusal, refusal } from './refusal';
import {
  complaintSecondApprovalParties,
  resolveComplaint,
  secondApproveResolution,
  type ComplaintRefundView,
  type ResolutionContext,
} from './complaintResolution';
import { complaintWorkflowBodies } from './complaintWorkflowBodies';
import { COMPLAINT_ROLES } from './complaintWorkflowRoles';
import { secondApproverConflict } from './fourEyes';
import type { RefundCommand } from './refundWorkflow';
import { COMPLAINT_REOPEN_MS, DAY_MS, toIso, toMs } from './sla';
import { DEFAULT_SLA_SETTINGS, complaintDueAt, type SlaSettings } from './slaSettings';
import {
  complaintClock,
  complaintClockDetails,
  complaintClockDue,
  isComplaintClockPaused,
} from './complaintClock';
import {
  defineWorkflow,
  type ActionEnv,
  type ApplyEnv,
  type Succeeded,
  type WorkflowRefusal,
} from './workflowEngine';

/** A resolved (or closed) complaint can be reopened up to 14 days after its resolution, inclusive. */
export const REOPEN_WINDOW = COMPLAINT_REOPEN_MS;

/** The refusal code when someone other than the complaint's holder resolves it or logs a contact. */
export const COMPLAINT_HELD_BY_OTHER = 'complaint_held_by_other';

/** What the complaint's rules need beyond the complaint, the actor and the clock. */
export interface ComplaintRules {
  /** the refund request concerned: resolve and second_approval need it (the offered actions do not) */
  refund?: ComplaintRefundView;
  /** for assign: whether the id is an active supervisor (default: any non-empty id) */
  isSupervisor?: (id: string) => boolean;
  /** for reopen: the id of another active complaint on the same request, if any */
  otherActiveComplaintId?: string | null;
  /** for the goodwill cap per customer: the goodwill credited on the customer's complaints */
  customerGoodwillCredits?: readonly GoodwillCredit[];
  /** the calendar and targets the due times count in (default: 24 × 7 with the seed's targets) */
  sla?: SlaSettings;
  /** the four-eyes rule of the refund request's policy version (default: the first version's) */
  secondApprovalRule?: SecondApprovalRule;
}

export type OverturnCommand = Extract<RefundCommand, { action: 'overturn' }>;
type Env = ActionEnv<Complaint, ComplaintRules>;
type Apply = ApplyEnv<Complaint, ComplaintRules, OverturnCommand>;

const ACTIVE = ACTIVE_COMPLAINT_STATUSES;
/** where a complaint's clock runs: active and not waiting on the customer (complaintClock.ts) */
const CLOCK_RUNNING = COMPLAINT_CLOCK_STATUSES;
/** a closed complaint is read-only; every other status takes a note */
const NOT_CLOSED = ['open', 'investigating', 'awaiting_customer', 'escalated', 'resolved'] as const;

/**
 * A level-1 complaint still being worked, at or past its due time: the timer escalates it. Not
 * while the desk waits for the customer: its clock is paused (complaintClock.ts).
 */
export function dueForAutoEscalation(c: Complaint, nowIso: string): boolean {
  return c.level === 1 && complaintClockDue(c, toMs(nowIso));
}

/** A level-2 complaint still being worked, at or past its due time, not yet flagged to managers. */
export function dueForOverdueFlag(c: Complaint, nowIso: string): boolean {
  return c.level === 2 && !c.overdueFlag && complaintClockDue(c, toMs(nowIso));
}

const slaOf = (ctx: ComplaintRules): SlaSettings => ctx.sla ?? DEFAULT_SLA_SETTINGS;

/** The clock's actions from elsewhere: its own refusal while the desk waits for the customer. */
const clockPausedOr = ({ record }: Env, otherwise: WorkflowRefusal) =>
  isComplaintClockPaused(record)
    ? refusal(409, 'complaint_clock_paused', { since: record.awaitingCustomerSince ?? record.updatedAt })
    : otherwise;

/** Resolved at most REOPEN_WINDOW ago (inclusive). */
export function withinReopenWindow(c: Pick<Complaint, 'resolvedAt'>, nowIso: string): boolean {
  return c.resolvedAt !== null && toMs(nowIso) - toMs(c.resolvedAt) <= REOPEN_WINDOW;
}

// a resolution commits the desk (money, a message to the customer): only the holder gives it; a
// logged contact moves the status (and the version the holder's resolution is checked against),
// so it is the holder's work too: a colleague adds a note instead
const onlyTheHolder =
  (heldBy: 'resolve' | 'contact') =>
  ({ record, actorId, name }: Env) =>
    record.assigneeId !== null && record.assigneeId !== actorId
      ? refusal(403, COMPLAINT_HELD_BY_OTHER, {
          assigneeId: record.assigneeId,
          assignee: name(record.assigneeId),
          heldBy,
        })
      : null;

const notEscalatedYet = ({ record }: Env) =>
  record.level === 2 ? refusal(409, 'complaint_already_escalated') : null;

const noPendingResolution = () => refusal(409, 'no_pending_resolution');

/** Runs a resolution step against the refund request concerned (always there when a caller runs one). */
const withRefund = (
  env: Apply,
  step: (
    refund: ComplaintRefundView,
    context: ResolutionContext,
  ) => Succeeded<Complaint, OverturnCommand> | WorkflowRefusal,
) =>
  env.ctx.refund
    ? step(env.ctx.refund, {
        actor: env.actor,
        nowIso: env.now,
        customerGoodwillCredits: env.ctx.customerGoodwillCredits,
        secondApprovalRule: env.ctx.secondApprovalRule ?? FIRST_POLICY_PARAMETERS,
      })
    : refusal(409, 'complaint_refund_missing', { refundId: env.record.refundId });

const escalation = (c: Complaint, now: string, sla: SlaSettings): Partial<Complaint> => ({
  status: 'escalated',
  level: 2,
  escalatedAt: now,
  dueAt: complaintDueAt(sla, 2, c.channel, now),
  overdueFlag: false,
});

const escalationDetails = (c: Complaint, now: string, sla: SlaSettings) => ({
  fromLevel: 1,
  previousDueAt: c.dueAt,
  dueAt: complaintDueAt(sla, 2, c.channel, now),
});

export const complaintWorkflow = defineWorkflow<
  Complaint,
  ComplaintRules,
  ComplaintStatus,
  OverturnCommand
>()({
  bodies: complaintWorkflowBodies,
  actions: {
    assign: {
      by: ['staff'],
      roles: COMPLAINT_ROLES.assign,
      from: ACTIVE,
      fromWords: 'active',
      apply: ({ record, ctx, actorId, name, done }, { assigneeId }) => {
        if (assigneeId === record.assigneeId) {
          return fieldsRefusal({
            assigneeId: fieldRefusal('complaint_already_assigned', {
              assigneeId,
              assignee: name(assigneeId),
            }),
          });
        }
        if (ctx.isSupervisor && !ctx.isSupervisor(assigneeId)) {
          return fieldsRefusal({ assigneeId: fieldRefusal('not_active_supervisor', { assigneeId }) });
        }
        return done(
          { assigneeId, status: record.status === 'open' ? 'investigating' : record.status },
          { details: { previousAssigneeId: record.assigneeId, assigneeId, took: assigneeId === actorId } },
        );
      },
    },
    note: {
      by: ['staff'],
      roles: COMPLAINT_ROLES.note,
      from: NOT_CLOSED,
      notFrom: () => refusal(409, 'complaint_closed_read_only'),
      // an annotation (complaintAnnotations.ts): no version asked, none bumped
      versioned: false,
      annotation: true,
      apply: ({ done }, { text }) => done({}, { note: text }),
    },
    contact: {
      by: ['staff'],
      roles: COMPLAINT_ROLES.contact,
      from: ACTIVE,
      fromWords: 'active',
      who: onlyTheHolder('contact'),
      apply: ({ record, done }, { text, awaitingReply }) => {
        const resumed: ComplaintStatus = record.level === 2 ? 'escalated' : 'investigating';
        return done(
          { status: awaitingReply ? 'awaiting_customer' : resumed },
          { note: text, details: { awaitingReply: awaitingReply ?? false } },
        );
      },
    },
    escalate: {
      by: ['staff'],
      roles: COMPLAINT_ROLES.escalate,
      from: ACTIVE,
      fromWords: 'active',
      state: notEscalatedYet,
      apply: ({ record, now, ctx, done }, { reason }) =>
        done(escalation(record, now, slaOf(ctx)), {
          note: reason,
          details: escalationDetails(record, now, slaOf(ctx)),
        }),
    },
    resolve: {
      by: ['staff'],
      roles: COMPLAINT_ROLES.resolve,
      from: ACTIVE,
      fromWords: 'active',
      who: onlyTheHolder('resolve'),
      state: ({ record }) => {
        if (record.pendingResolution) return refusal(409, 'resolution_pending');
        // (held by someone else is a 403 in `who`)
        return record.assigneeId === null ? refusal(409, 'complaint_nobody_holds') : null;
      },
      apply: (env, body) =>
        withRefund(env, (refund, context) => resolveComplaint(env.record, body, context, refund, env.done)),
    },
    close: {
      by: ['staff'],
      roles: COMPLAINT_ROLES.close,
      from: ['resolved'],
      apply: ({ now, done }, { note }) => done({ status: 'closed', closedAt: now }, { note: note || null }),
    },
    reopen: {
      by: ['staff'],
      roles: COMPLAINT_ROLES.reopen,
      from: ['resolved', 'closed'],
      fromWords: 'resolved_or_closed',
      state: ({ record, ctx, now }) => {
        if (ctx.otherActiveComplaintId) {
          return refusal(409, 'complaint_other_open', { complaintId: ctx.otherActiveComplaintId });
        }
        if (now === null || withinReopenWindow(record, now)) return null;
        return record.resolvedAt === null
          ? refusal(409, 'complaint_no_resolution_time')
          : refusal(409, 'complaint_reopen_window_closed', {
              days: REOPEN_WINDOW / DAY_MS,
              resolvedAt: record.resolvedAt,
              closedAt: toIso(toMs(record.resolvedAt) + REOPEN_WINDOW),
            });
      },
      apply: ({ record, now, ctx, done }, { note }) => {
        const status: ComplaintStatus =
          record.level === 2 ? 'escalated' : record.assigneeId !== null ? 'investigating' : 'open';
        const dueAt = complaintDueAt(slaOf(ctx), record.level, record.channel, now);
        return done(
          // goodwillCredits stay: the cap is per complaint, across reopenings
          { status, resolution: null, resolvedAt: null, closedAt: null, overdueFlag: false, dueAt },
          {
            note: note || null,
            details: { previousResolution: record.resolution, resolvedAt: record.resolvedAt, dueAt },
          },
        );
      },
    },
    second_approval: {
      by: ['staff'],
      roles: COMPLAINT_ROLES.second_approval,
      from: ACTIVE,
      notFrom: noPendingResolution,
      // four eyes: nobody who logged, holds or resolved the complaint confirms its money
      who: ({ record, actorId }) =>
        record.pendingResolution && actorId !== null
          ? secondApproverConflict(actorId, complaintSecondApprovalParties(record))
          : null,
      state: ({ record }) => (record.pendingResolution ? null : noPendingResolution()),
      apply: (env, body) => {
        if (body.decision === 'send_back' && !body.note) {
          return fieldsRefusal({ note: fieldRefusal('complaint_send_back_needs_note') });
        }
        return withRefund(env, (refund, context) =>
          secondApproveResolution(env.record, body, context, refund, env.done),
        );
      },
    },
    auto_escalate: {
      by: ['system'],
      // only where the clock runs: waiting on the customer pauses it
      from: CLOCK_RUNNING,
      fromWords: 'clock_running',
      notFrom: clockPausedOr,
      versioned: false,
      state: (env) => {
        const { record, now } = env;
        const escalated = notEscalatedYet(env);
        if (escalated || now === null || dueForAutoEscalation(record, now)) return escalated;
        return refusal(409, 'complaint_not_due_escalation', { dueAt: record.dueAt });
      },
      apply: ({ record, now, ctx, done }) =>
        done(escalation(record, now, slaOf(ctx)), { details: escalationDetails(record, now, slaOf(ctx)) }),
    },
    flag_overdue: {
      by: ['system'],
      from: CLOCK_RUNNING,
      fromWords: 'clock_running',
      notFrom: clockPausedOr,
      versioned: false,
      state: ({ record, now }) => {
        if (record.level !== 2) return refusal(409, 'complaint_flag_level_one');
        if (record.overdueFlag) return refusal(409, 'complaint_already_flagged');
        if (now === null || dueForOverdueFlag(record, now)) return null;
        return refusal(409, 'complaint_not_overdue', { dueAt: record.dueAt });
      },
      apply: ({ record, done }) => done({ overdueFlag: true }, { details: { dueAt: record.dueAt } }),
    },
  },
  vocabulary: {
    systemOnly: 'complaint_system_only',
    staffOnly: 'complaint_staff_only',
    roleForbidden: 'complaint_role_forbidden',
    versionConflict: 'complaint_version_conflict',
    wrongStatus: 'complaint_wrong_status',
    versionRequired: 'complaint_version_required',
    params: { action: 'complaintAction', status: 'complaintStatus', allowed: 'complaintAllowed' },
  },
  advance: (complaint, next, { now, ctx }) => ({
    ...complaint,
    ...next,
    ...complaintClock(complaint, next, slaOf(ctx), now),
    version: complaint.version + 1,
    updatedAt: now,
  }),
  eventSubject: (before, after, parts) => ({
    subject: 'complaint',
    refundId: before.refundId,
    complaintId: before.id,
    details: { level: after.level, ...complaintClockDetails(before, after), ...(parts.details ?? {}) },
  }),
});

export type ComplaintWorkflow = typeof complaintWorkflow;
