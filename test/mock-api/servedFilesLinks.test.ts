// Issue 13 item 1, tried again with symbolic links: a static server follows a link, so a link
// under a served folder (src/ for `vite`, dist/ for `vite preview` and the API) that points at the
// data folder, or out of the build, must not serve what it points at. The guard of every static
// server (mock-api/servedFiles.ts) is put in front of a real static server over real HTTP.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateFileGuard } from '../../mock-api/servedFiles';

const SECRET = `secret-${crypto.randomBytes(12).toString('hex')}`;
let tree: string;
const servers: { close: () => void }[] = [];

/** a static server of `root` behind the guard, as the dev server (dotfiles) or a build (none) */
async function serve(root: string, dotfiles: boolean): Promise<string> {
  const app = express();
  app.use(privateFileGuard(root, { dotfiles }));
  app.use(express.static(root, { dotfiles: 'allow' }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'served-links-'));
  const data = path.join(tree, 'project', 'mock-api', 'data');
  const outside = path.join(tree, 'elsewhere');
  fs.mkdirSync(data, { recursive: true });
  fs.mkdirSync(outside);
  fs.mkdirSync(path.join(tree, 'project', 'src'));
  fs.mkdirSync(path.join(tree, 'project', 'dist'));
  fs.writeFileSync(path.join(data, 'db.json'), `{"users":"${SECRET}"}`);
  fs.writeFileSync(path.join(outside, 'notes.txt'), SECRET);
  fs.writeFileSync(path.join(tree, 'project', 'src', 'main.js'), 'export {};');
  fs.writeFileSync(path.join(tree, 'project', 'dist', 'index.html'), '<!doctype html>');
  // a folder link and a file link into the data folder, and a link out of the build
  fs.symlinkSync(data, path.join(tree, 'project', 'src', 'fixtures'));
  fs.symlinkSync(path.join(data, 'db.json'), path.join(tree, 'project', 'src', 'db-copy.json'));
  fs.symlinkSync(data, path.join(tree, 'project', 'dist', 'assets-data'));
  fs.symlinkSync(outside, path.join(tree, 'project', 'dist', 'shared'));
});

afterAll(() => {
  for (const server of servers) server.close();
  fs.rmSync(tree, { recursive: true, force: true });
});

async function get(base: string, urlPath: string) {
  const res = await fetch(base + urlPath);
  return { status: res.status, text: await res.text() };
}

describe('a link under a served folder', () => {
  it('does not serve the data folder it points at (dev server, project root)', async () => {
    const base = await serve(path.join(tree, 'project'), true);
    for (const p of [
      '/src/fixtures/db.json',
      '/src/db-copy.json',
      '/src/fixtures/',
      '/src/%66ixtures/db.json',
    ]) {
      const answer = await get(base, p);
      expect(answer.text, p).not.toContain(SECRET);
      expect(answer.status, p).toBe(404);
    }
    expect((await get(base, '/src/main.js')).status).toBe(200);
  });

  it('does not serve the data folder nor anything outside the build (preview and the API)', async () => {
    const base = await serve(path.join(tree, 'project', 'dist'), false);
    for (const p of ['/assets-data/db.json', '/shared/notes.txt', '/SHARED/notes.txt']) {
      const answer = await get(base, p);
      expect(answer.text, p).not.toContain(SECRET);
      expect(answer.status, p).toBe(404);
    }
    expect((await get(base, '/index.html')).status).toBe(200);
  });
});
