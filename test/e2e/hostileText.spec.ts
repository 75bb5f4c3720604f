// Customer-written text with HTML or script in it shows as text: nothing in it runs.
import { expect, signIn, test } from './fixtures';

const PAYLOAD =
  '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b onmouseover="window.__xss=3">bold?</b>';

test('HTML and script in a customer’s description and name show as text and never run', async ({
  page,
  api,
}) => {
  // the customer side wrote it: put it straight into the data, as a submitted request would carry it
  const store = api.server.ctx.store;
  const request = [...store.all('refunds')].find((r) => r.status === 'pending')!;
  store.commit([{ c: 'refunds', v: { ...request, description: PAYLOAD, customerName: '<i>Eve</i>' } }]);

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
