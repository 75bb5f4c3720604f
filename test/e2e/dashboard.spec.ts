// Part 4 in the browser: a manager changes the range, the charts draw, and a figure clicks
// through to the refund list filtered to exactly the requests it counts.
import type { Response } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

const toNumber = (text: string) => Number(text.replace(/[^\d.]/g, ''));

test('a manager changes the range, sees the charts, and clicks through to a list of the same total', async ({
  page,
  api,
}) => {
  await signIn(page, api, 'manager');
  await page.goto(`${api.url}/#/dashboard`);
  await expect(page.locator('.recharts-surface').first()).toBeVisible();

  // the range is part of the URL, and the server answers for it
  const metricsAnswer = page.waitForResponse(
    (r: Response) => r.url().includes('/api/metrics') && r.request().method() === 'GET',
  );
  await page.getByRole('button', { name: /90 days/i }).click();
  const metrics = await metricsAnswer;
  expect(metrics.status()).toBe(200);
  await expect(page).toHaveURL(/90/);
  await expect.poll(() => page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(4);
  const served = (await metrics.json()) as { totals: { submitted: number } };

  const shown = toNumber((await page.getByTestId('kpi-submitted-value').innerText()).trim());
  expect(shown).toBe(served.totals.submitted);
  expect(shown).toBeGreaterThan(0);

  // clicking the figure opens the list filtered to exactly those requests
  const listAnswer = page.waitForResponse(
    (r: Response) =>
      new URL(r.url()).pathname === '/api/refunds' &&
      (r.url().includes('submittedAt') || r.url().includes('%22submittedAt')),
  );
  await page.locator('section[aria-labelledby="kpi-submitted-label"] a').click();
  await expect(page).toHaveURL(/#\/refunds/);
  const list = await listAnswer;
  const total = Number(list.headers()['content-range']?.split('/').pop());
  expect(total).toBe(shown);
  await expect(page.locator('tbody tr').first()).toBeVisible();
});

test('the heat map draws a cell for every hour of the week, and the segments chart its bars', async ({
  page,
  api,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, api, 'manager');
  await page.goto(`${api.url}/#/dashboard`);
  const heat = page.getByRole('figure', { name: 'Where the backlog builds: hour of the week' });
  await heat.scrollIntoViewIfNeeded();
  // 7 weekdays × 24 hours, each cell named by what it counts
  await expect(heat.locator('rect title')).toHaveCount(168);
  await expect(heat.locator('rect title').first()).toHaveText(/^Monday 00:00: \d+ submitted, \d+ decided$/);
  const segments = page.getByRole('figure', { name: 'Review time by segment' });
  await expect(segments.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dashboard-heat-map.png'), fullPage: true });
});

test('the seeded ratings show as the CSAT card and a chart by reviewer, by name', async ({ page, api }) => {
  await signIn(page, api, 'manager');
  const metricsAnswer = page.waitForResponse(
    (r: Response) => r.url().includes('/api/metrics') && r.request().method() === 'GET',
  );
  await page.goto(`${api.url}/#/dashboard`);
  const served = (await (await metricsAnswer).json()) as { totals: { csat: { average: number; n: number } } };
  expect(served.totals.csat.n).toBeGreaterThan(0);
  await expect(page.getByTestId('kpi-csat-value')).toHaveText(`${served.totals.csat.average.toFixed(2)} / 5`);
  const csat = page.getByRole('figure', { name: 'Customer satisfaction by reviewer, reason and outcome' });
  await csat.scrollIntoViewIfNeeded();
  await expect(csat.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await csat.getByRole('button', { name: 'Table view' }).click();
  // each reviewer by the name the seed gave them, not by id
  const names = [
    '李娜 Li Na',
    '王强 Wang Qiang',
    '刘洋 Liu Yang',
    'Emily Carter',
    '陈静 Chen Jing',
    '赵敏 Zhao Min',
  ];
  const first = (await csat.locator('tbody th').first().innerText()).trim();
  expect(names).toContain(first);
});
