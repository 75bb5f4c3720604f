// The coins panel in the browser, against a fresh mock API: a request's held coins are on its page,
// and after the reviewer's approval they are revoked there (the ledger line written with the decision).
import type { RefundRequest } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { approvableFilter, listQuery } from '../mock-api/harness';
import { expect, signIn, testWithApi } from './fixtures';

const test = testWithApi({ count: 1000, seed: 5 });

test('the request page shows the coins held, and the approval revokes them', async ({ page, api }) => {
  const reviewer = await api.login('reviewer');
  const candidates = (
    await api.call(
      'GET',
      `/api/refunds${listQuery({
        range: [0, 199],
        filter: approvableFilter({ gte: 1, lte: SECOND_APPROVAL_THRESHOLD_FEN }),
      })}`,
      { token: reviewer },
    )
  ).body as RefundRequest[];
  const target = candidates.find((r) => (r.coinHold?.coins ?? 0) > 0);
  expect(target, 'the seed has a clean pending request with coins held').toBeDefined();
  const claimed = await api.call('POST', `/api/refunds/${target!.id}/claim`, {
    token: reviewer,
    body: { version: target!.version },
  });
  expect(claimed.status).toBe(200);
  const coins = target!.coinHold!.coins;

  await signIn(page, api, 'reviewer');
  await page.goto(`${api.url}/#/refunds/${target!.id}/show`);
  const panel = page.getByTestId('refund-coins');
  await expect(panel.getByTestId('coin-hold-status')).toHaveText('Held');
  await expect(panel.getByTestId('coin-hold-summary')).toHaveText(`${coins.toLocaleString('en')} coins`);
  await expect(panel).toContainText('Request received');

  await page.getByTestId('refund-actions').locator('[data-action="approve"]').click();
  const dialog = page.getByTestId('approve-dialog');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toBeHidden();
  // the desk moves on to the next request; back on this one, its coins are revoked
  await page.goto(`${api.url}/#/refunds/${target!.id}/show`);
  await expect(page.getByTestId('refund-handling')).toContainText('Approved');
  await expect(panel.getByTestId('coin-hold-status')).toHaveText('Revoked');
  await expect(panel).toContainText(`−${coins.toLocaleString('en')}`);
  await expect(panel.locator('tbody tr')).toHaveCount(2);
});
