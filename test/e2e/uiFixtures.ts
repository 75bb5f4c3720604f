// Fixtures for the whole-app browser tests (i18n, a11y, layout, errors): a fresh mock API per test
// seeded WITH complaints (the shared fixture seeds none), and helpers that read what a page shows.
import { expect, type Page, type Request } from '@playwright/test';
import type { TestApi } from '../mock-api/harness';
import { POLICY_FLAGS, type Complaint, type RefundRequest } from '../../src/domain/model';
import { testWithApi } from './fixtures';

export { expect };
export { presetPreferences, signInAs, type UiLocale } from './fixtures';

export const test = testWithApi({ count: 300, seed: 5, withComplaints: true });

/**
 * Playwright's 'networkidle' (no request for 500 ms), blind to the live event stream: that fetch
 * stays open as long as the page does, so once it has connected 'networkidle' never comes.
 */
async function networkQuiet(page: Page, quietMs = 500): Promise<void> {
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  const started = (request: Request) => {
    if (new URL(request.url()).pathname.endsWith('/api/stream')) return;
    inFlight.add(request);
    lastChange = Date.now();
  };
  const ended = (request: Request) => {
    if (inFlight.delete(request)) lastChange = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    await expect
      .poll(() => inFlight.size === 0 && Date.now() - lastChange >= quietMs, {
        timeout: 30_000,
        intervals: [100],
      })
      .toBe(true);
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/** Waits until the network is quiet, react-admin has nothing loading and no skeleton is left. */
export async function settle(page: Page): Promise<void> {
  await networkQuiet(page);
  await expect(page.locator('[data-testid="loading-skeleton"], .MuiSkeleton-root')).toHaveCount(0);
  await expect(page.locator('.MuiLinearProgress-root, [role="progressbar"]')).toHaveCount(0);
}

/** A refund request worth looking at: flagged by the policy, still open. */
export async function interestingRefund(api: TestApi): Promise<RefundRequest> {
  const list = await api.get<RefundRequest[]>(
    `/api/refunds?range=[0,49]&sort=["id","ASC"]&filter=${encodeURIComponent(JSON.stringify({ status: ['in_review', 'pending'] }))}`,
  );
  return list.find((r) => POLICY_FLAGS.filter((f) => r[f]).length >= 2) ?? list[0]!;
}

export async function someComplaint(api: TestApi): Promise<Complaint> {
  const list = await api.get<Complaint[]>(`/api/complaints?range=[0,9]&sort=["id","ASC"]`);
  if (list.length === 0) throw new Error('the seed made no complaints');
  return list[0]!;
}
