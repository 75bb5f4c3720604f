// The wallet backend serves the built wallet page (mock-api/wallet/walletPage.ts) over real HTTP:
// wallet.html and the assets it loads, followed through their static imports, and nothing else of
// the build — not the desk's page, not a chunk only the desk loads, no dotfile, no database, no
// secret, no way out of the build by an encoded path.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletPageFiles, walletPageRouter } from '../../mock-api/wallet/walletPage';

let dir: string;
let dist: string;
let server: http.Server;
let url: string;

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wallet-page-'));
  dist = path.join(dir, 'dist');
  write(
    path.join(dist, 'wallet.html'),
    '<script type="module" crossorigin src="/assets/wallet-A1.js"></script>\n' +
      '<link rel="modulepreload" crossorigin href="/assets/framework-B2.js">\n' +
      '<link rel="stylesheet" href="/assets/wallet-C3.css">',
  );
  write(
    path.join(dist, 'assets', 'wallet-A1.js'),
    'import{a}from"./framework-B2.js";import"./app-D4.js";a();',
  );
  write(path.join(dist, 'assets', 'framework-B2.js'), 'import"./runtime-E5.js";export const a=()=>1;');
  write(path.join(dist, 'assets', 'runtime-E5.js'), 'export{};');
  write(path.join(dist, 'assets', 'app-D4.js'), 'const p=()=>import("./DeskOnly-F6.js");export{p};');
  write(path.join(dist, 'assets', 'wallet-C3.css'), 'body{margin:0}');
  write(path.join(dist, 'assets', 'DeskOnly-F6.js'), 'export const desk=1;');
  write(path.join(dist, 'index.html'), '<p>the desk</p>');
  write(path.join(dist, 'assets', '.hidden.js'), 'hidden');
  write(path.join(dist, 'assets', 'refunds.sqlite'), 'database');
  write(path.join(dir, 'token.secret'), 'secret');
  const app = express();
  app.use(walletPageRouter(dist));
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** raw HTTP, so the path reaches the server as written (fetch would tidy up `..`) */
function get(route: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}${route}`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }),
        );
      })
      .on('error', reject);
  });
}

describe('the wallet page from the wallet backend', () => {
  it('knows the page and what it loads, transitively, and nothing the desk alone loads', () => {
    expect([...walletPageFiles(dist).keys()].sort()).toEqual([
      '/assets/app-D4.js',
      '/assets/framework-B2.js',
      '/assets/runtime-E5.js',
      '/assets/wallet-A1.js',
      '/assets/wallet-C3.css',
      '/wallet.html',
    ]);
    expect(walletPageFiles(path.join(dir, 'no-build')).size).toBe(0);
  });

  it('serves the page and its assets', async () => {
    const page = await get('/wallet.html');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('/assets/wallet-A1.js');
    const script = await get('/assets/runtime-E5.js');
    expect(script.status).toBe(200);
    expect(script.type).toContain('javascript');
    expect((await get('/assets/wallet-C3.css')).status).toBe(200);
    const root = await get('/');
    expect(root.status).toBe(302);
  });

  it.each([
    '/index.html',
    '/assets/DeskOnly-F6.js',
    '/assets/.hidden.js',
    '/assets/refunds.sqlite',
    '/assets/%2e%2e/index.html',
    '/assets/..%2f..%2ftoken.secret',
    '/%2e%2e/token.secret',
    '/WALLET.HTML/../index.html',
    '/assets/',
  ])('refuses %s', async (route) => {
    const res = await get(route);
    expect(res.status).toBe(404);
    expect(res.body).not.toMatch(/the desk|desk=1|hidden|database|secret/);
  });
});
