// What each refund action does once every check has passed: the request's changes and what its
// audit event records, or a refusal of the body's meaning (422) or of a condition only the body
// reveals (409). Read by the workflow table (refundWorkflowTable.ts), one function an action.
import { fieldRefusal, fieldsRefusal, refusal, type FieldRefusal, type FieldRefusals } from './refusal';
import { INFO_ITEMS, type RefundDecision, type RefundRequest, type RefundStatus } from './model';
import { rejectionTemplate } from './messageTemplates';
import { isSelfOverride, overturnFourEyes, secondApprovalNeed } from './fourEyes';
import { followsSuggestion, nothingRefundableField, type PolicyResult } from './refundPolicy';
import { mayApproveAutomatically } from './automaticApproval';
import { expectedArrivalAt } from './sla';
import { firstReviewDueAt, type SlaSettings } from './slaSettings';
import type { RefundBody } from './refundWorkflowBodies';
import { overturnFloorFen } from './refundWorkflowQueries';
import type { ApplyEnv, Succeeded, WorkflowRefusal } from './workflowEngine';

/** What the refund rules see besides the request: the policy, computed by the caller, and the payout jitter. */
export interface RefundRules {
  policy: PolicyResult;
  /** the calendar and targets the due times count in */
  sla: SlaSettings;
  /** deterministic jitter in [0,1] for the payout time */
  jitter01: number;
}

type RefundApplyEnv = ApplyEnv<RefundRequest, RefundRules, never>;
type RefundApplied = Succeeded<RefundRequest, never> | WorkflowRefusal;

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
            params: { rejection: policy.suggestedRejection, windowDays: policy.parameters.refundWindowDays },
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

/** For approve / reject / request_info: the suggestion check and what to record about it. */
function suggestionCheck(
  policy: PolicyResult,
  decision: 'approve' | 'reject' | 'request_info',
  reason: string | undefined,
): { error?: FieldRefusal; against: boolean; reason?: string } {
  const against = !followsSuggestion(policy.suggestion, decision);
  if (!against) return { against };
  if (!reason) {
    return {
      against,
      error: fieldRefusal('against_suggestion_unexplained', { suggestion: suggestionPhrase(policy) }),
    };
  }
  return { against, reason };
}

function suggestionDetails(policy: PolicyResult, s: { against: boolean; reason?: string }) {
  return {
    againstSuggestion: s.against,
    suggestion: policy.suggestion,
    ...(s.reason ? { againstSuggestionReason: s.reason } : {}),
  };
}

function claim(env: RefundApplyEnv): RefundApplied {
  const { record: request, actorId } = env;
  return env.done(
    { status: 'in_review', assigneeId: actorId },
    { details: { previousAssigneeId: request.assigneeId } },
  );
}

function release(env: RefundApplyEnv): RefundApplied {
  const { record: request } = env;
  return env.done(
    { status: 'pending', assigneeId: null },
    { details: { previousAssigneeId: request.assigneeId } },
  );
}

function approve(env: RefundApplyEnv, command: RefundBody<'approve'>): RefundApplied {
  const { record: request, now } = env;
  // the system approves only by auto_approve (automaticApproval.ts), under its own audit actor
  const actorId = env.actorId ?? 'system';
  const { policy } = env.ctx;
  const refundable = policy.refundableFen;
  if (policy.approvalBlockers.length > 0 && request.overrideBy === null) {
    return refusal(422, 'approval_blocked', {
      blockers: [...policy.approvalBlockers],
      windowDays: policy.parameters.refundWindowDays,
    });
  }
  const amount = command.amountFen ?? refundable;
  const errors: FieldRefusals = {};
  if (refundable <= 0) {
    errors.amountFen = nothingRefundableField(policy.refundableLimit, policy.heldByRequestIds);
  } else if (amount > refundable) {
    errors.amountFen = fieldRefusal('amount_over_refundable', { refundableFen: refundable });
  }
  const s = suggestionCheck(policy, 'approve', command.againstSuggestionReason);
  if (s.error) errors.againstSuggestionReason = s.error;
  if (Object.keys(errors).length > 0) return fieldsRefusal(errors);

  const reasons = secondApprovalNeed({
    amountFen: amount,
    tipping: request.tipping,
    selfOverride: isSelfOverride(policy.approvalBlockers.length > 0, request.overrideBy, actorId),
    rule: policy.parameters,
  });
  const second = reasons.length > 0;
  const decision: RefundDecision = {
    action: 'approve',
    by: actorId,
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
  return env.done(
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
        ...suggestionDetails(policy, s),
      },
    },
  );
}

