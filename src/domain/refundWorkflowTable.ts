// The review workflow of refund requests as one table: for each action, who may ask (kinds and
// roles), from which statuses, what else must hold, its body and what it does. The engine
// (workflowEngine.ts) runs the checks in its fixed order; the permission table, the routes, the
// offered actions and the timers read this table. It imports neither permissions.ts nor the
// complaint workflow, which both read it.
import { OPEN_REFUND_STATUSES, type RefundRequest, type RefundStatus } from './model';
import { refusal } from './refusal';
import { REFUND_ROLES } from './refundWorkflowRoles';
import { secondApproverConflict } from './fourEyes';
import { INFO_TIMEOUT_MS, payoutAt, toIso, toMs } from './sla';
import { refundActionBodySchemas } from './refundWorkflowBodies';
import { refundEffects, type RefundRules } from './refundWorkflowApply';
import {
  dueForIdleRelease,
  dueForInfoTimeout,
  dueForPayout,
  idleReleaseAt,
  overturnBlock,
} from './refundWorkflowQueries';
import { secondApprovalClock } from './slaSettings';
import { GENERIC_VOCABULARY, defineWorkflow, type ActionEnv, type WorkflowRefusal } from './workflowEngine';

type Env = ActionEnv<RefundRequest, RefundRules>;

function heldByOther(env: Env, action: string): WorkflowRefusal | null {
  const holder = env.record.assigneeId;
  return holder !== null && holder !== env.actorId
    ? refusal(403, 'assigned_to_other', { assigneeId: holder, assignee: env.name(holder), action })
    : null;
}

function notClaimed(env: Env, action: string): WorkflowRefusal | null {
  return env.record.assigneeId !== env.actorId ? refusal(409, 'claim_first_not_assigned', { action }) : null;
}

/** approve, reject, request_info: only the assignee decides, once they have claimed the request. */
function decisionAction(action: 'approve' | 'reject' | 'request_info') {
  return {
    by: ['staff'] as const,
    roles: REFUND_ROLES[action],
    from: ['in_review'] as const,
    notFrom: (env: Env, otherwise: WorkflowRefusal) =>
      env.record.status === 'pending' ? refusal(409, 'claim_first_pending', { action }) : otherwise,
    who: (env: Env) => heldByOther(env, action),
    state: (env: Env) => notClaimed(env, action),
  };
}

