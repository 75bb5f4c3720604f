// @vitest-environment jsdom
// The refund queue renders rows, status chips, money and flags from a data provider, asks for the
// reviewer's default query, and speaks the viewer's language.
import { screen, waitFor, within } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { RefundList } from '../../src/refunds';
import { fakeDataProvider, makeRefund, renderWithAdmin, users } from './fixtures';

function queue() {
  return [
    makeRefund({ orderNumber: 'CZ-PENDING', status: 'pending', paidFen: 123_450, refundableFen: 100_000 }),
    makeRefund({
      orderNumber: 'CZ-REVIEW',
      status: 'in_review',
      assigneeId: 'u1',
      outsideWindow: true,
      tipping: true,
      coinsSpent: 300,
      coins: 1_980,
    }),
    makeRefund({ orderNumber: 'CZ-INFO', status: 'awaiting_info', infoIncomplete: true }),
  ];
}

function renderList(locale: 'en' | 'zh-CN' = 'en') {
  const dataProvider = fakeDataProvider({ refunds: queue(), users });
  renderWithAdmin(
    <ResourceContextProvider value="refunds">
      <RefundList />
    </ResourceContextProvider>,
    { dataProvider, locale },
  );
  return dataProvider;
}

describe('RefundList', () => {
  it('renders one row per request with its status chip', async () => {
    renderList();
    const row = (await screen.findByText('CZ-PENDING')).closest('tr')!;
    expect(within(row).getByText('Pending').closest('[data-status]')).toHaveAttribute(
      'data-status',
      'pending',
    );
    expect(screen.getByText('CZ-REVIEW').closest('tr')).toHaveTextContent('In review');
    expect(screen.getByText('CZ-INFO').closest('tr')).toHaveTextContent('Awaiting info');
    expect(screen.getAllByRole('row')).toHaveLength(4); // header + 3
  });

  it('shows money in yuan, coins spent of bought, the assignee and translated enum values', async () => {
    renderList();
    const pending = (await screen.findByText('CZ-PENDING')).closest('tr')!;
    expect(pending).toHaveTextContent('¥1,234.50');
    expect(pending).toHaveTextContent('refundable ¥1,000.00');
    expect(pending).toHaveTextContent('Mistaken purchase');
    expect(pending).toHaveTextContent('WeChat Pay');
    expect(pending).toHaveTextContent('Unassigned');
    const review = screen.getByText('CZ-REVIEW').closest('tr')!;
    expect(review).toHaveTextContent('300 / 1,980');
    await waitFor(() => expect(review).toHaveTextContent('Li Na'));
  });

  it('shows policy flags as icons labelled in words', async () => {
    renderList();
    const review = (await screen.findByText('CZ-REVIEW')).closest('tr')!;
    expect(within(review).getByLabelText('Submitted outside the 7-day refund window')).toBeInTheDocument();
    expect(
      within(review).getByLabelText('Coins were spent on tips (gifts to streamers)'),
    ).toBeInTheDocument();
    const pending = screen.getByText('CZ-PENDING').closest('tr')!;
    expect(within(pending).queryByTestId('policy-flags')).toBeNull();
  });

  it('asks for open requests, most urgent SLA first, 25 a page', async () => {
    const dataProvider = renderList();
    await screen.findByText('CZ-PENDING');
    const call = dataProvider.calls.find((c) => c.method === 'getList' && c.resource === 'refunds');
    expect(call?.params).toMatchObject({
      sort: { field: 'slaDueAt', order: 'ASC' },
      pagination: { page: 1, perPage: 25 },
      filter: { status: ['pending', 'in_review', 'awaiting_info', 'awaiting_second_approval'] },
    });
  });

  it('has the filter sidebar with saved queries and export', async () => {
    renderList();
    await screen.findByText('CZ-PENDING');
    // the controls around the rows load once the rows are shown (AfterRows)
    const sidebar = await screen.findByTestId('refund-filter-sidebar');
    expect(within(sidebar).getByText('Saved queries')).toBeInTheDocument();
    expect(within(sidebar).getByText('Breached')).toBeInTheDocument();
    expect(within(sidebar).getByText('Assigned to me')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export' })).toBeInTheDocument();
  });

  it('speaks Chinese when the locale is zh-CN', async () => {
    renderList('zh-CN');
    const row = (await screen.findByText('CZ-PENDING')).closest('tr')!;
    expect(row).toHaveTextContent('待处理');
    expect(row).toHaveTextContent('误购');
    expect(row).toHaveTextContent('微信支付');
    expect(screen.getByRole('columnheader', { name: '订单号' })).toBeInTheDocument();
  });
});
