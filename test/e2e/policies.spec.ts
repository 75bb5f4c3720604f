// The refund policy's versions in the browser, on a real API: the admin publishes a 3-day window
// from Refund policy and sees it beside version 1 with the changed rule marked; the manager, in
// Chinese, replays the seeded period under a 1-day window, reads how many suggestions change (the
// server's own replay over the same period), and opens exactly those requests in the list; a
// request's policy panel names the version that judged it.
import type { PolicySimulation } from '../../src/domain/policySimulation';
import { FIRST_POLICY_PARAMETERS } from '../../src/domain/policyVersions';
import { expect, signIn, testWithApi } from './fixtures';

const test = testWithApi({ count: 200, seed: 8 });

test('the admin publishes a version and sees it beside the first, the change marked', async ({
  page,
  api,
}) => {
  await signIn(page, api, 'admin');
  await page.getByRole('menuitem', { name: 'Refund policy' }).click();
  await expect(page.getByTestId('policy-version-1')).toContainText('in force');
  await page.getByTestId('publish-policy').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('policy-window-days').fill('3');
  // publishing without a reason is refused in the form, before anything is sent
  await dialog.getByTestId('publish-policy-submit').click();
  await expect(dialog).toContainText('Say why the policy changes.');
  await dialog.getByTestId('policy-note').fill('Shorter window under the new terms.');
  await dialog.getByTestId('publish-policy-submit').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('policy-version-2')).toContainText('scheduled');
  const changed = page.locator('[data-changed="true"]');
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText('3 days');
  const versions = await api.call('GET', '/api/policies', { token: await api.login('admin') });
  expect(versions.body).toEqual([
    expect.objectContaining({ version: 2, parameters: { ...FIRST_POLICY_PARAMETERS, refundWindowDays: 3 } }),
    expect.objectContaining({ version: 1 }),
  ]);
});

test('the manager replays the period under a 1-day window, in Chinese, and opens the requests that change', async ({
  page,
  api,
}) => {
  await signIn(page, api, 'manager', 'zh-CN');
  await page.getByRole('menuitem', { name: '退款政策' }).click();
  const panel = page.getByTestId('policy-simulation');
  await panel.getByTestId('policy-window-days').fill('1');
  await panel.getByTestId('run-simulation').click();
  const answer = panel.getByTestId('policy-simulation-answer');
  await expect(answer).toBeVisible();
  const flipped = Number((await answer.getByTestId('sim-flipped').innerText()).replace(/[^\d]/g, ''));
  expect(flipped).toBeGreaterThan(0);
  await expect(answer).toContainText('批准 → 拒绝');
  const token = await api.login('manager');
  const health = (await api.call('GET', '/api/health')).body as { now: string };
  const now = Date.parse(health.now);
  const sim = (
    await api.call('POST', '/api/policies/simulate', {
      token,
      body: {
        parameters: { ...FIRST_POLICY_PARAMETERS, refundWindowDays: 1 },
        from: new Date(now - 100 * 86_400_000).toISOString(),
        to: new Date(now + 2 * 86_400_000).toISOString(),
      },
    })
  ).body as PolicySimulation;
  // the seed spans less than 90 days, so the page's period and this wider one hold the same requests
  expect(flipped).toBe(sim.flipped.total);
  await answer.getByTestId('sim-flipped-link').click();
  await expect(page).toHaveURL(/#\/refunds\?/);
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const range = page.getByText(new RegExp(`/ ${flipped}$|共 ${flipped}|of ${flipped}`));
  await expect(range.first()).toBeVisible();
});

test("a request's policy panel names the version that judged it", async ({ page, api }) => {
  await signIn(page, api, 'supervisor');
  await page.goto(`${api.url}/#/refunds/r1/show`);
  await expect(page.getByTestId('policy-version')).toHaveText('Judged under policy version 1');
});
