// Fixtures for the whole-app browser tests (i18n, a11y, layout, errors): a fresh mock API per test
// seeded WITH complaints (the shared fixture seeds none), and helpers that read what a page shows.
import { expect, type Page } from '@playwright/test';
import type { TestApi } from '../mock-api/harness';
import { POLICY_FLAGS, type Complaint, type RefundRequest } from '../../src/domain/model';
import { testWithApi } from './fixtures';

export { expect };
export { presetPreferences, signInAs, type UiLocale } from './fixtures';

export const test = testWithApi({ count: 300, seed: 5, withComplaints: true });

/** Waits until react-admin has nothing loading and no skeleton is left. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
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
