// Part 3 in the browser: a supervisor takes a complaint, escalates it and resolves it as
// overturned; after the payout delay the refund request shows as refunded, and the complaint's
// timeline and the request's history tell the story side by side. A reviewer sees the complaint
// about their decision but no action at all, and the API refuses their resolve with 403.
import type { Page } from '@playwright/test';
import type { TestApi } from '../mock-api/harness';
import { listQuery } from '../mock-api/harness';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { expect, signIn, test } from './fixtures';

/** One supervisor may overturn it alone: at most ¥500, no tip, no policy block (fourEyes.ts). */
const onePair = (r: RefundRequest) =>
  !r.tipping && !r.outsideWindow && !r.accountRestricted && r.refundableFen <= SECOND_APPROVAL_THRESHOLD_FEN;

/** A rejected request decided by `reviewer`, with something refundable, paid by a wallet (fast payout). */
async function rejectedRequestOf(
  api: TestApi,
  reviewer: string,
  fits: (r: RefundRequest) => boolean = onePair,
): Promise<RefundRequest> {
  const token = await api.login('supervisor');
  const id = await api.userId(reviewer);
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({
      range: [0, 999],
      filter: { status: 'rejected', refundableFen_gte: 100, paymentChannel: ['wechat_pay', 'alipay'] },
      sort: ['id', 'ASC'],
    })}`,
    { token },
  );
  const found = (res.body as RefundRequest[]).find((r) => r.decision?.by === id && fits(r));
  if (!found) throw new Error(`no rejected wallet request decided by ${reviewer}`);
  return found;
}

/** The reviewer logs the customer's phone complaint about their own rejection. */
async function logComplaint(api: TestApi, refund: RefundRequest): Promise<Complaint> {
  const res = await api.call('POST', '/api/complaints', {
    token: await api.login('reviewer'),
    body: {
      refundId: refund.id,
      channel: 'phone',
      category: 'disputes_rejection',
      description: 'The customer says they asked for the refund within the window.',
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as Complaint;
}

function timelineActions(page: Page, testId: string) {
  return page.getByTestId(testId).getByTestId('timeline-item');
}

test('a supervisor takes, escalates and overturns a complaint; the request ends refunded', async ({
  page,
  api,
}) => {
  const refund = await rejectedRequestOf(api, 'reviewer');
  const complaint = await logComplaint(api, refund);

  await signIn(page, api, 'supervisor');
  await page.goto(`${api.url}/#/complaints`);
  // the queue: due-time countdown, level, category, status, the original decision
  const row = page.getByRole('row').filter({ hasText: complaint.id }).filter({ hasText: refund.orderNumber });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('complaint-due')).toHaveText(/left/);
  await expect(row.getByTestId('complaint-level')).toHaveText('L1');
  await expect(row.getByTestId('complaint-status')).toHaveText('Open');
  await expect(row).toContainText('Disputes the rejection');
  await expect(row).toContainText('Rejected');
  await row.click();

  await expect(page).toHaveURL(new RegExp(`#/complaints/${complaint.id}/show`));
  const details = page.getByTestId('complaint-details');
  await expect(details.getByTestId('complaint-status')).toHaveText('Open');
  // the reviewer's decision and the policy checks are on the page
  await expect(page.getByTestId('complaint-decision')).toContainText('Rejected');
  await expect(page.getByTestId('complaint-policy').getByTestId('policy-checks')).toBeVisible();

  // take
  await page.getByTestId('complaint-action-take').click();
  await expect(details.getByTestId('complaint-status')).toHaveText('Investigating');
  await expect(page.getByTestId('complaint-action-take')).toHaveCount(0);

  // escalate, with a reason
  await page.getByTestId('complaint-action-escalate').click();
  const escalate = page.getByTestId('complaint-dialog-escalate');
  await escalate.getByLabel('Why escalate').fill('The customer threatens to go to the regulator.');
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(escalate).toBeHidden();
  await expect(details.getByTestId('complaint-status')).toHaveText('Escalated');
  await expect(details.getByTestId('complaint-level')).toHaveText('Level 2 · senior escalation');

  // resolve as overturned
  await page.getByTestId('complaint-action-resolve').click();
  const resolve = page.getByTestId('complaint-dialog-resolve');
  await resolve.getByRole('radio', { name: 'Overturned', exact: true }).check();
  await expect(resolve.getByTestId('overturn-warning')).toBeVisible();
  await resolve
    .getByLabel('Message to the customer')
    .fill('We overturned the decision: you get a full refund.');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();
  await expect(details.getByTestId('complaint-status')).toHaveText('Resolved');
  await expect(page.getByTestId('complaint-resolution').getByTestId('complaint-outcome')).toHaveText(
    'Overturned',
  );
  const refundCard = page.getByTestId('complaint-refund');
  await expect(refundCard).toContainText('Approved');
  await expect(refundCard.getByTestId('overturned-mark')).toBeVisible();

  // the payout timer: wallets pay within 10 minutes
  const moved = await api.call('POST', '/api/test/advance-clock', {
    token: await api.login('supervisor'),
    body: { ms: 11 * 60_000 },
  });
  expect(moved.status).toBe(200);
  await page.reload();
  await expect(page.getByTestId('complaint-refund')).toContainText('Refunded');

  // both histories tell the story
  await expect(timelineActions(page, 'complaint-timeline')).toHaveCount(5);
  await expect(
    timelineActions(page, 'complaint-timeline').evaluateAll((items) =>
      items.map((i) => i.getAttribute('data-action')),
    ),
  ).resolves.toEqual(['open', 'assign', 'escalate', 'resolve', 'overturn']);
  const history = await timelineActions(page, 'refund-history').evaluateAll((items) =>
    items.map((i) => i.getAttribute('data-action')),
  );
  // the customer may have rated the rejection before complaining: the decisions tell the story
  expect(history.filter((action) => action !== 'customer_rating').slice(-3)).toEqual([
    'reject',
    'overturn',
    'payout',
  ]);
  await expect(page.getByTestId('refund-history')).toContainText('Decision overturned');
  await expect(page.getByTestId('refund-history')).toContainText('Refunded (payout)');
  await expect(page.getByTestId('complaint-timeline')).toContainText('Escalated to level 2');

  // and through the API: the request is refunded and marked overturned
  const after = await api.call('GET', `/api/refunds/${refund.id}`, {
    token: await api.login('supervisor'),
  });
  expect(after.body).toMatchObject({ status: 'refunded', overturned: true });
});

