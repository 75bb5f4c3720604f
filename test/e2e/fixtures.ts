// A fresh mock API per test: its own temporary database, a free port, the built app served from dist/.
import { test as base, expect, type Page } from '@playwright/test';
import { startTestApi, type TestApi } from '../mock-api/harness';

export const test = base.extend<{ api: TestApi }>({
  api: async ({}, use) => {
    const api = await startTestApi({ count: 300, seed: 5 });
    await use(api);
    await api.close();
  },
});
export { expect };

/** Signs in through the login form, in English unless told otherwise. */
export async function signIn(page: Page, api: TestApi, username: string, locale: 'en' | 'zh-CN' = 'en') {
  await page.addInitScript((l) => {
    if (!localStorage.getItem('RaStore.locale')) localStorage.setItem('RaStore.locale', JSON.stringify(l));
  }, locale);
  await page.goto(`${api.url}/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('password');
  await page.getByRole('button', { name: /^(sign in|登录)$/i }).click();
  await expect(page).not.toHaveURL(/#\/login/);
}
