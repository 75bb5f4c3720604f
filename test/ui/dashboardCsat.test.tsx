// @vitest-environment jsdom
// The dashboard's customer satisfaction: the CSAT card (average of 5, how many ratings, its
// definition), the chart by reviewer (by name, the timeout's ratings named as such), reason and
// outcome with its table view, the reviewer's own card, and both languages.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CsatBreakdown } from '../../src/domain/csat';
import type { MetricsAnswer } from '../../src/domain/metrics';
import { REASON_CATEGORIES } from '../../src/domain/model';
import { answer, cardOf, renderDashboard, stubResizeObserver } from './dashboardKit';

beforeAll(stubResizeObserver);
afterEach(() => cleanup());

const csatBy: CsatBreakdown = {
  reviewer: [
    { reviewerId: 'u1', average: 4.5, n: 40 },
    { reviewerId: 'u2', average: 3.25, n: 12 },
    { reviewerId: null, average: 1.6, n: 5 },
  ],
  reasonCategory: REASON_CATEGORIES.map((reasonCategory) =>
    reasonCategory === 'mistaken_purchase'
      ? { reasonCategory, average: 4.12, n: 57 }
      : { reasonCategory, average: null, n: 0 },
  ),
  outcome: [
    { outcome: 'approved', average: 4.71, n: 31 },
    { outcome: 'partially_approved', average: 3.5, n: 8 },
    { outcome: 'rejected', average: 2.06, n: 18 },
  ],
};
const rated: MetricsAnswer = {
  ...answer,
  totals: { ...answer.totals, csat: { average: 4.12, n: 57 } },
  csatBy,
};
const withCsat = () => Promise.resolve({ data: rated });

describe('the CSAT card', () => {
  it('shows the average of 5 and how many ratings, with its definition', async () => {
    renderDashboard({ element: 'desk', getMetrics: withCsat });
    const value = await screen.findByTestId('kpi-csat-value');
    expect(value).toHaveTextContent('4.12 / 5');
    const card = cardOf('csat');
    expect(within(card).getByText('Customer satisfaction')).toBeInTheDocument();
    expect(within(card).getByText('of 57 ratings')).toBeInTheDocument();
    expect(
      within(card).getByRole('button', { name: 'How "Customer satisfaction" is counted' }),
    ).toBeInTheDocument();
  });

  it('says there are no ratings yet without an average', async () => {
    renderDashboard({
      element: 'desk',
      getMetrics: () =>
        Promise.resolve({ data: { ...rated, totals: { ...rated.totals, csat: { average: null, n: 0 } } } }),
    });
    expect(await screen.findByTestId('kpi-csat-value')).toHaveTextContent('—');
    expect(within(cardOf('csat')).getByText('of 0 ratings')).toBeInTheDocument();
  });

  it('speaks Chinese', async () => {
    renderDashboard({ element: 'desk', locale: 'zh-CN', getMetrics: withCsat });
    expect(await screen.findByTestId('kpi-csat-value')).toHaveTextContent('4.12 / 5 分');
    expect(within(cardOf('csat')).getByText('客户满意度')).toBeInTheDocument();
    expect(within(cardOf('csat')).getByText('共 57 条评价')).toBeInTheDocument();
  });

  it('is not shown by an answer without the figure', async () => {
    renderDashboard({ element: 'desk' });
    await screen.findByTestId('kpi-submitted-value');
    expect(screen.queryByTestId('kpi-csat-value')).toBeNull();
    expect(screen.queryByRole('figure', { name: /Customer satisfaction/ })).toBeNull();
  });
});

describe('the CSAT chart', () => {
  const tableRows = (figure: HTMLElement) =>
    within(figure)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent));

  it('lists reviewers by name, then reasons and outcomes, as a table with CSV', async () => {
    renderDashboard({ element: 'desk', getMetrics: withCsat });
    const figure = await screen.findByRole('figure', {
      name: 'Customer satisfaction by reviewer, reason and outcome',
    });
    expect(within(figure).getByRole('img').getAttribute('aria-label')).toMatch(
      /^Bar chart of the average customer rating \(1 to 5\) by reviewer, over .+: 4\.12 \/ 5 overall from 57 ratings\.$/,
    );
    expect(within(figure).getByRole('button', { name: /Export .* as CSV/ })).toBeInTheDocument();
    fireEvent.click(within(figure).getByRole('button', { name: 'Table view' }));
    expect(await within(figure).findByText('Staff u1')).toBeInTheDocument();
    expect(tableRows(figure)).toEqual([
      ['Staff u1', '4.50 / 5', '40'],
      ['Staff u2', '3.25 / 5', '12'],
      ['No reviewer (information timeout)', '1.60 / 5', '5'],
    ]);
    fireEvent.click(within(figure).getByRole('button', { name: 'Outcome' }));
    expect(tableRows(figure)).toEqual([
      ['Approved', '4.71 / 5', '31'],
      ['Partially approved', '3.50 / 5', '8'],
      ['Rejected', '2.06 / 5', '18'],
    ]);
    fireEvent.click(within(figure).getByRole('button', { name: 'Refund reason' }));
    const reasons = tableRows(figure);
    expect(reasons).toHaveLength(REASON_CATEGORIES.length);
    expect(reasons.filter((row) => row[2] !== '0')).toEqual([['Mistaken purchase', '4.12 / 5', '57']]);
  });

  it('speaks Chinese', async () => {
    renderDashboard({ element: 'desk', locale: 'zh-CN', getMetrics: withCsat });
    const figure = await screen.findByRole('figure', { name: '按审核员、原因和结果的客户满意度' });
    fireEvent.click(within(figure).getByRole('button', { name: '表格视图' }));
    fireEvent.click(within(figure).getByRole('button', { name: '结果' }));
    expect(tableRows(figure)[2]).toEqual(['驳回', '2.06 / 5 分', '18']);
    fireEvent.click(within(figure).getByRole('button', { name: '审核员' }));
    expect(tableRows(figure)[2][0]).toBe('无审核员（逾期未补充资料）');
  });
});

describe('the reviewer’s own card', () => {
  it('shows their customers’ satisfaction over the last 7 days', async () => {
    renderDashboard({ role: 'reviewer', getMetrics: withCsat });
    expect(await screen.findByTestId('kpi-myCsat-value', {}, { timeout: 10_000 })).toHaveTextContent(
      '4.12 / 5',
    );
    expect(within(cardOf('myCsat')).getByText('of 57 ratings, last 7 days')).toBeInTheDocument();
  });
});
