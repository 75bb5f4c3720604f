// What each resource can be filtered, sorted and searched by, in the simple-rest dialect.
import type {
  AuditEvent,
  CoinMovement,
  Complaint,
  CoinOrder,
  Customer,
  RefundNote,
  RefundRequest,
  StaffUser,
} from '../src/domain/model';
import { isComplaintClockRunning } from '../src/domain/model';
import { parseCanonicalUtc } from '../src/domain/instant';
import {
  DECISION_OUTCOMES,
  decisionMatches,
  type DecisionOutcome,
  type DecisionSelector,
} from '../src/domain/metrics';
import { ownFiguresOnly } from '../src/domain/permissions';
import { SLA_STATES, slaStateAt, type SlaState } from '../src/domain/sla';
import { badQuery, timeProblem, type ResourceSpec } from './simpleRest';

/**
 * Filter "decided": `{ from, to, outcome?, reviewerId? }` selects the requests with at least one
 * decision (as the metrics count them: classifyDecisions) at an instant in [from, to), with that
 * outcome (one of DECISION_OUTCOMES, or a list of them) and by that reviewer. A request decided
 * twice in the range (information requested, then approved) is listed once.
 */
export function parseDecidedFilter(value: unknown): DecisionSelector {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badQuery('decided_not_object');
  }
  const { from, to, outcome, reviewerId, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw badQuery('decided_unknown_key', { key: unknown[0] });
  const instant = (name: string, v: unknown): number => {
    const ms = parseCanonicalUtc(v);
    if (ms === null) {
      throw badQuery('time_not_canonical_utc', { problem: timeProblem('decided', { name }) });
    }
    return ms;
  };
  const fromMs = instant('from', from);
  const toMs = instant('to', to);
  if (fromMs >= toMs) throw badQuery('decided_from_after_to');
  let outcomes: DecisionOutcome[] | undefined;
  if (outcome !== undefined) {
    const list = Array.isArray(outcome) ? outcome : [outcome];
    for (const o of list) {
      if (!(DECISION_OUTCOMES as readonly unknown[]).includes(o)) {
        throw badQuery('decided_unknown_outcome', { choices: DECISION_OUTCOMES });
      }
    }
    outcomes = list as DecisionOutcome[];
  }
  if (reviewerId !== undefined && (typeof reviewerId !== 'string' || reviewerId.length === 0)) {
    throw badQuery('decided_reviewer_id');
  }
  return { fromMs, toMs, outcomes, reviewerId: reviewerId as string | undefined };
}

/** A staff-id filter's value (one id, null, or a list of them): the ids it selects. */
const staffIds = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

const slaStateFilter = (value: unknown, ctx: { nowMs: number }) => {
  const states = (Array.isArray(value) ? value : [value]) as unknown[];
  for (const s of states) {
    if (!SLA_STATES.includes(s as SlaState)) {
      throw badQuery('filter_sla_state', { choices: SLA_STATES });
    }
  }
  const wanted = new Set(states as SlaState[]);
  const stateOf = slaStateAt(ctx.nowMs);
  return (r: RefundRequest) => wanted.has(stateOf(r));
};

export const refundSpec: ResourceSpec<RefundRequest> = {
  name: 'refunds',
  fields: {
    orderId: 'string',
    orderNumber: 'string',
    customerId: 'string',
    customerName: 'string',
    paidFen: 'number',
    coins: 'number',
    coinsSpent: 'number',
    refundableFen: 'number',
    approvedFen: 'number',
    paymentChannel: 'string',
    submissionChannel: 'string',
    reasonCategory: 'string',
    status: 'string',
    assigneeId: 'nullableString',
    firstApproverId: 'nullableString',
    submittedAt: 'date',
    slaDueAt: 'date',
    decidedAt: 'date',
    firstDecisionAt: 'date',
    refundedAt: 'date',
    updatedAt: 'date',
    customerLocale: 'string',
    outsideWindow: 'boolean',
    hasSpentCoins: 'boolean',
    tipping: 'boolean',
    infoIncomplete: 'boolean',
    accountRestricted: 'boolean',
    duplicate: 'boolean',
    purchaseAfterSubmission: 'boolean',
    overturned: 'boolean',
    resubmissionOf: 'nullableString',
    version: 'number',
  },
  searchFields: ['orderNumber', 'customerName', 'description'],
  computedFilters: {
    slaState: slaStateFilter,
    // a reviewer's "decided against the policy suggestion" view (metrics click-through)
    againstSuggestion: (value) => {
      if (typeof value !== 'boolean') throw badQuery('filter_true_or_false', { filter: 'againstSuggestion' });
      return (r: RefundRequest) => (r.decision?.againstSuggestion ?? false) === value;
    },
    // the requests behind a decision figure of the metrics (click-through): see decidedFilter
    decided: (value, ctx) => {
      // a reviewer counts only their own decisions, as in the metrics (another id is a 403 first)
      const selector = parseDecidedFilter(value);
      selector.reviewerId = ownFiguresOnly({ id: ctx.userId, role: ctx.role }) ?? selector.reviewerId;
      const decisions = ctx.decisions;
      if (!decisions) throw badQuery('decided_unavailable');
      return (r: RefundRequest) => decisions(r.id).some((d) => decisionMatches(d, selector));
    },
  },
  defaultSort: ['slaDueAt', 'ASC'],
  nullAliases: ['unassigned'],
  staffFilters: {
    assigneeId: staffIds,
    firstApproverId: staffIds,
    decided: (value) =>
      typeof value === 'object' && value !== null && 'reviewerId' in value ? [value.reviewerId] : [],
  },
};