test('a reviewer sees the complaint about their decision but cannot resolve it (no action, API 403)', async ({
  page,
  api,
}) => {
  const refund = await rejectedRequestOf(api, 'reviewer');
  const complaint = await logComplaint(api, refund);
  const supervisor = await api.login('supervisor');
  const taken = await api.call('POST', `/api/complaints/${complaint.id}/assign`, {
    token: supervisor,
    body: { version: complaint.version, assigneeId: await api.userId('supervisor') },
  });
  expect(taken.status).toBe(200);

  await signIn(page, api, 'reviewer');
  await page.goto(`${api.url}/#/complaints`);
  const row = page.getByRole('row').filter({ hasText: complaint.id });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('complaint-details').getByTestId('complaint-status')).toHaveText(
    'Investigating',
  );
  await expect(page.getByTestId('complaint-no-actions')).toBeVisible();
  for (const action of ['take', 'assign', 'note', 'contact', 'escalate', 'resolve', 'close', 'reopen']) {
    await expect(page.getByTestId(`complaint-action-${action}`)).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: 'Resolve' })).toHaveCount(0);

  const current = (taken.body as Complaint).version;
  const res = await api.call('POST', `/api/complaints/${complaint.id}/resolve`, {
    token: await api.login('reviewer'),
    body: { version: current, outcome: 'overturned', customerMessage: 'Refunded.' },
  });
  expect(res.status).toBe(403);
  expect(res.body).toEqual({
    message: 'A reviewer may not resolve complaints.',
    code: 'role_may_not',
    params: { role: 'reviewer', permission: 'resolve', resource: 'complaints' },
  });
  const unchanged = await api.call('GET', `/api/refunds/${refund.id}`, { token: supervisor });
  expect(unchanged.body).toMatchObject({ status: 'rejected', overturned: false });
});

test('the complaint pages speak Chinese', async ({ page, api }) => {
  const refund = await rejectedRequestOf(api, 'reviewer');
  const complaint = await logComplaint(api, refund);
  await signIn(page, api, 'supervisor', 'zh-CN');
  await page.goto(`${api.url}/#/complaints/${complaint.id}/show`);
  await expect(page.getByTestId('complaint-details').getByTestId('complaint-status')).toHaveText('待处理');
  await expect(page.getByTestId('complaint-action-take')).toHaveText('领取');
  await expect(page.getByTestId('complaint-timeline')).toContainText('投诉已登记');
  await expect(page.getByTestId('complaint-decision')).toContainText('驳回');
});

