// Issue 13 item 1: the servers the README starts serve the app and nothing else. A project tree
// with a database, its journal and a token secret in mock-api/data/ (and an .env file, a secret and
// a dotfile in dist/) is put behind the real `vite` dev server, `vite preview` and the mock API's
// own static serving; real Chromium (and raw HTTP, for paths a browser would tidy up) asks for
// those files every way we know — plain, ?raw, ?import, ?url, /@fs/<absolute path>, encoded
// traversal, other letter case — and never gets their content. Each server still serves the app,
// and the dev server's proxy still signs in.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { seedDatabase } from '../../mock-api/seed/index';
import { DEFAULT_DB_FILE } from '../../mock-api/server';
import { tokenSecretFile } from '../../mock-api/tokenSecret';
import { startTestApi, type TestApi } from '../mock-api/harness';

test.describe.configure({ mode: 'serial' });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.join(root, 'mock-api', 'data');
const dist = path.join(root, 'dist');
const name = `e2e-served-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
const dbFile = path.join(dataDir, `${name}.sqlite`);
const marker = (what: string) => `${what}-${crypto.randomBytes(12).toString('hex')}`;
const SECRET = marker('secret');
const JOURNAL = marker('journal');
const ENV = marker('env');
const DIST_SECRET = marker('dist-secret');

/** every file this spec writes into the repository tree, removed afterwards */
const written: string[] = [];
let createdDataDir = false;
let api: TestApi;
let dev: ViteDevServer;
let previewServer: PreviewServer;
let devUrl: string;
let previewUrl: string;
const savedApiPort = process.env.API_PORT;

function write(file: string, text: string) {
  fs.writeFileSync(file, text, { mode: 0o600 });
  written.push(file);
}

function urlOf(server: { resolvedUrls: { local: string[] } | null }): string {
  return server.resolvedUrls!.local[0].replace(/\/$/, '');
}

test.beforeAll(async () => {
  expect(fs.existsSync(path.join(dist, 'index.html')), 'run `npx vite build` first').toBe(true);
  createdDataDir = !fs.existsSync(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  await seedDatabase({ engine: 'sqlite', file: dbFile }, { count: 5, seed: 1, nowMs: Date.now() });
  written.push(dbFile, `${dbFile}-wal`, `${dbFile}-shm`);
  write(`${dbFile}.journal`, `{"journal":"${JOURNAL}"}\n`);
  write(`${dbFile}.secret`, SECRET);
  write(path.join(root, `.env.${name}`), `TOKEN=${ENV}\n`);
  write(path.join(dist, `${name}.secret`), DIST_SECRET);
  write(path.join(dist, `.${name}`), DIST_SECRET);
  write(path.join(dist, `.env.${name}`), DIST_SECRET);
  // links a static server would follow: from the app's sources and from the build to the data
  for (const link of [path.join(root, 'src', `${name}-link`), path.join(dist, `${name}-link`)]) {
    fs.symlinkSync(dataDir, link);
    written.push(link);
  }

  api = await startTestApi({ count: 20, seed: 9 });
  process.env.API_PORT = String(api.server.port); // vite.config.ts proxies /api there
  const configFile = path.join(root, 'vite.config.ts');
  dev = await createServer({ configFile, root, logLevel: 'silent', server: { port: 0, strictPort: false } });
  await dev.listen();
  devUrl = urlOf(dev);
  previewServer = await preview({ configFile, root, logLevel: 'silent', preview: { port: 0 } });
  previewUrl = urlOf(previewServer);
});

test.afterAll(async () => {
  await dev?.close();
  await new Promise<void>((resolve) =>
    previewServer ? previewServer.httpServer.close(() => resolve()) : resolve(),
  );
  await api?.close();
  if (savedApiPort === undefined) delete process.env.API_PORT;
  else process.env.API_PORT = savedApiPort;
  for (const file of written) fs.rmSync(file, { force: true });
  if (createdDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** what must never be in an answer: the markers written above, and what the real files hold */
function leaks(text: string): string[] {
  const found = [SECRET, JOURNAL, ENV, DIST_SECRET].filter((m) => text.includes(m));
  if (/scrypt\$/.test(text)) found.push('a password hash');
  if (text.includes('"devDependencies"')) found.push('package.json');
  if (/gitdir:|\[core\]|^ref: refs\//m.test(text)) found.push('.git');
  if (text.includes('createHmac')) found.push('server source');
  return found;
}

/** in the page, as any script or address bar on the same machine would ask */
async function browserFetch(page: Page, url: string) {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { cache: 'no-store' });
    return { status: res.status, text: await res.text() };
  }, url);
}

/** raw HTTP with the path exactly as written (a browser would resolve `..` first) */
function rawGet(base: string, rawPath: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Refused: 403 or 404 (400 too for a raw path no browser sends). Where the server falls back to
 * the app for unknown pages (`vite preview`), the build's own index.html is no leak either.
 */
function expectRefused(
  answer: { status: number; text: string },
  label: string,
  options: { raw?: boolean; appFallback?: boolean } = {},
) {
  expect(leaks(answer.text), label).toEqual([]);
  if (
    options.appFallback &&
    answer.status === 200 &&
    answer.text === fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
  )
    return;
  const refusals = options.raw ? [400, 403, 404] : [403, 404];
  expect(refusals, `${label}: ${answer.status} ${answer.text.slice(0, 120)}`).toContain(answer.status);
}

const data = `/mock-api/data/${name}.sqlite`;
const upperData = `/MOCK-API/DATA/${name.toUpperCase()}.JSON`;

/** paths a browser sends as written */
function devPaths(): string[] {
  const fsRoot = `/@fs${root}`;
  return [
    data,
    `${data}?raw`,
    `${data}?import`,
    `${data}?url`,
    `${data}?raw??`,
    `${data}?import&raw`,
    `${data}?inline&import`,
    `${data}.journal`,
    `${data}.journal?raw`,
    `${data}.secret`,
    `${data}.secret?raw`,
    `${data}.secret?import`,
    `${data}.secret?url`,
    `${fsRoot}${data}`,
    `${fsRoot}${data}?raw`,
    `${fsRoot}${data}.secret`,
    `${fsRoot}${data}.secret?raw&import`,
    `${fsRoot}${data}.journal`,
    `${upperData}.SECRET`,
    `/Mock-Api/Data/${name}.sqlite.secret?raw`,
    `${fsRoot}${upperData}.SECRET`,
    `/mock-api%2fdata%2f${name}.sqlite.secret`,
    `/src/..%2fmock-api%2fdata%2f${name}.sqlite.secret`,
    `/src/..%2Fmock-api/data/${name}.sqlite?raw`,
    `/src/%252e%252e/mock-api/data/${name}.sqlite.secret`,
    `/src/..%5cmock-api%5cdata%5c${name}.sqlite.secret`,
    `/mock-api/data/`,
    `/mock-api/data`,
    `/.env.${name}`,
    `/.env.${name}?raw`,
    `${fsRoot}/.env.${name}`,
    `/.git`,
    `/.git/HEAD`,
    `/.git/config`,
    `${fsRoot}/.git`,
    '/package.json',
    '/package.json?raw',
    '/mock-api/auth.ts',
    '/mock-api/auth.ts?raw',
    '/mock-api/server.ts?import',
    '/vite.config.ts?raw',
    `/@fs${api.server.secretFile}`,
    `/@fs${tokenSecretFile(DEFAULT_DB_FILE)}`,
    `/@fs${api.database.engine === 'sqlite' ? api.database.file : dbFile}`,
    `/@fs${dbFile}-wal`,
    `/src/${name}-link/${name}.sqlite-wal`,
    '/@fs/etc/passwd',
    `/src/${name}-link/${name}.sqlite`,
    `/src/${name}-link/${name}.sqlite?raw`,
    `/src/${name}-link/${name}.sqlite?import`,
    `/src/${name}-link/${name}?raw`,
    `${fsRoot}/src/${name}-link/${name}.sqlite?raw`,
  ];
}

/** paths a browser would normalize away, sent raw */
function rawPaths(): string[] {
  return [
    `/../mock-api/data/${name}.sqlite.secret`,
    `/src/../mock-api/data/${name}.sqlite.secret?raw`,
    `/%2e%2e/mock-api/data/${name}.sqlite.secret`,
    `/%2e%2e/%2e%2e${dataDir}/${name}.sqlite.secret`,
    `/..%2f..%2f..${dataDir}/${name}.sqlite.secret`,
    `/%2E%2E%2Fpackage.json`,
    `/src/%2e%2e/%2e%2e/mock-api/data/${name}.sqlite?raw`,
    `/..\\mock-api\\data\\${name}.sqlite.secret`,
    `/%2e%2e/${name}.secret`,
  ];
}

/** what `vite preview` and the API serve from dist/: the build, never a dotfile or a secret */
function distPaths(): string[] {
  return [
    `/${name}.secret`,
    `/${name.toUpperCase()}.SECRET`,
    `/.${name}`,
    `/.env.${name}`,
    `/%2e${name}`,
    `/%2eenv.${name}`,
    `/..%2fmock-api%2fdata%2f${name}.sqlite.secret`,
    `/..%2f..%2f..${dataDir}/${name}.sqlite.secret`,
    `/@fs${root}${data}.secret`,
    `/@fs${dataDir}/${name}.sqlite`,
    `/${name}-link/${name}.sqlite`,
    `/${name}-link/${name}.sqlite.journal`,
    ...devPaths().filter((p) => !p.startsWith('/@fs')),
  ];
}

async function expectAppAt(page: Page, base: string) {
  await page.goto(`${base}/#/login`);
  await expect(page.locator('input[name="username"]')).toBeVisible({ timeout: 60_000 });
}