export const complaintSpec: ResourceSpec<Complaint> = {
  name: 'complaints',
  fields: {
    refundId: 'string',
    customerId: 'string',
    customerName: 'string',
    orderNumber: 'string',
    channel: 'string',
    category: 'string',
    priority: 'string',
    level: 'number',
    status: 'string',
    assigneeId: 'nullableString',
    openedAt: 'date',
    dueAt: 'date',
    resolvedAt: 'date',
    overdueFlag: 'boolean',
    updatedAt: 'date',
    version: 'number',
  },
  searchFields: ['description', 'customerName', 'orderNumber'],
  computedFilters: {
    overdue: (value, ctx) => {
      if (typeof value !== 'boolean') throw badQuery('filter_true_or_false', { filter: 'overdue' });
      // a complaint waiting on the customer is not overdue: its clock is paused
      return (c: Complaint) =>
        (isComplaintClockRunning(c.status) && Date.parse(c.dueAt) < ctx.nowMs) === value;
    },
    outcome: (value) => {
      const outcomes = Array.isArray(value) ? value : [value];
      if (!outcomes.every((o) => typeof o === 'string')) throw badQuery('filter_outcome_text');
      return (c: Complaint) => c.resolution !== null && outcomes.includes(c.resolution.outcome);
    },
  },
  defaultSort: ['dueAt', 'ASC'],
  nullAliases: ['unassigned'],
  staffFilters: { assigneeId: staffIds },
};

export const eventSpec: ResourceSpec<AuditEvent> = {
  name: 'events',
  fields: {
    subject: 'string',
    refundId: 'string',
    complaintId: 'nullableString',
    action: 'string',
    actorId: 'nullableString',
    actorKind: 'string',
    at: 'date',
    statusBefore: 'nullableString',
    statusAfter: 'nullableString',
  },
  searchFields: ['action', 'customerMessage', 'note'] as (keyof AuditEvent & string)[],
  defaultSort: ['at', 'DESC'],
  staffFilters: { actorId: staffIds },
};

export const userSpec: ResourceSpec<StaffUser> = {
  name: 'users',
  fields: { username: 'string', fullName: 'string', role: 'string', active: 'boolean' },
  searchFields: ['username', 'fullName'],
  defaultSort: ['fullName', 'ASC'],
};

export const customerSpec: ResourceSpec<Customer> = {
  name: 'customers',
  fields: {
    name: 'string',
    accountStatus: 'string',
    locale: 'string',
    registeredAt: 'date',
    paymentAccountId: 'string',
  },
  searchFields: ['name'],
  defaultSort: ['name', 'ASC'],
};

export const orderSpec: ResourceSpec<CoinOrder> = {
  name: 'orders',
  fields: {
    orderNumber: 'string',
    customerId: 'string',
    coins: 'number',
    paidFen: 'number',
    paymentChannel: 'string',
    purchasedAt: 'date',
    coinsSpent: 'number',
    coinsSpentOnTips: 'number',
  },
  searchFields: ['orderNumber'],
  defaultSort: ['purchasedAt', 'DESC'],
};

/** Internal notes: read here (a request's, oldest first), added with POST /api/refunds/:id/notes. */
export const noteSpec: ResourceSpec<RefundNote> = {
  name: 'notes',
  fields: { refundId: 'string', authorId: 'nullableString', at: 'date' },
  searchFields: ['text'],
  defaultSort: ['at', 'ASC'],
  // who wrote how many notes is a colleague's work, as the events' actorId is
  staffFilters: { authorId: staffIds },
};

/** The coin ledger: read here (a request's, oldest first); written only with the refund changes (coinLedger.ts). */
export const coinMovementSpec: ResourceSpec<CoinMovement> = {
  name: 'coinMovements',
  fields: {
    refundId: 'string',
    orderId: 'string',
    customerId: 'string',
    kind: 'string',
    coins: 'number',
    actorId: 'nullableString',
    reason: 'string',
    at: 'date',
  },
  searchFields: [],
  defaultSort: ['at', 'ASC'],
  staffFilters: { actorId: staffIds },
};

/** A resource's spec with its record type erased: what the generic list and show routes need. */
export type AnySpec = ResourceSpec<{ id: string }>;

/** Every resource the API lists and shows, by its URL name. */
export const READ_RESOURCES: Record<string, AnySpec> = {
  refunds: refundSpec as unknown as AnySpec,
  complaints: complaintSpec as unknown as AnySpec,
  events: eventSpec as unknown as AnySpec,
  users: userSpec as unknown as AnySpec,
  customers: customerSpec as unknown as AnySpec,
  orders: orderSpec as unknown as AnySpec,
  notes: noteSpec as unknown as AnySpec,
  coinMovements: coinMovementSpec as unknown as AnySpec,
};

/** The URL name of a resource whose table name is not one ("coinMovements" → "coin-movements"). */
export function resourcePath(resource: string): string {
  return resource.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
