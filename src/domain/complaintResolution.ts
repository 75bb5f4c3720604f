// The checks of a complaint resolution, shared by 'resolve' and by the second approval that
// confirms one: can the request be overturned by this amount, does the goodwill fit the caps, and
// does the money move need four eyes (fourEyes.ts). Pure; it knows nothing of the complaint's status.
import {
  isSelfOverride,
  goodwillSecondApprovalNeed,
  secondApprovalNeed,
  type FourEyesParty,
  type SecondApprovalReason,
} from './fourEyes';
import { GOODWILL_COINS_CAP, goodwillAllowance, goodwillOverCap, type GoodwillAllowance } from './goodwill';
import type {
  AuditEvent,
  Complaint,
  ComplaintOutcome,
  ComplaintResolution,
  GoodwillCredit,
  IsoDateTime,
  RefundRequest,
} from './model';
import { overturnBlock, overturnFloorFen, type RefundCommand } from './refundWorkflow';
import type { Actor } from './workflowEngine';
import { nothingRefundableField, storedRefundableLimit, type SecondApprovalRule } from './refundPolicy';
import { fieldRefusal, fieldsRefusal, refusal, type FieldRefusals, type Refusal } from './refusal';

/** What the complaint workflow needs to know about the refund request concerned. */
export type ComplaintRefundView = Pick<
  RefundRequest,
  | 'id'
  | 'status'
  | 'refundableFen'
  | 'approvedFen'
  | 'version'
  | 'tipping'
  | 'paidFen'
  | 'coins'
  | 'overrideBy'
  | 'outsideWindow'
  | 'accountRestricted'
> &
  /** with it, a refusal can say why nothing is refundable */
  Partial<Pick<RefundRequest, 'coinsSpent'>>;

/** A refusal of a complaint action: status, stable code and params, English message (./refusal.ts). */
export type ComplaintRefusal = Refusal<403 | 409 | 422>;

export interface ResolutionInput {
  outcome: ComplaintOutcome;
  amountFen?: number;
  goodwillCoins?: number;
}

export type ResolutionCheck =
  | {
      ok: true;
      /** the new total to refund, for an overturn */
      amount?: number;
      /** why the resolution needs another supervisor's second approval (empty: it does not) */
      reasons: SecondApprovalReason[];
    }
  | ComplaintRefusal;

function invalid(fields: FieldRefusals): ComplaintRefusal {
  return fieldsRefusal(fields);
}

/**
 * The state (409) and semantic (422) checks of a resolution by `resolverId`, and whether it needs
 * four eyes: an overturn of more than the threshold, on a tipping order or over a policy block
 * nobody else overrode; a goodwill credit that brings the complaint's credits (all its resolutions)
 * over the threshold at the order's coin price, or on a tipping order.
 */
export function checkResolution(
  input: ResolutionInput,
  refund: ComplaintRefundView,
  allowance: GoodwillAllowance,
  resolverId: string,
  rule: SecondApprovalRule,
): ResolutionCheck {
  const { outcome, amountFen, goodwillCoins } = input;
  const errors: FieldRefusals = {};
  const refundable = refund.refundableFen;

  if (outcome !== 'goodwill' && goodwillCoins !== undefined) {
    errors.goodwillCoins = fieldRefusal('goodwill_only_with_goodwill');
  }
  if ((outcome === 'upheld' || outcome === 'goodwill') && amountFen !== undefined) {
    errors.amountFen = fieldRefusal('amount_only_with_overturn', { outcome });
  }
  if (outcome === 'goodwill') {
    if (goodwillCoins === undefined) {
      errors.goodwillCoins = fieldRefusal('goodwill_required', {
        maxCoins: Math.min(GOODWILL_COINS_CAP, allowance.leftCoins),
      });
    } else {
      const over = goodwillOverCap(goodwillCoins, allowance);
      if (over) errors.goodwillCoins = over;
    }
  }

  let amount: number | undefined;
  if (outcome === 'overturned' || outcome === 'partially_overturned') {
    // whether the request can be overturned at all is a conflict with its state (409)
    const block = overturnBlock(refund, refundable);
    if (block) {
      return refusal(409, 'complaint_overturn_blocked', {
        refundState: refund.status,
        cause: { code: block.code, params: block.params },
      });
    }
    const floor = overturnFloorFen(refund);
    if (refundable <= floor) {
      errors.amountFen =
        refundable <= 0
          ? nothingRefundableField(storedRefundableLimit(refund))
          : fieldRefusal('whole_refundable_approved', { refundableFen: refundable });
    } else if (outcome === 'overturned') {
      amount = amountFen ?? refundable;
      if (amount !== refundable) {
        errors.amountFen = fieldRefusal('full_overturn_whole_amount', { refundableFen: refundable });
      }
    } else if (amountFen === undefined) {
      errors.amountFen = fieldRefusal('overturn_amount_required');
    } else {
      amount = amountFen;
      if (amountFen >= refundable) {
        errors.amountFen =
          amountFen === refundable
            ? fieldRefusal('overturn_choose_full', { refundableFen: refundable })
            : fieldRefusal('amount_over_refundable', { refundableFen: refundable });
      } else if (amountFen <= floor) {
        errors.amountFen = fieldRefusal('amount_not_above_floor', { floorFen: floor });
      }
    }
  }
  if (Object.keys(errors).length > 0) return invalid(errors);

  const reasons =
    amount !== undefined
      ? secondApprovalNeed({
          amountFen: amount,
          tipping: refund.tipping,
          selfOverride: isSelfOverride(
            refund.outsideWindow || refund.accountRestricted,
            refund.overrideBy,
            resolverId,
          ),
          rule,
        })
      : outcome === 'goodwill'
        ? goodwillSecondApprovalNeed(goodwillCoins ?? 0, allowance.complaintCreditedCoins, refund, rule)
        : [];
  return { ok: true, ...(amount !== undefined ? { amount } : {}), reasons };
}

