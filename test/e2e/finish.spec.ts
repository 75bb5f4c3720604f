// The finishing touches, in the browser: the full-page message when the API is down (no answer, or
// a 5xx) and the recovery by itself when it is back; empty states that say what to do; loading
// skeletons; relative times with the exact time on hover.
import type { Page, Route } from '@playwright/test';
import { expect, presetPreferences, settle, signInAs, test, type UiLocale } from './uiFixtures';

const TEXT: Record<UiLocale, { title: string; retry: string; refresh: string; back: string }> = {
  en: {
    title: 'The refund service cannot be reached',
    retry: 'Try again now',
    refresh: 'Refresh',
    back: 'The connection is back.',
  },
  'zh-CN': { title: '无法连接退款服务', retry: '立即重试', refresh: '刷新', back: '连接已恢复。' },
};

/** API_RETRY_MS in src/layout/ApiStatus.tsx (not imported: it pulls in Vite-only code) */
const API_RETRY_MS = 5_000;

const rows = (page: Page) => page.locator('#main-content table tbody tr');

for (const locale of ['en', 'zh-CN'] as const) {
  test(`API down: a full-page message, then the desk recovers by itself (${locale})`, async ({
    page,
    api,
  }) => {
    const t = TEXT[locale];
    await presetPreferences(page, { locale });
    await signInAs(page, api, 'reviewer');
    await expect(rows(page).first()).toBeVisible();

    // the API stops answering; the next refresh finds out
    await page.route('**/api/**', (route: Route) => route.abort('connectionrefused'));
    await page.getByRole('banner').getByRole('button', { name: t.refresh }).click();
    const outage = page.getByTestId('api-down');
    await expect(outage.getByRole('heading', { name: t.title })).toBeVisible();
    await expect(outage.getByRole('button', { name: t.retry })).toBeVisible();
    await expect(page.locator('#main-content table')).toBeHidden();
    // the retry button does not bring it back while the API is still down
    await outage.getByRole('button', { name: t.retry }).click();
    await expect(outage.getByRole('heading', { name: t.title })).toBeVisible();

    // the API is back: no click needed, the automatic retry finds it
    await page.unroute('**/api/**');
    await expect(rows(page).first()).toBeVisible({ timeout: API_RETRY_MS * 2 + 5_000 });
    await expect(outage).toHaveCount(0);
    await expect(page.getByText(t.back)).toBeVisible();
  });
}

test('API answering 503: the page says so, and "try again" brings the desk back at once', async ({
  page,
  api,
}) => {
  await presetPreferences(page, { locale: 'en' });
  await signInAs(page, api, 'reviewer');
  await expect(rows(page).first()).toBeVisible();

  // Everything answers 503 until the desk's own probe (GET auth/me, sent by the retry button or the
  // automatic check) is let through; after that, everything is. Letting it all through at once would
  // race: react-query's own retries of the failed queries could bring the desk back before the click.
  let probeMayPass = false;
  let back = false;
  await page.route('**/api/**', (route: Route) => {
    const isProbe = new URL(route.request().url()).pathname.endsWith('/auth/me');
    if (back || (probeMayPass && isProbe)) {
      back = true;
      return route.continue();
    }
    return route.fulfill({ status: 503, contentType: 'application/json', body: '{"message":"maintenance"}' });
  });
  await page.goto(`${api.url}/#/customers`);
  const outage = page.getByTestId('api-down');
  await expect(outage).toContainText('HTTP 503');

  // right after an automatic check fails, the next one is API_RETRY_MS away: only the click can
  // bring the desk back sooner
  await page.waitForResponse((r) => r.url().endsWith('/auth/me') && r.status() === 503, {
    timeout: API_RETRY_MS * 2,
  });
  probeMayPass = true;
  await outage.getByRole('button', { name: 'Try again now' }).click();
  await expect(outage).toHaveCount(0, { timeout: API_RETRY_MS / 2 });
  await expect(rows(page).first()).toBeVisible();
});

test('empty lists say what to do, in both languages', async ({ page, api }) => {
  await presetPreferences(page, { locale: 'zh-CN' });
  await signInAs(page, api, 'supervisor');

  // a search that finds nothing: say so, and offer to clear the filters
  await page.goto(
    `${api.url}/#/customers?filter=${encodeURIComponent(JSON.stringify({ q: 'zzzz-nobody' }))}`,
  );
  const empty = page.getByTestId('empty-state');
  await expect(empty).toContainText('没有符合筛选条件的结果');
  await empty.getByRole('button', { name: '清除全部筛选条件' }).click();
  await expect(rows(page).first()).toBeVisible();

  // a list with nothing at all: what would be here and how it gets here
  await page.route('**/api/users?**', (route: Route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'Content-Range': 'users 0-0/0', 'Access-Control-Expose-Headers': 'Content-Range' },
      body: '[]',
    }),
  );
  await page.goto(`${api.url}/#/users`);
  await expect(page.getByTestId('empty-state')).toContainText('暂无员工');
  await expect(page.getByTestId('empty-state')).toContainText('请联系管理员');

  // and in English
  await page.getByRole('banner').getByRole('button', { name: /^语言/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByTestId('empty-state')).toContainText('No staff members');
});

test('loading shows skeletons, not a blank page: the queue and the dashboard', async ({ page, api }) => {
  await presetPreferences(page, { locale: 'en' });
  await signInAs(page, api, 'manager');
  await expect(rows(page).first()).toBeVisible();

  const slow = async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue().catch(() => undefined);
  };
  await page.route('**/api/metrics**', slow);
  await page.goto(`${api.url}/#/dashboard`);
  await expect(page.getByTestId('loading-skeleton')).toBeVisible();
  await expect(page.locator('#main-content figure').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('loading-skeleton')).toHaveCount(0);

  await page.route('**/api/orders?**', slow);
  await page.goto(`${api.url}/#/orders`);
  // react-admin shows the list's skeleton rows (no record in them) once a page takes over a second
  await expect(page.locator('#main-content tbody tr:not(.RaDataTable-row)').first()).toBeVisible();
  await expect(page.locator('#main-content tbody tr.RaDataTable-row').first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.locator('#main-content tbody tr:not(.RaDataTable-row)')).toHaveCount(0);
});

test('a relative time shows the exact date and time on hover', async ({ page, api }) => {
  await presetPreferences(page, { locale: 'en' });
  await signInAs(page, api, 'reviewer');
  await expect(rows(page).first()).toBeVisible();
  await settle(page);
  const time = rows(page).first().locator('td.column-submittedAt time');
  await expect(time).toHaveText(/ago|yesterday|last|now/);
  const iso = await time.getAttribute('datetime');
  const title = await time.getAttribute('title');
  expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  // the exact local date and time, e.g. "Nov 23, 2026, 1:38 PM"
  expect(title).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/);
  await time.hover();
  expect(await time.evaluate((el) => el.matches(':hover'))).toBe(true);
});
