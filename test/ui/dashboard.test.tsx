// @vitest-environment jsdom
// The dashboard from a fake data provider: KPI cards with their change against the previous period
// and their click-through links, the lazy chunk, the reviewer's personal card, both languages.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { metricsQueryString } from '../../src/dashboard/metricsProvider';
import { backlogPath } from '../../src/dashboard/clickThrough';
import {
  DEFAULT_STATE,
  dashboardSearch,
  parseDashboardSearch,
  periodDates,
} from '../../src/dashboard/dashboardState';
import { DECISION_OUTCOMES, METRIC_DEFINITIONS } from '../../src/domain/metrics';
import { WEEKDAYS } from '../../src/domain/workingCalendar';
import { appMessages } from '../../src/i18n/messages';
import {
  DAY,
  FROM,
  TO,
  answer,
  buckets,
  cardOf,
  filterOf,
  renderDashboard,
  stubResizeObserver,
} from './dashboardKit';

beforeAll(stubResizeObserver);
afterEach(() => cleanup());

describe('dashboard KPI cards', () => {
  it('shows every headline figure with its change against the previous period (lazy chunk)', async () => {
    const getMetrics = renderDashboard({ url: '/?range=7d&reasonCategory=other' });
    expect(await screen.findByTestId('kpi-submitted-value', {}, { timeout: 10_000 })).toHaveTextContent(
      '120',
    );
    // the query the page asked for: 7 local days up to today, with the filter from the URL
    const params = getMetrics.mock.calls[0][0];
    expect(params.granularity).toBe('day');
    expect(params.filters).toEqual({ reasonCategory: ['other'] });
    expect(Date.parse(params.to) - Date.parse(params.from)).toBe(7 * DAY);

    expect(within(cardOf('submitted')).getByText('+20 vs previous period')).toBeInTheDocument();
    expect(within(cardOf('submitted')).getByText('100 decisions')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-approvalRate-value')).toHaveTextContent('75%');
    expect(within(cardOf('approvalRate')).getByText('+5 pp vs previous period')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-latency-value')).toHaveTextContent('3.5 h');
    expect(within(cardOf('latency')).getByText('p90 20.0 h')).toBeInTheDocument();
    expect(within(cardOf('latency')).getByText('-0.5 h vs previous period')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-slaCompliance-value')).toHaveTextContent('90%');
    expect(within(cardOf('slaCompliance')).getByText('+10 pp vs previous period')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-backlog-value')).toHaveTextContent('42');
    expect(within(cardOf('backlog')).getByText('3 past the SLA')).toBeInTheDocument();
    expect(within(cardOf('backlog')).getByText('As of now')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-refunded-value')).toHaveTextContent('¥12,345.00');
    expect(within(cardOf('refunded')).getByText('+¥2,345.00 vs previous period')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-overturnRate-value')).toHaveTextContent('25%');
    expect(within(cardOf('overturnRate')).getByText('-25 pp vs previous period')).toBeInTheDocument();
  });

  it('links each card to exactly the requests it counts', async () => {
    renderDashboard({ element: 'desk' });
    await screen.findByTestId('kpi-submitted-value');
    const submitted = filterOf(within(cardOf('submitted')).getByRole('link').getAttribute('href'));
    expect(submitted).toEqual({ path: '/refunds', filter: { submittedAt_gte: FROM, submittedAt_lt: TO } });
    const approvals = filterOf(within(cardOf('approvalRate')).getByRole('link').getAttribute('href'));
    expect(approvals.filter).toEqual({
      decided: { from: FROM, to: TO, outcome: ['approved', 'partially_approved'] },
    });
    const backlog = filterOf(within(cardOf('backlog')).getByRole('link').getAttribute('href'));
    expect(backlog.filter).toEqual({
      status: ['pending', 'in_review', 'awaiting_info', 'awaiting_second_approval'],
    });
    const refunded = filterOf(within(cardOf('refunded')).getByRole('link').getAttribute('href'));
    expect(refunded.filter).toEqual({ refundedAt_gte: FROM, refundedAt_lt: TO });
    // no complaints list registered in this test: the overturn card is not a link
    expect(within(cardOf('overturnRate')).queryByRole('link')).toBeNull();
  });

  it('names every chart and offers its table view and CSV export', async () => {
    renderDashboard({ element: 'desk' });
    await screen.findByTestId('kpi-submitted-value');
    const titles = [
      'Volume: decisions by outcome',
      'Approval rate',
      'Review latency',
      'Open backlog by age',
      'Refunded amount',
      'Complaints and overturns',
    ];
    expect(screen.getAllByRole('figure')).toHaveLength(titles.length);
    for (const name of titles) {
      const figure = screen.getByRole('figure', { name });
      expect(within(figure).getByRole('img').getAttribute('aria-label')).toBeTruthy();
      expect(within(figure).getByRole('button', { name: 'Table view' })).toBeVisible();
    }
    const volume = screen.getByRole('figure', { name: 'Volume: decisions by outcome' });
    expect(within(volume).getByRole('img').getAttribute('aria-label')).toMatch(
      /120 submitted and 100 decisions/,
    );
    expect(
      within(volume).getByRole('button', { name: 'Export Volume: decisions by outcome as CSV' }),
    ).toBeVisible();
    within(volume).getByRole('button', { name: 'Table view' }).click();
    const table = await within(volume).findByRole('table');
    // 7 buckets + the header row; each count links to its requests
    expect(within(table).getAllByRole('row')).toHaveLength(8);
    const firstSubmitted = within(table).getAllByRole('link')[0];
    expect(filterOf(firstSubmitted.getAttribute('href')).filter).toEqual({
      submittedAt_gte: buckets[0].start,
      submittedAt_lt: buckets[0].end,
    });
    // the per-reviewer table, with the reviewer's name
    const reviewers = screen.getByRole('region', { name: 'Per reviewer' });
    expect(within(reviewers).getByText('Staff u1')).toBeInTheDocument();
  });

  it('speaks Chinese', async () => {
    renderDashboard({ element: 'desk', locale: 'zh-CN' });
    await screen.findByTestId('kpi-submitted-value');
    expect(screen.getByRole('heading', { name: '数据看板' })).toBeInTheDocument();
    expect(within(cardOf('submitted')).getByText('提交的退款申请')).toBeInTheDocument();
    expect(within(cardOf('submitted')).getByText('较上一周期 +20')).toBeInTheDocument();
  });

  it('shows a reviewer their personal card', async () => {
    renderDashboard({ role: 'reviewer' });
    expect(await screen.findByRole('heading', { name: 'My work' }, { timeout: 10_000 })).toBeInTheDocument();
    // decisions in the last bucket (today): none in the fixture; queue from the refunds list total
    expect(await screen.findByTestId('kpi-myQueue-value')).toHaveTextContent('5');
    expect(screen.getByTestId('kpi-myDecisionsToday-value')).toHaveTextContent('0');
    expect(screen.queryByTestId('kpi-submitted-value')).toBeNull();
  });

  it('shows the API error', async () => {
    // a 4xx is not retried: the message shows at once
    const refusal = Object.assign(new Error('The period can be at most 400 days long.'), { status: 400 });
    renderDashboard({ element: 'desk', getMetrics: () => Promise.reject(refusal) });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The metrics could not be loaded: The period can be at most 400 days long.',
    );
  });
});

describe('dashboard plumbing', () => {
  it('keeps its state in the URL', () => {
    const state = parseDashboardSearch(
      '?range=custom&from=2026-03-01&to=2026-03-07&granularity=week&reasonCategory=other,nonsense&reviewerId=u2',
    );
    expect(state).toEqual({
      range: 'custom',
      from: '2026-03-01',
      to: '2026-03-07',
      granularity: 'week',
      filters: { reasonCategory: ['other'], paymentChannel: [], submissionChannel: [] },
      reviewerId: 'u2',
    });
    expect(parseDashboardSearch(dashboardSearch(state))).toEqual(state);
    // custom days are inclusive: the API gets the day after the last one
    expect(periodDates(state, { y: 2026, m: 3, d: 10 })).toEqual({ from: '2026-03-01', to: '2026-03-08' });
    // presets end with today
    expect(periodDates(DEFAULT_STATE, { y: 2026, m: 3, d: 10 })).toEqual({
      from: '2026-02-09',
      to: '2026-03-11',
    });
    expect(dashboardSearch(DEFAULT_STATE)).toBe('');
    // nonsense falls back to the defaults
    expect(parseDashboardSearch('?range=century&granularity=hour&range=custom')).toEqual(DEFAULT_STATE);
    expect(parseDashboardSearch('?range=custom&from=2026-02-30&to=2026-03-01').range).toBe('30d');
  });

  it('links a backlog age band to the requests submitted in its window', () => {
    const { filter } = filterOf(backlogPath({}, '2026-03-08T12:00:00.000Z', 'h4to24'));
    // age in [4 h, 24 h) ⇔ submitted in (asOf − 24 h, asOf − 4 h]
    expect(filter).toEqual({
      status: ['pending', 'in_review', 'awaiting_info', 'awaiting_second_approval'],
      submittedAt_gt: '2026-03-07T12:00:00.000Z',
      submittedAt_lte: '2026-03-08T08:00:00.000Z',
    });
    expect(filterOf(backlogPath({}, '2026-03-08T12:00:00.000Z', 'over3d')).filter).toEqual({
      status: ['pending', 'in_review', 'awaiting_info', 'awaiting_second_approval'],
      submittedAt_lte: '2026-03-05T12:00:00.000Z',
    });
  });

  it('has a definition for every metric in both languages', () => {
    const lookup = (tree: unknown, key: string) =>
      key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
    for (const key of Object.values(METRIC_DEFINITIONS)) {
      expect(typeof lookup(appMessages.en, key), key).toBe('string');
      expect(typeof lookup(appMessages.zh, key), key).toBe('string');
    }
    for (const o of DECISION_OUTCOMES)
      expect(typeof lookup(appMessages.zh, `dashboard.outcomes.${o}`)).toBe('string');
  });

  it('writes the metrics query with comma lists', () => {
    expect(
      metricsQueryString({
        from: '2026-03-01',
        to: '2026-03-08',
        granularity: 'week',
        tz: 'Asia/Shanghai',
        filters: { reasonCategory: ['other', 'duplicate_charge'], reviewerId: 'u2' },
      }),
    ).toBe(
      'from=2026-03-01&to=2026-03-08&granularity=week&tz=Asia%2FShanghai&reasonCategory=other%2Cduplicate_charge&reviewerId=u2',
    );
  });
});

describe('the expectation card', () => {
  const accuracy = { n: 40, held: 30, heldShare: 0.75, missHours: { p50: 1.5, p90: 6, n: 10 } };
  const told = (over = {}) =>
    Promise.resolve({ data: { ...answer, expectationAccuracy: { ...accuracy, ...over } } });

  it('shows the share decided by the expected time and how late the misses were', async () => {
    renderDashboard({ element: 'desk', getMetrics: () => told() });
    expect(await screen.findByTestId('kpi-expectationHeld-value')).toHaveTextContent('75%');
    const card = cardOf('expectationHeld');
    expect(card).toHaveTextContent('Decided by the expected time');
    expect(card).toHaveTextContent('Missed by p50 1.5 h · p90 6.0 h');
    expect(card).toHaveTextContent('of 40 told an expected time');
  });

  it('says so in Chinese, and when none missed', async () => {
    renderDashboard({
      element: 'desk',
      locale: 'zh-CN',
      getMetrics: () => told({ held: 40, heldShare: 1, missHours: { p50: null, p90: null, n: 0 } }),
    });
    expect(await screen.findByTestId('kpi-expectationHeld-value')).toHaveTextContent('100%');
    const card = cardOf('expectationHeld');
    expect(card).toHaveTextContent('按预计时间完成审核');
    expect(card).toHaveTextContent('没有超出预计');
    expect(card).toHaveTextContent('共 40 个告知了预计审核完成时间');
  });

  it('is not shown by an answer without the figure', async () => {
    renderDashboard({ element: 'desk' });
    await screen.findByTestId('kpi-submitted-value');
    expect(screen.queryByTestId('kpi-expectationHeld-value')).toBeNull();
  });
});

describe('the review-time segments and the week heat map', () => {
  const segment = (p50: number | null, p90: number | null, n: number) => ({ p50, p90, n });
  const cells = WEEKDAYS.flatMap((weekday) =>
    Array.from({ length: 24 }, (_, hour) => ({
      weekday,
      hour,
      // Monday 10:00 gets 9 more than it decides; Tuesday 15:00 decides 4 more than arrive
      submissions: weekday === 'mon' && hour === 10 ? 12 : weekday === 'tue' && hour === 15 ? 1 : 0,
      decisions: weekday === 'mon' && hour === 10 ? 3 : weekday === 'tue' && hour === 15 ? 5 : 0,
    })),
  );
  const withSegments = () =>
    Promise.resolve({
      data: {
        ...answer,
        latencyHoursBySegment: {
          inHours: segment(2, 6, 80),
          offHours: segment(14, 30, 20),
          peak: segment(5, 12, 10),
          offPeak: segment(3, 9, 90),
          tipping: segment(20, 40, 5),
          notTipping: segment(3, 8, 95),
        },
        heatMap: { tz: 'Asia/Shanghai', cells },
      },
    });

  it('compares the waits by segment and shows where the backlog grows, with table views', async () => {
    renderDashboard({ element: 'desk', getMetrics: withSegments });
    const segments = await screen.findByRole('figure', { name: 'Review time by segment' });
    expect(within(segments).getByRole('img').getAttribute('aria-label')).toMatch(
      /off-hours 14\.0 h against 2\.0 h in working hours, peak 5\.0 h against 3\.0 h off-peak, tipping 20\.0 h/,
    );
    within(segments).getByRole('button', { name: 'Table view' }).click();
    const segmentTable = await within(segments).findByRole('table');
    expect(within(segmentTable).getAllByRole('row')).toHaveLength(7);
    expect(
      within(segmentTable).getByRole('row', { name: /Off-hours 14\.0 h 30\.0 h 20/ }),
    ).toBeInTheDocument();

    const heat = screen.getByRole('figure', { name: 'Where the backlog builds: hour of the week' });
    expect(within(heat).getByRole('img').getAttribute('aria-label')).toMatch(
      /13 submitted, 8 decided; the backlog grows most on Monday at 10:00 \(9 more submitted than decided\)/,
    );
    within(heat).getByRole('button', { name: 'Table view' }).click();
    const heatTable = await within(heat).findByRole('table');
    expect(within(heatTable).getAllByRole('row')).toHaveLength(169);
    expect(within(heatTable).getByRole('row', { name: /Tuesday 15:00 1 5 -4/ })).toBeInTheDocument();
  });

  it('speaks Chinese, and is not shown by an answer without the figures', async () => {
    renderDashboard({ element: 'desk', locale: 'zh-CN', getMetrics: withSegments });
    expect(await screen.findByRole('figure', { name: '分段审核时长' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: '积压在哪里形成：一周中的各小时' })).toBeInTheDocument();
    cleanup();
    renderDashboard({ element: 'desk' });
    await screen.findByTestId('kpi-submitted-value');
    expect(screen.queryByRole('figure', { name: 'Review time by segment' })).toBeNull();
  });
});
