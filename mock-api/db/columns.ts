// The columns of each table as the codecs and the list query read them: what kind of value each
// holds and whether it may be null. The migrations create them; test/db/migrations.test.ts checks
// that the migrated database has exactly these columns, so the two cannot drift apart.
import type { Database } from './schema';

/** `?` marks a nullable column. `json` is JSON text; `bool` is 0/1 (SQLite) or boolean (PostgreSQL). */
export type ColumnKind = 'text' | 'text?' | 'int' | 'int?' | 'real?' | 'bool' | 'bool?' | 'json' | 'json?';

export type TableColumns<T> = { [K in keyof T & string]: ColumnKind };

/** Columns every resource table has besides its fields. */
const IDENTITY = { id: 'text', idNumber: 'real?' } as const;

type AllColumns = { [K in keyof Database]: TableColumns<Database[K]> };

/**
 * The columns migration 001 creates. Frozen: a later migration that adds a column adds it to
 * TABLE_COLUMNS (spread over these), never here.
 */
export const V1_COLUMNS = {
  refunds: {
    ...IDENTITY,
    rowKey: 'int',
    orderId: 'text',
    orderNumber: 'text',
    customerId: 'text',
    customerName: 'text',
    customerLocale: 'text',
    paidFen: 'int',
    coins: 'int',
    coinsSpent: 'int',
    coinsSpentOnTips: 'int',
    refundableFen: 'int',
    paymentChannel: 'text',
    purchasedAt: 'text',
    submissionChannel: 'text',
    reasonCategory: 'text',
    description: 'text',
    evidenceFiles: 'json',
    providedItems: 'json',
    status: 'text',
    assigneeId: 'text?',
    submittedAt: 'text',
    slaStartAt: 'text',
    slaDueAt: 'text',
    awaitingInfoSince: 'text?',
    firstDecisionAt: 'text?',
    decidedAt: 'text?',
    decision: 'json?',
    approvedFen: 'int?',
    firstApproverId: 'text?',
    overrideBy: 'text?',
    overrideNote: 'text?',
    expectedArrivalAt: 'text?',
    refundedAt: 'text?',
    resubmissionOf: 'text?',
    overturned: 'bool',
    alreadyRefundedFen: 'int?',
    absentFields: 'json?',
    updatedAt: 'text',
    updatedBy: 'text?',
    version: 'int',
    outsideWindow: 'bool',
    hasSpentCoins: 'bool',
    tipping: 'bool',
    infoIncomplete: 'bool',
    accountRestricted: 'bool',
    duplicate: 'bool',
    purchaseAfterSubmission: 'bool',
    againstSuggestion: 'bool',
    orderNumberFolded: 'text',
    customerNameFolded: 'text',
    descriptionFolded: 'text',
  },
  complaints: {
    ...IDENTITY,
    refundId: 'text',
    customerId: 'text',
    customerName: 'text',
    orderNumber: 'text',
    channel: 'text',
    category: 'text',
    description: 'text',
    priority: 'text',
    level: 'int',
    status: 'text',
    assigneeId: 'text?',
    openedAt: 'text',
    openedBy: 'text?',
    dueAt: 'text',
    escalatedAt: 'text?',
    overdueFlag: 'bool',
    originalDecision: 'json?',
    resolution: 'json?',
    pendingResolution: 'json?',
    goodwillCredits: 'json?',
    absentFields: 'json?',
    resolvedAt: 'text?',
    closedAt: 'text?',
    updatedAt: 'text',
    version: 'int',
    resolutionOutcome: 'text?',
    descriptionFolded: 'text',
    customerNameFolded: 'text',
    orderNumberFolded: 'text',
  },
  events: {
    ...IDENTITY,
    subject: 'text',
    refundId: 'text',
    complaintId: 'text?',
    action: 'text',
    actorId: 'text?',
    actorKind: 'text',
    at: 'text',
    statusBefore: 'text?',
    statusAfter: 'text?',
    amountFen: 'int?',
    customerMessage: 'text?',
    note: 'text?',
    details: 'json?',
    absentFields: 'json?',
    actionFolded: 'text',
    customerMessageFolded: 'text?',
    noteFolded: 'text?',
  },
  users: {
    ...IDENTITY,
    username: 'text',
    fullName: 'text',
    role: 'text',
    passwordHash: 'text?',
    absentFields: 'json?',
    active: 'bool',
    usernameFolded: 'text',
    fullNameFolded: 'text',
  },
  customers: {
    ...IDENTITY,
    name: 'text',
    accountStatus: 'text',
    locale: 'text',
    registeredAt: 'text',
    paymentAccountId: 'text',
    nameFolded: 'text',
  },
  orders: {
    ...IDENTITY,
    orderNumber: 'text',
    customerId: 'text',
    coins: 'int',
    paidFen: 'int',
    paymentChannel: 'text',
    purchasedAt: 'text',
    coinsSpent: 'int',
    coinsSpentOnTips: 'int',
    orderNumberFolded: 'text',
  },
  notes: {
    ...IDENTITY,
    refundId: 'text',
    at: 'text',
    authorId: 'text?',
    text: 'text',
    legacy: 'bool?',
    absentFields: 'json?',
    textFolded: 'text',
  },
  refundDecisions: {
    eventId: 'text',
    refundId: 'text',
    at: 'text',
    atMs: 'int',
    outcome: 'text',
    reviewerId: 'text',
    againstSuggestion: 'bool',
    latencyMs: 'int?',
  },
  idSequences: { prefix: 'text', last: 'int' },
  storeMeta: { key: 'text', value: 'text' },
} as const satisfies Record<
  Exclude<
    keyof Database,
    'coinMovements' | 'presence' | 'deskSettings' | 'deskSettingsChanges' | 'policyVersions'
  >,
  Record<string, ColumnKind>
