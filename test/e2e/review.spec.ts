// The review workflow in the browser, against a fresh mock API per test: a reviewer works a request
// from claim-next to approval with the keyboard, one from an information request through the
// customer's reply to a rejection, one through a supervisor's second approval; and the list asks the
// server to filter, sort and page.
import type { Page, Request } from '@playwright/test';
import { listQuery, type TestApi } from '../mock-api/harness';
import type { AuditEvent, RefundRequest } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { expect, signIn, testWithApi } from './fixtures';

// 1,000 requests leave about 40 unassigned in the live queue: enough of each kind these tests need
const test = testWithApi({ count: 1000, seed: 5 });

const OPEN = ['pending', 'in_review', 'awaiting_info', 'awaiting_second_approval'];

async function get<T>(api: TestApi, token: string, route: string): Promise<T> {
  const res = await api.call('GET', route, { token });
  expect(res.status, `${route}: ${res.text}`).toBe(200);
  return res.body as T;
}

/** The unassigned pending requests in the order claim-next takes them (SLA due, submitted, id). */
async function claimOrder(api: TestApi, token: string): Promise<RefundRequest[]> {
  const rows = await get<RefundRequest[]>(
    api,
    token,
    `/api/refunds${listQuery({ filter: { status: 'pending', assigneeId: 'unassigned' }, range: [0, 199] })}`,
  );
  return rows.sort(
    (a, b) =>
      a.slaDueAt.localeCompare(b.slaDueAt) ||
      a.submittedAt.localeCompare(b.submittedAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

const blocked = (r: RefundRequest) => r.outsideWindow || r.accountRestricted;
const clean = (r: RefundRequest) => !blocked(r) && !r.infoIncomplete && !r.duplicate && r.refundableFen > 0;

/** A pending unassigned request that matches, or a failed test that says what was missing. */
async function pick(api: TestApi, token: string, what: string, match: (r: RefundRequest) => boolean) {
  const found = (await claimOrder(api, token)).find(match);
  expect(found, `the seed has no ${what}`).toBeDefined();
  return found!;
}

const statusOf = (page: Page) => page.getByTestId('refund-handling').locator('[data-status]').first();
const actionButton = (page: Page, action: string) =>
  page.getByTestId('refund-actions').locator(`[data-action="${action}"]`);

/** Opens a request's page afresh (a reload: changes made through the API show). */
/**
 * Queue mode opens the reviewer's next request after a decision (or says the queue is empty). Wait
 * for it before navigating: landing after our own navigation, it would open the wrong request.
 */
async function queueMovedOn(page: Page, decidedId: string) {
  await expect
    .poll(
      async () =>
        page.url().includes(`/refunds/${decidedId}/`) === false ||
        (await page.getByTestId('end-of-queue').count()) > 0,
    )
    .toBe(true);
}

async function openRequest(page: Page, api: TestApi, id: string) {
  await page.goto(`${api.url}/#/refunds/${id}/show`);
  await page.reload();
  await expect(page.getByTestId('policy-suggestion')).toBeVisible();
}

async function history(api: TestApi, token: string, id: string): Promise<AuditEvent[]> {
  return get<AuditEvent[]>(
    api,
    token,
    `/api/events${listQuery({ filter: { refundId: id }, sort: ['at', 'ASC'], range: [0, 99] })}`,
  );
}

test('a reviewer claims the next request and approves it with n, a, Enter', async ({ page, api }) => {
  const reviewer2 = await api.login('reviewer2');
  // claim-next takes the most urgent request: let another reviewer take the ones before a clean one
  const queue = await claimOrder(api, reviewer2);
  const target = queue.find(
    (r) => clean(r) && !r.tipping && r.refundableFen <= SECOND_APPROVAL_THRESHOLD_FEN,
  );
  expect(target, 'the seed has a clean request under ¥500').toBeDefined();
  for (const ahead of queue.slice(0, queue.indexOf(target!))) {
    const res = await api.call('POST', `/api/refunds/${ahead.id}/claim`, {
      token: reviewer2,
      body: { version: ahead.version },
    });
    expect(res.status).toBe(200);
  }

  await signIn(page, api, 'reviewer');
  await expect(page.getByTestId('claim-next')).toBeVisible();
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await page.keyboard.press('n');
  await expect(page).toHaveURL(new RegExp(`#/refunds/${target!.id}/show`));
  await expect(statusOf(page)).toHaveAttribute('data-status', 'in_review');
  await expect(actionButton(page, 'approve')).toHaveAttribute('data-primary', 'true');

  await page.keyboard.press('a');
  const dialog = page.getByTestId('approve-dialog');
  await expect(dialog.getByTestId('approve-amount')).toHaveValue((target!.refundableFen / 100).toFixed(2));
  await expect(dialog.getByTestId('dialog-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await queueMovedOn(page, target!.id);

  await openRequest(page, api, target!.id);
  await expect(statusOf(page)).toHaveAttribute('data-status', 'approved');
  const events = page.getByTestId('history-event');
  await expect(events.last()).toHaveAttribute('data-action', 'approve');
  await expect(events.last()).toContainText('李娜 Li Na');
  await expect(events.last()).toContainText('In review → Approved');
  await expect(events.last().getByTestId('history-message')).toContainText(target!.orderNumber);
  await expect(events.nth(-2)).toHaveAttribute('data-action', 'claim');

  const stored = await get<RefundRequest>(api, reviewer2, `/api/refunds/${target!.id}`);
  expect(stored).toMatchObject({ status: 'approved', approvedFen: target!.refundableFen, assigneeId: 'u1' });
});

test('information requested, the customer replies, then the request is rejected', async ({ page, api }) => {
  const reviewer = await api.login('reviewer');
  const target = await pick(
    api,
    reviewer,
    'request with missing information',
    (r) => r.infoIncomplete && !r.duplicate && !r.accountRestricted,
  );

  await signIn(page, api, 'reviewer');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await openRequest(page, api, target.id);
  await expect(page.getByTestId('policy-suggestion')).toHaveAttribute('data-suggestion', 'request_info');
  await actionButton(page, 'claim').click();
  await expect(actionButton(page, 'request_info')).toHaveAttribute('data-primary', 'true');

  await page.keyboard.press('i');
  const info = page.getByTestId('request-info-dialog');
  await expect(info.getByTestId('customer-message')).toContainText(target.orderNumber);
  await expect(info.getByTestId('dialog-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(info).toBeHidden();
  await queueMovedOn(page, target.id);

  const afterRequest = await get<RefundRequest>(api, reviewer, `/api/refunds/${target.id}`);
  expect(afterRequest.status).toBe('awaiting_info');
  const missing = afterRequest.decision?.missingItems ?? [];
  expect(missing.length).toBeGreaterThan(0);

  // the customer's side, through the API
  const reply = await api.call('POST', `/api/refunds/${target.id}/customer-reply`, {
    token: reviewer,
    body: { suppliedItems: missing, message: 'Here is everything you asked for.' },
  });
  expect(reply.status).toBe(200);

  await openRequest(page, api, target.id);
  await expect(statusOf(page)).toHaveAttribute('data-status', 'pending');
  await actionButton(page, 'claim').click();
  await expect(actionButton(page, 'reject')).toBeVisible();
  await page.keyboard.press('r');
  const reject = page.getByTestId('reject-dialog');
  await expect(reject).toBeVisible();
  if ((await reject.getByTestId('against-suggestion').count()) > 0) {
    // the policy now suggests an approval: rejecting needs a reason
    await reject.getByTestId('against-reason').fill('The customer asked us to close the request.');
  }
  if ((await reject.getByTestId('reject-reason').inputValue()) === '') {
    await reject.getByRole('combobox').click();
    await page.getByRole('option', { name: 'Other' }).click();
    await reject.getByTestId('reject-note').fill('Closed at the customer’s request.');
  }
  await reject.getByTestId('dialog-submit').click();
  await expect(reject).toBeHidden();
  await queueMovedOn(page, target.id);

  await openRequest(page, api, target.id);
  await expect(statusOf(page)).toHaveAttribute('data-status', 'rejected');
  const actions = await page
    .getByTestId('history-event')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
  expect(actions.slice(-5)).toEqual(['claim', 'request_info', 'customer_reply', 'claim', 'reject']);
  const replyEvent = page.locator('[data-testid="history-event"][data-action="customer_reply"]');
  await expect(replyEvent).toContainText('Customer replied');
  await expect(replyEvent).toContainText('Here is everything you asked for.');
  await expect(replyEvent).toContainText('Awaiting info → Pending');

  const events = await history(api, reviewer, target.id);
  expect(events.map((e) => e.action).slice(-5)).toEqual(actions.slice(-5));
});

test('an approval over ¥500 or with tips waits for a supervisor’s second approval', async ({ page, api }) => {
  const reviewer = await api.login('reviewer');
  const target = await pick(
    api,
    reviewer,
    'clean request needing a second approval',
    (r) => clean(r) && (r.tipping || r.refundableFen > SECOND_APPROVAL_THRESHOLD_FEN),
  );

  await signIn(page, api, 'reviewer');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await openRequest(page, api, target.id);
  await actionButton(page, 'claim').click();
  await expect(actionButton(page, 'approve')).toBeVisible();
  await page.keyboard.press('a');
  const approve = page.getByTestId('approve-dialog');
  await expect(approve.getByTestId('needs-second-approval')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(approve).toBeHidden();
  const waiting = await get<RefundRequest>(api, reviewer, `/api/refunds/${target.id}`);
  expect(waiting).toMatchObject({ status: 'awaiting_second_approval', firstApproverId: 'u1' });

  // the supervisor signs in and confirms
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await signIn(page, api, 'supervisor');
  await expect(page.getByTestId('queue-tab-second_approval')).toBeVisible();
  await page.getByTestId('queue-tab-second_approval').click();
  await expect(page.getByText(target.orderNumber)).toBeVisible();
  await page.getByText(target.orderNumber).click();
  await expect(statusOf(page)).toHaveAttribute('data-status', 'awaiting_second_approval');
  await actionButton(page, 'second_approval').click();
  const second = page.getByTestId('second-approval-dialog');
  await expect(second).toContainText('李娜 Li Na');
  await second.getByTestId('second-approval-note').fill('Checked the tips with the streamer team.');
  await second.getByTestId('dialog-submit').click();
  await expect(second).toBeHidden();

  const expected = waiting.approvedFen === target.refundableFen ? 'approved' : 'partially_approved';
  await expect(statusOf(page)).toHaveAttribute('data-status', expected);
  const last = page.getByTestId('history-event').last();
  await expect(last).toHaveAttribute('data-action', 'second_approval');
  await expect(last).toContainText('陈静 Chen Jing');
  await expect(last).toContainText('Confirmed');
  await expect(last).toContainText('Awaiting 2nd approval → Approved');
});

test('the list filters, sorts and pages on the server', async ({ page, api }) => {
  const requests: URL[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/refunds' && request.method() === 'GET') requests.push(url);
  });
  const listCalls = (
    predicate: (p: { sort: unknown; range: unknown; filter: Record<string, unknown> }) => boolean,
  ) =>
    requests
      .map((url) => ({
        sort: JSON.parse(url.searchParams.get('sort') ?? 'null') as unknown,
        range: JSON.parse(url.searchParams.get('range') ?? 'null') as unknown,
        filter: JSON.parse(url.searchParams.get('filter') ?? '{}') as Record<string, unknown>,
      }))
      .filter(predicate);

  const firstPage = page.waitForResponse(
    (r) => r.url().includes('/api/refunds?') && new URL(r.url()).searchParams.get('range') === '[0,24]',
  );
  await signIn(page, api, 'reviewer');
  const response = await firstPage;
  const total = Number((response.headers()['content-range'] ?? '').split('/')[1]);
  expect(total).toBeGreaterThan(25);
  await expect(page.locator('tbody tr')).toHaveCount(25);
  expect(
    listCalls((p) => JSON.stringify(p.range) === '[0,24]' && JSON.stringify(p.sort) === '["slaDueAt","ASC"]'),
  ).toContainEqual(expect.objectContaining({ filter: { status: OPEN } }));
  await expect(page.getByTestId('queue-count-open')).toHaveText(String(total));

  // a tab is a filter the server applies ("me" is resolved to the signed-in user's id)
  const reviewer = await api.login('reviewer');
  const mine = await api.call(
    'GET',
    `/api/refunds${listQuery({ filter: { assigneeId: 'u1', status: ['in_review', 'pending'] }, range: [0, 0] })}`,
    { token: reviewer },
  );
  const mineTotal = Number((mine.headers.get('content-range') ?? '').split('/')[1]);
  await expect(page.getByTestId('queue-count-mine')).toHaveText(String(mineTotal));
  await page.getByTestId('queue-tab-mine').click();
  await expect
    .poll(() => listCalls((p) => p.filter.assigneeId === 'u1' && JSON.stringify(p.range) === '[0,24]').length)
    .toBeGreaterThan(0);
  expect(
    listCalls((p) => p.filter.assigneeId === 'u1' && JSON.stringify(p.range) === '[0,24]')[0].filter,
  ).toEqual({ assigneeId: 'u1', status: ['in_review', 'pending'] });
  await expect(page.locator('tbody tr')).toHaveCount(Math.min(mineTotal, 25));

  // sorting by a column is the server's sort
  await page.getByTestId('queue-tab-open').click();
  await expect(page.getByTestId('queue-tab-open')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('tbody tr')).toHaveCount(25);
  await page.getByRole('columnheader', { name: 'Submitted' }).getByRole('button').click();
  await expect
    .poll(() => listCalls((p) => JSON.stringify(p.sort).startsWith('["submittedAt"')).length)
    .toBeGreaterThan(0);
  const sorted = await get<RefundRequest[]>(
    api,
    reviewer,
    `/api/refunds${listQuery({ filter: { status: OPEN }, sort: ['submittedAt', 'ASC'], range: [0, 0] })}`,
  );
  const firstSort = listCalls((p) => JSON.stringify(p.sort).startsWith('["submittedAt"'))[0].sort as [
    string,
    string,
  ];
  if (firstSort[1] === 'ASC')
    await expect(page.locator('tbody tr').first()).toContainText(sorted[0].orderNumber);

  // j / k move the cursor over the rows and Enter opens one
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/refunds\/r\d+\/show/);
  // and on the request page, j / k step through the same list
  const opened = page.url();
  const position = page.getByTestId('prev-next');
  await expect(position).toContainText(' / ');
  const before = (await position.textContent()) ?? '';
  await page.keyboard.press('j');
  await expect.poll(() => page.url()).not.toBe(opened);
  await expect(position).toContainText(' / ');
  await expect(position).not.toHaveText(before);
  await page.keyboard.press('k');
  await expect.poll(() => page.url()).toBe(opened);
  await expect(position).toHaveText(before);

  // ? lists the shortcuts
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('Claim the next request');
});
