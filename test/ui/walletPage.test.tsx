// @vitest-environment jsdom
// Issue 16 item 8: the demo wallet's page (src/wallet/) on its real backend (mock-api/wallet/,
// over HTTP, on a freshly seeded database; no desk behind it, so the wallet says it is not
// connected yet): picking a customer shows their coin balance and purchase history, in either
// language, and an application the desk cannot take yet is answered with the reason.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWallet, type RunningWallet } from '../../mock-api/wallet/server';
import { WalletApp } from '../../src/wallet/WalletApp';
import { seededTestDatabase } from '../mock-api/harness';

let wallet: RunningWallet;
let remove: () => void;

beforeAll(async () => {
  const database = await seededTestDatabase({ count: 20, seed: 4 });
  remove = database.remove;
  // a desk address where nothing answers: the wallet keeps trying to connect in the background
  wallet = await startWallet({
    apiUrl: 'http://127.0.0.1:9',
    database: database.target,
    port: 0,
    dataDir: database.dir,
  });
  wallet.ready.catch(() => undefined);
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    realFetch(
      typeof input === 'string' && input.startsWith('/wallet-api') ? `${wallet.url}${input}` : input,
      init,
    ),
  );
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await wallet?.close();
  remove?.();
});

async function pickFirstCustomer() {
  fireEvent.mouseDown(await screen.findByRole('combobox'));
  const options = await screen.findAllByRole('option');
  fireEvent.click(options[0]!);
}

describe('the wallet page', () => {
  it('shows a customer’s balance and purchases in Chinese, and the desk not connected yet', async () => {
    localStorage.setItem('wallet.locale', 'zh-CN');
    const view = render(<WalletApp />);
    await pickFirstCustomer();
    expect(await screen.findByText('购买记录')).toBeInTheDocument();
    expect(screen.getByText('金币余额')).toBeInTheDocument();
    expect(screen.getByTestId('wallet-available').textContent).toMatch(/^\d+ 金币$/);
    expect(screen.getByText(/钱包尚未连接到退款工作台/)).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: '申请退款' }).length).toBeGreaterThan(0);
    view.unmount();
  });

  it('switches to English and answers an application with the reason it cannot go through', async () => {
    localStorage.setItem('wallet.locale', 'zh-CN');
    const view = render(<WalletApp />);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { name: 'My wallet' })).toBeInTheDocument();
    await pickFirstCustomer();
    const apply = (await screen.findAllByRole('button', { name: 'Apply for a refund' })).find(
      (b) => !b.hasAttribute('disabled'),
    )!;
    fireEvent.click(apply);
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Submit' }));
    await waitFor(() =>
      expect(within(dialog).getByText(/The wallet is not connected to the desk yet/)).toBeInTheDocument(),
    );
    view.unmount();
  });
});
