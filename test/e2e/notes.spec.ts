// Internal notes in the browser, against a fresh mock API: the reviewer holding a request sees a
// colleague's note, adds one through the form, and still approves on the version the page loaded
// (a note is a record beside the request, so it voids nobody's decision).
import type { RefundNote, RefundRequest } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { approvableFilter, listQuery } from '../mock-api/harness';
import { expect, signIn, testWithApi } from './fixtures';

// 1,000 requests leave enough clean ones in the live queue (as in review.spec.ts)
const test = testWithApi({ count: 1000, seed: 5 });

test('the holder adds a note beside a colleague’s and still decides on the version they loaded', async ({
  page,
  api,
}) => {
  const reviewer = await api.login('reviewer');
  const colleague = await api.login('reviewer2');
  const candidates = (
    await api.call(
      'GET',
      `/api/refunds${listQuery({
        range: [0, 199],
        filter: approvableFilter({ gte: 1, lte: SECOND_APPROVAL_THRESHOLD_FEN }),
      })}`,
      { token: reviewer },
    )
  ).body as RefundRequest[];
  expect(candidates.length, 'the seed has a clean pending request under ¥500').toBeGreaterThan(0);
  const claimed = await api.call('POST', `/api/refunds/${candidates[0].id}/claim`, {
    token: reviewer,
    body: { version: candidates[0].version },
  });
  expect(claimed.status).toBe(200);
  const held = claimed.body as RefundRequest;

  await signIn(page, api, 'reviewer');
  await page.goto(`${api.url}/#/refunds/${held.id}/show`);
  await expect(page.getByTestId('policy-suggestion')).toBeVisible();
  const notes = page.getByTestId('refund-notes');
  await expect(notes).toContainText('No internal notes yet.');

  // while the page is open, a colleague writes a note on the request the reviewer holds
  const theirs = await api.call('POST', `/api/refunds/${held.id}/notes`, {
    token: colleague,
    body: { text: 'The customer phoned me too; same account.' },
  });
  expect(theirs.status).toBe(201);

  // the reviewer adds one through the form: blank is refused in the form, text is added
  await notes.getByTestId('add-note-open').click();
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes).toContainText('Write the note before adding it.');
  await notes.getByRole('textbox', { name: 'New note' }).fill('Checked the payment log: one charge.');
  await notes.getByTestId('add-note').click();
  await expect(page.getByText('Note added.')).toBeVisible();

  const entries = notes.getByTestId('refund-note');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('王强 Wang Qiang');
  await expect(entries.nth(0)).toContainText('The customer phoned me too; same account.');
  await expect(entries.nth(1)).toContainText('李娜 Li Na');
  await expect(entries.nth(1)).toContainText('Checked the payment log: one charge.');
  const stored = (
    await api.call(
      'GET',
      `/api/notes${listQuery({ filter: { refundId: held.id }, sort: ['at', 'ASC'], range: [0, 9] })}`,
      { token: reviewer },
    )
  ).body as RefundNote[];
  expect(stored.map((n) => [n.authorId, n.text])).toEqual([
    ['u2', 'The customer phoned me too; same account.'],
    ['u1', 'Checked the payment log: one charge.'],
  ]);
  // each time is the note's own instant, shown in the viewer's zone
  await expect(entries.nth(1).locator('time')).toHaveAttribute('datetime', stored[1].at);
  // neither note changed the request: its version is still the one the page loaded
  expect((await api.call('GET', `/api/refunds/${held.id}`, { token: reviewer })).body).toEqual(held);

  // the holder decides without reloading: the approval goes out on the loaded version and lands
  await page.getByTestId('refund-actions').locator('[data-action="approve"]').click();
  const dialog = page.getByTestId('approve-dialog');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('workflow-error-notification')).toHaveCount(0);
  const after = (await api.call('GET', `/api/refunds/${held.id}`, { token: reviewer })).body as RefundRequest;
  expect(after).toMatchObject({ status: 'approved', version: held.version + 1, assigneeId: 'u1' });
});
