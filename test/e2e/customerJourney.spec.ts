// Issue 16 item 9, the customer's journey end to end in real Chromium: wallet → queue → decision →
// wallet. A fresh desk API (its own seeded database, serving dist/) and the real wallet backend
// beside it (the same database, fast webhook delivery), which serves the built wallet page itself
// (mock-api/wallet/walletPage.ts). A customer picks a purchase and applies in the wallet; a reviewer
// sees the request arrive in the desk's queue through the live stream, claims and approves it; the
// wallet shows the new status, the desk's message to the customer (delivered by webhook) and the
// coins taken back, and asks the customer how the desk did.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { test as base, type Page } from '@playwright/test';
import { connect } from '../../mock-api/db/connect';
import { startWallet, type RunningWallet } from '../../mock-api/wallet/server';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { REFUND_WINDOW_MS } from '../../src/domain/sla';
import { startTestApi, type TestApi } from '../mock-api/harness';
import { expect, signIn } from './fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** the desk's webhook dispatcher reads WEBHOOK_* as the API starts: look for due deliveries often */
const FAST_WEBHOOKS: Record<string, string> = {
  WEBHOOK_POLL_MS: '200',
  WEBHOOK_BACKOFF_BASE_MS: '200',
  WEBHOOK_BACKOFF_MAX_MS: '1000',
};

/** a fresh desk API per test (fixtures.ts), its dispatcher fast; the worker's env left as it was */
const test = base.extend<{ api: TestApi }>({
  api: async ({}, use) => {
    const saved = Object.fromEntries(Object.keys(FAST_WEBHOOKS).map((k) => [k, process.env[k]]));
    Object.assign(process.env, FAST_WEBHOOKS);
    let api: TestApi;
    try {
      api = await startTestApi({ count: 300, seed: 5 });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    try {
      await use(api);
    } finally {
      await api.close();
    }
  },
});

interface Purchase {
  orderNumber: string;
  customerId: string;
  customerName: string;
  /** the coins of the order not spent yet: what a request on it holds */
  unspent: number;
}

/**
 * A purchase a reviewer may approve in full alone once applied for: bought inside the refund window
 * by a customer in good standing, coins not all spent and none tipped, under the second-approval threshold,
 * and no request on it yet.
 */
async function approvablePurchase(api: TestApi): Promise<Purchase> {
  const handle = connect(api.database);
  try {
    const since = new Date(Date.now() - REFUND_WINDOW_MS + 3_600_000).toISOString();
    const row = await handle.db
      .selectFrom('orders')
      .innerJoin('customers', 'customers.id', 'orders.customerId')
      .select([
        'orders.orderNumber as orderNumber',
        'orders.customerId as customerId',
        'customers.name as customerName',
        sql<number>`${sql.ref('orders.coins')} - ${sql.ref('orders.coinsSpent')}`.as('unspent'),
      ])
      .where('customers.accountStatus', '=', 'normal')
      .whereRef('orders.coinsSpent', '<', 'orders.coins')
      .where('orders.coinsSpentOnTips', '=', 0)
      .where('orders.paidFen', '>', 0)
      .where('orders.paidFen', '<=', SECOND_APPROVAL_THRESHOLD_FEN)
      .where('orders.purchasedAt', '>=', since)
      // no request on it but rejected ones (an open or refunded one would make the new one a duplicate)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('refunds')
              .select(sql<number>`1`.as('one'))
              .whereRef('refunds.orderNumber', '=', 'orders.orderNumber')
              .where('refunds.status', '!=', 'rejected'),
          ),
        ),
      )
      .orderBy('orders.purchasedAt', 'desc')
      .orderBy('orders.orderNumber')
      .executeTakeFirst();
    if (!row) throw new Error('the seed left no purchase a reviewer could approve alone');
    return row;
  } finally {
    await handle.close();
  }
}

const coinsOf = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute('data-coins'));

