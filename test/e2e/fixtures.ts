// The browser tests' API: a fresh mock API per test from the one test harness (its own temporary
// database, a free port, the built app served from dist/), and signing in through the login form.
import { test as base, expect, type Page } from '@playwright/test';
import { startTestApi, type SeedChoice, type TestApi } from '../mock-api/harness';

/** A Playwright `test` whose `api` fixture is a new API for every test, seeded as told. */
export function testWithApi(choice: SeedChoice) {
  return base.extend<{ api: TestApi }>({
    api: async ({}, use) => {
      const api = await startTestApi(choice);
      try {
        await use(api);
      } finally {
        await api.close();
      }
    },
  });
}

/** Requests and their histories, no complaints. */
export const test = testWithApi({ count: 300, seed: 5 });
export { expect };

export type UiLocale = 'en' | 'zh-CN';

/** Opens the app with a language (and optionally a theme) already chosen, as a returning user. */
export async function presetPreferences(
  page: Page,
  prefs: { locale?: UiLocale; theme?: 'light' | 'dark' },
): Promise<void> {
  await page.addInitScript((p) => {
    if (p.locale && !localStorage.getItem('RaStore.locale'))
      localStorage.setItem('RaStore.locale', JSON.stringify(p.locale));
    if (p.theme && !localStorage.getItem('RaStore.theme'))
      localStorage.setItem('RaStore.theme', JSON.stringify(p.theme));
  }, prefs);
}

/** Signs in through the login form (whatever the language), and waits for the app. */
export async function signInAs(page: Page, api: TestApi, username: string): Promise<void> {
  await page.goto(`${api.url}/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('password');
  await page.getByRole('button', { name: /^(sign in|登录)$/i }).click();
  await expect(page).not.toHaveURL(/#\/login/);
}

/** Signs in through the login form, in English unless told otherwise (or chosen before). */
export async function signIn(page: Page, api: TestApi, username: string, locale: UiLocale = 'en') {
  await presetPreferences(page, { locale });
  await signInAs(page, api, username);
}