test('an overturn that needs four eyes waits; another supervisor confirms it from the complaint page', async ({
  page,
  api,
  browser,
}) => {
  const refund = await rejectedRequestOf(api, 'reviewer', (r) => !onePair(r));
  const complaint = await logComplaint(api, refund);

  // the supervisor takes it and resolves it as overturned: the dialog says it will wait
  await signIn(page, api, 'supervisor');
  await page.goto(`${api.url}/#/complaints/${complaint.id}/show`);
  const details = page.getByTestId('complaint-details');
  await page.getByTestId('complaint-action-take').click();
  await expect(details.getByTestId('complaint-status')).toHaveText('Investigating');
  await page.getByTestId('complaint-action-resolve').click();
  const resolve = page.getByTestId('complaint-dialog-resolve');
  await resolve.getByRole('radio', { name: 'Overturned', exact: true }).check();
  await expect(resolve.getByTestId('resolve-needs-second-approval')).toContainText(
    'wait for another supervisor’s second approval',
  );
  await resolve.getByLabel('Message to the customer').fill('We overturned the decision: a full refund.');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();

  // nothing moved: still being worked, the request still rejected, and not theirs to approve
  const pending = page.getByTestId('complaint-pending-resolution');
  await expect(pending).toContainText('Waiting for a second approval');
  await expect(pending.getByTestId('complaint-pending-not-you')).toBeVisible();
  await expect(details.getByTestId('complaint-status')).toHaveText('Investigating');
  await expect(page.getByTestId('complaint-refund')).toContainText('Rejected');
  await expect(page.getByTestId('complaint-action-second_approval')).toHaveCount(0);
  await expect(page.getByTestId('complaint-action-resolve')).toHaveCount(0);
  // and the API refuses their own approval
  const supervisorToken = await api.login('supervisor');
  const current = (await api.call('GET', `/api/complaints/${complaint.id}`, { token: supervisorToken }))
    .body as Complaint;
  const self = await api.call('POST', `/api/complaints/${complaint.id}/second-approval`, {
    token: supervisorToken,
    body: { version: current.version, decision: 'confirm' },
  });
  expect(self.status).toBe(403);
  expect(self.body).toMatchObject({ code: 'second_approver_must_differ' });
  // the refund page says so too, in its complaints panel
  await page.goto(`${api.url}/#/refunds/${refund.id}/show`);
  await expect(page.getByTestId('refund-complaints').getByTestId('complaint-pending-chip')).toHaveText(
    'Awaiting 2nd approval',
  );

  // a second supervisor, in Chinese: the waiting resolution, then the second approval
  const context = await browser.newContext();
  const second = await context.newPage();
  await signIn(second, api, 'supervisor2', 'zh-CN');
  await second.goto(`${api.url}/#/complaints/${complaint.id}/show`);
  await expect(second.getByTestId('complaint-pending-resolution')).toContainText('等待二次审批');
  await expect(second.getByTestId('complaint-pending-not-you')).toHaveCount(0);
  await second.getByTestId('complaint-action-second_approval').click();
  const dialog = second.getByTestId('complaint-dialog-second_approval');
  await expect(dialog).toContainText('处理结果二次审批');
  // sending back needs a reason
  await dialog.getByTestId('complaint-second-approval-send-back').click();
  await expect(dialog).toContainText('请说明退回的原因。');
  await dialog.getByTestId('complaint-second-approval-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(second.getByTestId('complaint-details').getByTestId('complaint-status')).toHaveText('已办结');
  await expect(second.getByTestId('complaint-pending-resolution')).toHaveCount(0);
  await expect(second.getByTestId('complaint-second-approver')).toContainText('赵敏');
  await expect(second.getByTestId('complaint-refund')).toContainText('已通过');
  await expect(second.getByTestId('complaint-timeline')).toContainText('二次审批');
  await context.close();

  const after = await api.call('GET', `/api/refunds/${refund.id}`, { token: supervisorToken });
  expect(after.body).toMatchObject({ status: 'approved', overturned: true });
});

test('a colleague’s note never voids the holder’s resolution; the holder’s own note sends no version', async ({
  page,
  api,
}) => {
  const refund = await rejectedRequestOf(api, 'reviewer');
  const complaint = await logComplaint(api, refund);

  await signIn(page, api, 'supervisor');
  await page.goto(`${api.url}/#/complaints/${complaint.id}/show`);
  const details = page.getByTestId('complaint-details');
  await page.getByTestId('complaint-action-take').click();
  await expect(details.getByTestId('complaint-status')).toHaveText('Investigating');

  // while the holder's page is open, a colleague adds a note through the API
  const colleague = await api.call('POST', `/api/complaints/${complaint.id}/note`, {
    token: await api.login('supervisor2'),
    body: { text: 'Colleague: the customer called again this morning.' },
  });
  expect(colleague.status, colleague.text).toBe(200);

  // the holder's own note, from the dialog
  await page.getByTestId('complaint-action-note').click();
  const note = page.getByTestId('complaint-dialog-note');
  await note.getByRole('textbox', { name: 'Note' }).fill('Holder: checked the call recording.');
  const [sent] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/complaints/${complaint.id}/note`)),
    note.getByRole('button', { name: 'Add note' }).click(),
  ]);
  expect(sent.postDataJSON()).toEqual({ text: 'Holder: checked the call recording.' });
  await expect(note).toBeHidden();

  // resolve from the same page, with the version read when the complaint was taken
  await page.getByTestId('complaint-action-resolve').click();
  const resolve = page.getByTestId('complaint-dialog-resolve');
  await resolve.getByRole('radio', { name: 'Upheld', exact: true }).check();
  await resolve.getByLabel('Message to the customer').fill('We checked again and keep our decision.');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();
  await expect(details.getByTestId('complaint-status')).toHaveText('Resolved');

  const timeline = page.getByTestId('complaint-timeline');
  await expect(timelineActions(page, 'complaint-timeline')).toHaveCount(5);
  await expect(
    timelineActions(page, 'complaint-timeline').evaluateAll((items) =>
      items.map((i) => i.getAttribute('data-action')),
    ),
  ).resolves.toEqual(['open', 'assign', 'note', 'note', 'resolve']);
  await expect(timeline).toContainText('Colleague: the customer called again this morning.');
  await expect(timeline).toContainText('Holder: checked the call recording.');
});