test('a customer applies in the wallet, a reviewer approves from the queue, the wallet hears of it', async ({
  api,
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  expect(fs.existsSync(path.join(root, 'dist', 'wallet.html')), 'run `npx vite build` first').toBe(true);
  const purchase = await approvablePurchase(api);
  let wallet: RunningWallet | null = null;
  try {
    wallet = await startWallet({ apiUrl: api.url, database: api.database, port: 0, dataDir: api.dir });
    await wallet.ready;

    // the reviewer watches the queue for the order before the customer applies
    const deskContext = await browser.newContext();
    const desk = await deskContext.newPage();
    const streamOpen = desk.waitForResponse((res) => res.url().endsWith('/api/stream'));
    await signIn(desk, api, 'reviewer');
    await streamOpen;
    await desk.goto(
      `${api.url}/#/refunds?filter=${encodeURIComponent(JSON.stringify({ q: purchase.orderNumber }))}`,
    );
    // (earlier requests on the order, all rejected, are listed too: the new one is the pending one)
    const row = desk
      .locator('tbody tr')
      .filter({ hasText: purchase.orderNumber })
      .filter({ hasText: 'Pending' });
    await expect(row).toHaveCount(0);

    // the customer, in the wallet page the wallet's backend serves
    await page.addInitScript(() => localStorage.setItem('wallet.locale', 'en'));
    await page.goto(`${wallet.url}/wallet.html`);
    await expect(page.getByRole('heading', { name: 'My wallet' })).toBeVisible();
    const picker = page.getByRole('combobox', { name: 'Customer' });
    await picker.fill(purchase.customerName);
    await page
      .getByRole('option', { name: `${purchase.customerName} (${purchase.customerId})`, exact: true })
      .click();
    const item = page.getByTestId(`wallet-purchase-${purchase.orderNumber}`);
    await expect(item).toBeVisible();
    await expect(page.getByText('No refund requests yet.')).toBeVisible();
    const before = {
      available: await coinsOf(page, 'wallet-available'),
      held: await coinsOf(page, 'wallet-held'),
      revoked: await coinsOf(page, 'wallet-revoked'),
    };

    await item.getByRole('button', { name: 'Apply for a refund' }).click();
    const apply = page.getByRole('dialog', { name: `Apply for a refund: ${purchase.orderNumber}` });
    await apply
      .getByRole('textbox', { name: 'Tell us what happened' })
      .fill('I bought the wrong pack by mistake; please refund it (customer journey test).');
    const applied = page.waitForResponse(
      (res) => res.url().endsWith('/refund-requests') && res.request().method() === 'POST',
    );
    await apply.getByRole('button', { name: 'Submit' }).click();
    const answer = await applied;
    expect(answer.status()).toBe(201);
    const refundId = ((await answer.json()) as { id: string }).id;
    await expect(apply).toBeHidden();
    const card = page.getByTestId(`wallet-request-${refundId}`);
    await expect(card.getByTestId('wallet-request-status')).toHaveAttribute('data-status', 'received');
    // the desk's refund.received webhook reaches the customer's notifications, and the coins are held
    await expect(
      page.getByTestId('wallet-inbox-entry').filter({ hasText: `Request received · request ${refundId}` }),
    ).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(() => coinsOf(page, 'wallet-held'), { timeout: 30_000 })
      .toBe(before.held + purchase.unspent);
    await expect(page.getByTestId('wallet-available')).toHaveAttribute(
      'data-coins',
      String(before.available - purchase.unspent),
    );

    // the request arrives in the reviewer's queue by the live stream, no reload
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row).toContainText('Unassigned');
    await row.click();
    await expect(desk).toHaveURL(new RegExp(`#/refunds/${refundId}/show`));
    const actions = desk.getByTestId('refund-actions');
    const status = desk.getByTestId('refund-handling').locator('[data-status]').first();
    await expect(status).toHaveAttribute('data-status', 'pending');
    await actions.locator('[data-action="claim"]').click();
    await expect(status).toHaveAttribute('data-status', 'in_review');
    await actions.locator('[data-action="approve"]').click();
    const approve = desk.getByTestId('approve-dialog');
    await expect(approve).toBeVisible();
    await approve.getByTestId('dialog-submit').click();
    await expect(approve).toBeHidden();
    // queue mode then opens the reviewer's next request (or says the queue is empty): wait for it,
    // else it would land after our own navigation and show another request
    await expect
      .poll(
        async () =>
          !desk.url().includes(`/refunds/${refundId}/`) ||
          (await desk.getByTestId('end-of-queue').count()) > 0,
        { timeout: 15_000 },
      )
      .toBe(true);
    await desk.goto(`${api.url}/#/refunds/${refundId}/show`);
    await desk.reload();
    await expect(status).toHaveAttribute('data-status', 'approved');
    await deskContext.close();

    // back in the wallet: approved, the desk's message, the coins taken back — all by webhook
    await expect(card.getByTestId('wallet-request-status')).toHaveAttribute('data-status', 'approved', {
      timeout: 30_000,
    });
    await expect(card.getByText('Refund approved:')).toBeVisible();
    await expect(
      card.getByTestId('wallet-request-message').filter({ hasText: purchase.orderNumber }).last(),
    ).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByTestId('wallet-inbox-entry').filter({ hasText: `Refund approved · request ${refundId}` }),
    ).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(() => coinsOf(page, 'wallet-revoked'), { timeout: 30_000 })
      .toBe(before.revoked + purchase.unspent);
    await expect(page.getByTestId('wallet-held')).toHaveAttribute('data-coins', String(before.held));
    await expect(page.getByTestId('wallet-available')).toHaveAttribute(
      'data-coins',
      String(before.available - purchase.unspent),
    );
    // the purchase cannot be refunded twice
    await expect(item.getByRole('button', { name: 'Apply for a refund' })).toBeDisabled();

    // the decided request asks how we did: the desk refuses a comment of invisible characters only
    // (its words in the alert), then takes the rating once; the card says so and stops asking
    const prompt = card.getByTestId('wallet-rating-prompt');
    await expect(prompt.getByRole('heading', { name: 'How did we do?' })).toBeVisible();
    const send = prompt.getByRole('button', { name: 'Send rating' });
    await expect(send).toBeDisabled();
    await prompt.getByRole('button', { name: '4 · Good' }).click();
    await expect(prompt.getByText('Good', { exact: true })).toBeVisible();
    const comment = prompt.getByRole('textbox', { name: 'Anything you would like to tell us? (optional)' });
    await comment.fill('\u200b\u2066');
    await send.click();
    await expect(prompt.getByRole('alert')).toContainText('has no visible characters');
    await comment.fill('Quick and clear, thanks.');
    const rating = page.waitForResponse(
      (res) => res.url().endsWith(`/refund-requests/${refundId}/rating`) && res.request().method() === 'POST',
    );
    await send.click();
    expect((await rating).status()).toBe(201);
    await expect(page.getByText('Thank you for your rating.')).toBeVisible();
    await expect(card.getByTestId('wallet-rating-given')).toHaveText('You rated this 4/5');
    await expect(prompt).toHaveCount(0);
    // and the desk keeps it on the request's history
    const events = await api.call(
      'GET',
      `/api/events?filter=${encodeURIComponent(JSON.stringify({ refundId }))}`,
      {
        token: await api.login('supervisor'),
      },
    );
    const rated = (events.body as { action: string; details?: { score?: number; comment?: string } }[]).find(
      (e) => e.action === 'customer_rating',
    );
    expect(rated?.details).toMatchObject({ score: 4, comment: 'Quick and clear, thanks.' });
    expect(wallet.counts.refused).toBe(0);
  } finally {
    await wallet?.close();
  }
});
