// Keeps derived fields of refund requests true: the policy flags and the refundable amount are
// stored on each request so the list can filter on them, and recomputed whenever a request, its
// customer or another request for the same order changes.
import type { RefundRequest } from '../src/domain/model';
import { evaluatePolicy, type PolicyResult } from '../src/domain/refundPolicy';
import { isOpen } from '../src/domain/sla';
import type { Change, DeskReader } from './deskData';

/** The other open requests for the same order: the older one is the original, the newer the duplicate. */
export function otherOpenRequestIds(onOrder: readonly RefundRequest[], request: RefundRequest): string[] {
  return onOrder
    .filter(
      (other) => other.id !== request.id && isOpen(other.status) && other.submittedAt < request.submittedAt,
    )
    .map((other) => other.id);
}

/** Money other requests already approved or paid back on this request's order, and which requests. */
export function committedOnOrder(
  onOrder: readonly RefundRequest[],
  request: RefundRequest,
): { fen: number; requestIds: string[] } {
  let fen = 0;
  const requestIds: string[] = [];
  for (const other of onOrder) {
    if (other.id === request.id || !COMMITTED_STATUSES.has(other.status) || !other.approvedFen) continue;
    fen += other.approvedFen;
    requestIds.push(other.id);
  }
  return { fen, requestIds };
}
const COMMITTED_STATUSES = new Set([
  'approved',
  'partially_approved',
  'refunded',
  'awaiting_second_approval',
]);

/** The policy for `request`, given every request on its order as stored (`onOrder`). */
export async function policyFor(
  data: DeskReader,
  request: RefundRequest,
  onOrder?: readonly RefundRequest[],
): Promise<PolicyResult> {
  const customer = await data.get('customers', request.customerId);
  const siblings = onOrder ?? (await data.refundsForOrder(request.orderId));
  const committed = committedOnOrder(siblings, request);
  const policy = await data.policyVersion(request.policyVersion);
  return evaluatePolicy(
    {
      paidFen: request.paidFen,
      coins: request.coins,
      coinsSpent: request.coinsSpent,
      coinsSpentOnTips: request.coinsSpentOnTips,
      purchasedAt: request.purchasedAt,
      submittedAt: request.submittedAt,
      providedItems: request.providedItems,
      accountStatus: customer?.accountStatus ?? 'normal',
      otherOpenRequestIds: otherOpenRequestIds(siblings, request),
      committedFenOnOrder: committed.fen,
      committedByRequestIds: committed.requestIds,
    },
    policy,
  );
}

/** The request with its stored policy flags and refundable amount brought up to date. */
export function withPolicyFlags(request: RefundRequest, policy: PolicyResult): RefundRequest {
  const flagsChanged =
    request.refundableFen !== policy.refundableFen ||
    (Object.keys(policy.flags) as (keyof typeof policy.flags)[]).some((k) => request[k] !== policy.flags[k]);
  return flagsChanged ? { ...request, ...policy.flags, refundableFen: policy.refundableFen } : request;
}

/**
 * After requests were written, their siblings (same order) may carry stale derived fields: the
 * duplicate flag and the refundable amount depend on each other. Returns the updates to commit.
 * Derived fields do not bump the version: nobody's edit is invalidated by them.
 */
export async function siblingFlagUpdates(data: DeskReader, changed: RefundRequest[]): Promise<Change[]> {
  const updates: Change[] = [];
  const seen = new Set(changed.map((r) => r.id));
  for (const request of changed) {
    const onOrder = await data.refundsForOrder(request.orderId);
    for (const sibling of onOrder) {
      if (seen.has(sibling.id)) continue;
      seen.add(sibling.id);
      const next = withPolicyFlags(sibling, await policyFor(data, sibling, onOrder));
      if (next !== sibling) updates.push({ c: 'refunds', v: next, was: sibling });
    }
  }
  return updates;
}
