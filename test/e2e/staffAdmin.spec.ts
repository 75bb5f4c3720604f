// Issue 16 item 1 in the browser, against a fresh mock API: the admin deactivates a reviewer who
// holds a request; the request is back in the queue (pending, nobody's), its history says why, and
// the reviewer can no longer sign in.
import type { RefundRequest, StaffUser } from '../../src/domain/model';
import { approvableFilter, listQuery } from '../mock-api/harness';
import { expect, signIn, test } from './fixtures';

test('the admin deactivates a reviewer holding a request: it goes back to the queue and they cannot sign in', async ({
  page,
  api,
}) => {
  const reviewer = await api.login('reviewer');
  const candidates = (
    await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 0], filter: approvableFilter({ gte: 1, lte: 100_000 }) })}`,
      { token: reviewer },
    )
  ).body as RefundRequest[];
  expect(candidates.length, 'the seed has a pending request').toBeGreaterThan(0);
  const claimed = await api.call('POST', `/api/refunds/${candidates[0].id}/claim`, {
    token: reviewer,
    body: { version: candidates[0].version },
  });
  expect(claimed.status).toBe(200);
  const held = claimed.body as RefundRequest;
  const reviewerId = held.assigneeId!;

  await signIn(page, api, 'admin');
  await page.goto(`${api.url}/#/users`);
  const row = page.getByRole('row').filter({ hasText: 'reviewer' }).filter({ hasText: 'Li Na' });
  await expect(row.getByTestId('user-status')).toHaveText('Active');
  await page.goto(`${api.url}/#/users/${reviewerId}/show`);
  await page.getByTestId('user-deactivate').click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('The requests they hold go back to the queue.');
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  // the seed's reviewer may hold others besides the one claimed here
  await expect(page.getByText(/^Account deactivated; \d+ requests? went back to the queue\.$/)).toBeVisible();
  await expect(page.getByTestId('user-status')).toHaveText('Deactivated');
  await expect(page.getByTestId('user-reactivate')).toBeVisible();

  // the request is in the queue again, pending and nobody's, with the release in its history
  const supervisor = await api.login('supervisor');
  const now = (await api.call('GET', `/api/refunds/${held.id}`, { token: supervisor })).body as RefundRequest;
  expect(now).toMatchObject({ status: 'pending', assigneeId: null });
  const queue = (
    await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 999], filter: { status: 'pending', assigneeId: 'unassigned' } })}`,
      { token: supervisor },
    )
  ).body as RefundRequest[];
  expect(queue.map((r) => r.id)).toContain(held.id);

  // the reviewer's token stops working, and the sign-in form refuses them
  expect((await api.call('GET', '/api/auth/me', { token: reviewer })).status).toBe(401);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${api.url}/#/login`);
  await page.locator('input[name="username"]').fill('reviewer');
  await page.locator('input[name="password"]').fill('password');
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/#\/login/);
  await expect(
    page
      .getByRole('alert')
      .or(page.getByText(/wrong|incorrect|invalid/i))
      .first(),
  ).toBeVisible();
  const me = (await api.call('GET', '/api/users/' + reviewerId, { token: supervisor })).body as StaffUser;
  expect(me.active).toBe(false);
});