function reject(env: RefundApplyEnv, command: RefundBody<'reject'>): RefundApplied {
  const { record: request, actorId, now } = env;
  const { policy } = env.ctx;
  const errors: FieldRefusals = {};
  if (command.reasonCode === 'other' && !command.note) {
    errors.note = fieldRefusal('rejection_other_needs_note');
  }
  const s = suggestionCheck(policy, 'reject', command.againstSuggestionReason);
  if (s.error) errors.againstSuggestionReason = s.error;
  if (Object.keys(errors).length > 0) return fieldsRefusal(errors);
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
  return env.done(
    { status: 'rejected', decision, decidedAt: now, firstDecisionAt: request.firstDecisionAt ?? now },
    {
      customerMessage: command.customerMessage,
      note: note ?? null,
      details: { reasonCode: command.reasonCode, ...suggestionDetails(policy, s) },
    },
  );
}

function requestInfo(env: RefundApplyEnv, command: RefundBody<'request_info'>): RefundApplied {
  const { record: request, actorId, now } = env;
  const { policy } = env.ctx;
  const s = suggestionCheck(policy, 'request_info', command.againstSuggestionReason);
  if (s.error) return fieldsRefusal({ againstSuggestionReason: s.error });
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
  return env.done(
    {
      status: 'awaiting_info',
      decision,
      awaitingInfoSince: now,
      firstDecisionAt: request.firstDecisionAt ?? now,
    },
    {
      customerMessage: command.customerMessage,
      note: s.reason ?? null,
      details: { missingItems: [...command.missingItems], ...suggestionDetails(policy, s) },
    },
  );
}

function customerReply(env: RefundApplyEnv, command: RefundBody<'customer_reply'>): RefundApplied {
  const { record: request, now } = env;
  const providedItems = INFO_ITEMS.filter(
    (item) => request.providedItems.includes(item) || command.suppliedItems.includes(item),
  );
  const evidence = command.evidence ?? [];
  return env.done(
    {
      status: 'pending',
      providedItems,
      ...(evidence.length > 0
        ? {
            evidenceFiles: [
              ...request.evidenceFiles,
              ...evidence.filter((f) => !request.evidenceFiles.includes(f)),
            ],
          }
        : {}),
      slaStartAt: now,
      slaDueAt: firstReviewDueAt(env.ctx.sla, request, now),
      awaitingInfoSince: null,
    },
    {
      details: {
        suppliedItems: INFO_ITEMS.filter((item) => command.suppliedItems.includes(item)),
        providedItems,
        message: command.message,
        ...(evidence.length > 0 ? { evidence: [...evidence] } : {}),
      },
    },
  );
}

