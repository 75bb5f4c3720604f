// The types and enums of the whole product. Pure data: no React, no I/O.
// Money is integer fen (1/100 CNY); coins are integers; times are ISO-8601 UTC strings.

export type Fen = number;
export type IsoDateTime = string;

export const ROLES = ['reviewer', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface StaffUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  /** scrypt hash, never served by the API */
  passwordHash?: string;
  active: boolean;
  /** moved on by each change an administrator makes (absent: 1) */
  version?: number;
  /** the customers' languages this reviewer reads (absent: every language; reviewerRouting.ts) */
  languages?: Locale[];
  /** what the reviewer may take beyond the everyday (absent: none) */
  skills?: ReviewerSkill[];
  /** how many requests they may hold at once; null or absent: DEFAULT_REVIEWER_CAP */
  claimCap?: number | null;
  /** away: claim-next hands them nothing, and their claims went back when they left (absent: here) */
  away?: boolean | null;
  awaySince?: IsoDateTime | null;
}

export const REVIEWER_SKILLS = ['senior'] as const;
export type ReviewerSkill = (typeof REVIEWER_SKILLS)[number];

export const ACCOUNT_STATUSES = ['normal', 'restricted', 'banned'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Customer {
  id: string;
  name: string;
  accountStatus: AccountStatus;
  /** the language the customer writes in; message templates default to it */
  locale: Locale;
  registeredAt: IsoDateTime;
  /** fingerprint of the payment account (card, wallet) used, to find linked accounts */
  paymentAccountId: string;
}

export const PAYMENT_CHANNELS = ['wechat_pay', 'alipay', 'apple_iap', 'bank_card'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export interface CoinOrder {
  id: string;
  orderNumber: string;
  customerId: string;
  coins: number;
  paidFen: Fen;
  paymentChannel: PaymentChannel;
  purchasedAt: IsoDateTime;
  coinsSpent: number;
  /** of coinsSpent, how many went to tips (gifts to streamers) */
  coinsSpentOnTips: number;
}

export const SUBMISSION_CHANNELS = ['app', 'web', 'phone', 'chat'] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

export const REASON_CATEGORIES = [
  'mistaken_purchase',
  'service_not_as_promised',
  'poor_stream_experience',
  'unauthorised_charge',
  'duplicate_charge',
  'other',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export const REFUND_STATUSES = [
  'pending',
  'in_review',
  'awaiting_info',
  'awaiting_second_approval',
  'approved',
  'partially_approved',
  'rejected',
  'refunded',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Statuses in which a request still needs work from the desk (counted as backlog, SLA alive). */
export const OPEN_REFUND_STATUSES: readonly RefundStatus[] = [
  'pending',
  'in_review',
  'awaiting_info',
  'awaiting_second_approval',
];

export const REJECTION_REASONS = [
  'outside_window',
  'coins_spent',
  'already_refunded',
  'information_missing',
  'account_restricted',
  'duplicate',
  'tipping_policy',
  'suspected_fraud',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const INFO_ITEMS = [
  'order_number',
  'purchase_time',
  'reason_detail',
  'payment_proof',
  'account_verification',
] as const;
export type InfoItem = (typeof INFO_ITEMS)[number];

export type PolicySuggestion = 'approve' | 'approve_partial' | 'reject' | 'request_info';

/** Policy flags stored on the request so the list can filter on them; recomputed on every change. */
export interface PolicyFlags {
  outsideWindow: boolean;
  hasSpentCoins: boolean;
  tipping: boolean;
  infoIncomplete: boolean;
  accountRestricted: boolean;
  duplicate: boolean;
  /** a data error: the purchase time is later than the submission */
  purchaseAfterSubmission: boolean;
}
export const POLICY_FLAGS = [
  'outsideWindow',
  'hasSpentCoins',
  'tipping',
  'infoIncomplete',
  'accountRestricted',
  'duplicate',
  'purchaseAfterSubmission',
] as const satisfies readonly (keyof PolicyFlags)[];
export type PolicyFlag = (typeof POLICY_FLAGS)[number];

export interface RefundDecision {
  action: 'approve' | 'reject' | 'request_info';
  by: string;
  at: IsoDateTime;
  amountFen?: Fen;
  reasonCode?: RejectionReason;
  missingItems?: InfoItem[];
  customerMessage: string;
  note?: string;
  /** set when the reviewer went against the policy suggestion */
  againstSuggestion?: boolean;
  suggestion?: PolicySuggestion;
}

export interface RefundRequest extends PolicyFlags {
  id: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerName: string;
  customerLocale: Locale;
  paidFen: Fen;
  coins: number;
  coinsSpent: number;
  coinsSpentOnTips: number;
  refundableFen: Fen;
  paymentChannel: PaymentChannel;
  purchasedAt: IsoDateTime;
  submissionChannel: SubmissionChannel;
  reasonCategory: ReasonCategory;
  description: string;
  evidenceFiles: string[];
  /** what the customer supplied with the request; drives the "information complete" check */
  providedItems: InfoItem[];
  status: RefundStatus;
  assigneeId: string | null;
  submittedAt: IsoDateTime;
  /** start of the current SLA clock: submission, or the customer's latest reply */
  slaStartAt: IsoDateTime;
  slaDueAt: IsoDateTime;
  /** when the request went to awaiting_info (for the 7-day timeout) */
  awaitingInfoSince: IsoDateTime | null;
  firstDecisionAt: IsoDateTime | null;
  decidedAt: IsoDateTime | null;
  decision: RefundDecision | null;
  approvedFen: Fen | null;
  /** the reviewer whose approval waits for a second approver */
  firstApproverId: string | null;
  overrideBy: string | null;
  overrideNote: string | null;
  expectedArrivalAt: IsoDateTime | null;
  refundedAt: IsoDateTime | null;
  /** set when the request resubmits an earlier rejected one */
  resubmissionOf: string | null;
  overturned: boolean;
  /**
   * Set when a complaint overturn tops up a request that was already paid out: what the customer
   * had received before it. The next payout pays approvedFen − alreadyRefundedFen.
   */
  alreadyRefundedFen?: Fen | null;
  /** the order's coins held for this request (coinHold.ts); absent or null on requests stored before */
  coinHold?: CoinHold | null;
  /** while a second approval is awaited: when it is due (slaSettings.ts); absent on older requests */
  secondApprovalDueAt?: IsoDateTime | null;
  /**
   * the expected decision time told to the customer when the platform submitted the request
   * (expectedDecision.ts), kept to measure it; absent on older requests and staff-entered ones
   */
  expectedDecisionGiven?: IsoDateTime | null;
  /** the policy version in force when the request was submitted (policyVersions.ts): its rules judge it */
  policyVersion: number;
  updatedAt: IsoDateTime;
  updatedBy: string | null;
  version: number;
}

/**
 * What a request holds when it is submitted and nothing has happened to it yet: no decision, no
 * override, no payout, and no policy flag until the policy has been applied.
 */
export const NEW_REFUND_REQUEST_STATE = {
  awaitingInfoSince: null,
  firstDecisionAt: null,
  decidedAt: null,
  decision: null,
  approvedFen: null,
  firstApproverId: null,
  overrideBy: null,
  overrideNote: null,
  expectedArrivalAt: null,
  refundedAt: null,
  resubmissionOf: null,
  overturned: false,
  updatedBy: null,
  outsideWindow: false,
  hasSpentCoins: false,
  tipping: false,
  infoIncomplete: false,
  accountRestricted: false,
  duplicate: false,
  purchaseAfterSubmission: false,
} as const satisfies Partial<RefundRequest>;

/**
 * An internal note on a refund request: staff-only, append-only (never edited or deleted), and kept
 * apart from the request itself, so adding one never changes the version a decision is checked
 * against. Notes from before notes were kept this way (the request's old `internalNote` text) come
 * back as one `legacy` note: its author and time are the last recorded edit's, when known.
 */
export interface RefundNote {
  id: string;
  refundId: string;
  at: IsoDateTime;
  authorId: string | null;
  text: string;
  legacy?: true;
}

export const COMPLAINT_CHANNELS = ['in_app', 'phone', 'online_chat', 'regulator_referral'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_CATEGORIES = [
  'disputes_rejection',
  'disputes_partial_amount',
  'refund_late',
  'payout_not_received',
  'reviewer_conduct',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_STATUSES = [
  'open',
  'investigating',
  'awaiting_customer',
  'escalated',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Statuses in which a complaint is still being worked (only one such complaint per request). */
export const ACTIVE_COMPLAINT_STATUSES: readonly ComplaintStatus[] = [
  'open',
  'investigating',
  'awaiting_customer',
  'escalated',
];

export function isComplaintActive(status: ComplaintStatus): boolean {
  return ACTIVE_COMPLAINT_STATUSES.includes(status);
}

/**
 * Statuses in which a complaint's due time runs: active, and the desk not waiting on the customer
 * (complaintClock.ts pauses it in awaiting_customer and resumes it on the reply).
 */
export const COMPLAINT_CLOCK_STATUSES: readonly ComplaintStatus[] = ACTIVE_COMPLAINT_STATUSES.filter(
  (status) => status !== 'awaiting_customer',
);

export function isComplaintClockRunning(status: ComplaintStatus): boolean {
  return COMPLAINT_CLOCK_STATUSES.includes(status);
}

export const COMPLAINT_OUTCOMES = ['upheld', 'overturned', 'partially_overturned', 'goodwill'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

export const COMPLAINT_PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type ComplaintPriority = (typeof COMPLAINT_PRIORITIES)[number];

export interface ComplaintResolution {
  outcome: ComplaintOutcome;
  by: string;
  at: IsoDateTime;
  customerMessage: string;
  amountFen?: Fen;
  goodwillCoins?: number;
  /** the other supervisor who confirmed a resolution that needed four eyes */
  secondApproverId?: string;
  secondApprovedAt?: IsoDateTime;
}

/** Why a money move needs a second supervisor (the rule is in fourEyes.ts). */
export const SECOND_APPROVAL_REASONS = ['over_threshold', 'tipping', 'self_override'] as const;
export type SecondApprovalReason = (typeof SECOND_APPROVAL_REASONS)[number];

/** A resolution that moves money waiting for another supervisor's second approval. */
export interface PendingComplaintResolution extends ComplaintResolution {
  reasons: SecondApprovalReason[];
}

/** Goodwill coins credited to the customer by one resolution of a complaint. */
export interface GoodwillCredit {
  coins: number;
  at: IsoDateTime;
  by: string;
  secondApproverId?: string;
}

export interface Complaint {
  id: string;
  refundId: string;
  customerId: string;
  customerName: string;
  orderNumber: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  description: string;
  priority: ComplaintPriority;
  level: 1 | 2;
  status: ComplaintStatus;
  assigneeId: string | null;
  openedAt: IsoDateTime;
  openedBy: string | null;
  /** while awaiting_customer: the due time had the clock not paused (it moves on the reply) */
  dueAt: IsoDateTime;
  /** while the desk waits for the customer: when the wait began (migration 019) */
  awaitingCustomerSince?: IsoDateTime | null;
  /** while the desk waits for the customer: the working time that was left to dueAt at the pause */
  dueWorkingMsLeft?: number | null;
  escalatedAt: IsoDateTime | null;
  /** level 2 and past due: shown to managers */
  overdueFlag: boolean;
  /** the refund decision the customer disputes, as it stood when the complaint was opened */
  originalDecision: {
    status: RefundStatus;
    reviewerId: string | null;
    amountFen: Fen | null;
    /** when the disputed decision was taken, and the rejection reason if it was a rejection */
    decidedAt?: IsoDateTime | null;
    reasonCode?: RejectionReason | null;
  } | null;
  resolution: ComplaintResolution | null;
  /** a resolution waiting for a second supervisor; the complaint stays active meanwhile */
  pendingResolution?: PendingComplaintResolution | null;
  /** every goodwill credited on this complaint, across reopenings (the cap is on their sum) */
  goodwillCredits?: GoodwillCredit[];
  resolvedAt: IsoDateTime | null;
  closedAt: IsoDateTime | null;
  updatedAt: IsoDateTime;
  version: number;
}

export type AuditSubject = 'refund' | 'complaint';

export interface AuditEvent {
  id: string;
  subject: AuditSubject;
  /** the refund request concerned (for complaint events, the complaint's request) */
  refundId: string;
  complaintId: string | null;
  action: string;
  actorId: string | null;
  /** 'system' for the mock API's own timers, 'customer' for the customer side */
  actorKind: 'staff' | 'system' | 'customer';
  at: IsoDateTime;
  statusBefore: string | null;
  statusAfter: string | null;
  amountFen?: Fen | null;
  customerMessage?: string | null;
  note?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The order's unspent coins held while a request for it is open (coinHold.ts): `held` while the
 * desk decides, then `released` (back to the customer: rejected, timed out, withdrawn) or `revoked`
 * (taken back because their money is refunded; a partial approval revokes `revokedCoins` of them
 * and releases the rest). Requests stored before coins were held have none (null).
 */
export interface CoinHold {
  coins: number;
  status: CoinHoldStatus;
  revokedCoins?: number;
}
export const COIN_HOLD_STATUSES = ['held', 'released', 'revoked'] as const;
export type CoinHoldStatus = (typeof COIN_HOLD_STATUSES)[number];

export const COIN_MOVEMENT_REASONS = [
  'request_received',
  'rejected',
  'info_timeout',
  'withdrawn',
  'cancelled',
  'approved',
  'partially_approved',
] as const;
export type CoinMovementReason = (typeof COIN_MOVEMENT_REASONS)[number];

/** One line of the coin ledger: coins held, released or revoked for a request, by whom, when, why. */
export interface CoinMovement {
  id: string;
  refundId: string;
  orderId: string;
  customerId: string;
  kind: CoinHoldStatus;
  coins: number;
  /** the staff member whose change moved the coins; null for the desk's timers and the platform */
  actorId: string | null;
  reason: CoinMovementReason;
  at: IsoDateTime;
}
