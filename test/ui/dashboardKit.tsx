// What the dashboard's UI tests share: a metrics answer with every headline figure set, a fake
// data provider that answers it (staff named "Staff <id>"), the page rendered for a role and a
// language, and the card of a KPI.
import { render, screen } from '@testing-library/react';
import {
  AdminContext,
  memoryStore,
  testDataProvider,
  TestMemoryRouter,
  type AuthProvider,
  type DataProvider,
  type GetListResult,
  type GetManyResult,
} from 'react-admin';
import { vi } from 'vitest';
import { Dashboard } from '../../src/dashboard';
import { DeskDashboard } from '../../src/dashboard/Dashboard';
import type { GetMetricsParams, MetricsDataProvider } from '../../src/dashboard/metricsProvider';
import type { MetricsAnswer, MetricsBucket, PeriodFigures } from '../../src/domain/metrics';
import { REASON_CATEGORIES } from '../../src/domain/model';
import { createI18nProvider } from '../../src/providers/i18nProvider';

/** recharts' ResponsiveContainer measures its box; jsdom has no layout */
export function stubResizeObserver() {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal('ResizeObserver', ResizeObserverStub);
}

export const figures = (over: Partial<PeriodFigures> = {}): PeriodFigures => ({
  submitted: 0,
  decided: { approved: 0, partially_approved: 0, rejected: 0, info_requested: 0 },
  approvalRate: null,
  latencyHours: { p50: null, p90: null },
  slaCompliance: null,
  refundedFen: 0,
  partialShare: null,
  complaintsOpened: 0,
  escalationRate: null,
  complaintsResolved: 0,
  overturnRate: null,
  complaintResolutionHoursP50: null,
  byReason: Object.fromEntries(REASON_CATEGORIES.map((r) => [r, { decided: 0, approvalRate: null }])),
  ...over,
});

export const DAY = 86_400_000;
export const FROM = '2026-03-01T16:00:00.000Z';
export const TO = '2026-03-08T16:00:00.000Z';
export const buckets: MetricsBucket[] = Array.from({ length: 7 }, (_, i) => ({
  start: new Date(Date.parse(FROM) + i * DAY).toISOString(),
  end: new Date(Date.parse(FROM) + (i + 1) * DAY).toISOString(),
  ...figures({ submitted: i + 1 }),
}));

// Current period: 120 submitted (previous 100); 75 % approved (previous 70 %); p50 3.5 h (previous 4 h);
// 90 % within 24 h (previous 80 %); 42 open, 3 past the SLA; ¥12,345.00 refunded; 25 % overturned (previous 50 %).
export const answer: MetricsAnswer = {
  from: FROM,
  to: TO,
  granularity: 'day',
  tz: 'Asia/Shanghai',
  asOf: '2026-03-08T12:00:00.000Z',
  filters: {},
  totals: {
    ...figures({
      submitted: 120,
      decided: { approved: 60, partially_approved: 15, rejected: 20, info_requested: 5 },
      approvalRate: 0.75,
      latencyHours: { p50: 3.5, p90: 20 },
      slaCompliance: 0.9,
      refundedFen: 1_234_500,
      partialShare: 0.2,
      complaintsOpened: 8,
      overturnRate: 0.25,
    }),
    backlog: {
      total: 42,
      byAge: { under4h: 10, h4to24: 20, d1to3: 10, over3d: 2 },
      byStatus: { pending: 20, in_review: 12, awaiting_info: 8, awaiting_second_approval: 2 },
    },
    breachesOpen: 3,
  },
  previous: {
    from: '2026-02-22T16:00:00.000Z',
    to: FROM,
    ...figures({
      submitted: 100,
      approvalRate: 0.7,
      latencyHours: { p50: 4, p90: 30 },
      slaCompliance: 0.8,
      refundedFen: 1_000_000,
      overturnRate: 0.5,
    }),
  },
  buckets,
  reviewers: [
    {
      reviewerId: 'u1',
      decisions: 60,
      decided: { approved: 40, partially_approved: 5, rejected: 12, info_requested: 3 },
      latencyHoursP50: 3,
      slaCompliance: 0.95,
      approvalRate: 0.75,
      requestsDecided: 58,
      overturnRate: 0.02,
      againstSuggestionCount: 3,
      againstSuggestionShare: 0.05,
    },
  ],
};

export function fakeProvider(getMetrics: (params: GetMetricsParams) => Promise<{ data: MetricsAnswer }>) {
  const provider: DataProvider & MetricsDataProvider = {
    ...testDataProvider({
      getList: (resource) =>
        Promise.resolve({
          data: [],
          total: resource === 'refunds' ? 5 : 0,
        } as GetListResult),
      getMany: (resource, { ids }) =>
        Promise.resolve({
          data: resource === 'users' ? ids.map((id) => ({ id, fullName: `Staff ${String(id)}` })) : [],
        } as GetManyResult),
    }),
    getMetrics,
  };
  return provider;
}

export function authAs(role: string): AuthProvider {
  return {
    login: () => Promise.resolve(),
    logout: () => Promise.resolve(),
    checkAuth: () => Promise.resolve(),
    checkError: () => Promise.resolve(),
    getPermissions: () => Promise.resolve(role),
    getIdentity: () => Promise.resolve({ id: role === 'reviewer' ? 'u1' : 'u4', fullName: role }),
  };
}

export function renderDashboard(options: {
  role?: string;
  locale?: 'en' | 'zh-CN';
  url?: string;
  getMetrics?: (params: GetMetricsParams) => Promise<{ data: MetricsAnswer }>;
  element?: 'lazy' | 'desk';
}) {
  const getMetrics = vi.fn(options.getMetrics ?? (() => Promise.resolve({ data: answer })));
  render(
    <TestMemoryRouter initialEntries={[options.url ?? '/']}>
      <AdminContext
        dataProvider={fakeProvider(getMetrics)}
        authProvider={authAs(options.role ?? 'manager')}
        i18nProvider={createI18nProvider(options.locale ?? 'en')}
        store={memoryStore()}
      >
        {options.element === 'desk' ? <DeskDashboard /> : <Dashboard />}
      </AdminContext>
    </TestMemoryRouter>,
  );
  return getMetrics;
}

export const cardOf = (id: string) => screen.getByTestId(`kpi-${id}-value`).closest('section')!;
export const filterOf = (href: string | null) => {
  const url = new URL(href!, 'http://x');
  return {
    path: url.pathname,
    filter: JSON.parse(url.searchParams.get('filter')!) as Record<string, unknown>,
  };
};
