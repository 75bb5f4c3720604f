// @vitest-environment jsdom
// The expected decision time in the queue (a line under each row's SLA countdown, asked once for
// the page) and on the request page (with what the customer was told at submission), in both
// languages, from the fake provider's plain reference of GET /api/refunds/expected-decisions.
import { screen, waitFor, within } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/model';
import { formatDateTime } from '../../src/i18n/format';
import { RefundList } from '../../src/refunds';
import { RefundShow } from '../../src/refunds/RefundShow';
import { fakeDataProvider, makeRefund, NOW, renderWithAdmin, users } from './fixtures';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function queue() {
  return [
    makeRefund({ id: 'r1', orderNumber: 'CZ-FIRST', status: 'pending', submittedAt: iso(NOW - 3 * HOUR) }),
    makeRefund({
      id: 'r2',
      orderNumber: 'CZ-SECOND',
      status: 'in_review',
      assigneeId: 'u1',
      submittedAt: iso(NOW - HOUR),
    }),
    makeRefund({
      id: 'r3',
      orderNumber: 'CZ-INFO',
      status: 'awaiting_info',
      submittedAt: iso(NOW - 2 * HOUR),
    }),
  ];
}

function renderQueue(locale: Locale) {
  const dataProvider = fakeDataProvider({ refunds: queue(), users });
  renderWithAdmin(
    <ResourceContextProvider value="refunds">
      <RefundList />
    </ResourceContextProvider>,
    { dataProvider, locale },
  );
  return dataProvider;
}

const rowOf = async (orderNumber: string) => (await screen.findByText(orderNumber)).closest('tr')!;

describe('the expected decision in the queue', () => {
  it('shows when each request awaiting a decision can expect it, from one question for the page (en)', async () => {
    const dataProvider = renderQueue('en');
    const first = within(await rowOf('CZ-FIRST'));
    // first in line at one an hour: an hour from now; the second has one ahead: two hours
    expect(await first.findByTestId('expected-decision')).toHaveTextContent(
      `Decision expected by ${formatDateTime(iso(NOW + HOUR), 'en')}`,
    );
    expect(first.getByTestId('expected-decision')).toHaveAttribute(
      'title',
      '0 requests ahead in the queue, at the desk’s pace of 1 decisions per working hour',
    );
    const second = within(await rowOf('CZ-SECOND'));
    expect(await second.findByTestId('expected-decision')).toHaveTextContent(
      `Decision expected by ${formatDateTime(iso(NOW + 2 * HOUR), 'en')}`,
    );
    expect(second.getByTestId('expected-decision')).toHaveAttribute(
      'title',
      '1 request ahead in the queue, at the desk’s pace of 1 decisions per working hour',
    );
    // waiting on the customer: no time, and not asked about
    expect(within(await rowOf('CZ-INFO')).queryByTestId('expected-decision')).toBeNull();
    const asked = dataProvider.calls.filter((c) => c.method === 'getExpectedDecisions');
    expect(asked).toHaveLength(1);
    expect(asked[0].params).toEqual({ ids: ['r1', 'r2'] });
  });

  it('speaks Chinese when the locale is zh-CN', async () => {
    renderQueue('zh-CN');
    const first = within(await rowOf('CZ-FIRST'));
    expect(await first.findByTestId('expected-decision')).toHaveTextContent(
      `预计审核完成时间 ${formatDateTime(iso(NOW + HOUR), 'zh-CN')}`,
    );
    expect(first.getByTestId('expected-decision')).toHaveAttribute(
      'title',
      '前面排队 0 个申请，按当前每工作小时约 1 个决定的处理速度估算',
    );
  });
});

describe('the expected decision on the request page', () => {
  const told = iso(NOW + 5 * HOUR);

  function renderShow(locale: Locale, status: 'pending' | 'rejected' = 'pending') {
    const record = makeRefund({ id: 'r1', orderNumber: 'CZ-SHOW', status, expectedDecisionGiven: told });
    renderWithAdmin(
      <ResourceContextProvider value="refunds">
        <RefundShow id="r1" />
      </ResourceContextProvider>,
      { dataProvider: fakeDataProvider({ refunds: [record], users }), locale },
    );
  }

  it('shows the live expectation and what the customer was told at submission (en)', async () => {
    renderShow('en');
    const handling = within(await screen.findByTestId('refund-handling'));
    expect(await handling.findByText('Expected decision time')).toBeInTheDocument();
    expect(await handling.findByTestId('expected-decision')).toHaveTextContent(
      `Decision expected by ${formatDateTime(iso(NOW + HOUR), 'en')}`,
    );
    expect(handling.getByTestId('expected-decision-told')).toHaveTextContent(
      `Told the customer: by ${formatDateTime(told, 'en')}`,
    );
  });

  it('says it in Chinese (zh-CN)', async () => {
    renderShow('zh-CN');
    const handling = within(await screen.findByTestId('refund-handling'));
    expect(await handling.findByTestId('expected-decision')).toHaveTextContent(
      `预计审核完成时间 ${formatDateTime(iso(NOW + HOUR), 'zh-CN')}`,
    );
    expect(handling.getByTestId('expected-decision-told')).toHaveTextContent(
      `已告知客户：${formatDateTime(told, 'zh-CN')} 前`,
    );
  });

  it('shows none once the request is decided', async () => {
    renderShow('en', 'rejected');
    const handling = within(await screen.findByTestId('refund-handling'));
    await waitFor(() => expect(handling.getByText('Rejected')).toBeInTheDocument());
    expect(handling.queryByText('Expected decision time')).toBeNull();
    expect(handling.queryByTestId('expected-decision-told')).toBeNull();
  });
});
