// The seed's world under construction: the demo's records in memory while their histories are
// played through the desk's own services (refundService, complaintService, noteService), before
// they are written to the database in bulk (writer.ts writeSnapshot). Not a store: no persistence,
// no queries beyond what the services ask; the database is the only place records are kept.
import type { Complaint, Customer, RefundRequest, RefundStatus, StaffUser } from '../../src/domain/model';
import { isComplaintActive } from '../../src/domain/model';
import { inTimedWindow, type TimedRefundWindow } from '../../src/domain/refundWorkflow';
import { toMs } from '../../src/domain/sla';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../src/domain/slaSettings';
import {
  FIRST_POLICY,
  FIRST_POLICY_EFFECTIVE_AT,
  type PolicyInForce,
  type PolicyVersion,
} from '../../src/domain/policyVersions';

const SEED_POLICY_VERSION: PolicyVersion = {
  ...FIRST_POLICY,
  effectiveAt: FIRST_POLICY_EFFECTIVE_AT,
  note: 'The refund policy as first written.',
  createdBy: 'system',
  createdAt: FIRST_POLICY_EFFECTIVE_AT,
};
import { settleCoinChanges } from '../coinLedger';
import {
  COLLECTION_NAMES,
  type Change,
  type CollectionName,
  type Collections,
  type DeskWriter,
  type Snapshot,
  type SnapshotMeta,
} from '../deskData';

type Tables = { [K in CollectionName]: Map<string, Collections[K]> };

