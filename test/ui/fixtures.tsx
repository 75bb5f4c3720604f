// Shared test fixtures: refund requests, customers, users, a hand-written data provider over them,
// and a render helper with react-admin's <AdminContext> and the app's real i18nProvider.
import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import {
  AdminContext,
  ResourceDefinitionContextProvider,
  memoryStore,
  testDataProvider,
  type AuthProvider,
  type DataProvider,
  type GetListParams,
  type RaRecord,
  type ResourceDefinitions,
} from 'react-admin';
import customers from '../../src/customers';
import orders from '../../src/orders';
import refunds from '../../src/refunds';
import usersResource from '../../src/users';
import complaints from '../../src/complaints';
import type { CoinOrder, Customer, Locale, RefundRequest, StaffUser } from '../../src/domain/model';
import { OPEN_REFUND_STATUSES } from '../../src/domain/model';
import * as make from '../../src/domain/records';
import { evaluatePolicy } from '../../src/domain/refundPolicy';
import { awaitsDecision, expectedDecisionBy } from '../../src/domain/expectedDecision';
import { DEFAULT_SLA_SETTINGS } from '../../src/domain/slaSettings';
import { FixedNow } from '../../src/layout/clock';
import { createI18nProvider } from '../../src/providers/i18nProvider';
import { FIRST_POLICY } from '../../src/domain/policyVersions';

// vitest runs without globals, so testing-library cannot unmount between tests by itself
afterEach(() => {
  cleanup();
  localStorage.clear();
});

export const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let seq = 0;
/** The shared factory's request, numbered: each call its own id, order and order number. */
export function makeRefund(overrides: Partial<RefundRequest> = {}): RefundRequest {
  seq += 1;
  return make.refundRequest({
    id: `r${seq}`,
    orderId: `o${seq}`,
    orderNumber: `CZ2026031000000${seq}`,
    submittedAt: iso(NOW - 2 * HOUR),
    purchasedAt: iso(NOW - 2 * DAY),
    ...overrides,
  });
}

export const users: StaffUser[] = [
  { id: 'u1', username: 'reviewer', fullName: 'Li Na', role: 'reviewer', active: true },
  { id: 'u3', username: 'supervisor', fullName: 'Wang Qiang', role: 'supervisor', active: true },
];

export function makeCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cu1',
    name: 'Casey Tan',
    accountStatus: 'normal',
    locale: 'en',
    registeredAt: iso(NOW - 300 * DAY),
    paymentAccountId: 'pa-1',
    ...overrides,
  };
}

export function makeOrder(overrides: Partial<CoinOrder> = {}): CoinOrder {
  return {
    id: 'o1',
    orderNumber: 'CZ20260310000001',
    customerId: 'cu1',
    coins: 1_980,
    paidFen: 19_800,
    paymentChannel: 'wechat_pay',
    purchasedAt: iso(NOW - 2 * DAY),
    coinsSpent: 0,
    coinsSpentOnTips: 0,
    ...overrides,
  };
}

type Db = Record<string, RaRecord[]>;

/** Applies the equality filters the tests use (a value or any-of array) to a resource's records. */
function matches(record: RaRecord, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, wanted]) =>
    Array.isArray(wanted) ? wanted.includes(record[key]) : record[key] === wanted,
  );
}

export interface RecordingDataProvider extends DataProvider {
  calls: { method: string; resource: string; params: unknown }[];
}

