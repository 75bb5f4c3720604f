// Every page in both languages, in the browser: no raw i18n key anywhere on screen (text, labels,
// tooltips, chart text), and in Chinese no leftover English UI word. What the server sent (names,
// descriptions, messages written to English-speaking customers, notes) is data, not UI, and is
// left out of the English-word check.
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from '@playwright/test';
import type { CoinOrder } from '../../src/domain/model';
import en from '../../src/i18n/en';
import zh from '../../src/i18n/zh';
import {
  expect,
  interestingRefund,
  presetPreferences,
  settle,
  signInAs,
  someComplaint,
  test,
  type UiLocale,
} from './uiFixtures';
import type { TestApi } from '../mock-api/harness';

type Tree = { [key: string]: unknown };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') return [path];
    return value && typeof value === 'object' ? keysOf(value as Tree, path) : [];
  });
}

const CATALOGUE_KEYS = [...new Set([...keysOf(en as Tree), ...keysOf(zh as Tree)])];
/** the first segments of every key: a dotted word starting with one of them is a key path */
const NAMESPACES = new Set(CATALOGUE_KEYS.map((k) => k.split('.')[0]!));
const KEY_LIKE = /\b([a-z_]+)\.[A-Za-z_-]+\.[A-Za-z_.-]*[A-Za-z_]\b/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const VERBATIM = CATALOGUE_KEYS.map((key) => ({ key, re: new RegExp(`(?<![\\w.])${escape(key)}(?![\\w])`) }));

/** Common English labels that must not be left on a Chinese screen. */
const ENGLISH_UI_WORDS = [
  'Refund requests',
  'Refund request',
  'Status',
  'Customer',
  'Customers',
  'Search',
  'Filter',
  'Filters',
  'Export',
  'Approve',
  'Reject',
  'Order number',
  'Orders',
  'Dashboard',
  'Complaints',
  'Complaint',
  'Staff',
  'Loading',
  'Sign in',
  'Username',
  'Password',
  'Rows per page',
  'Columns',
  'Add filter',
  'Refundable',
  'Unassigned',
  'Submitted',
  'Amount',
  'Reason',
  'Payment channel',
  'No results',
  'Language',
  'Role',
  'Active',
  'Policy checks',
  'Suggested decision',
  'History',
  'Claim',
  'Overdue',
  'Reviewer',
  'Supervisor',
  'Manager',
  'Logout',
  'Refresh',
  'Previous',
  'Next',
  'Close',
  'Cancel',
  'Save',
  'Priority',
  'Level',
  'Category',
  'Assignee',
  'Outcome',
  'Approval rate',
  'Volume',
  'Period',
  'Today',
  'Keyboard shortcuts',
  'Toggle',
  'Open',
  'Clear',
  'No options',
  'Go to',
  'ago',
  'hours',
  'minutes',
  'days',
];
const ENGLISH_RE = ENGLISH_UI_WORDS.map((word) => ({ word, re: new RegExp(`\\b${escape(word)}\\b`) }));

/** Everything the page says: visible text, accessible names and tooltips, chart text, the title. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll(
      '[aria-label],[title],[placeholder],[alt],[aria-roledescription]',
    )) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription']) {
        const value = el.getAttribute(attr);
        if (value) parts.push(value);
      }
    }
    for (const el of document.querySelectorAll('svg text, svg title, svg desc'))
      parts.push(el.textContent ?? '');
    return parts.join('\n');
  });
}

/** Collects every string the API sent, to tell data from UI. */
function recordData(page: Page): Set<string> {
  const strings = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.trim().length >= 2) strings.add(value.trim());
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  page.on('response', (response: Response) => {
    if (!response.url().includes('/api/')) return;
    if (!(response.headers()['content-type'] ?? '').includes('json')) return;
    response
      .json()
      .then(walk)
      .catch(() => undefined);
  });
  return strings;
}

/** The text with every string the API sent taken out (whole words only: "app" leaves "Approve"). */
function withoutData(text: string, data: Set<string>): string {
  let out = text;
  for (const value of [...data].sort((a, b) => b.length - a.length)) {
    if (!out.includes(value)) continue;
    out = out.replace(new RegExp(`(?<![A-Za-z])${escape(value)}(?![A-Za-z])`, 'g'), ' ');
  }
  return out;
}

interface Finding {
  page: string;
  problem: string;
  context: string;
}

function around(text: string, index: number, length: number): string {
  return text
    .slice(Math.max(0, index - 40), index + length + 40)
    .replace(/\s+/g, ' ')
    .trim();
}

