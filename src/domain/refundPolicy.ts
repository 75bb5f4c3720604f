// The refund policy: every eligibility check with its reason, the refundable amount, and the
// decision the policy suggests. Reasons are i18n keys with parameters so both locales explain them.
import type {
  AccountStatus,
  Fen,
  InfoItem,
  IsoDateTime,
  PolicyFlags,
  PolicySuggestion,
  RejectionReason,
} from './model';
import { INFO_ITEMS } from './model';
import { DAY_MS, toMs } from './sla';
import { FIRST_POLICY_PARAMETERS, type PolicyInForce, type PolicyParameters } from './policyVersions';
import {
  englishRefusals,
  fieldRefusal,
  translateFieldRefusal,
  type FieldRefusal,
  type RefusalParams,
} from './refusal';

/** Approvals above this amount needed a supervisor's second approval under the first policy (¥500). */
export const SECOND_APPROVAL_THRESHOLD_FEN: Fen = FIRST_POLICY_PARAMETERS.secondApprovalThresholdFen;

/** The items a request must carry before it can be decided. */
export const REQUIRED_INFO_ITEMS: readonly InfoItem[] = ['order_number', 'purchase_time', 'reason_detail'];

export interface PolicyInput {
  paidFen: Fen;
  coins: number;
  coinsSpent: number;
  coinsSpentOnTips: number;
  purchasedAt: IsoDateTime;
  submittedAt: IsoDateTime;
  providedItems: readonly InfoItem[];
  accountStatus: AccountStatus;
  /** ids of other open requests for the same order */
  otherOpenRequestIds: readonly string[];
  /**
   * fen already approved or paid back on the same order by other requests: an order's unspent
   * coins are refunded once, however many requests ask for them
   */
  committedFenOnOrder?: Fen;
  /** ids of the other requests on the same order that hold that money (approved, being paid, refunded) */
  committedByRequestIds?: readonly string[];
}

/**
 * Why less than the order's price is refundable: nothing (`none`), coins spent on tips or content
 * (`spent`), money already refunded or held by other requests on the same order (`held`), or both.
 */
export type RefundableLimit = 'none' | 'spent' | 'held' | 'spent_and_held';

export type PolicyCheckKey = 'window' | 'refundable' | 'tipping' | 'information' | 'account' | 'duplicate';

export interface PolicyCheck {
  key: PolicyCheckKey;
  /** true when the check does not stand in the way of a full approval */
  ok: boolean;
  /** i18n key under `policy.` with its parameters: the human reason */
  reasonKey: string;
  params: Record<string, string | number>;
}

export interface PolicyResult {
  checks: PolicyCheck[];
  flags: PolicyFlags;
  refundableFen: Fen;
  suggestion: PolicySuggestion;
  /** the rejection reason that goes with a "reject" suggestion */
  suggestedRejection: RejectionReason | null;
  suggestedMissingItems: InfoItem[];
  /** what reduces the refundable amount, so messages say what is true */
  refundableLimit: RefundableLimit;
  /** the other requests on the same order that already hold money on it */
  heldByRequestIds: string[];
  /** rules that stop an approval unless a supervisor overrides */
  approvalBlockers: ('outside_window' | 'account_restricted')[];
  /** the version the request was judged under, and its parameters */
  policyVersion: number;
  parameters: PolicyParameters;
}

/** The price of the unspent coins, rounded down to the fen so we never refund more than was paid. */
export function refundableAmountFen(paidFen: Fen, coins: number, coinsSpent: number): Fen {
  if (coins <= 0 || paidFen <= 0) return 0;
  const unspent = Math.max(0, Math.min(coins, coins - coinsSpent));
  return Math.floor((paidFen * unspent) / coins);
}

export function isInsideWindow(
  purchasedAt: IsoDateTime,
  submittedAt: IsoDateTime,
  windowDays: number,
): boolean {
  return toMs(submittedAt) - toMs(purchasedAt) <= windowDays * DAY_MS;
}

/** A purchase cannot follow the request for its refund: the times are a data error, not "inside the window". */
export function isPurchaseAfterSubmission(purchasedAt: IsoDateTime, submittedAt: IsoDateTime): boolean {
  return toMs(purchasedAt) > toMs(submittedAt);
}

/** What the customer is asked for when the purchase time is inconsistent: the time, and proof of it. */
export const PURCHASE_TIME_EVIDENCE: readonly InfoItem[] = ['purchase_time', 'payment_proof'];

