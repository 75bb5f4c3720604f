// @vitest-environment jsdom
// The policy checks panel: it gathers the customer and the other open requests for the order,
// runs the domain's evaluatePolicy, and explains every check and the suggested decision.
import { screen, within } from '@testing-library/react';
import { RecordContextProvider, ResourceContextProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import type { Customer, RefundRequest } from '../../src/domain/model';
import { RefundPolicyPanel } from '../../src/refunds/PolicyChecks';
import { RefundShow } from '../../src/refunds/RefundShow';
import {
  NOW,
  fakeDataProvider,
  makeCustomer,
  makeOrder,
  makeRefund,
  renderWithAdmin,
  users,
} from './fixtures';

const DAY = 24 * 3_600_000;

function renderPanel(
  record: RefundRequest,
  db: { customers: Customer[]; refunds: RefundRequest[] },
  locale: 'en' | 'zh-CN' = 'en',
) {
  const dataProvider = fakeDataProvider(db);
  renderWithAdmin(
    <ResourceContextProvider value="refunds">
      <RecordContextProvider value={record}>
        <RefundPolicyPanel />
      </RecordContextProvider>
    </ResourceContextProvider>,
    { dataProvider, locale },
  );
  return dataProvider;
}

const check = (key: string) => screen.getByTestId(`policy-check-${key}`);

describe('RefundPolicyPanel', () => {
  it('passes a clean request and suggests a full approval', async () => {
    const record = makeRefund({ id: 'r1', orderId: 'o1' });
    renderPanel(record, { customers: [makeCustomer()], refunds: [record] });
    await screen.findByTestId('policy-checks');
    for (const key of ['window', 'refundable', 'tipping', 'information', 'account', 'duplicate']) {
      expect(check(key)).toHaveAttribute('data-ok', 'true');
      expect(within(check(key)).getByTitle('OK')).toBeInTheDocument();
    }
    expect(check('window')).toHaveTextContent(
      'Submitted 1 day after purchase, inside the 7-day refund window.',
    );
    expect(check('refundable')).toHaveTextContent(
      'No coins spent: the full amount of ¥198.00 is refundable.',
    );
    const suggestion = screen.getByTestId('policy-suggestion');
    expect(suggestion).toHaveAttribute('data-suggestion', 'approve');
    expect(suggestion).toHaveTextContent('Suggested decision: Approve in full');
    expect(suggestion).toHaveTextContent('Refundable: ¥198.00');
  });

  it('flags every problem with ⚠ and its reason, and asks for the missing information first', async () => {
    const record = makeRefund({
      id: 'r1',
      orderId: 'o1',
      purchasedAt: new Date(NOW - 12 * DAY).toISOString(),
      submittedAt: new Date(NOW - 2 * 3_600_000).toISOString(),
      coins: 1_000,
      coinsSpent: 400,
      coinsSpentOnTips: 150,
      paidFen: 10_000,
      providedItems: ['order_number', 'purchase_time'],
    });
    const other = makeRefund({
      id: 'r77',
      orderId: 'o1',
      status: 'in_review',
      submittedAt: new Date(NOW - 30 * 3_600_000).toISOString(),
    });
    const dataProvider = renderPanel(record, {
      customers: [makeCustomer({ accountStatus: 'restricted' })],
      refunds: [record, other],
    });
    await screen.findByTestId('policy-checks');
    for (const key of ['window', 'refundable', 'tipping', 'information', 'account', 'duplicate']) {
      expect(check(key)).toHaveAttribute('data-ok', 'false');
      expect(within(check(key)).getByTitle('Needs attention')).toBeInTheDocument();
    }
    expect(check('window')).toHaveTextContent(
      'Submitted 11 days after purchase, outside the 7-day refund window',
    );
    expect(check('refundable')).toHaveTextContent(
      '400 of 1,000 coins spent: only the 600 unspent coins are refundable, ¥60.00.',
    );
    expect(check('tipping')).toHaveTextContent('150 coins went to tips');
    expect(check('information')).toHaveTextContent('Missing: refund reason details.');
    expect(check('account')).toHaveTextContent('The account is restricted');
    expect(check('duplicate')).toHaveTextContent('Other open requests exist for this order: r77.');
    const suggestion = screen.getByTestId('policy-suggestion');
    expect(suggestion).toHaveAttribute('data-suggestion', 'request_info');
    expect(suggestion).toHaveTextContent('Ask for: refund reason details');
    expect(suggestion).toHaveTextContent(
      'Approval blocked unless a supervisor overrides: outside the refund window, account restricted',
    );

    // the policy is the server's own evaluation of this request, asked for once
    expect(dataProvider.calls.filter((c) => c.method === 'getRefundPolicy')).toEqual([
      { method: 'getRefundPolicy', resource: 'refunds', params: { id: 'r1' } },
    ]);
  });

  it('suggests rejection with its reason when nothing is refundable', async () => {
    const record = makeRefund({ id: 'r1', orderId: 'o1', coins: 100, coinsSpent: 100, refundableFen: 0 });
    renderPanel(record, { customers: [makeCustomer()], refunds: [record] });
    const suggestion = await screen.findByTestId('policy-suggestion');
    expect(suggestion).toHaveAttribute('data-suggestion', 'reject');
    expect(suggestion).toHaveTextContent('Reason: Coins already spent');
    expect(check('refundable')).toHaveTextContent('All 100 coins are spent: nothing is refundable.');
  });

  it.each([
    [
      'en',
      'Data error: the purchase time',
      'Suggested decision: Request information',
      'purchase time, proof of payment',
    ],
    ['zh-CN', '数据有误：购买时间', '建议处理：补充资料', '购买时间、支付凭证'],
  ] as const)(
    'calls a purchase after the submission a data error and asks for proof (%s)',
    async (locale, reason, title, item) => {
      const record = makeRefund({ id: 'r1', orderId: 'o1', purchasedAt: new Date(NOW + DAY).toISOString() });
      renderPanel(record, { customers: [makeCustomer()], refunds: [record] }, locale);
      await screen.findByTestId('policy-checks');
      expect(check('window')).toHaveAttribute('data-ok', 'false');
      expect(check('window')).toHaveTextContent(reason);
      expect(check('window')).not.toHaveTextContent(/inside|时限内/);
      const suggestion = screen.getByTestId('policy-suggestion');
      expect(suggestion).toHaveAttribute('data-suggestion', 'request_info');
      expect(suggestion).toHaveTextContent(title);
      expect(suggestion).toHaveTextContent(item);
    },
  );

  it('explains the checks in Chinese', async () => {
    const record = makeRefund({ id: 'r1', orderId: 'o1', coinsSpentOnTips: 5, coinsSpent: 5 });
    renderPanel(
      record,
      { customers: [makeCustomer({ accountStatus: 'banned' })], refunds: [record] },
      'zh-CN',
    );
    await screen.findByTestId('policy-checks');
    expect(check('window')).toHaveTextContent('购买 1 天后提交，在 7 天退款时限内。');
    expect(check('tipping')).toHaveTextContent('有 5 金币用于打赏：通过需主管二次审批。');
    expect(check('account')).toHaveTextContent('账户已封禁：不能自动通过。');
    expect(screen.getByTestId('policy-suggestion')).toHaveTextContent('建议处理：驳回');
  });
});

describe('RefundShow', () => {
  it('shows the request, the policy checks and an empty action area for the workflow buttons', async () => {
    const record = makeRefund({ id: 'r1', orderId: 'o1', orderNumber: 'CZ-SHOW', assigneeId: 'u1' });
    const earlier = makeRefund({ id: 'r0', orderId: 'o0', orderNumber: 'CZ-EARLIER', status: 'rejected' });
    const dataProvider = fakeDataProvider({
      refunds: [record, earlier],
      customers: [makeCustomer({ accountStatus: 'restricted' })],
      orders: [makeOrder({ id: 'o1', orderNumber: 'CZ-SHOW' })],
      users,
    });
    renderWithAdmin(
      <ResourceContextProvider value="refunds">
        <RefundShow id="r1" />
      </ResourceContextProvider>,
      { dataProvider },
    );
    // (the page title goes to the app bar, absent here)
    expect((await screen.findAllByText('CZ-SHOW')).length).toBeGreaterThan(0);
    expect(screen.getByTestId('refund-actions')).toBeEmptyDOMElement();
    expect(await screen.findByTestId('policy-checks')).toBeInTheDocument();
    const customer = screen.getByTestId('refund-customer');
    expect(await within(customer).findByText('Restricted')).toBeInTheDocument();
    const requests = screen.getByTestId('refund-customer-requests');
    expect(await within(requests).findByText('CZ-EARLIER')).toBeInTheDocument();
    expect(within(screen.getByTestId('refund-handling')).getByText('Pending')).toBeInTheDocument();
    expect(await within(screen.getByTestId('refund-handling')).findByText('Li Na')).toBeInTheDocument();
    expect(screen.getByText('screenshot.png')).toBeInTheDocument();
  });
});
