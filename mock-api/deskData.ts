// What the API's commands read and write, as one interface over the database (db/sqlDesk.ts) and
// the seed's world under construction (seed/world.ts). The domain stays pure: a service reads the
// records a rule needs through a DeskReader, the rule returns changes, and the service commits them
// through the DeskWriter of its one transaction.
import type { PolicyInForce, PolicyVersion } from '../src/domain/policyVersions';
import type {
  AuditEvent,
  CoinMovement,
  CoinOrder,
  Complaint,
  Customer,
  RefundNote,
  RefundRequest,
  RefundStatus,
  StaffUser,
} from '../src/domain/model';
import type { TimedRefundWindow } from '../src/domain/refundWorkflow';
import type { ClaimableConditions } from '../src/domain/reviewerRouting';
import type { SlaSettings } from '../src/domain/slaSettings';

export interface Collections {
  users: StaffUser;
  customers: Customer;
  orders: CoinOrder;
  refunds: RefundRequest;
  complaints: Complaint;
  events: AuditEvent;
  notes: RefundNote;
  coinMovements: CoinMovement;
}
export type CollectionName = keyof Collections;
export const COLLECTION_NAMES: readonly CollectionName[] = [
  'users',
  'customers',
  'orders',
  'refunds',
  'complaints',
  'events',
  'notes',
  'coinMovements',
];

/** Every record of a database, as the seed produces it and as a json-server db.json holds it. */
export type Snapshot = { [K in CollectionName]: Collections[K][] } & { meta: SnapshotMeta };

export interface SnapshotMeta {
  /** the last number handed out per id prefix ("r", "e", "cp" …) */
  sequences: Record<string, number>;
  seededAt?: string;
  seed?: number;
}

/**
 * One record written by a command. `over` is the version the change was computed from: the write
 * happens only while the stored record is still at that version (checked in the UPDATE itself), so a
 * change computed from a stale read can never land. Derived-field refreshes leave it out. `was` is
 * the record as this transaction read it: the write then sets only the columns that differ (the
 * indexes and search index of the others are left alone).
 */
export type Change = {
  [K in CollectionName]: { c: K; v: Collections[K]; over?: number; was?: Collections[K] };
}[CollectionName];

/** A versioned write whose record had moved on: the command is refused as a conflict (409). */
export class WriteConflict extends Error {
  constructor(
    readonly collection: CollectionName,
    readonly id: string,
  ) {
    super(`${collection} ${id} was changed by someone else meanwhile.`);
  }
}

export interface DeskReader {
  get<K extends CollectionName>(collection: K, id: string): Promise<Collections[K] | undefined>;
  /** every request for the order (duplicates, resubmissions and what was already refunded on it) */
  refundsForOrder(orderId: string): Promise<RefundRequest[]>;
  refundsForCustomer(customerId: string): Promise<RefundRequest[]>;
  /** the requests in any of `windows` (where a timed action can be due: the clockwork), by id */
  refundsInTimedWindows(windows: readonly TimedRefundWindow[]): Promise<RefundRequest[]>;
  /** other customers paying from the same account (the profile's linked accounts) */
  customersOnPaymentAccount(paymentAccountId: string): Promise<Customer[]>;
  /** the complaint still being worked on this request (at most one), other than `exceptId` */
  activeComplaintFor(refundId: string, exceptId?: string): Promise<Complaint | null>;
  /** every complaint still being worked */
  activeComplaints(): Promise<Complaint[]>;
  /** the complaints still being worked whose due time is `nowIso` or earlier (the clockwork) */
  activeComplaintsDueBy(nowIso: string): Promise<Complaint[]>;
  complaintsOfCustomer(customerId: string): Promise<Complaint[]>;
  activeUserByUsername(username: string): Promise<StaffUser | undefined>;
  /** every staff account, active or not (a few dozen: the staff admin's rules read them whole) */
  allUsers(): Promise<StaffUser[]>;
  /** the requests in one of `statuses` held by `assigneeId` (a deactivation's claims) */
  refundsAssignedTo(assigneeId: string, statuses: readonly RefundStatus[]): Promise<RefundRequest[]>;
  /** how many of those there are, `exceptId` aside (a claim's cap counts them without reading them) */
  countRefundsAssignedTo(
    assigneeId: string,
    statuses: readonly RefundStatus[],
    exceptId?: string,
  ): Promise<number>;
  /** the working-hours calendar and targets due times count in (the defaults until an admin saves) */
  slaSettings(): Promise<SlaSettings>;
  /** every policy version, oldest first (read fresh: another process may have published one) */
  policyVersions(): Promise<PolicyVersion[]>;
  /** the policy version a request names (versions never change) */
  policyVersion(version: number): Promise<PolicyInForce>;
}

export interface DeskWriter extends DeskReader {
  /** the next id for a prefix ("r12", "e345"), unique across every process on the database */
  nextId(prefix: string): Promise<string>;
  /** writes the changes, in order; a versioned change over a record that moved on throws WriteConflict */
  commit(changes: readonly Change[]): Promise<void>;
  /**
   * The most urgent claimable request (compareClaimPriority) that meets `eligible` (the claiming
   * reviewer's languages and skills), locked for this transaction: a concurrent claim-next in
   * another process skips it and takes the next one.
   */
  mostUrgentClaimable(eligible: ClaimableConditions): Promise<RefundRequest | undefined>;
  /**
   * The staff account, its row locked until this transaction ends: one reviewer's concurrent
   * claim-next calls (in any process) then count what they hold one after another.
   */
  lockedUser(id: string): Promise<StaffUser | undefined>;
}

export interface Desk extends DeskReader {
  /** one transaction: everything `work` commits lands together, or nothing does */
  command<T>(work: (tx: DeskWriter) => Promise<T>): Promise<T>;
  /**
   * Runs `work` only if no other process is running the work of that name (the timers), else
   * answers null without waiting.
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T | null>;
}