export function missingInfoItems(provided: readonly InfoItem[]): InfoItem[] {
  return REQUIRED_INFO_ITEMS.filter((item) => !provided.includes(item));
}

/**
 * What reduces the refundable amount. All coins spent is `spent` whatever else holds money: no
 * unspent coin is left to refund. Otherwise money held by other requests on the order is `held`.
 */
export function refundableLimitOf(p: {
  coins: number;
  coinsSpent: number;
  committedFen: Fen;
}): RefundableLimit {
  const spent = p.coinsSpent > 0;
  if (spent && p.coinsSpent >= p.coins) return 'spent';
  const held = p.committedFen > 0;
  if (spent && held) return 'spent_and_held';
  return spent ? 'spent' : held ? 'held' : 'none';
}

/**
 * The limit read back from a stored request (its refundable amount next to the unspent coins'
 * price) when the other requests are not at hand; without the coins, nothing can be said.
 */
export function storedRefundableLimit(r: {
  refundableFen: Fen;
  paidFen?: Fen;
  coins?: number;
  coinsSpent?: number;
}): RefundableLimit {
  if (r.paidFen === undefined || r.coins === undefined || r.coinsSpent === undefined) return 'none';
  const unspentFen = refundableAmountFen(r.paidFen, r.coins, r.coinsSpent);
  return refundableLimitOf({
    coins: r.coins,
    coinsSpent: r.coinsSpent,
    committedFen: Math.max(0, unspentFen - r.refundableFen),
  });
}

/** Why nothing is left to refund, as a field refusal: spent coins, other requests, or both. */
export function nothingRefundableField(
  limit: RefundableLimit,
  heldByRequestIds: readonly string[] = [],
): FieldRefusal {
  const held = heldByRequestIds.length === 0 ? 'others' : heldByRequestIds.length === 1 ? 'one' : 'many';
  const params: RefusalParams = heldByRequestIds.length > 0 ? { requestIds: [...heldByRequestIds] } : {};
  switch (limit) {
    case 'spent':
      return fieldRefusal('nothing_refundable_spent');
    case 'held':
      return fieldRefusal(`nothing_refundable_held_${held}`, params);
    case 'spent_and_held':
      return fieldRefusal(`nothing_refundable_spent_and_held_${held}`, params);
    case 'none':
      return fieldRefusal('nothing_refundable_none');
  }
}

/** The API's refusal when nothing is left to refund, in English. */
export function nothingRefundableMessage(
  limit: RefundableLimit,
  heldByRequestIds: readonly string[] = [],
): string {
  return translateFieldRefusal(englishRefusals, nothingRefundableField(limit, heldByRequestIds));
}

/** The four-eyes part of a policy version (fourEyes.ts applies it to every move of money). */
export type SecondApprovalRule = Pick<
  PolicyParameters,
  'secondApprovalThresholdFen' | 'tippingNeedsSecondApproval'
>;

export function needsSecondApproval(amountFen: Fen, tipping: boolean, rule: SecondApprovalRule): boolean {
  return (tipping && rule.tippingNeedsSecondApproval) || amountFen > rule.secondApprovalThresholdFen;
}

/** The refundable check's message, under `policy.refundable.`. */
function refundableReason(limit: RefundableLimit, allSpent: boolean, nothingLeft: boolean): string {
  switch (limit) {
    case 'none':
      return 'all';
    case 'spent':
      return allSpent ? 'none' : 'part';
    case 'held':
      return nothingLeft ? 'committed_none' : 'committed';
    case 'spent_and_held':
      return nothingLeft ? 'spent_committed_none' : 'spent_committed';
  }
}

