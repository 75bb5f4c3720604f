// Webhooks in the browser (admin): the create dialog shows the new endpoint's secret once; the
// deliveries list filters by status and "Redeliver" sends a failed delivery again, which the
// (recovered) receiver of this test then accepts.
process.env.WEBHOOK_POLL_MS = '50';
process.env.WEBHOOK_BACKOFF_BASE_MS = '100';
process.env.WEBHOOK_BACKOFF_MAX_MS = '200';

import type { RefundRequest } from '../../src/domain/model';
import { startReceiver, waitFor } from '../support/webhookReceiver';
import { listQuery } from '../mock-api/harness';
import { expect, signIn, testWithApi } from './fixtures';

const test = testWithApi({ count: 600, seed: 12 });

test('an admin creates an endpoint (secret shown once) and redelivers a failed delivery', async ({
  page,
  api,
}) => {
  const admin = await api.login('admin');
  const reviewer = await api.login('reviewer');
  const receiver = await startReceiver();
  try {
    receiver.failing = () => true;
    const created = await api.call('POST', '/api/webhook-endpoints', {
      token: admin,
      body: { url: receiver.url, events: ['refund.rejected'] },
    });
    receiver.secret = (created.body as { secret: string }).secret;
    const claimed = (await api.call('POST', '/api/refunds/claim-next', { token: reviewer }))
      .body as RefundRequest;
    const rejected = await api.call('POST', `/api/refunds/${claimed.id}/reject`, {
      token: reviewer,
      body: {
        version: claimed.version,
        reasonCode: 'suspected_fraud',
        customerMessage: 'We could not confirm the payment.',
        againstSuggestionReason: 'UI test.',
      },
    });
    expect(rejected.status).toBe(200);
    const failedRows = async () =>
      (
        await api.call('GET', `/api/webhook-deliveries${listQuery({ filter: { status: 'failed' } })}`, {
          token: admin,
        })
      ).body as { id: string; eventId: string }[];
    await waitFor(() => receiver.arrivals.length > 0, 'a first attempt');
    // the receiver stays down past the retry horizon: the delivery is marked failed (the clock's
    // jump may time out other requests' information requests too: those are rejected, and sent later)
    await api.call('POST', '/api/test/advance-clock', { token: admin, body: { ms: 25 * 3_600_000 } });
    await waitFor(async () => (await failedRows()).length > 0, 'the failed delivery');
    const [failed] = await failedRows();

    await signIn(page, api, 'admin');
    await page.goto(`${api.url}/#/webhook-deliveries`);
    await expect(page.getByRole('menuitem', { name: /webhook deliveries/i })).toBeVisible();
    await expect(page.getByText('Administration')).toBeVisible();
    const row = page.locator('tr', { has: page.getByTestId(`redeliver-${failed.id}`) });
    await expect(row.getByTestId('delivery-status')).toHaveText('Failed');
    await expect(row).toContainText(claimed.id);
    receiver.failing = () => false;
    await row.getByTestId(`redeliver-${failed.id}`).click();
    await expect(page.getByText('The delivery will be sent again.')).toBeVisible();
    await waitFor(() => receiver.accepted().some((p) => p.id === failed.eventId), 'the redelivery');
    await page.reload();
    await expect(row.getByTestId('delivery-status')).toHaveText('Delivered');
    expect(receiver.arrivals.every((a) => a.verified)).toBe(true);

    // a new endpoint: the dialog shows its secret once; the list never does
    await page.goto(`${api.url}/#/webhook-endpoints`);
    await page.getByTestId('webhook-create-open').click();
    await page.getByLabel(/^URL/).fill('https://wallet.example/hooks');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByTestId('webhook-secret')).toHaveValue(/^whsec_[0-9a-f]{64}$/);
    const secret = await page.getByTestId('webhook-secret').inputValue();
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect(page.getByText('https://wallet.example/hooks')).toBeVisible();
    expect(await page.content()).not.toContain(secret);
  } finally {
    await receiver.close();
  }
});
