// What each resource can be filtered, sorted and searched by, in the simple-rest dialect.
import type {
  AuditEvent,
  Complaint,
  CoinOrder,
  Customer,
  RefundRequest,
  StaffUser,
} from '../src/domain/model';
import { SLA_STATES, slaState, type SlaState } from '../src/domain/sla';
import { BadRequest, type ResourceSpec } from './simpleRest';

const slaStateFilter = (value: unknown, ctx: { nowMs: number }) => {
  const states = (Array.isArray(value) ? value : [value]) as unknown[];
  for (const s of states) {
    if (!SLA_STATES.includes(s as SlaState)) {
      throw new BadRequest(`Filter "slaState" must be one of ${SLA_STATES.join(', ')}.`);
    }
  }
  const wanted = new Set(states as SlaState[]);
  return (r: RefundRequest) => wanted.has(slaState(r, ctx.nowMs));
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
    overturned: 'boolean',
    resubmissionOf: 'nullableString',
    version: 'number',
  },
  searchFields: ['orderNumber', 'customerName', 'description'],
  computedFilters: {
    slaState: slaStateFilter,
    // a reviewer's "decided against the policy suggestion" view (metrics click-through)
    againstSuggestion: (value) => {
      if (typeof value !== 'boolean')
        throw new BadRequest('Filter "againstSuggestion" must be true or false.');
      return (r: RefundRequest) => (r.decision?.againstSuggestion ?? false) === value;
    },
  },
  defaultSort: ['slaDueAt', 'ASC'],
  nullAliases: ['unassigned'],
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
      if (typeof value !== 'boolean') throw new BadRequest('Filter "overdue" must be true or false.');
      return (c: Complaint) =>
        (c.status !== 'resolved' && c.status !== 'closed' && Date.parse(c.dueAt) < ctx.nowMs) === value;
    },
    outcome: (value) => {
      const outcomes = Array.isArray(value) ? value : [value];
      if (!outcomes.every((o) => typeof o === 'string'))
        throw new BadRequest('Filter "outcome" must be text.');
      return (c: Complaint) => c.resolution !== null && outcomes.includes(c.resolution.outcome);
    },
  },
  defaultSort: ['dueAt', 'ASC'],
  nullAliases: ['unassigned'],
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
