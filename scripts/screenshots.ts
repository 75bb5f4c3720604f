// `npm run screenshots [-- --out screenshots]`
//
// Screenshots of the refund queue and the dashboard in both languages (zh-CN, en) and both themes
// (light, dark), written as PNGs to screenshots/ (the README links them). Builds the app when dist/
// is missing, seeds a temporary database (3,000 requests with complaints, dates relative to now),
// starts the mock API on a free port (it serves dist/), and captures with Playwright driving
// Debian's Chromium. Chinese needs a CJK font: on Debian, `apt-get install -y fonts-noto-cjk`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { seedDatabase } from '../mock-api/seed/index';
import { startServer } from '../mock-api/server';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/chromium';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCALES = ['zh-CN', 'en'] as const;
const THEMES = ['light', 'dark'] as const;
const VIEWPORT = { width: 1440, height: 900 };

type Locale = (typeof LOCALES)[number];
type ThemeName = (typeof THEMES)[number];

interface Shot {
  name: string;
  username: string;
  route: string;
  /** what must be on screen before the picture is taken */
  ready: string;
}

const SHOTS: Shot[] = [
  { name: 'list', username: 'supervisor', route: '/refunds', ready: '#main-content table tbody tr' },
  { name: 'dashboard', username: 'manager', route: '/dashboard', ready: '#main-content figure svg' },
];

function parseOut(argv: string[]): string {
  const at = argv.indexOf('--out');
  return path.resolve(ROOT, at >= 0 && argv[at + 1] ? argv[at + 1]! : 'screenshots');
}

function ensureBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'dist', 'index.html'))) return;
  console.log('dist/ is missing: building the app (vite build)…');
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
}

function warnWithoutCjkFont(): void {
  try {
    const fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
    if (fonts.trim()) return;
  } catch {
    // no fontconfig: cannot tell
    return;
  }
  console.warn(
    'No Chinese font found: zh-CN screenshots will show boxes. Install one: apt-get install -y fonts-noto-cjk',
  );
}

async function signInToken(apiUrl: string, username: string): Promise<{ token: string; user: unknown }> {
  const res = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'password' }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  return (await res.json()) as { token: string; user: unknown };
}

async function settle(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page
    .locator('[data-testid="loading-skeleton"], [role="progressbar"]')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  // let charts finish their entry animation and fonts settle
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(1_200);
}

async function capture(
  browser: Browser,
  apiUrl: string,
  shot: Shot,
  locale: Locale,
  theme: ThemeName,
  file: string,
): Promise<void> {
  const session = await signInToken(apiUrl, shot.username);
  const context = await browser.newContext({ viewport: VIEWPORT, locale, colorScheme: theme });
  await context.addInitScript(
    ({ locale: l, theme: t, token, user }) => {
      localStorage.setItem('RaStore.locale', JSON.stringify(l));
      localStorage.setItem('RaStore.theme', JSON.stringify(t));
      localStorage.setItem('refundDesk.token', token);
      localStorage.setItem('refundDesk.user', JSON.stringify(user));
    },
    { locale, theme, token: session.token, user: session.user },
  );
  const page = await context.newPage();
  await page.goto(`${apiUrl}/#${shot.route}`);
  await settle(page, shot.ready);
  await page.screenshot({ path: file });
  await context.close();
}

async function main(): Promise<void> {
  const out = parseOut(process.argv.slice(2));
  ensureBuilt();
  warnWithoutCjkFont();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-screenshots-'));
  const database = { engine: 'sqlite', file: path.join(dir, 'desk.sqlite') } as const;
  console.log('Seeding 3,000 requests with complaints…');
  await seedDatabase(database, { count: 3000, seed: 42, nowMs: Date.now(), withComplaints: true });
  const server = await startServer({
    database,
    port: 0,
    sweepIntervalMs: 3_600_000,
    tokenSecretFile: path.join(dir, 'token.secret'),
  });
  const apiUrl = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
  fs.mkdirSync(out, { recursive: true });
  try {
    for (const shot of SHOTS) {
      for (const locale of LOCALES) {
        for (const theme of THEMES) {
          const file = path.join(out, `${shot.name}-${locale}-${theme}.png`);
          await capture(browser, apiUrl, shot, locale, theme, file);
          console.log(`  ${path.relative(ROOT, file)}`);
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
