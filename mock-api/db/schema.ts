// The tables of the API's database, as Kysely sees them (migrations/ creates them on both engines).
//
// One column per scalar field of the domain record (src/domain/model.ts), named as the field, so a
// list filter or sort names its column directly (field names come only from resources.ts). Nested
// values (a decision, a resolution, lists) are JSON text. Besides the record, each table keeps columns
// derived from it at write time (codecs.ts), never by hand:
// - `idNumber`: the number in the id ("r12" → 12), the order of compareIds (r9 before r10);
// - `<field>Folded`: a search field lower-cased by JavaScript's toLowerCase, which folds beyond ASCII
//   (SQLite's lower() folds ASCII only; PostgreSQL's depends on the server's locale);
// - what a computed filter needs (refunds.againstSuggestion, complaints.resolutionOutcome).
// Booleans are 0/1 on SQLite and boolean on PostgreSQL; the codecs read both.
import type { ColumnType, Generated } from 'kysely';

/** A boolean column: written as 0/1 (both engines accept it), read as 0/1 (SQLite) or a boolean. */
export type BoolColumn = ColumnType<number | boolean, number, number>;
/**
 * A JSON column: text on both engines. Not jsonb: it reorders keys, and the API hands records back
 * exactly as they were written; nothing filters inside these values.
 */
export type JsonColumn = string;
type NullableJsonColumn = string | null;

/**
 * Tables of records with optional properties (`amountFen?: Fen | null`): which of them the record
 * did not have, as a JSON list (null when it had them all), so that an absent property comes back
 * absent and a null one null.
 */
interface WithOptionalFields {
  absentFields: string | null;
}

interface Identified {
  id: string;
  /** the number in the id, null when it has none (compareIds then compares the text) */
  idNumber: number | null;
}

export interface RefundsTable extends Identified, WithOptionalFields {
  /** SQLite's rowid (the FTS index points at it); an identity column on PostgreSQL */
  rowKey: Generated<number>;
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerName: string;
  customerLocale: string;
  paidFen: number;
  coins: number;
  coinsSpent: number;
  coinsSpentOnTips: number;
  refundableFen: number;
  paymentChannel: string;
  purchasedAt: string;
  submissionChannel: string;
  reasonCategory: string;
  description: string;
  evidenceFiles: JsonColumn;
  providedItems: JsonColumn;
  status: string;
  assigneeId: string | null;
  submittedAt: string;
  slaStartAt: string;
  slaDueAt: string;
  awaitingInfoSince: string | null;
  firstDecisionAt: string | null;
  decidedAt: string | null;
  decision: NullableJsonColumn;
  approvedFen: number | null;
  firstApproverId: string | null;
  overrideBy: string | null;
  overrideNote: string | null;
  expectedArrivalAt: string | null;
  refundedAt: string | null;
  resubmissionOf: string | null;
  overturned: BoolColumn;
  alreadyRefundedFen: number | null;
  /** migration 011: the coins held for the request (CoinHold as JSON), null before coins were held */
  coinHold: NullableJsonColumn;
  /** migration 015: when the second approval is due, null while none is awaited */
  secondApprovalDueAt: string | null;
  /** migration 020: the expected decision time told to the customer at submission, null when none was */
  expectedDecisionGiven: string | null;
  /** migration 023: the policy version the request was judged under (policyVersions.version) */
  policyVersion: number;
  updatedAt: string;
  updatedBy: string | null;
  version: number;
  outsideWindow: BoolColumn;
  hasSpentCoins: BoolColumn;
  tipping: BoolColumn;
  infoIncomplete: BoolColumn;
  accountRestricted: BoolColumn;
  duplicate: BoolColumn;
  purchaseAfterSubmission: BoolColumn;
  /** derived: decision?.againstSuggestion ?? false (filter "againstSuggestion") */
  againstSuggestion: BoolColumn;
  /** derived: decision?.by (who may read the request's complaints, permissions.ts) */
  decisionBy: string | null;
  orderNumberFolded: string;
  customerNameFolded: string;
  descriptionFolded: string;
}

export interface ComplaintsTable extends Identified, WithOptionalFields {
  refundId: string;
  customerId: string;
  customerName: string;
  orderNumber: string;
  channel: string;
  category: string;
  description: string;
  priority: string;
  level: number;
  status: string;
  assigneeId: string | null;
  openedAt: string;
  openedBy: string | null;
  dueAt: string;
  /** migration 019: while the desk waits for the customer, when it began and the working time left */
  awaitingCustomerSince: string | null;
  dueWorkingMsLeft: number | null;
  escalatedAt: string | null;
  overdueFlag: BoolColumn;
  originalDecision: NullableJsonColumn;
  resolution: NullableJsonColumn;
  pendingResolution: NullableJsonColumn;
  goodwillCredits: NullableJsonColumn;
  resolvedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  version: number;
  /** derived: resolution?.outcome (filter "outcome") */
  resolutionOutcome: string | null;
  /** derived: originalDecision?.reviewerId (who may read the complaint, permissions.ts) */
  originalReviewerId: string | null;
  descriptionFolded: string;
  customerNameFolded: string;
  orderNumberFolded: string;
}