function infoTimeout(env: RefundApplyEnv): RefundApplied {
  const { record: request, now } = env;
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
  return env.done(
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

function secondApproval(env: RefundApplyEnv, command: RefundBody<'second_approval'>): RefundApplied {
  const { record: request, now } = env;
  const { policy } = env.ctx;
  const details = { decision: command.decision, firstApproverId: request.firstApproverId };
  if (command.decision === 'send_back') {
    if (!command.note) return fieldsRefusal({ note: fieldRefusal('send_back_needs_note') });
    return env.done(
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
      windowDays: policy.parameters.refundWindowDays,
    });
  }
  return env.done(
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

function override(env: RefundApplyEnv, command: RefundBody<'override'>): RefundApplied {
  const { actorId } = env;
  const { policy } = env.ctx;
  return env.done(
    { overrideBy: actorId, overrideNote: command.note },
    { note: command.note, details: { blockers: [...policy.approvalBlockers] } },
  );
}

function reassign(env: RefundApplyEnv, command: RefundBody<'reassign'>): RefundApplied {
  const { record: request } = env;
  if (command.assigneeId === request.assigneeId) {
    return fieldsRefusal({
      assigneeId: fieldRefusal('already_assigned', {
        assigneeId: command.assigneeId,
        assignee: env.name(command.assigneeId),
      }),
    });
  }
  return env.done(
    { assigneeId: command.assigneeId },
    { details: { previousAssigneeId: request.assigneeId, assigneeId: command.assigneeId } },
  );
}

/**
 * Claimed for the reviewer chosen, as if they had claimed it: in review in their hands, so the idle
 * claim rule hands it back if they never act on it.
 */
function autoAssign(env: RefundApplyEnv, command: RefundBody<'auto_assign'>): RefundApplied {
  return env.done(
    { status: 'in_review', assigneeId: command.assigneeId },
    { details: { previousAssigneeId: null, assigneeId: command.assigneeId } },
  );
}

function payout(env: RefundApplyEnv): RefundApplied {
  const { record: request, now } = env;
  const jitter = env.ctx.jitter01;
  // a top-up after an overturn pays only what the customer has not received yet
  const already = request.alreadyRefundedFen ?? 0;
  return env.done(
    { status: 'refunded', refundedAt: now },
    {
      amountFen: request.approvedFen === null ? null : request.approvedFen - already,
      details: {
        paymentChannel: request.paymentChannel,
        decidedAt: request.decidedAt,
        jitter01: jitter,
        ...(already > 0 ? { topUp: true, alreadyRefundedFen: already, totalFen: request.approvedFen } : {}),
      },
    },
  );
}

function overturn(env: RefundApplyEnv, command: RefundBody<'overturn'>): RefundApplied {
  const { record: request, actorId, now } = env;
  const { policy } = env.ctx;
  const refundable = policy.refundableFen;
  const floor = overturnFloorFen(request);
  const amount = command.amountFen;
  if (refundable <= 0) {
    return fieldsRefusal({
      amountFen: nothingRefundableField(policy.refundableLimit, policy.heldByRequestIds),
    });
  }
  if (amount > refundable) {
    return fieldsRefusal({
      amountFen: fieldRefusal('amount_over_refundable', { refundableFen: refundable }),
    });
  }
  if (amount <= floor) {
    return fieldsRefusal({ amountFen: fieldRefusal('amount_not_above_floor', { floorFen: floor }) });
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
    rule: policy.parameters,
  });
  if (four.refusal) return four.refusal;
  const reasons = four.reasons;
  const paidOut = request.status === 'refunded';
  const alreadyRefundedFen = paidOut ? (request.approvedFen ?? 0) : (request.alreadyRefundedFen ?? null);
  return env.done(
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

/** A clean request approved in full by the system on arrival, when its policy version allows it. */
function autoApprove(env: RefundApplyEnv, command: RefundBody<'auto_approve'>): RefundApplied {
  if (!mayApproveAutomatically(env.record, env.ctx.policy)) {
    return refusal(409, 'auto_approve_not_allowed', { status: env.record.status });
  }
  return approve(env, {
    version: env.record.version,
    amountFen: env.ctx.policy.refundableFen,
    customerMessage: command.customerMessage,
  });
}

/** One function an action, in the table's order. */
export const refundEffects = {
  claim,
  release,
  release_inactive: release,
  release_away: release,
  release_idle: release,
  approve,
  auto_approve: autoApprove,
  reject,
  request_info: requestInfo,
  customer_reply: customerReply,
  info_timeout: infoTimeout,
  second_approval: secondApproval,
  override,
  reassign,
  auto_assign: autoAssign,
  payout,
  overturn,
};