/** A small in-memory data provider; it records every call so tests can check what was asked. */
export function fakeDataProvider(db: Db): RecordingDataProvider {
  const calls: RecordingDataProvider['calls'] = [];
  const list = (resource: string, params: Partial<GetListParams>) => {
    const all = (db[resource] ?? []).filter((r) => matches(r, params.filter ?? {}));
    const { page = 1, perPage = 25 } = params.pagination ?? {};
    return { data: all.slice((page - 1) * perPage, page * perPage), total: all.length };
  };
  const provider = testDataProvider({
    getList: async (resource, params) => {
      calls.push({ method: 'getList', resource, params });
      return list(resource, params) as never;
    },
    getOne: async (resource, params) => {
      calls.push({ method: 'getOne', resource, params });
      const record = (db[resource] ?? []).find((r) => r.id === params.id);
      if (!record) throw new Error(`no ${resource} ${String(params.id)}`);
      return { data: record } as never;
    },
    getMany: async (resource, params) => {
      calls.push({ method: 'getMany', resource, params });
      return { data: (db[resource] ?? []).filter((r) => params.ids.includes(r.id)) } as never;
    },
    getManyReference: async (resource, params) => {
      calls.push({ method: 'getManyReference', resource, params });
      return list(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } }) as never;
    },
  });
  /** The server's /policy answer: refundPolicy.ts over the request, its customer and its order's other requests. */
  const getRefundPolicy = async (id: unknown) => {
    calls.push({ method: 'getRefundPolicy', resource: 'refunds', params: { id } });
    const refunds = (db.refunds ?? []) as unknown as RefundRequest[];
    const request = refunds.find((r) => r.id === id);
    if (!request) throw new Error(`no refunds ${String(id)}`);
    const customer = (db.customers ?? []).find((c) => c.id === request.customerId) as Customer | undefined;
    const siblings = refunds.filter((r) => r.orderId === request.orderId && r.id !== request.id);
    const committing = siblings.filter(
      (r) =>
        ['approved', 'partially_approved', 'refunded', 'awaiting_second_approval'].includes(r.status) &&
        (r.approvedFen ?? 0) > 0,
    );
    return {
      data: evaluatePolicy(
        {
          ...request,
          accountStatus: customer?.accountStatus ?? 'normal',
          otherOpenRequestIds: siblings
            .filter((r) => OPEN_REFUND_STATUSES.includes(r.status) && r.submittedAt < request.submittedAt)
            .map((r) => r.id),
          committedFenOnOrder: committing.reduce((sum, r) => sum + (r.approvedFen ?? 0), 0),
          committedByRequestIds: committing.map((r) => r.id),
        },
        FIRST_POLICY,
      ),
    };
  };
  /**
   * The server's /expected-decisions answer at NOW on the 24 × 7 default at the floor pace: those
   * awaiting a decision due earlier, then an hour each (expectedDecision.ts).
   */
  const getExpectedDecisions = async (ids: readonly unknown[]) => {
    calls.push({ method: 'getExpectedDecisions', resource: 'refunds', params: { ids } });
    const refunds = (db.refunds ?? []) as unknown as RefundRequest[];
    const data = refunds
      .filter((r) => ids.includes(r.id))
      .map((r) => {
        const ahead = awaitsDecision(r.status)
          ? refunds.filter((o) => awaitsDecision(o.status) && o.slaDueAt < r.slaDueAt).length
          : null;
        return {
          id: r.id,
          positionAhead: ahead,
          expectedDecisionBy:
            ahead === null ? null : expectedDecisionBy(ahead, 1, DEFAULT_SLA_SETTINGS, iso(NOW)),
        };
      });
    return { data: { computedAt: iso(NOW), decisionsPerWorkingHour: 1, data } };
  };
  return Object.assign(provider, { calls, getRefundPolicy, getExpectedDecisions });
}

/** The resources as <App> declares them (list + show, icon, recordRepresentation). */
export const appResources: ResourceDefinitions = Object.fromEntries(
  Object.entries({ refunds, complaints, customers, orders, users: usersResource }).map(([name, r]) => [
    name,
    {
      name,
      hasList: true,
      hasShow: true,
      hasEdit: false,
      hasCreate: false,
      icon: r.icon,
      recordRepresentation: r.recordRepresentation,
    },
  ]),
);

export function renderWithAdmin(
  ui: ReactNode,
  {
    dataProvider = fakeDataProvider({}),
    authProvider,
    locale = 'en',
    now = NOW,
    resources = appResources,
  }: {
    dataProvider?: DataProvider;
    authProvider?: AuthProvider;
    locale?: Locale;
    now?: number | null;
    resources?: ResourceDefinitions;
  } = {},
) {
  return render(
    <AdminContext
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={createI18nProvider(locale)}
      store={memoryStore()}
    >
      <ResourceDefinitionContextProvider definitions={resources}>
        {now === null ? ui : <FixedNow value={now}>{ui}</FixedNow>}
      </ResourceDefinitionContextProvider>
    </AdminContext>,
  );
}