export interface EventsTable extends Identified, WithOptionalFields {
  subject: string;
  refundId: string;
  complaintId: string | null;
  action: string;
  actorId: string | null;
  actorKind: string;
  at: string;
  statusBefore: string | null;
  statusAfter: string | null;
  amountFen: number | null;
  customerMessage: string | null;
  note: string | null;
  details: NullableJsonColumn;
  actionFolded: string;
  customerMessageFolded: string | null;
  noteFolded: string | null;
}

export interface UsersTable extends Identified, WithOptionalFields {
  username: string;
  fullName: string;
  role: string;
  passwordHash: string | null;
  active: BoolColumn;
  /** moved on by each change an administrator makes (009_staff_admin); null only if never set */
  version: number | null;
  /** JSON text of Locale[] / ReviewerSkill[], and the cap of requests held (016_reviewer_routing) */
  languages: string | null;
  skills: string | null;
  claimCap: number | null;
  /** marked away, and since when (018_reviewer_away); null on accounts stored before: not away */
  away: BoolColumn | null;
  awaySince: string | null;
  usernameFolded: string;
  fullNameFolded: string;
}

export interface CustomersTable extends Identified {
  name: string;
  accountStatus: string;
  locale: string;
  registeredAt: string;
  paymentAccountId: string;
  nameFolded: string;
}

export interface OrdersTable extends Identified {
  orderNumber: string;
  customerId: string;
  coins: number;
  paidFen: number;
  paymentChannel: string;
  purchasedAt: string;
  coinsSpent: number;
  coinsSpentOnTips: number;
  orderNumberFolded: string;
}

/** Internal notes on a request (RefundNote): append-only, apart from the request's row. */
export interface NotesTable extends Identified, WithOptionalFields {
  refundId: string;
  at: string;
  authorId: string | null;
  text: string;
  /** true for a note carried over from the request's old internalNote text, else absent (null) */
  legacy: BoolColumn | null;
  textFolded: string;
}

/** The coin ledger (CoinMovement, migration 011): every hold, release and revocation of coins. */
export interface CoinMovementsTable extends Identified {
  refundId: string;
  orderId: string;
  customerId: string;
  kind: string;
  coins: number;
  actorId: string | null;
  reason: string;
  at: string;
}

/**
 * Derived from the audit events, in the transaction that writes them: each request's decisions as
 * the metrics classify them (classifyDecisions), for the list's "decided" filter and the metrics.
 */
export interface RefundDecisionsTable {
  eventId: string;
  refundId: string;
  at: string;
  atMs: number;
  outcome: string;
  reviewerId: string;
  againstSuggestion: BoolColumn;
  latencyMs: number | null;
}

/** The last number handed out per id prefix ("r", "c", "e" …): Store.nextId's sequences. */
export interface IdSequencesTable {
  prefix: string;
  last: number;
}

/** Facts about the database itself (seededAt, seed). */
export interface StoreMetaTable {
  key: string;
  value: string;
}

/** Who is viewing a request or complaint, refreshed by the page's heartbeat (migration 013). */
export interface PresenceTable {
  resource: string;
  recordId: string;
  userId: string;
  seenAt: string;
  seenMs: number;
}

/** The desk's settings by kind ("sla"), as an admin last saved them (migration 015). */
export interface DeskSettingsTable {
  kind: string;
  body: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** Every saved version of the desk's settings, with who saved it (migration 015). */
export interface DeskSettingsChangesTable {
  kind: string;
  version: number;
  body: string;
  changedBy: string;
  changedAt: string;
}

/** migration 023: one row per policy version, never updated (src/domain/policyVersions.ts) */
export interface PolicyVersionsTable {
  version: number;
  effectiveAt: string;
  /** PolicyParameters as JSON */
  parameters: string;
  note: string;
  createdBy: string;
  createdAt: string;
}

export interface Database {
  refunds: RefundsTable;
  complaints: ComplaintsTable;
  events: EventsTable;
  users: UsersTable;
  customers: CustomersTable;
  orders: OrdersTable;
  notes: NotesTable;
  refundDecisions: RefundDecisionsTable;
  idSequences: IdSequencesTable;
  storeMeta: StoreMetaTable;
  coinMovements: CoinMovementsTable;
  presence: PresenceTable;
  deskSettings: DeskSettingsTable;
  deskSettingsChanges: DeskSettingsChangesTable;
  policyVersions: PolicyVersionsTable;
}

/** The tables that hold a resource of the API (the others are derived or bookkeeping). */
export type ResourceTable =
  'refunds' | 'complaints' | 'events' | 'users' | 'customers' | 'orders' | 'notes' | 'coinMovements';
