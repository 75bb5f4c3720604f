// The built wallet page from the wallet's own backend, so `vite preview`, a run on dist/ and the
// browser tests reach it at http://127.0.0.1:<walletPort>/wallet.html with its /wallet-api beside it
// (the Vite dev server serves it too, proxying /wallet-api). Only the wallet's files: dist/wallet.html
// and the scripts and styles it loads (followed through their static imports), nothing else of dist/
// — not the desk's page, not its lazily loaded chunks — and never a private or dotfile
// (mock-api/servedFiles.ts: the same guard as the desk's static serving, in front).
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { PROJECT_ROOT, privateFileGuard } from '../servedFiles';

export const WALLET_PAGE = '/wallet.html';
export const DEFAULT_WALLET_DIST = path.join(PROJECT_ROOT, 'dist');

/** a built asset's name (hash included): letters, digits, dot, dash, underscore; no dotfile */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:js|css|woff2?|svg|png|ico)$/;

/** `/assets/<name>` the page names in its script, preload and stylesheet tags */
function pageAssets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="\/assets\/([^"?#]+)"/g)].map((m) => m[1]!);
}

/** the sibling files a built module imports statically (`from"./x.js"`, `import"./x.js"`) */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']\.\/([^"'?#]+)["']/g)].map((m) => m[1]!);
}

/**
 * The URL paths of the wallet page's files in a build, mapped to where they are: wallet.html and
 * every asset it loads, transitively. Empty when there is no build (or no wallet page in it).
 */
export function walletPageFiles(distDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const html = path.join(distDir, 'wallet.html');
  let text: string;
  try {
    text = fs.readFileSync(html, 'utf8');
  } catch {
    return files;
  }
  files.set(WALLET_PAGE, html);
  const assetsDir = path.join(distDir, 'assets');
  const pending = pageAssets(text);
  while (pending.length > 0) {
    const name = pending.pop()!;
    const url = `/assets/${name}`;
    if (files.has(url) || !ASSET_NAME.test(name)) continue;
    const file = path.join(assetsDir, name);
    if (!fs.existsSync(file)) continue;
    files.set(url, file);
    if (name.endsWith('.js')) pending.push(...staticImports(fs.readFileSync(file, 'utf8')));
  }
  return files;
}

/** GET/HEAD of the wallet page's files (and / → the page); everything else falls through. */
export function walletPageRouter(distDir: string = DEFAULT_WALLET_DIST): Router {
  const router = express.Router();
  let known: { mtimeMs: number; files: Map<string, string> } | null = null;
  /** read again when the page is rebuilt (its asset names change with each build) */
  const current = (): Map<string, string> => {
    let mtimeMs = -1;
    try {
      mtimeMs = fs.statSync(path.join(distDir, 'wallet.html')).mtimeMs;
    } catch {
      mtimeMs = -1;
    }
    if (!known || known.mtimeMs !== mtimeMs) known = { mtimeMs, files: walletPageFiles(distDir) };
    return known.files;
  };
  router.get('/', (_req, res, next) => (current().has(WALLET_PAGE) ? res.redirect(WALLET_PAGE) : next()));
  router.use(privateFileGuard(distDir, { dotfiles: false }));
  router.get(/^\/(?:wallet\.html|assets\/[^/]+)$/, (req, res, next) => {
    const file = current().get(req.path);
    if (!file) return next();
    const immutable = req.path.startsWith('/assets/');
    res.sendFile(file, {
      dotfiles: 'deny',
      headers: {
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
  return router;
}
