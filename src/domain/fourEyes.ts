// Four eyes on money: the one rule every path that moves money obeys (an approval, an approval
// after an override, a complaint overturn or partial overturn, a goodwill credit). Whether a
// second approval is needed, and who may give it. The workflows call it; nothing else decides.
import { SECOND_APPROVAL_REASONS, type Fen, type SecondApprovalReason } from './model';
import type { SecondApprovalRule } from './refundPolicy';
import { refusal, type Refusal } from './refusal';

export { SECOND_APPROVAL_REASONS, type SecondApprovalReason };

export interface MoneyMove {
  /** what leaves the desk, in fen: the approved total, or a goodwill credit at the order's coin price */
  amountFen: Fen;
  /** the order was spent on tips */
  tipping: boolean;
  /** the one who moves the money is also the one who set a policy block aside */
  selfOverride: boolean;
  /** the threshold and tipping rule of the policy version the request was judged under */
  rule: SecondApprovalRule;
}

/**
 * The reasons this move needs a second supervisor, empty when one pair of eyes is enough:
 * over the version's threshold (¥500 at first), a tipping order (when the version says so), or a
 * policy block lifted by the same person who moves the money.
 */
export function secondApprovalNeed(move: MoneyMove): SecondApprovalReason[] {
  const reasons: SecondApprovalReason[] = [];
  if (move.amountFen > move.rule.secondApprovalThresholdFen) reasons.push('over_threshold');
  if (move.tipping && move.rule.tippingNeedsSecondApproval) reasons.push('tipping');
  if (move.selfOverride) reasons.push('self_override');
  return reasons;
}

/**
 * Whether `actorId` lifts a policy block by their own hand: the request is blocked and nobody else
 * overrode it (a complaint overturn stands in for an override, so the resolver lifts it).
 */
export function isSelfOverride(blocked: boolean, overrideBy: string | null, actorId: string): boolean {
  return blocked && (overrideBy === null || overrideBy === actorId);
}

/**
 * A goodwill credit's value in fen at the order's coin price (paid ÷ coins), rounded up so the
 * threshold is never dodged by rounding. An order without a price counts as nothing.
 */
export function goodwillValueFen(coins: number, order: { paidFen: Fen; coins: number }): Fen {
  if (coins <= 0 || order.coins <= 0 || order.paidFen <= 0) return 0;
  return Math.ceil((coins * order.paidFen) / order.coins);
}

/**
 * Whether a goodwill credit of `coins` needs a second supervisor: its value is counted with what
 * the complaint has already credited (`creditedCoins`, every earlier resolution), so resolving
 * again after a reopen never splits a credit under the threshold.
 */
export function goodwillSecondApprovalNeed(
  coins: number,
  creditedCoins: number,
  order: { paidFen: Fen; coins: number; tipping: boolean },
  rule: SecondApprovalRule,
): SecondApprovalReason[] {
  return secondApprovalNeed({
    amountFen: goodwillValueFen(creditedCoins + coins, order),
    tipping: order.tipping,
    selfOverride: false,
    rule,
  });
}

/** How someone took part in the decision a second approval confirms. */
export type FourEyesRole =
  'requested' | 'overrode' | 'reviewed' | 'logged_complaint' | 'holds_complaint' | 'resolved_complaint';

export interface FourEyesParty {
  id: string | null | undefined;
  as: FourEyesRole;
}

export const SECOND_APPROVER_CODE = 'second_approver_must_differ';

export interface FourEyesRefusal {
  status: 403;
  code: typeof SECOND_APPROVER_CODE;
  message: string;
}

/**
 * 403 when `actorId` took part in the decision: the second approver must be another supervisor
 * than whoever asked for it, overrode, reviewed, logged, held or resolved it.
 */
export function secondApproverConflict(
  actorId: string,
  parties: readonly FourEyesParty[],
): Refusal<403> | null {
  const mine = parties.find((p) => p.id !== null && p.id !== undefined && p.id === actorId);
  return mine ? refusal(403, SECOND_APPROVER_CODE, { as: mine.as }) : null;
}

/** secondApproverConflict without the code's params: status, code and English message. */
export function secondApproverRefusal(
  actorId: string,
  parties: readonly FourEyesParty[],
): FourEyesRefusal | null {
  const conflict = secondApproverConflict(actorId, parties);
  return conflict ? { status: 403, code: SECOND_APPROVER_CODE, message: conflict.message } : null;
}

/**
 * The four-eyes check of a complaint overturn in the refund workflow: when it needs a second
 * approval it must come as one (requestedBy: the resolver) from someone else than the resolver and
 * the reviewer of the decision. The resolver lifts any policy block nobody else overrode.
 */
export function overturnFourEyes(input: {
  amountFen: Fen;
  tipping: boolean;
  blocked: boolean;
  overrideBy: string | null;
  reviewerId: string | null;
  requestedBy: string | undefined;
  actorId: string;
  rule: SecondApprovalRule;
}): {
  reasons: SecondApprovalReason[];
  refusal: Refusal<403> | null;
} {
  const resolver = input.requestedBy ?? input.actorId;
  const reasons = secondApprovalNeed({
    amountFen: input.amountFen,
    tipping: input.tipping,
    selfOverride: isSelfOverride(input.blocked, input.overrideBy, resolver),
    rule: input.rule,
  });
  if (reasons.length === 0) return { reasons, refusal: null };
  if (input.requestedBy === undefined) {
    return {
      reasons,
      refusal: refusal(403, 'second_approval_required'),
    };
  }
  const conflict = secondApproverConflict(input.actorId, [
    { id: input.requestedBy, as: 'resolved_complaint' },
    { id: input.reviewerId, as: 'reviewed' },
  ]);
  return { reasons, refusal: conflict };
}
