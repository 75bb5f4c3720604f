// The browser half of the benchmark: builds the app and the bare react-admin baseline, then in
// headless Chromium measures the JavaScript each page loads (gzip sizes of the dist files) and the
// time from navigation to the first 25 rows of the list, cold (a new browser context per run).
import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { median, round } from './lib/measure';
import { CHROMIUM_ARGS } from '../test/e2e/chromium';
import { ROOT, run } from './lib/processes';
import { startStaticServer } from './lib/staticServer';

export interface JsFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  recharts: boolean;
}

export interface BrowserResult {
  buildMs: { app: number; bare: number };
  app: {
    /** JS loaded by the sign-in page */
    loginJs: JsFile[];
    /** JS loaded by the sign-in page and then the queue (union) */
    queueJs: JsFile[];
    queueJsGzipBytes: number;
    loginJsGzipBytes: number;
    rechartsInQueue: boolean;
    /** the lazily loaded chunk(s) of dist/ containing recharts */
    dashboardChunks: JsFile[];
    dashboardChunkGzipBytes: number;
    firstRowsMs: number[];
    firstRowsMedianMs: number;
  };
  bare: {
    js: JsFile[];
    jsGzipBytes: number;
    firstRowsMs: number[];
    firstRowsMedianMs: number;
  };
  /** app median / bare median */
  firstRowsRatio: number;
  runs: number;
  notes: string[];
}

export interface BrowserBenchOptions {
  apiUrl: string;
  runs: number;
  chromiumPath: string;
  /** keep bench/bare/dist afterwards (it is removed by default: the repository's ESLint would lint it) */
  keepBareDist: boolean;
  log: (line: string) => void;
}

const DIST = path.join(ROOT, 'dist');
const BARE_DIST = path.join(ROOT, 'bench', 'bare', 'dist');
const VITE = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const VIEWPORT = { width: 1280, height: 800 };
const ROWS = 25;

/** recharts' class names survive minification: "recharts-wrapper", "recharts-surface" … */
const RECHARTS = /recharts-[a-z]/;

function jsFile(root: string, name: string): JsFile {
  const data = fs.readFileSync(path.join(root, name));
  return {
    file: name,
    bytes: data.length,
    gzipBytes: zlib.gzipSync(data).length,
    recharts: RECHARTS.test(data.toString('utf8')),
  };
}

function allJs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.m?js$/.test(entry.name)) out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

const sum = (files: readonly JsFile[]) => files.reduce((s, f) => s + f.gzipBytes, 0);

/** Calls `onFile` with the path (relative to the served root) of each .js file the page receives. */
function recordScripts(page: Page, origin: string, onFile: (file: string) => void) {
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || !/\.m?js$/.test(url.pathname)) return;
    onFile(decodeURIComponent(url.pathname).replace(/^\//, ''));
  });
}

/** Waits until no new script has arrived for `quietMs`. */
async function settle(count: () => number, quietMs = 1_000, maxMs = 15_000) {
  const started = Date.now();
  let last = count();
  let since = Date.now();
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = count();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}

/**
 * Installed in every page: puts the session where the app keeps it, and notes performance.now()
 * (counted from the start of the navigation) when 25 filled rows are in the table and visible.
 * Plain JavaScript in a string: tsx would wrap named inner functions of a TypeScript function in a
 * `__name()` helper that does not exist in the page.
 */
export function firstRowsProbe(session: { token: string; user: string }, rows = ROWS): string {
  return `(() => {
  try {
    localStorage.setItem('refundDesk.token', ${JSON.stringify(session.token)});
    localStorage.setItem('refundDesk.user', ${JSON.stringify(session.user)});
  } catch (error) {
    return; // about:blank has no storage
  }
  const wanted = ${rows};
  const observer = new MutationObserver(() => {
    if (window.__benchFirstRowsMs !== undefined) return;
    const rows = document.querySelectorAll('tbody tr');
    if (rows.length < wanted) return;
    for (let i = 0; i < wanted; i++) if (!rows[i].textContent.trim()) return;
    const last = rows[wanted - 1];
    if (!last.checkVisibility() || last.getBoundingClientRect().height === 0) return;
    window.__benchFirstRowsMs = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;
}

async function firstRows(
  browser: Browser,
  base: string,
  session: { token: string; user: string },
  scripts?: Set<string>,
): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  try {
    await context.addInitScript({ content: firstRowsProbe(session) });
    const page = await context.newPage();
    if (scripts) recordScripts(page, new URL(base).origin, (f) => scripts.add(f));
    // performance.now() in the page counts from the start of this navigation
    await page.goto(`${base}/#/refunds`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => (window as unknown as { __benchFirstRowsMs?: number }).__benchFirstRowsMs,
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    const ms = (await handle.jsonValue()) as number;
    if (scripts) await settle(() => scripts.size);
    return ms;
  } finally {
    await context.close();
  }
}