>;

/** The columns of today's schema. */
export const TABLE_COLUMNS: AllColumns = {
  ...V1_COLUMNS,
  // migration 006 (decisionBy, originalReviewerId) and 011 (coinHold); 019 (the complaint's paused clock)
  complaints: {
    ...V1_COLUMNS.complaints,
    originalReviewerId: 'text?',
    awaitingCustomerSince: 'text?',
    dueWorkingMsLeft: 'int?',
  },
  // migration 009 (version), 016 (languages, skills, claimCap) and 018 (away, awaySince)
  users: {
    ...V1_COLUMNS.users,
    version: 'int?',
    languages: 'json?',
    skills: 'json?',
    claimCap: 'int?',
    away: 'bool?',
    awaySince: 'text?',
  },
  // and 015 (secondApprovalDueAt), 020 (expectedDecisionGiven), 023 (policyVersion)
  refunds: {
    ...V1_COLUMNS.refunds,
    decisionBy: 'text?',
    coinHold: 'json?',
    secondApprovalDueAt: 'text?',
    expectedDecisionGiven: 'text?',
    policyVersion: 'int',
  },
  // migration 011
  coinMovements: {
    ...IDENTITY,
    refundId: 'text',
    orderId: 'text',
    customerId: 'text',
    kind: 'text',
    coins: 'int',
    actorId: 'text?',
    reason: 'text',
    at: 'text',
  },
  // migration 013
  presence: { resource: 'text', recordId: 'text', userId: 'text', seenAt: 'text', seenMs: 'int' },
  // migration 015
  deskSettings: { kind: 'text', body: 'text', version: 'int', updatedAt: 'text', updatedBy: 'text?' },
  deskSettingsChanges: { kind: 'text', version: 'int', body: 'text', changedBy: 'text', changedAt: 'text' },
  // migration 023
  policyVersions: {
    version: 'int',
    effectiveAt: 'text',
    parameters: 'json',
    note: 'text',
    createdBy: 'text',
    createdAt: 'text',
  },
};

export function isNullable(kind: ColumnKind): boolean {
  return kind.endsWith('?');
}