export const refundWorkflow = defineWorkflow<RefundRequest, RefundRules, RefundStatus>()({
  bodies: refundActionBodySchemas,
  actions: {
    claim: {
      by: ['staff'],
      roles: REFUND_ROLES.claim,
      from: ['pending'],
      notFrom: (env, otherwise) =>
        env.record.status === 'in_review' && env.record.assigneeId === env.actorId
          ? refusal(409, 'already_reviewing')
          : otherwise,
      state: ({ record, name, actorId }) =>
        record.assigneeId !== null && record.assigneeId !== actorId
          ? refusal(409, 'already_assigned', {
              assigneeId: record.assigneeId,
              assignee: name(record.assigneeId),
            })
          : null,
      apply: refundEffects.claim,
    },
    release: {
      by: ['staff'],
      roles: REFUND_ROLES.release,
      from: ['in_review'],
      // a supervisor may release anyone's request; a reviewer only their own
      who: ({ record, actor, name }) => {
        const holder = record.assigneeId;
        return holder !== null && actor.kind === 'staff' && holder !== actor.id && actor.role !== 'supervisor'
          ? refusal(403, 'assigned_to_other_release', { assigneeId: holder, assignee: name(holder) })
          : null;
      },
      apply: refundEffects.release,
    },
    auto_assign: {
      // a new request handed to the least-loaded eligible reviewer on shift, in the intake's command
      by: ['system'],
      versioned: false,
      from: ['pending'],
      notFrom: ({ record }) => refusal(409, 'auto_assign_not_pending', { status: record.status }),
      state: ({ record, name }) =>
        record.assigneeId !== null
          ? refusal(409, 'already_assigned', {
              assigneeId: record.assigneeId,
              assignee: name(record.assigneeId),
            })
          : null,
      offered: false,
      clock: false,
      apply: refundEffects.auto_assign,
    },
    auto_approve: {
      // a clean request approved in full on arrival, when its policy version says so, in the intake's command
      by: ['system'],
      versioned: false,
      from: ['pending'],
      notFrom: ({ record }) => refusal(409, 'auto_approve_not_allowed', { status: record.status }),
      offered: false,
      clock: false,
      apply: refundEffects.auto_approve,
    },
    release_inactive: {
      // a deactivated staff member's claim goes back to the queue, in the deactivation's command
      by: ['system'],
      versioned: false,
      from: ['pending', 'in_review'],
      notFrom: ({ record }) => refusal(409, 'release_inactive_not_held', { status: record.status }),
      state: ({ record }) => (record.assigneeId === null ? refusal(409, 'release_inactive_unclaimed') : null),
      offered: false,
      clock: false,
      apply: refundEffects.release_inactive,
    },
    release_away: {
      // the claims of a reviewer marked away go back to the queue, in the away command
      by: ['system'],
      versioned: false,
      from: ['pending', 'in_review'],
      notFrom: ({ record }) => refusal(409, 'release_away_not_held', { status: record.status }),
      state: ({ record }) => (record.assigneeId === null ? refusal(409, 'release_away_unclaimed') : null),
      offered: false,
      clock: false,
      apply: refundEffects.release_away,
    },
    release_idle: {
      // a claim nobody has acted on for the settings' idle minutes (working time) goes back to the queue
      by: ['system'],
      versioned: false,
      from: ['in_review'],
      notFrom: ({ record }) => refusal(409, 'release_idle_not_held', { status: record.status }),
      state: ({ record, now, ctx: { sla } }) => {
        if (record.assigneeId === null) return refusal(409, 'release_idle_unclaimed');
        if (now === null || dueForIdleRelease(record, sla, now)) return null;
        return refusal(409, 'release_idle_not_due', { until: idleReleaseAt(record, sla) });
      },
      apply: refundEffects.release_idle,
    },
    approve: {
      ...decisionAction('approve'),
      // not offered when it cannot succeed whatever the body: a block not overridden, nothing refundable
      offered: ({ record, ctx: { policy } }) =>
        !(policy.approvalBlockers.length > 0 && record.overrideBy === null) && policy.refundableFen > 0,
      apply: refundEffects.approve,
    },
    reject: { ...decisionAction('reject'), apply: refundEffects.reject },
    request_info: { ...decisionAction('request_info'), apply: refundEffects.request_info },
    customer_reply: {
      // the customer replies; staff who may decide may record a reply they took by phone
      by: ['customer', 'staff'],
      roles: REFUND_ROLES.customer_reply,
      notBy: () => refusal(403, 'system_cannot_reply'),
      notRole: (_env, role) => refusal(403, 'role_cannot_simulate_reply', { role }),
      versioned: false,
      from: ['awaiting_info'],
      notFrom: ({ record }) => refusal(409, 'customer_reply_not_awaiting', { status: record.status }),
      apply: refundEffects.customer_reply,
    },
    info_timeout: {
      by: ['system'],
      versioned: false,
      from: ['awaiting_info'],
      state: ({ record, now }) => {
        if (now === null || dueForInfoTimeout(record, now)) return null;
        return record.awaitingInfoSince === null
          ? refusal(409, 'info_timeout_no_start')
          : refusal(409, 'info_timeout_not_due', {
              until: toIso(toMs(record.awaitingInfoSince) + INFO_TIMEOUT_MS),
            });
      },
      apply: refundEffects.info_timeout,
    },
    second_approval: {
      by: ['staff'],
      roles: REFUND_ROLES.second_approval,
      from: ['awaiting_second_approval'],
      // four eyes: nobody who requested, overrode or reviewed confirms (out of that status: a 409)
      who: ({ record, actor }) =>
        record.status === 'awaiting_second_approval' && actor.kind === 'staff'
          ? secondApproverConflict(actor.id, [
              { id: record.firstApproverId, as: 'requested' },
              { id: record.overrideBy, as: 'overrode' },
              { id: record.decision?.by, as: 'reviewed' },
            ])
          : null,
      apply: refundEffects.second_approval,
    },
    override: {
      by: ['staff'],
      roles: REFUND_ROLES.override,
      from: ['in_review'],
      state: ({ record, ctx: { policy }, name }) => {
        if (policy.approvalBlockers.length === 0) return refusal(409, 'nothing_to_override');
        if (record.overrideBy === null) return null;
        return refusal(409, 'already_overridden', { byId: record.overrideBy, by: name(record.overrideBy) });
      },
      apply: refundEffects.override,
    },
    reassign: {
      by: ['staff'],
      roles: REFUND_ROLES.reassign,
      from: OPEN_REFUND_STATUSES,
      notFrom: ({ record }) => refusal(409, 'reassign_not_open', { status: record.status }),
      apply: refundEffects.reassign,
    },
    payout: {
      by: ['system'],
      versioned: false,
      from: ['approved', 'partially_approved'],
      fromWords: 'approved',
      state: ({ record, now, ctx: { jitter01 } }) => {
        if (record.decidedAt === null) return refusal(409, 'payout_no_decision_time');
        if (now === null || dueForPayout(record, now, jitter01)) return null;
        return refusal(409, 'payout_not_due', {
          at: payoutAt(record.paymentChannel, record.decidedAt, jitter01),
        });
      },
      apply: refundEffects.payout,
    },
    overturn: {
      // the consequence of resolving a complaint: whoever may resolve complaints (the permission
      // table's complaints: resolve, held equal by a test) may do it, through the complaint's route
      by: ['staff'],
      roles: REFUND_ROLES.overturn,
      notRole: (_env, role) => refusal(403, 'role_cannot_overturn', { role }),
      from: ['rejected', 'partially_approved', 'refunded'],
      notFrom: ({ record, ctx: { policy } }, otherwise) =>
        overturnBlock(record, policy.refundableFen) ?? otherwise,
      state: ({ record, ctx: { policy } }) => overturnBlock(record, policy.refundableFen),
      // offered on the complaint page (resolve as overturned), never on the request
      offered: false,
      routed: false,
      apply: refundEffects.overturn,
    },
  },
  vocabulary: GENERIC_VOCABULARY,
  advance: (record, next, env) => ({
    ...record,
    ...next,
    ...secondApprovalClock(record, next.status ?? record.status, env.ctx.sla, env.now),
    version: record.version + 1,
    updatedAt: env.now,
    updatedBy: env.actorId,
  }),
  eventSubject: (before, _after, parts) => ({
    subject: 'refund',
    refundId: before.id,
    complaintId: parts.complaintId ?? null,
    details: parts.details ?? {},
  }),
});

export type RefundWorkflow = typeof refundWorkflow;