/** The refund command an overturn runs; `requestedBy` when it is another supervisor's second approval. */
export function overturnCommand(
  complaint: Pick<Complaint, 'id'>,
  refund: ComplaintRefundView,
  outcome: ComplaintOutcome,
  amountFen: number,
  customerMessage: string,
  requestedBy?: string,
): Extract<RefundCommand, { action: 'overturn' }> {
  return {
    action: 'overturn',
    version: refund.version,
    amountFen,
    complaintId: complaint.id,
    note: `Complaint ${complaint.id} resolved as ${outcome.replace(/_/g, ' ')}: ${customerMessage}`.slice(
      0,
      2000,
    ),
    ...(requestedBy !== undefined ? { requestedBy } : {}),
  };
}

/** Who may not give the second approval of a complaint's pending resolution. */
export function complaintSecondApprovalParties(
  complaint: Pick<Complaint, 'pendingResolution' | 'openedBy' | 'assigneeId' | 'originalDecision'>,
): FourEyesParty[] {
  return [
    { id: complaint.pendingResolution?.by, as: 'resolved_complaint' },
    { id: complaint.assigneeId, as: 'holds_complaint' },
    { id: complaint.openedBy, as: 'logged_complaint' },
    { id: complaint.originalDecision?.reviewerId, as: 'reviewed' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Resolving, and the second approval of a resolution

type OverturnCommand = Extract<RefundCommand, { action: 'overturn' }>;

/** The complaint workflow's `done`: the next complaint, its event's fields, the overturn to run. */
export type ResolutionDone<R> = (
  next: Partial<Complaint>,
  event?: Partial<Pick<AuditEvent, 'amountFen' | 'customerMessage' | 'note' | 'details'>>,
  refundCommand?: OverturnCommand,
) => R;

export interface ResolutionContext {
  actor: Actor;
  nowIso: IsoDateTime;
  customerGoodwillCredits?: readonly GoodwillCredit[];
  /** the four-eyes rule of the refund request's policy version */
  secondApprovalRule: SecondApprovalRule;
}

function allowanceOf(complaint: Complaint, ctx: ResolutionContext): GoodwillAllowance {
  return goodwillAllowance(complaint, ctx.customerGoodwillCredits ?? [], ctx.nowIso);
}

/** The complaint's goodwill credits with this resolution's, when it credits some. */
function withCredit(
  complaint: Complaint,
  resolution: ComplaintResolution,
  at: IsoDateTime,
): Pick<Complaint, 'goodwillCredits'> | Record<string, never> {
  if (resolution.goodwillCoins === undefined) return {};
  const credit: GoodwillCredit = {
    coins: resolution.goodwillCoins,
    at,
    by: resolution.by,
    ...(resolution.secondApproverId ? { secondApproverId: resolution.secondApproverId } : {}),
  };
  return { goodwillCredits: [...(complaint.goodwillCredits ?? []), credit] };
}

/**
 * 'resolve' once status and holder are checked: resolved at once, or, when the money needs four
 * eyes, held as the complaint's pendingResolution (nothing moves) until another supervisor confirms it.
 */
export function resolveComplaint<R>(
  complaint: Complaint,
  command: ResolutionInput & { customerMessage: string },
  ctx: ResolutionContext,
  refund: ComplaintRefundView,
  done: ResolutionDone<R>,
): R | ComplaintRefusal {
  const { outcome, goodwillCoins, customerMessage } = command;
  const actorId = ctx.actor.kind === 'staff' ? ctx.actor.id : 'system';
  const check = checkResolution(
    command,
    refund,
    allowanceOf(complaint, ctx),
    actorId,
    ctx.secondApprovalRule,
  );
  if (!check.ok) return check;
  const amount = check.amount;
  const resolution: ComplaintResolution = {
    outcome,
    by: actorId,
    at: ctx.nowIso,
    customerMessage,
    ...(amount !== undefined ? { amountFen: amount } : {}),
    ...(outcome === 'goodwill' ? { goodwillCoins } : {}),
  };
  const details = {
    outcome,
    ...(outcome === 'goodwill' ? { goodwillCoins } : {}),
    ...(amount !== undefined
      ? {
          refundableFen: refund.refundableFen,
          previousRefundStatus: refund.status,
          previousApprovedFen: refund.approvedFen,
        }
      : {}),
  };
  if (check.reasons.length > 0) {
    return done(
      { pendingResolution: { ...resolution, reasons: check.reasons } },
      {
        amountFen: amount ?? null,
        customerMessage,
        details: { ...details, pendingSecondApproval: true, secondApprovalReasons: check.reasons },
      },
    );
  }
  return done(
    {
      status: 'resolved',
      resolution,
      resolvedAt: ctx.nowIso,
      overdueFlag: false,
      ...withCredit(complaint, resolution, ctx.nowIso),
    },
    { amountFen: amount ?? null, customerMessage, details },
    amount !== undefined ? overturnCommand(complaint, refund, outcome, amount, customerMessage) : undefined,
  );
}

/**
 * 'second_approval' once the approver is known to be another supervisor: send back (the complaint
 * stays with its holder, unresolved) or confirm, checked again against today's request and caps.
 */
export function secondApproveResolution<R>(
  complaint: Complaint,
  command: { decision: 'confirm' | 'send_back'; note?: string },
  ctx: ResolutionContext,
  refund: ComplaintRefundView,
  done: ResolutionDone<R>,
): R | ComplaintRefusal {
  const pending = complaint.pendingResolution!;
  const { reasons, ...proposed } = pending;
  const details = {
    decision: command.decision,
    outcome: pending.outcome,
    requestedBy: pending.by,
    secondApprovalReasons: reasons,
  };
  if (command.decision === 'send_back') {
    return done({ pendingResolution: null }, { note: command.note ?? null, details });
  }
  const check = checkResolution(
    pending,
    refund,
    allowanceOf(complaint, ctx),
    pending.by,
    ctx.secondApprovalRule,
  );
  if (!check.ok) {
    return check.status === 422 && check.fieldErrors
      ? fieldsRefusal(check.fieldErrors, 'invalid_fields_send_back')
      : check;
  }
  const approverId = ctx.actor.kind === 'staff' ? ctx.actor.id : 'system';
  const resolution: ComplaintResolution = {
    ...proposed,
    secondApproverId: approverId,
    secondApprovedAt: ctx.nowIso,
  };
  const amount = check.amount;
  return done(
    {
      status: 'resolved',
      resolution,
      pendingResolution: null,
      resolvedAt: ctx.nowIso,
      overdueFlag: false,
      ...withCredit(complaint, resolution, ctx.nowIso),
    },
    {
      amountFen: amount ?? null,
      customerMessage: pending.customerMessage,
      note: command.note || null,
      details: {
        ...details,
        secondApproverId: approverId,
        ...(pending.goodwillCoins !== undefined ? { goodwillCoins: pending.goodwillCoins } : {}),
      },
    },
    amount !== undefined
      ? overturnCommand(complaint, refund, pending.outcome, amount, pending.customerMessage, pending.by)
      : undefined,
  );
}
