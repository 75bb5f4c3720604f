// "What if we changed the policy?": the requests submitted in a period judged again under proposed
// parameters, against the version in force now, with the same rules (evaluatePolicy) that judge
// them at the desk. Simulating the current version therefore changes nothing, by construction.
import type { Fen, IsoDateTime, PaymentChannel, ReasonCategory, RefundRequest } from './model';
import {
  evaluatePolicy,
  needsSecondApproval,
  refundableAmountFen,
  type PolicyInput,
  type PolicyResult,
} from './refundPolicy';
import type { PolicyInForce, PolicyParameters } from './policyVersions';

/** What a stored request says about itself that its policy reads (its derived fields kept current). */
export type StoredPolicyFacts = Pick<
  RefundRequest,
  | 'id'
  | 'paidFen'
  | 'coins'
  | 'coinsSpent'
  | 'coinsSpentOnTips'
  | 'purchasedAt'
  | 'submittedAt'
  | 'providedItems'
  | 'accountRestricted'
  | 'duplicate'
  | 'refundableFen'
  | 'reasonCategory'
  | 'paymentChannel'
>;

/** Stands for "another open request on the order": the stored duplicate flag says there is one. */
const STORED_DUPLICATE = 'stored-duplicate';

/**
 * The policy's input as a stored request carries it: the request's own facts, and its derived
 * fields for what lies outside it (kept current by refundRecords.ts whenever the customer or another
 * request on the order changes): the account restricted or not, another open request on the order,
 * and what other requests hold on it (the unspent coins' price less the refundable amount).
 */
export function policyInputOfStored(r: StoredPolicyFacts): PolicyInput {
  const unspentFen = refundableAmountFen(r.paidFen, r.coins, r.coinsSpent);
  return {
    paidFen: r.paidFen,
    coins: r.coins,
    coinsSpent: r.coinsSpent,
    coinsSpentOnTips: r.coinsSpentOnTips,
    purchasedAt: r.purchasedAt,
    submittedAt: r.submittedAt,
    providedItems: r.providedItems,
    accountStatus: r.accountRestricted ? 'restricted' : 'normal',
    otherOpenRequestIds: r.duplicate ? [STORED_DUPLICATE] : [],
    committedFenOnOrder: Math.max(0, unspentFen - r.refundableFen),
  };
}

/** approve ↔ reject ↔ ask for information: a partial approval is an approval. */
export type SuggestedDecision = 'approve' | 'reject' | 'request_info';

export function suggestedDecisionOf(result: Pick<PolicyResult, 'suggestion'>): SuggestedDecision {
  return result.suggestion === 'approve_partial' ? 'approve' : result.suggestion;
}

export interface PolicySimulation {
  /** the requests submitted in the period */
  requests: number;
  /** the version the proposal is compared with: the one in force now */
  baselineVersion: number;
  flipped: {
    total: number;
    byReason: Partial<Record<ReasonCategory, number>>;
    byChannel: Partial<Record<PaymentChannel, number>>;
    /** from → to, e.g. approve → reject, with how many */
    byChange: { from: SuggestedDecision; to: SuggestedDecision; n: number }[];
    ids: string[];
  };
  /** suggested approvals that need a supervisor's second approval, now and under the proposal */
  secondApprovals: { before: number; after: number; ids: string[] };
  /** what the suggested approvals would refund under the proposal, less what they refund now */
  refundedFenDelta: Fen;
}

export interface SimulationPeriod {
  from: IsoDateTime;
  to: IsoDateTime;
}

type Change = { from: SuggestedDecision; to: SuggestedDecision; n: number };

/**
 * A replay fed request by request (a reader passes the period page by page, holding one page at a
 * time): each judged under `baseline` and under `proposed`; `result()` says what changes.
 */
export class PolicyReplay {
  private readonly proposal: PolicyInForce;
  private readonly out: PolicySimulation;
  private readonly changes = new Map<string, Change>();

  constructor(
    private readonly baseline: PolicyInForce,
    private readonly proposed: PolicyParameters,
  ) {
    this.proposal = { version: baseline.version, parameters: proposed };
    this.out = {
      requests: 0,
      baselineVersion: baseline.version,
      flipped: { total: 0, byReason: {}, byChannel: {}, byChange: [], ids: [] },
      secondApprovals: { before: 0, after: 0, ids: [] },
      refundedFenDelta: 0,
    };
  }

  add(request: StoredPolicyFacts): void {
    const { out } = this;
    out.requests++;
    const input = policyInputOfStored(request);
    const before = evaluatePolicy(input, this.baseline);
    const after = evaluatePolicy(input, this.proposal);
    const [from, to] = [suggestedDecisionOf(before), suggestedDecisionOf(after)];
    const tipping = request.coinsSpentOnTips > 0;
    const secondBefore =
      from === 'approve' && needsSecondApproval(before.refundableFen, tipping, this.baseline.parameters);
    const secondAfter = to === 'approve' && needsSecondApproval(after.refundableFen, tipping, this.proposed);
    if (secondBefore) out.secondApprovals.before++;
    if (secondAfter) out.secondApprovals.after++;
    if (secondBefore !== secondAfter) out.secondApprovals.ids.push(request.id);
    out.refundedFenDelta +=
      (to === 'approve' ? after.refundableFen : 0) - (from === 'approve' ? before.refundableFen : 0);
    if (from === to) return;
    const flipped = out.flipped;
    flipped.total++;
    flipped.ids.push(request.id);
    flipped.byReason[request.reasonCategory] = (flipped.byReason[request.reasonCategory] ?? 0) + 1;
    flipped.byChannel[request.paymentChannel] = (flipped.byChannel[request.paymentChannel] ?? 0) + 1;
    const key = `${from}>${to}`;
    const change = this.changes.get(key) ?? { from, to, n: 0 };
    change.n++;
    this.changes.set(key, change);
  }

  result(): PolicySimulation {
    return {
      ...this.out,
      flipped: { ...this.out.flipped, byChange: [...this.changes.values()].sort((a, b) => b.n - a.n) },
    };
  }
}

/** Judges `requests` under `baseline` and under `proposed`, and says what changes. */
export function simulatePolicy(
  requests: Iterable<StoredPolicyFacts>,
  baseline: PolicyInForce,
  proposed: PolicyParameters,
): PolicySimulation {
  const replay = new PolicyReplay(baseline, proposed);
  for (const request of requests) replay.add(request);
  return replay.result();
}

/** The longest period one simulation replays. */
export const MAX_SIMULATION_DAYS = 366;
