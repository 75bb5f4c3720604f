// @vitest-environment jsdom
// The request page's coins panel: the hold as it stands and its ledger lines (who, when, why), in
// both languages, and a plain sentence for a request from before coins were held.
import { screen, within } from '@testing-library/react';
import { RecordContextProvider, ResourceContextProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import type { CoinMovement, RefundRequest } from '../../src/domain/model';
import { CoinLedgerPanel } from '../../src/refunds/CoinLedgerPanel';
import { fakeDataProvider, makeRefund, renderWithAdmin, users } from './fixtures';

const movement = (over: Partial<CoinMovement>): CoinMovement => ({
  id: 'cm1',
  refundId: 'r1',
  orderId: 'o1',
  customerId: 'c1',
  kind: 'held',
  coins: 600,
  actorId: null,
  reason: 'request_received',
  at: '2026-03-10T10:00:00.000Z',
  ...over,
});

const LEDGER = [
  movement({}),
  movement({
    id: 'cm2',
    kind: 'revoked',
    coins: 200,
    reason: 'partially_approved',
    actorId: 'u1',
    at: '2026-03-11T10:00:00.000Z',
  }),
  movement({
    id: 'cm3',
    kind: 'released',
    coins: 400,
    reason: 'partially_approved',
    actorId: 'u1',
    at: '2026-03-11T10:00:00.000Z',
  }),
];

function renderPanel(record: RefundRequest, locale: 'en' | 'zh-CN' = 'en') {
  const dataProvider = fakeDataProvider({ refunds: [record], 'coin-movements': LEDGER, users });
  renderWithAdmin(
    <ResourceContextProvider value="refunds">
      <RecordContextProvider value={record}>
        <CoinLedgerPanel />
      </RecordContextProvider>
    </ResourceContextProvider>,
    { dataProvider, locale },
  );
  return dataProvider;
}

describe('the coins panel', () => {
  it('shows the hold and the request’s ledger lines, with who moved them and why', async () => {
    const provider = renderPanel(
      makeRefund({
        id: 'r1',
        status: 'partially_approved',
        coinHold: { coins: 600, status: 'revoked', revokedCoins: 200 },
      }),
    );
    expect(screen.getByTestId('coin-hold-status')).toHaveTextContent('Revoked');
    expect(screen.getByTestId('coin-hold-summary')).toHaveTextContent('600 coins: 200 revoked, 400 released');
    expect(await screen.findByText('Request received')).toBeInTheDocument();
    expect(screen.getByText('−200')).toBeInTheDocument();
    expect(screen.getByText('+400')).toBeInTheDocument();
    expect(screen.getAllByText('Partially approved')).toHaveLength(2);
    expect(screen.getByText('Refund Desk')).toBeInTheDocument();
    expect((await screen.findAllByText('Li Na')).length).toBe(2);
    const asked = provider.calls.find((c) => c.method === 'getManyReference');
    expect(asked).toMatchObject({ resource: 'coin-movements', params: { target: 'refundId', id: 'r1' } });
  });

  it('says it in Chinese', async () => {
    renderPanel(makeRefund({ id: 'r1', coinHold: { coins: 600, status: 'held' } }), 'zh-CN');
    expect(screen.getByTestId('coin-hold-status')).toHaveTextContent('已冻结');
    expect(screen.getByTestId('coin-hold-summary')).toHaveTextContent('600 金币');
    const table = await screen.findByText('收到退款申请');
    expect(within(table.closest('table')!).getAllByText('部分通过')).toHaveLength(2);
  });

  it('says when a request holds no coins (from before coins were held)', () => {
    renderPanel(makeRefund({ id: 'r1', coinHold: null }));
    expect(screen.getByTestId('coin-hold-none')).toHaveTextContent('No coins were held');
  });
});
