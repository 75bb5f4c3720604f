// Customer-written text with HTML or script in it shows as text: nothing in it runs.
import { allRecords, storeRecords } from '../support/records';
import { expect, signIn, test } from './fixtures';

const PAYLOAD =
  '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b onmouseover="window.__xss=3">bold?</b>';

test('HTML and script in a customer’s description and name show as text and never run', async ({
  page,
  api,
}) => {
  // the customer side wrote it: put it straight into the data, as a submitted request would carry it
  const db = api.server.ctx.database.db;
  const request = (await allRecords(db, 'refunds')).find((r) => r.status === 'pending')!;
  await storeRecords(db, 'refunds', [{ ...request, description: PAYLOAD, customerName: '<i>Eve</i>' }]);

  await signIn(page, api, 'reviewer');
  await page.goto(
    `${api.url}/#/refunds?filter=${encodeURIComponent(JSON.stringify({ q: request.orderNumber }))}`,
  );
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody tr').first()).toContainText('<i>Eve</i>');

  await page.goto(`${api.url}/#/refunds/${request.id}/show`);
  await expect(page.getByText(PAYLOAD, { exact: false }).first()).toBeVisible();
  await page.getByText(PAYLOAD, { exact: false }).first().hover();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // no element was created from the payload
  expect(await page.locator('img[src="x"], b[onmouseover]').count()).toBe(0);
});

test('bidi controls in a customer’s name, description and file names show as visible marks, not obeyed', async ({
  page,
  api,
}) => {
  const RLO = '\u202E';
  const db = api.server.ctx.database.db;
  const request = (await allRecords(db, 'refunds')).find((r) => r.status === 'pending')!;
  await storeRecords(db, 'refunds', [
    {
      ...request,
      customerName: `Eve ${RLO}gnaW iL`,
      description: `Please refund ${RLO}00.001¥`,
      evidenceFiles: [`receipt${RLO}gpj.exe`],
    },
  ]);

  await signIn(page, api, 'reviewer');
  await page.goto(
    `${api.url}/#/refunds?filter=${encodeURIComponent(JSON.stringify({ q: request.orderNumber }))}`,
  );
  const row = page.locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('bdi [data-bidi-control="U+202E"]')).toBeVisible();
  // what the reader sees: the control named in place, none left to reorder the text
  expect(await row.innerText()).toContain('Eve ⟨RLO⟩gnaW iL');
  expect(await row.innerText()).not.toContain(RLO);

  await page.goto(`${api.url}/#/refunds/${request.id}/show`);
  const description = page.getByText('Please refund', { exact: false }).first();
  await expect(description).toBeVisible();
  expect(await description.innerText()).toBe('Please refund ⟨RLO⟩00.001¥');
  const file = page.getByText('receipt', { exact: false }).first();
  expect(await file.innerText()).toBe('receipt⟨RLO⟩gpj.exe');
  await expect(page.locator('[data-bidi-control="U+202E"]').first()).toHaveAttribute(
    'title',
    /Hidden text-direction control RLO/,
  );
  expect(await page.locator('main').innerText()).not.toContain(RLO);
});