export async function runBrowserBench(options: BrowserBenchOptions): Promise<BrowserResult> {
  const { log } = options;
  const notes: string[] = [];
  log('building the app (vite build → dist/)');
  const appBuild = await run(process.execPath, [VITE, 'build']);
  log('building the bare react-admin baseline (vite build --config bench/bare/vite.config.ts)');
  const bareBuild = await run(process.execPath, [VITE, 'build', '--config', 'bench/bare/vite.config.ts']);

  const appServer = await startStaticServer(DIST, options.apiUrl);
  const bareServer = await startStaticServer(BARE_DIST, options.apiUrl);
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    // JS of the sign-in page, then of the queue after signing in through the form
    log('recording the JavaScript of /#/login and, after signing in, /#/refunds');
    const loginFiles = new Set<string>();
    const queueFiles = new Set<string>();
    let session: { token: string; user: string };
    {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
      const page = await context.newPage();
      let phase: 'login' | 'queue' = 'login';
      recordScripts(page, new URL(appServer.url).origin, (f) => {
        queueFiles.add(f);
        if (phase === 'login') loginFiles.add(f);
      });
      await page.goto(`${appServer.url}/#/login`);
      await page.locator('input[name="username"]').waitFor({ timeout: 60_000 });
      await settle(() => loginFiles.size);
      phase = 'queue';
      await page.locator('input[name="username"]').fill('reviewer');
      await page.locator('input[name="password"]').fill('password');
      await page.getByRole('button', { name: /^(sign in|登录)$/i }).click();
      await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 60_000 });
      await page.evaluate(() => {
        window.location.hash = '#/refunds';
      });
      await page.waitForFunction((rows) => document.querySelectorAll('tbody tr').length >= rows, ROWS, {
        timeout: 120_000,
      });
      await settle(() => queueFiles.size);
      session = await page.evaluate(() => ({
        token: localStorage.getItem('refundDesk.token') ?? '',
        user: localStorage.getItem('refundDesk.user') ?? '',
      }));
      await context.close();
      if (!session.token || !session.user) throw new Error('Signing in left no session in localStorage.');
    }
    const loginJs = [...loginFiles].sort().map((f) => jsFile(DIST, f));
    const queueJs = [...queueFiles].sort().map((f) => jsFile(DIST, f));
    const dashboardChunks = allJs(DIST)
      .map((f) => jsFile(DIST, f))
      .filter((f) => f.recharts);
    if (dashboardChunks.length === 0) {
      notes.push(
        'no file in dist/ contains recharts: the dashboard chunk is not built (is it wired in App.tsx?)',
      );
    }

    // first 25 rows, cold: a new context per run; one untimed run of each first, then interleaved
    log(`first ${ROWS} rows, cold: ${options.runs} runs each, the app and the bare baseline interleaved`);
    const bareFiles = new Set<string>();
    await firstRows(browser, appServer.url, session);
    await firstRows(browser, bareServer.url, session, bareFiles);
    const appTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const order = i % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
      for (const which of order) {
        if (which === 'app') appTimes.push(round(await firstRows(browser, appServer.url, session)));
        else bareTimes.push(round(await firstRows(browser, bareServer.url, session)));
      }
    }
    const bareJs = [...bareFiles].sort().map((f) => jsFile(BARE_DIST, f));
    const appMedian = median(appTimes);
    const bareMedian = median(bareTimes);
    return {
      buildMs: { app: round(appBuild.ms, 0), bare: round(bareBuild.ms, 0) },
      app: {
        loginJs,
        queueJs,
        loginJsGzipBytes: sum(loginJs),
        queueJsGzipBytes: sum(queueJs),
        rechartsInQueue: queueJs.some((f) => f.recharts),
        dashboardChunks,
        dashboardChunkGzipBytes: sum(dashboardChunks),
        firstRowsMs: appTimes,
        firstRowsMedianMs: round(appMedian),
      },
      bare: {
        js: bareJs,
        jsGzipBytes: sum(bareJs),
        firstRowsMs: bareTimes,
        firstRowsMedianMs: round(bareMedian),
      },
      // compared unrounded: 1.302 rounded to 1.30 once passed a ≤ 1.30 budget
      firstRowsRatio: round(appMedian / bareMedian, 4),
      runs: options.runs,
      notes,
    };
  } finally {
    await browser.close();
    await appServer.close();
    await bareServer.close();
    if (!options.keepBareDist) fs.rmSync(BARE_DIST, { recursive: true, force: true });
  }
}
