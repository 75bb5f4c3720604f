// Keeps derived fields of refund requests true: the policy flags and the refundable amount are
// stored on each request so the list can filter on them, and recomputed whenever a request, its
// customer or another request for the same order changes.
import type { RefundRequest } from '../src/domain/model';
import { evaluatePolicy, type PolicyResult } from '../src/domain/refundPolicy';
import { isOpen } from '../src/domain/sla';
import type { Change, Store } from './store';

/** orderId → ids of refund requests for that order, kept current through the store's change feed. */
export class RefundIndex {
  private byOrder = new Map<string, Set<string>>();
  private byCustomer = new Map<string, Set<string>>();

  constructor(private readonly store: Store) {
    for (const r of store.all('refunds')) this.add(r);
    store.onChange((changes) => this.onChanges(changes));
  }

  private add(r: RefundRequest) {
    addTo(this.byOrder, r.orderId, r.id);
    addTo(this.byCustomer, r.customerId, r.id);
  }

  private onChanges(changes: readonly Change[]) {
    for (const change of changes) if (change.c === 'refunds') this.add(change.v);
  }

  forOrder(orderId: string): RefundRequest[] {
    return [...(this.byOrder.get(orderId) ?? [])].map((id) => this.store.get('refunds', id)!).filter(Boolean);
  }

  forCustomer(customerId: string): RefundRequest[] {
    return [...(this.byCustomer.get(customerId) ?? [])]
      .map((id) => this.store.get('refunds', id)!)
      .filter(Boolean);
  }
}

function addTo(map: Map<string, Set<string>>, key: string, id: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

/** The other open requests for the same order: the older one is the original, the newer the duplicate. */
export function otherOpenRequestIds(index: RefundIndex, request: RefundRequest): string[] {
  return index
    .forOrder(request.orderId)
    .filter(
      (other) => other.id !== request.id && isOpen(other.status) && other.submittedAt < request.submittedAt,
    )
    .map((other) => other.id);
}

/** Money other requests already approved or paid back on this request's order, and which requests. */
export function committedOnOrder(
  index: RefundIndex,
  request: RefundRequest,
): { fen: number; requestIds: string[] } {
  let fen = 0;
  const requestIds: string[] = [];
  for (const other of index.forOrder(request.orderId)) {
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

export function policyFor(store: Store, index: RefundIndex, request: RefundRequest): PolicyResult {
  const customer = store.get('customers', request.customerId);
  const committed = committedOnOrder(index, request);
  return evaluatePolicy({
    paidFen: request.paidFen,
    coins: request.coins,
    coinsSpent: request.coinsSpent,
    coinsSpentOnTips: request.coinsSpentOnTips,
    purchasedAt: request.purchasedAt,
    submittedAt: request.submittedAt,
    providedItems: request.providedItems,
    accountStatus: customer?.accountStatus ?? 'normal',
    otherOpenRequestIds: otherOpenRequestIds(index, request),
    committedFenOnOrder: committed.fen,
    committedByRequestIds: committed.requestIds,
  });
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
export function siblingFlagUpdates(store: Store, index: RefundIndex, changed: RefundRequest[]): Change[] {
  const updates: Change[] = [];
  const seen = new Set(changed.map((r) => r.id));
  for (const request of changed) {
    for (const sibling of index.forOrder(request.orderId)) {
      if (seen.has(sibling.id)) continue;
      seen.add(sibling.id);
      const next = withPolicyFlags(sibling, policyFor(store, index, sibling));
      if (next !== sibling) updates.push({ c: 'refunds', v: next });
    }
  }
  return updates;
}

/** Brings every request's derived fields up to date (at start-up, after recovery). */
export function refreshAllPolicyFlags(store: Store, index: RefundIndex): number {
  const updates: Change[] = [];
  for (const r of store.all('refunds')) {
    const next = withPolicyFlags(r, policyFor(store, index, r));
    if (next !== r) updates.push({ c: 'refunds', v: next });
  }
  store.commit(updates);
  return updates.length;
}
