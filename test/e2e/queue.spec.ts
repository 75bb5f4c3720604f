// Part 1 in the browser: sign in, the menu each role may use, the queue filtered and sorted on
// the server, a request page with its policy checks.
import type { Request } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

test('a reviewer filters the queue on the server, opens a request and reads its policy checks', async ({
  page,
  api,
}) => {
  const listCalls: URL[] = [];
  page.on('request', (req: Request) => {
    const url = new URL(req.url());
    if (url.pathname === '/api/refunds' && req.method() === 'GET') listCalls.push(url);
  });
  await signIn(page, api, 'reviewer');

  // the queue is the home page, sorted by SLA due on the server, 25 a page
  await expect(page.getByRole('table')).toBeVisible();
  await expect.poll(() => listCalls.length).toBeGreaterThan(0);
  const first = listCalls.find((u) => u.searchParams.get('range') === '[0,24]')!;
  expect(JSON.parse(first.searchParams.get('sort')!)).toEqual(['slaDueAt', 'ASC']);
  const response = await page.request.get(`${api.url}${first.pathname}${first.search}`, {
    headers: { authorization: `Bearer ${await api.login('reviewer')}` },
  });
  expect(response.headers()['content-range']).toMatch(/^refunds \d+-\d+\/\d+$/);

  // full-text search goes to the server as filter.q
  const orders = await api.call('GET', '/api/refunds?range=[0,0]&sort=["id","ASC"]', {
    token: await api.login('reviewer'),
  });
  const target = (orders.body as { orderNumber: string; id: string; status: string }[])[0];
  const before = listCalls.length;
  // clear the default "open requests" filter through the URL, then search for the order
  await page.goto(
    `${api.url}/#/refunds?filter=${encodeURIComponent(JSON.stringify({ q: target.orderNumber }))}`,
  );
  await expect
    .poll(() =>
      listCalls.slice(before).some((u) => u.searchParams.get('filter')?.includes(target.orderNumber)),
    )
    .toBe(true);
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(target.orderNumber);

  // open it: the request page explains each policy check and suggests a decision
  await rows.first().click();
  await expect(page).toHaveURL(new RegExp(`#/refunds/${target.id}/show`));
  await expect(page.getByText('Policy checks')).toBeVisible();
  await expect(page.getByText(/Suggested decision/)).toBeVisible();
  for (const check of [/refund window|7-day|days after purchase/i, /account/i]) {
    await expect(page.getByText(check).first()).toBeVisible();
  }
});

const MENUS: Record<string, { visible: RegExp[] }> = {
  reviewer: { visible: [/refund requests/i, /customers/i] },
  supervisor: { visible: [/refund requests/i, /customers/i] },
  manager: { visible: [/refund requests/i, /customers/i] },
};

for (const [username, menu] of Object.entries(MENUS)) {
  test(`${username} signs in and sees the menu the role may use`, async ({ page, api }) => {
    await signIn(page, api, username);
    const nav = page.getByRole('navigation').or(page.locator('.RaMenu-open, .RaSidebar-fixed')).first();
    await expect(nav).toBeVisible();
    for (const item of menu.visible) await expect(nav.getByRole('menuitem', { name: item })).toBeVisible();
  });
}

test('the app speaks Chinese when chosen, with no raw keys', async ({ page, api }) => {
  await signIn(page, api, 'reviewer', 'zh-CN');
  await expect(page.getByRole('table')).toBeVisible();
  const text = await page.locator('body').innerText();
  expect(text).toMatch(/退款申请/);
  expect(text).not.toMatch(/\b(refunds|resources|ra|policy|common)\.[a-z_]+\.[a-z_]+/);
});
