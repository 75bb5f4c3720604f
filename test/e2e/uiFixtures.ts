// Fixtures for the whole-app browser tests (i18n, a11y, layout, errors): a fresh mock API per test
// seeded WITH complaints (the shared fixture seeds none), and helpers that read what a page shows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { seedDatabase } from '../../mock-api/seed/index';
import { startServer, type RunningServer } from '../../mock-api/server';
import { POLICY_FLAGS, type Complaint, type RefundRequest } from '../../src/domain/model';

export { expect };

export type UiLocale = 'en' | 'zh-CN';

export interface UiApi {
  url: string;
  server: RunningServer;
  /** a bearer token for `username` (password "password") */
  token(username: string): Promise<string>;
  get<T>(route: string, username?: string): Promise<T>;
}

async function startUiApi(): Promise<UiApi & { close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-ui-'));
  const database = { engine: 'sqlite', file: path.join(dir, 'desk.sqlite') } as const;
  await seedDatabase(database, { count: 300, seed: 5, nowMs: Date.now(), withComplaints: true });
  const server = await startServer({
    database,
    port: 0,
    testRoutes: true,
    sweepIntervalMs: 3_600_000,
    tokenSecretFile: path.join(dir, 'token.secret'),
  });
  const url = `http://127.0.0.1:${server.port}`;
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'password' }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    const { token: value } = (await res.json()) as { token: string };
    tokens.set(username, value);
    return value;
  };
  return {
    url,
    server,
    token,
    async get<T>(route: string, username = 'supervisor') {
      const res = await fetch(`${url}${route}`, {
        headers: { authorization: `Bearer ${await token(username)}` },
      });
      if (!res.ok) throw new Error(`GET ${route}: ${res.status}`);
      return (await res.json()) as T;
    },
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ api: UiApi }>({
  api: async ({}, use) => {
    const api = await startUiApi();
    await use(api);
    await api.close();
  },
});

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
export async function signInAs(page: Page, api: UiApi, username: string): Promise<void> {
  await page.goto(`${api.url}/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('password');
  await page.getByRole('button', { name: /^(sign in|登录)$/i }).click();
  await expect(page).not.toHaveURL(/#\/login/);
}

/** Waits until react-admin has nothing loading and no skeleton is left. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[data-testid="loading-skeleton"], .MuiSkeleton-root')).toHaveCount(0);
  await expect(page.locator('.MuiLinearProgress-root, [role="progressbar"]')).toHaveCount(0);
}

/** A refund request worth looking at: flagged by the policy, still open. */
export async function interestingRefund(api: UiApi): Promise<RefundRequest> {
  const list = await api.get<RefundRequest[]>(
    `/api/refunds?range=[0,49]&sort=["id","ASC"]&filter=${encodeURIComponent(JSON.stringify({ status: ['in_review', 'pending'] }))}`,
  );
  return list.find((r) => POLICY_FLAGS.filter((f) => r[f]).length >= 2) ?? list[0]!;
}

export async function someComplaint(api: UiApi): Promise<Complaint> {
  const list = await api.get<Complaint[]>(`/api/complaints?range=[0,9]&sort=["id","ASC"]`);
  if (list.length === 0) throw new Error('the seed made no complaints');
  return list[0]!;
}