export class SeedWorld implements DeskWriter {
  private readonly tables = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, new Map()])) as Tables;
  private readonly byOrder = new Map<string, Set<string>>();
  private readonly byCustomer = new Map<string, Set<string>>();
  // a complaint's service asks for the customer's complaints and the request's active one on
  // every command: looked up here, not by scanning every complaint of the cohort
  private readonly complaintsByCustomer = new Map<string, Set<string>>();
  private readonly complaintsByRefund = new Map<string, Set<string>>();

  constructor(readonly meta: SnapshotMeta) {}

  all<K extends CollectionName>(collection: K): IterableIterator<Collections[K]> {
    return this.tables[collection].values() as IterableIterator<Collections[K]>;
  }

  /** The record as it is now, synchronously (the seed's own bookkeeping between commands). */
  current<K extends CollectionName>(collection: K, id: string): Collections[K] | undefined {
    return this.tables[collection].get(id) as Collections[K] | undefined;
  }

  put<K extends CollectionName>(collection: K, records: Iterable<Collections[K]>): void {
    for (const v of records) this.commitOne({ c: collection, v } as Change);
  }

  get<K extends CollectionName>(collection: K, id: string): Promise<Collections[K] | undefined> {
    return Promise.resolve(this.current(collection, id));
  }

  private refundsIn(ids: Set<string> | undefined): RefundRequest[] {
    return [...(ids ?? [])].map((id) => this.tables.refunds.get(id)!);
  }

  /** How many requests the order has (synchronously, for the seed's plans). */
  requestsOnOrder(orderId: string): number {
    return this.byOrder.get(orderId)?.size ?? 0;
  }

  refundsForOrder(orderId: string): Promise<RefundRequest[]> {
    return Promise.resolve(this.refundsIn(this.byOrder.get(orderId)));
  }

  refundsForCustomer(customerId: string): Promise<RefundRequest[]> {
    return Promise.resolve(this.refundsIn(this.byCustomer.get(customerId)));
  }

  refundsInTimedWindows(windows: readonly TimedRefundWindow[]): Promise<RefundRequest[]> {
    return Promise.resolve([...this.all('refunds')].filter((r) => inTimedWindow(r, windows)));
  }

  customersOnPaymentAccount(paymentAccountId: string): Promise<Customer[]> {
    return Promise.resolve([...this.all('customers')].filter((c) => c.paymentAccountId === paymentAccountId));
  }

  private complaintsIn(ids: Set<string> | undefined): Complaint[] {
    return [...(ids ?? [])].map((id) => this.tables.complaints.get(id)!);
  }

  activeComplaintFor(refundId: string, exceptId?: string): Promise<Complaint | null> {
    for (const c of this.complaintsIn(this.complaintsByRefund.get(refundId))) {
      if (c.id !== exceptId && isComplaintActive(c.status)) return Promise.resolve(c);
    }
    return Promise.resolve(null);
  }

  activeComplaints(): Promise<Complaint[]> {
    return Promise.resolve([...this.all('complaints')].filter((c) => isComplaintActive(c.status)));
  }

  async activeComplaintsDueBy(nowIso: string): Promise<Complaint[]> {
    return (await this.activeComplaints()).filter((c) => toMs(c.dueAt) <= toMs(nowIso));
  }

  complaintsOfCustomer(customerId: string): Promise<Complaint[]> {
    return Promise.resolve(this.complaintsIn(this.complaintsByCustomer.get(customerId)));
  }

  activeUserByUsername(username: string): Promise<StaffUser | undefined> {
    return Promise.resolve([...this.all('users')].find((u) => u.username === username && u.active));
  }

  /** the seed's world runs on the defaults: the 24 × 7 calendar with the seed's targets */
  slaSettings(): Promise<SlaSettings> {
    return Promise.resolve(DEFAULT_SLA_SETTINGS);
  }

  /** and on the first policy version: the one migration 023 stores */
  policyVersions(): Promise<PolicyVersion[]> {
    return Promise.resolve([SEED_POLICY_VERSION]);
  }

  policyVersion(version: number): Promise<PolicyInForce> {
    if (version !== FIRST_POLICY.version) throw new Error(`The seed knows policy version 1, not ${version}.`);
    return Promise.resolve(FIRST_POLICY);
  }

  allUsers(): Promise<StaffUser[]> {
    return Promise.resolve([...this.all('users')]);
  }

  async countRefundsAssignedTo(
    assigneeId: string,
    statuses: readonly RefundStatus[],
    exceptId?: string,
  ): Promise<number> {
    return (await this.refundsAssignedTo(assigneeId, statuses)).filter((r) => r.id !== exceptId).length;
  }

  refundsAssignedTo(assigneeId: string, statuses: readonly RefundStatus[]): Promise<RefundRequest[]> {
    return Promise.resolve(
      [...this.all('refunds')].filter((r) => r.assigneeId === assigneeId && statuses.includes(r.status)),
    );
  }

  nextIdNow(prefix: string): string {
    const n = (this.meta.sequences[prefix] ?? 0) + 1;
    this.meta.sequences[prefix] = n;
    return `${prefix}${n}`;
  }

  nextId(prefix: string): Promise<string> {
    return Promise.resolve(this.nextIdNow(prefix));
  }

  /** Writes the changes with the coins they hold, release or revoke (coinLedger.ts), as the API's commit does. */
  async commit(requested: readonly Change[]): Promise<void> {
    const { changes } = await settleCoinChanges(this, requested);
    for (const change of changes) this.commitOne(change);
  }

  private commitOne(change: Change): void {
    (this.tables[change.c] as Map<string, Collections[CollectionName]>).set(change.v.id, change.v);
    if (change.c === 'refunds') {
      addTo(this.byOrder, change.v.orderId, change.v.id);
      addTo(this.byCustomer, change.v.customerId, change.v.id);
    } else if (change.c === 'complaints') {
      addTo(this.complaintsByCustomer, change.v.customerId, change.v.id);
      addTo(this.complaintsByRefund, change.v.refundId, change.v.id);
    }
  }

  mostUrgentClaimable(): Promise<RefundRequest | undefined> {
    throw new Error('The seed never claims the next request.');
  }

  lockedUser(id: string): Promise<StaffUser | undefined> {
    // the seed builds its world alone: nothing to lock against
    return this.get('users', id);
  }

  toSnapshot(): Snapshot {
    const snapshot = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, [...this.all(c)]])) as Omit<
      Snapshot,
      'meta'
    >;
    return { ...snapshot, meta: this.meta };
  }
}

function addTo(map: Map<string, Set<string>>, key: string, id: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}
