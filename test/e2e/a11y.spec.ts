// Accessibility in the browser: axe (WCAG 2 A and AA) finds no serious or critical violation on the
// sign-in page, the queue, a request, a complaint and the dashboard, in the light and the dark
// theme; the queue can be worked from the keyboard alone, with a visible focus.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  expect,
  interestingRefund,
  presetPreferences,
  settle,
  signInAs,
  someComplaint,
  test,
} from './uiFixtures';
import type { TestApi } from '../mock-api/harness';

interface Violation {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function audit(page: Page, name: string): Promise<Violation[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: name,
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} :: ${(n.failureSummary ?? '').split('\n').slice(0, 2).join(' ')}`),
    }));
}

async function open(page: Page, api: TestApi, route: string, ready: string): Promise<void> {
  await page.goto(`${api.url}/#${route}`);
  // the dashboard's chunk (the charts) and its first figures arrive last: on a loaded CI machine
  // this walk's fifth page has been seen to need more than the default 15 s
  await expect(page.locator(ready).first()).toBeVisible({ timeout: 30_000 });
  await settle(page);
}

for (const theme of ['light', 'dark'] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    test(`no serious or critical axe violation, ${theme} theme (${locale})`, async ({ page, api }) => {
      await presetPreferences(page, { locale, theme });
      const violations: Violation[] = [];

      await page.goto(`${api.url}/#/login`);
      await expect(page.locator('input[name="username"]')).toBeVisible();
      await settle(page);
      violations.push(...(await audit(page, 'login')));

      await signInAs(page, api, 'supervisor');
      const refund = await interestingRefund(api);
      const complaint = await someComplaint(api);
      const pages: [string, string, string][] = [
        ['/refunds', 'refund list', '#main-content table tbody tr'],
        [`/refunds/${refund.id}/show`, 'refund page', '#main-content .MuiCard-root'],
        ['/complaints', 'complaint list', '#main-content table tbody tr'],
        [`/complaints/${complaint.id}/show`, 'complaint page', '#main-content .MuiCard-root'],
        ['/dashboard', 'dashboard', '#main-content figure'],
      ];
      for (const [route, name, ready] of pages) {
        await open(page, api, route, ready);
        violations.push(...(await audit(page, name)));
      }
      // one line per rule and page: where it is, what axe says
      expect(
        violations.map(
          (v) => `[${v.page}] ${v.rule} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`,
        ),
      ).toEqual([]);
    });
  }
}

test('the theme is chosen in the app bar and remembered', async ({ page, api }) => {
  await presetPreferences(page, { locale: 'en' });
  await signInAs(page, api, 'reviewer');
  const background = () =>
    page.evaluate(() =>
      getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number),
    );
  const isDark = async () => (await background()).reduce((a, b) => a + b, 0) < 3 * 128;
  expect(await isDark()).toBe(false);
  await page
    .getByRole('banner')
    .getByRole('button', { name: /toggle light\/dark mode/i })
    .click();
  await expect.poll(isDark).toBe(true);
  await page.reload();
  await expect(page.locator('#main-content table tbody tr').first()).toBeVisible();
  expect(await isDark()).toBe(true);
});

test('the loading spinner has a name a screen reader can announce', async ({ page, api }) => {
  await presetPreferences(page, { locale: 'en' });
  await signInAs(page, api, 'reviewer');
  await expect(page.locator('#main-content table tbody tr').first()).toBeVisible();
  await settle(page);
  // hold the next answers back so the app bar's spinner stays up while it is checked
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/refunds?**', async (route) => {
    await held;
    await route.continue();
  });
  const spinner = page.getByRole('banner').getByRole('progressbar');
  // A refetch of the page's own may start at any moment (and be held): its spinner then covers the
  // refresh button, and a normal click would wait for it forever. A forced click either starts a
  // load or lands on the spinner of one under way; either way the spinner is up.
  await page
    .getByRole('banner')
    .getByRole('button', { name: /refresh/i })
    .click({ force: true });
  await expect(spinner).toBeVisible();
  await expect(spinner).toHaveAccessibleName('Loading');
  const violations = await new AxeBuilder({ page }).withRules(['aria-progressbar-name']).analyze();
  expect(violations.violations).toEqual([]);
  release();
  await expect(spinner).toHaveCount(0);
});

/** The focused element draws an outline or a box shadow (not only a colour change). */
async function focusIsVisible(
  page: Page,
): Promise<{ tag: string; what: string; outline: string; shadow: string; visible: boolean }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    // Material UI draws some rings on a wrapper: a checkbox's transparent <input> on the button
    // around it, a text field's or a select's on the field
    const el =
      active?.closest<HTMLElement>('.MuiInputBase-root') ??
      (active?.tagName === 'INPUT' ? active.closest<HTMLElement>('.MuiButtonBase-root') : null) ??
      active;
    if (!el || el === document.body)
      return { tag: 'body', what: 'body', outline: 'none', shadow: 'none', visible: false };
    const what = `${el.tagName.toLowerCase()}.${[...el.classList].filter((c) => !c.startsWith('css-')).join('.')} "${(el.getAttribute('aria-label') ?? el.innerText ?? '').slice(0, 30)}"`;
    const style = getComputedStyle(el);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? style.outline : 'none';
    const shadow = style.boxShadow;
    return {
      tag: el.tagName.toLowerCase(),
      what,
      outline,
      shadow,
      visible: outline !== 'none' || shadow !== 'none',
    };
  });
}

test('the queue works from the keyboard: tab to a row, Enter opens it, focus always visible', async ({
  page,
  api,
}) => {
  await presetPreferences(page, { locale: 'en' });
  await signInAs(page, api, 'reviewer');
  const firstRow = page.locator('#main-content table tbody tr').first();
  await expect(firstRow).toBeVisible();
  await settle(page);
  const orderNumber = (await firstRow.locator('td').nth(1).innerText()).trim();

  // start from the top of the page, then Tab until a row of the table has the focus
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('Home');
  let onRow = false;
  const unseen: string[] = [];
  for (let i = 0; i < 120 && !onRow; i++) {
    await page.keyboard.press('Tab');
    const focus = await focusIsVisible(page);
    if (focus.tag !== 'body' && !focus.visible) unseen.push(focus.what);
    onRow = await page.evaluate(() => document.activeElement?.matches('#main-content tbody tr') ?? false);
  }
  expect(onRow).toBe(true);
  expect(unseen).toEqual([]);
  expect((await focusIsVisible(page)).visible).toBe(true);

  const focusedText = await page.evaluate(() => (document.activeElement as HTMLElement).innerText);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/refunds\/[^/]+\/show/);
  expect(focusedText).toContain(orderNumber);
});
