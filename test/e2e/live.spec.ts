// Live updates in two browsers at once, against a fresh mock API: a claim made in one browser
// reaches the other's queue within a second without a reload; a request page says at once that
// someone else claimed the request it shows; each page shows who else is viewing it; and the bell
// counts a new notification without a reload, its link opening the record and marking it read.
import type { Browser, Page } from '@playwright/test';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import { listQuery, type TestApi } from '../mock-api/harness';
import { expect, signIn, test } from './fixtures';

async function openRequest(api: TestApi): Promise<RefundRequest> {
  const rows = (
    await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'pending', assigneeId: 'unassigned' }, sort: ['id', 'DESC'] })}`,
      { token: await api.login('supervisor') },
    )
  ).body as RefundRequest[];
  expect(rows.length).toBe(1);
  return rows[0];
}

async function pageAs(browser: Browser, api: TestApi, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // the stream connects once the first page after sign-in has rendered, and stays open across pages
  const opened = page.waitForResponse((res) => res.url().endsWith('/api/stream'));
  await signIn(page, api, username);
  await opened;
  return page;
}

test('a claim in one browser reaches the other’s queue within a second, no reload', async ({
  browser,
  api,
}) => {
  const target = await openRequest(api);
  const watcher = await pageAs(browser, api, 'supervisor');
  const claimer = await pageAs(browser, api, 'reviewer');

  const queueUrl = `${api.url}/#/refunds?filter=${encodeURIComponent(JSON.stringify({ q: target.orderNumber }))}`;
  await watcher.goto(queueUrl);
  const row = watcher.locator('tbody tr').filter({ hasText: target.orderNumber });
  await expect(row).toContainText('Unassigned');
  let reloads = 0;
  watcher.on('framenavigated', () => reloads++);

  await claimer.goto(`${api.url}/#/refunds/${target.id}/show`);
  const claimed = claimer.waitForResponse((res) => res.url().endsWith(`/api/refunds/${target.id}/claim`));
  await claimer.getByRole('button', { name: 'Claim', exact: true }).click();
  expect((await claimed).status()).toBe(200);
  await expect(row).toContainText('Li Na', { timeout: 1_000 });
  expect(reloads).toBe(0);
  await watcher.context().close();
  await claimer.context().close();
});

test('a request page says at once that someone else claimed it, and shows who is viewing', async ({
  browser,
  api,
}) => {
  const target = await openRequest(api);
  const watcher = await pageAs(browser, api, 'supervisor');
  const claimer = await pageAs(browser, api, 'reviewer');
  const requestUrl = `${api.url}/#/refunds/${target.id}/show`;

  await watcher.goto(requestUrl);
  await claimer.goto(requestUrl);
  // each sees the other (the watcher at its next heartbeat, the claimer at once)
  await expect(claimer.getByTestId('presence')).toContainText('Chen Jing');
  await expect(watcher.getByTestId('presence')).toContainText('Li Na', { timeout: 12_000 });

  await claimer.getByRole('button', { name: 'Claim', exact: true }).click();
  await expect(watcher.getByTestId('live-notice')).toHaveText(
    '李娜 Li Na claimed this request a moment ago.',
    {
      timeout: 1_000,
    },
  );
  // the claimer is told nothing about their own claim
  await expect(claimer.getByTestId('live-notice')).toHaveCount(0);

  await watcher.context().close();
  await claimer.context().close();
});

test('the bell counts a complaint about my decision at once; following it opens the complaint, read', async ({
  browser,
  api,
}) => {
  const supervisor = await api.login('supervisor');
  const reviewerId = await api.userId('reviewer');
  const page = await pageAs(browser, api, 'reviewer');
  const bell = page.getByTestId('notification-bell');
  const unread = async () =>
    Number(
      (
        await api.call('GET', `/api/notifications${listQuery({ range: [0, 0] })}`, {
          token: await api.login('reviewer'),
        })
      ).headers.get('x-unread-count'),
    );
  const named = (n: number) => (n === 0 ? 'Notifications' : `Notifications, ${n} unread`);
  const before = await unread();
  await expect(bell).toHaveAccessibleName(named(before));

  const rejected = (
    await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 999], filter: { status: 'rejected' }, sort: ['id', 'ASC'] })}`,
      { token: supervisor },
    )
  ).body as RefundRequest[];
  let complaint: Complaint | undefined;
  for (const r of rejected.filter((x) => x.decision?.by === reviewerId)) {
    const res = await api.call('POST', '/api/complaints', {
      token: supervisor,
      body: { refundId: r.id, channel: 'phone', category: 'disputes_rejection', description: '客户来电。' },
    });
    if (res.status === 201) {
      complaint = res.body as Complaint;
      break;
    }
  }
  expect(complaint).toBeDefined();
  await expect(bell).toHaveAccessibleName(named(before + 1), { timeout: 5_000 });
  await bell.click();
  await page
    .getByRole('link', {
      name: `A complaint was opened about your decision on request ${complaint!.orderNumber}`,
    })
    .click();
  await expect(page).toHaveURL(new RegExp(`#/complaints/${complaint!.id}/show$`));
  await expect(bell).toHaveAccessibleName(named(before));
  await page.context().close();
});