/** The request judged under `policy`: the version in force when it was submitted. */
export function evaluatePolicy(input: PolicyInput, policy: PolicyInForce): PolicyResult {
  const { refundWindowDays } = policy.parameters;
  const unspentFen = refundableAmountFen(input.paidFen, input.coins, input.coinsSpent);
  const committedFen = Math.max(0, input.committedFenOnOrder ?? 0);
  const refundableFen = Math.max(0, unspentFen - committedFen);
  const heldByRequestIds = committedFen > 0 ? [...(input.committedByRequestIds ?? [])] : [];
  const limit = refundableLimitOf({ coins: input.coins, coinsSpent: input.coinsSpent, committedFen });
  const purchaseAfterSubmission = isPurchaseAfterSubmission(input.purchasedAt, input.submittedAt);
  const insideWindow = isInsideWindow(input.purchasedAt, input.submittedAt, refundWindowDays);
  const daysSincePurchase = Math.floor((toMs(input.submittedAt) - toMs(input.purchasedAt)) / DAY_MS);
  const missing = missingInfoItems(input.providedItems);
  const restricted = input.accountStatus !== 'normal';
  const tipping = input.coinsSpentOnTips > 0;
  const duplicate = input.otherOpenRequestIds.length > 0;

  const flags: PolicyFlags = {
    outsideWindow: !insideWindow,
    hasSpentCoins: input.coinsSpent > 0,
    tipping,
    infoIncomplete: missing.length > 0,
    accountRestricted: restricted,
    duplicate,
    purchaseAfterSubmission,
  };

  const checks: PolicyCheck[] = [
    purchaseAfterSubmission
      ? {
          key: 'window',
          ok: false,
          reasonKey: 'window.purchase_after_submission',
          params: { purchasedAt: input.purchasedAt, submittedAt: input.submittedAt },
        }
      : {
          key: 'window',
          ok: insideWindow,
          reasonKey: insideWindow ? 'window.inside' : 'window.outside',
          params: { days: daysSincePurchase, limit: refundWindowDays },
        },
    {
      key: 'refundable',
      ok: input.coinsSpent === 0 && committedFen === 0,
      reasonKey: `refundable.${refundableReason(limit, input.coinsSpent >= input.coins, refundableFen === 0)}`,
      params: {
        committedFen,
        spent: input.coinsSpent,
        coins: input.coins,
        unspent: Math.max(0, input.coins - input.coinsSpent),
        refundableFen,
        heldBy: heldByRequestIds.join(', '),
      },
    },
    {
      key: 'tipping',
      ok: !tipping,
      reasonKey: tipping ? 'tipping.yes' : 'tipping.no',
      params: { tipped: input.coinsSpentOnTips },
    },
    {
      key: 'information',
      ok: missing.length === 0,
      reasonKey: missing.length === 0 ? 'information.complete' : 'information.missing',
      params: { items: missing.join(', ') },
    },
    {
      key: 'account',
      ok: !restricted,
      reasonKey: `account.${input.accountStatus}`,
      params: {},
    },
    {
      key: 'duplicate',
      ok: !duplicate,
      reasonKey: duplicate ? 'duplicate.yes' : 'duplicate.no',
      params: { ids: input.otherOpenRequestIds.join(', ') },
    },
  ];

  const approvalBlockers: PolicyResult['approvalBlockers'] = [];
  if (!insideWindow) approvalBlockers.push('outside_window');
  if (restricted) approvalBlockers.push('account_restricted');

  // Order matters: ask for what is missing before judging; never reject silently for missing info.
  // A purchase time after the submission is inconsistent information: ask for the true time and
  // proof of payment (the policy's rule for incomplete or inconsistent information), never approve.
  const toAskFor = purchaseAfterSubmission
    ? INFO_ITEMS.filter((item) => missing.includes(item) || PURCHASE_TIME_EVIDENCE.includes(item))
    : missing;
  let suggestion: PolicySuggestion;
  let suggestedRejection: RejectionReason | null = null;
  if (toAskFor.length > 0) suggestion = 'request_info';
  else if (duplicate) [suggestion, suggestedRejection] = ['reject', 'duplicate'];
  else if (restricted) [suggestion, suggestedRejection] = ['reject', 'account_restricted'];
  else if (!insideWindow) [suggestion, suggestedRejection] = ['reject', 'outside_window'];
  else if (refundableFen === 0)
    [suggestion, suggestedRejection] = ['reject', limit === 'spent' ? 'coins_spent' : 'already_refunded'];
  else if (input.coinsSpent > 0) suggestion = 'approve_partial';
  else suggestion = 'approve';

  return {
    checks,
    flags,
    refundableFen,
    suggestion,
    suggestedRejection,
    suggestedMissingItems: toAskFor,
    refundableLimit: limit,
    heldByRequestIds,
    approvalBlockers,
    policyVersion: policy.version,
    parameters: policy.parameters,
  };
}

/** Does a decision follow the policy suggestion? Partial approval of a partly spent order counts as approve. */
export function followsSuggestion(
  suggestion: PolicySuggestion,
  action: 'approve' | 'reject' | 'request_info',
): boolean {
  if (action === 'approve') return suggestion === 'approve' || suggestion === 'approve_partial';
  return suggestion === action;
}