test('the dev server (`vite`, as npm start runs it) serves the app and nothing private', async ({ page }) => {
  test.setTimeout(180_000);
  await expectAppAt(page, devUrl);
  // the proxy still reaches the API as the page's own origin: signing in works through it
  await page.locator('input[name="username"]').fill('reviewer');
  await page.locator('input[name="password"]').fill('password');
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await expect(page).not.toHaveURL(/#\/login/, { timeout: 60_000 });

  for (const p of devPaths()) expectRefused(await browserFetch(page, devUrl + p), `dev ${p}`);
  for (const p of rawPaths()) expectRefused(await rawGet(devUrl, p), `dev raw ${p}`, { raw: true });
  // a page on the dev server cannot read the API on its own origin: the API allows none but its own
  const crossOrigin = await page.evaluate(async (u) => {
    try {
      await fetch(u);
      return 'read';
    } catch {
      return 'blocked';
    }
  }, `${api.url}/api/health`);
  expect(crossOrigin).toBe('blocked');
});

test('`vite preview` serves the build and nothing outside it, no dotfile and no secret', async ({ page }) => {
  await expectAppAt(page, previewUrl);
  const fallback = { appFallback: true };
  for (const p of distPaths())
    expectRefused(await browserFetch(page, previewUrl + p), `preview ${p}`, fallback);
  for (const p of rawPaths()) {
    expectRefused(await rawGet(previewUrl, p), `preview raw ${p}`, { ...fallback, raw: true });
  }
  // what the guard itself refuses never falls back to the app
  for (const p of [`/${name}.secret`, `/.${name}`, `/.env.${name}`, data, `${data}.secret`, '/.git/config']) {
    const answer = await browserFetch(page, previewUrl + p);
    expect(answer.status, `preview ${p}`).toBe(404);
  }
});

test('the mock API serves the build from dist/ and nothing outside it, no dotfile and no secret', async ({
  page,
}) => {
  await expectAppAt(page, api.url);
  for (const p of distPaths()) expectRefused(await browserFetch(page, api.url + p), `api ${p}`);
  for (const p of rawPaths()) expectRefused(await rawGet(api.url, p), `api raw ${p}`, { raw: true });
});

test('leaves the token secret of the default database outside the project tree', () => {
  const secret = tokenSecretFile(DEFAULT_DB_FILE);
  const relative = path.relative(root, secret);
  expect(relative.startsWith('..') || path.isAbsolute(relative), secret).toBe(true);
});