function check(name: string, locale: UiLocale, text: string, data: Set<string>): Finding[] {
  const findings: Finding[] = [];
  // I18N_DUMP=dir writes what each page said, to review by eye
  if (process.env.I18N_DUMP) {
    fs.mkdirSync(process.env.I18N_DUMP, { recursive: true });
    fs.writeFileSync(path.join(process.env.I18N_DUMP, `${locale} ${name}.txt`), withoutData(text, data));
  }
  for (const match of text.matchAll(KEY_LIKE)) {
    if (NAMESPACES.has(match[1]!))
      findings.push({
        page: name,
        problem: `raw key ${match[0]}`,
        context: around(text, match.index, match[0].length),
      });
  }
  for (const { key, re } of VERBATIM) {
    const match = re.exec(text);
    if (match)
      findings.push({
        page: name,
        problem: `raw key ${key}`,
        context: around(text, match.index, key.length),
      });
  }
  const ui = withoutData(text, data);
  if (locale === 'zh-CN') {
    for (const { word, re } of ENGLISH_RE) {
      const match = re.exec(ui);
      if (match)
        findings.push({
          page: name,
          problem: `English "${word}"`,
          context: around(ui, match.index, word.length),
        });
    }
  } else {
    // and the other way round: no Chinese left on an English screen (but the language's own name)
    const match = /[\p{Script=Han}]+/u.exec(ui.replaceAll('简体中文', ''));
    if (match)
      findings.push({
        page: name,
        problem: `Chinese "${match[0]}"`,
        context: around(ui, match.index, match[0].length),
      });
  }
  return findings;
}

/** Opens a route of the app, waits for it to finish loading, and checks what it shows. */
async function visit(
  page: Page,
  api: TestApi,
  route: string,
  name: string,
  locale: UiLocale,
  data: Set<string>,
  ready: (page: Page) => Promise<void>,
): Promise<Finding[]> {
  await page.goto(`${api.url}/#${route}`);
  await ready(page);
  await settle(page);
  return check(name, locale, await pageText(page), data);
}

const mainHas = (selector: string) => async (page: Page) => {
  await expect(page.locator('#main-content').locator(selector).first()).toBeVisible();
};
const table = mainHas('table tbody tr');
const showPage = mainHas('.RaShow-main, .RaShow-card, [data-testid="refund-show"], dl, .MuiCard-root');

const LOCALES: UiLocale[] = ['zh-CN', 'en'];
const COMMON_NAME: Record<UiLocale, RegExp> = { 'zh-CN': /退款申请/, en: /Refund requests/ };

for (const locale of LOCALES) {
  test.describe(`${locale}`, () => {
    test(`every page a supervisor opens is translated (${locale})`, async ({ page, api }) => {
      const data = recordData(page);
      await presetPreferences(page, { locale });
      const findings: Finding[] = [];

      await page.goto(`${api.url}/#/login`);
      await expect(page.locator('input[name="username"]')).toBeVisible();
      await settle(page);
      findings.push(...check('login', locale, await pageText(page), data));

      await signInAs(page, api, 'supervisor');
      const refund = await interestingRefund(api);
      const complaint = await someComplaint(api);
      const [order] = await api.get<CoinOrder[]>(
        `/api/orders?range=[0,0]&filter=${encodeURIComponent(JSON.stringify({ id: refund.orderId }))}`,
      );
      expect(order).toBeTruthy();

      const routes: [string, string, (page: Page) => Promise<void>][] = [
        ['/refunds', 'refund list', table],
        [`/refunds/${refund.id}/show`, 'refund page', showPage],
        ['/complaints', 'complaint list', table],
        [`/complaints/${complaint.id}/show`, 'complaint page', showPage],
        ['/customers', 'customer list', table],
        [`/customers/${refund.customerId}/show`, 'customer page', showPage],
        ['/orders', 'order list', table],
        [`/orders/${refund.orderId}/show`, 'order page', showPage],
        ['/users', 'staff list', table],
      ];
      for (const [route, name, ready] of routes) {
        findings.push(...(await visit(page, api, route, name, locale, data, ready)));
      }
      await expect(page.getByRole('navigation').or(page.locator('.RaSidebar-fixed')).first()).toContainText(
        COMMON_NAME[locale],
      );
      expect(findings).toEqual([]);
    });

    for (const username of ['manager', 'reviewer'] as const) {
      test(`the dashboard as ${username} is translated (${locale})`, async ({ page, api }) => {
        const data = recordData(page);
        await presetPreferences(page, { locale });
        await signInAs(page, api, username);
        const ready =
          username === 'manager'
            ? mainHas('figure .recharts-surface')
            : mainHas('[data-testid="personal-card"], .MuiCard-root');
        const findings = await visit(page, api, '/dashboard', `dashboard (${username})`, locale, data, ready);
        expect(findings).toEqual([]);
      });
    }
  });
}

test('the language follows the browser, switches from the app bar and is remembered', async ({
  browser,
  api,
}) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${api.url}/#/login`);
  await expect(page.getByRole('heading', { name: '登录退款工作台' })).toBeVisible();
  await signInAs(page, api, 'reviewer');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // switch to English from the app bar
  await page.getByRole('banner').getByRole('button', { name: /^语言/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('navigation').or(page.locator('.RaSidebar-fixed')).first()).toContainText(
    'Refund requests',
  );
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // remembered across a reload, even though the browser still says zh-CN
  await page.reload();
  await expect(page.getByRole('navigation').or(page.locator('.RaSidebar-fixed')).first()).toContainText(
    'Refund requests',
  );
  await context.close();

  // an English browser starts in English
  const enContext = await browser.newContext({ locale: 'en-GB' });
  const enPage = await enContext.newPage();
  await enPage.goto(`${api.url}/#/login`);
  await expect(enPage.getByRole('heading', { name: 'Sign in to Refund Desk' })).toBeVisible();
  await enContext.close();
});
