// Platform clients in the browser: the admin creates one from Administration → Platform clients,
// sees its key once (with the warning), the key works on the platform API, and after the dialog is
// closed the page shows only the key's first characters; revoking stops the key.
import { expect, signIn, testWithApi } from './fixtures';

const test = testWithApi({ count: 100, seed: 3 });

test('the admin makes a platform key, sees it once, and revokes it', async ({ page, api }) => {
  await signIn(page, api, 'admin');
  await page.getByRole('menuitem', { name: 'Platform clients' }).click();
  await page.getByTestId('create-platform-client').click();
  await page.getByRole('dialog').getByLabel('Name').fill('Wallet app');
  await page.getByTestId('create-key').click();
  const shown = page.getByTestId('platform-key');
  await expect(shown).toHaveValue(/^rdk_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('key-warning')).toContainText('shown only this once');
  const key = await shown.inputValue();

  const works = await api.call('GET', '/api/platform/refund-requests/r1', { token: key });
  expect(works.status).toBe(200);

  await page.getByTestId('key-saved').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const row = page.getByRole('row', { name: /Wallet app/ });
  await expect(row).toContainText(key.slice(0, 10));
  await expect(page.locator('body')).not.toContainText(key);

  await row.getByTestId('revoke-platform-client').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row.getByTestId('revoke-platform-client')).toHaveCount(0);
  const stopped = await api.call('GET', '/api/platform/refund-requests/r1', { token: key });
  expect(stopped.status).toBe(401);
});
