// The queue stays usable on a laptop (1280×720) and a tablet (1024×768): the page never scrolls
// sideways, the key columns (order number, status, SLA due) are on screen without scrolling the
// table, and on the tablet the side menu collapses to its icons.
import type { Page } from '@playwright/test';
import { expect, presetPreferences, settle, signInAs, test } from './uiFixtures';

const KEY_COLUMNS = ['orderNumber', 'status', 'slaDueAt'];

async function layoutOf(page: Page) {
  return page.evaluate((columns) => {
    const doc = document.documentElement;
    const table = document.querySelector('#main-content table');
    const wrapper = table?.closest('.RaDataTable-tableWrapper') ?? table?.parentElement;
    const box = wrapper?.getBoundingClientRect();
    const sidebar = document.querySelector(
      '.RaSidebar-fixed, .RaSidebar-docked, .MuiDrawer-docked .MuiPaper-root',
    );
    return {
      pageScrollsSideways: doc.scrollWidth > doc.clientWidth,
      viewport: window.innerWidth,
      sidebarWidth: sidebar ? Math.round(sidebar.getBoundingClientRect().width) : 0,
      columns: columns.map((source) => {
        const th = table?.querySelector(`thead th.column-${source}`);
        const rect = th?.getBoundingClientRect();
        return {
          source,
          found: Boolean(th),
          onScreen:
            Boolean(rect && box) &&
            rect!.left >= box!.left - 1 &&
            rect!.right <= box!.right + 1 &&
            rect!.right <= window.innerWidth &&
            rect!.width > 0,
        };
      }),
    };
  }, KEY_COLUMNS);
}

for (const [device, viewport, menuCollapsed] of [
  ['laptop', { width: 1280, height: 720 }, false],
  ['tablet', { width: 1024, height: 768 }, true],
] as const) {
  test(`the queue is usable on a ${device} (${viewport.width}×${viewport.height})`, async ({ page, api }) => {
    await page.setViewportSize(viewport);
    await presetPreferences(page, { locale: 'zh-CN' });
    await signInAs(page, api, 'reviewer');
    await expect(page.locator('#main-content table tbody tr').first()).toBeVisible();
    await settle(page);
    const layout = await layoutOf(page);
    expect(layout.pageScrollsSideways).toBe(false);
    expect(layout.columns).toEqual(KEY_COLUMNS.map((source) => ({ source, found: true, onScreen: true })));
    if (menuCollapsed) expect(layout.sidebarWidth).toBeLessThanOrEqual(60);
    else expect(layout.sidebarWidth).toBeGreaterThan(150);

    // the same in English, whose labels are longer
    await page
      .getByRole('banner')
      .getByRole('button', { name: /语言|language/i })
      .click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect(page.locator('#main-content thead')).toContainText(/Order number/i);
    const english = await layoutOf(page);
    expect(english.pageScrollsSideways).toBe(false);
    expect(english.columns).toEqual(KEY_COLUMNS.map((source) => ({ source, found: true, onScreen: true })));
  });
}
