// What the servers the README starts may serve: the app, nothing else. Vite's dev server serves
// files under the project root; `vite preview` and the mock API serve dist/. The database, its
// journal, the token secret, .env files and .git are private wherever they are. One glob list,
// matched as Vite matches `server.fs.deny` (picomatch over absolute paths, any case, dotfiles
// included), used by Vite itself and by the guard in front of each of those servers.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { PROJECT_ROOT } from './projectRoot';
import type { RequestHandler } from 'express';
import type { Connect, Plugin } from 'vite';

export { PROJECT_ROOT };

export const PRIVATE_FILE_GLOBS: readonly string[] = [
  '**/mock-api/data',
  '**/mock-api/data/**',
  '**/*.secret',
  '**/*.secret.*',
  '**/*.journal',
  // SQLite databases, their write-ahead logs and shared-memory files, wherever they are
  '**/*.sqlite',
  '**/*.sqlite-*',
  '**/*.sqlite3',
  '**/*.tmp-*',
  '**/.env',
  '**/.env.*',
  '**/.git',
  '**/.git/**',
  '**/.npmrc',
  '**/*.{pem,crt,key,p12,pfx}',
];

/** Under the project root the dev server reads the app's sources and dependencies only (and the demo wallet's page). */
export const DEV_SERVED_PATHS: readonly string[] = ['src', 'index.html', 'wallet.html', 'node_modules'].map(
  (p) => path.join(PROJECT_ROOT, p),
);

export const isPrivatePath = picomatch(PRIVATE_FILE_GLOBS, { dot: true, nocase: true });

/**
 * The absolute path a static server would look up for this URL (`/@fs/<path>` included), after
 * decoding it as often as it is encoded; null if it cannot be decoded or climbs out of the root.
 */
export function requestedPath(url: string, root: string): string | null {
  let pathname = url.split(/[?#]/, 1)[0];
  for (let round = 0; round < 4 && pathname.includes('%'); round++) {
    try {
      pathname = decodeURIComponent(pathname);
    } catch {
      return null;
    }
  }
  if (pathname.includes('%') || pathname.includes('\0')) return null;
  pathname = pathname.replace(/\\/g, '/');
  if (pathname.startsWith('/@fs/')) return path.posix.normalize(pathname.slice('/@fs'.length));
  const base = root.replace(/\\/g, '/').replace(/\/+$/, '');
  const full = path.posix.normalize(`${base}/${pathname}`);
  return full === base || full.startsWith(`${base}/`) ? full : null;
}

/**
 * Where a looked-up path really is: symlinks followed as far as the path exists (a static server
 * follows them, and a link under src/ or dist/ may point at the data folder); null if unreadable.
 */
export function realLocation(file: string): string | null {
  let existing = file;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.posix.join(fs.realpathSync.native(existing).replace(/\\/g, '/'), ...rest);
    } catch (error) {
      const parent = path.posix.dirname(existing);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === existing) return null;
      rest.unshift(path.posix.basename(existing));
      existing = parent;
    }
  }
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * json-server's defaults() with its file server kept off /api: left in place, it looks every API
 * request up on disk (a stat through the thread pool) before the API sees it, only to find nothing.
 */
export function filesOutsideApi(defaults: RequestHandler[]): RequestHandler[] {
  const fileServers = defaults.filter((m) => m.name === 'serveStatic');
  if (fileServers.length !== 1) throw new Error("json-server's defaults() no longer hold one serveStatic");
  return defaults.map((m) =>
    m.name === 'serveStatic' ? (req, res, next) => (isApiPath(req.url) ? next() : m(req, res, next)) : m,
  );
}

/**
 * Refuses (404, before any file is looked up) a URL that names a private file, leaves the served
 * root, or — where the root is a build (`dotfiles: false`) — names a dotfile. /api is the API's.
 */
export function privateFileGuard(root: string, options: { dotfiles: boolean }): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = req.url ?? '/';
    if (isApiPath(url)) return next();
    const file = requestedPath(url, root);
    const real = file === null ? null : realLocation(file);
    const refused =
      file === null ||
      real === null ||
      isPrivatePath(file) ||
      isPrivatePath(real) ||
      (!options.dotfiles && (hasDotSegment(root, file) || hasDotSegment(realLocation(root) ?? root, real)));
    if (!refused) return next();
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found.');
  };
}

/** Whether `file` leaves `root` or names a dotfile (or dot folder) under it. */
function hasDotSegment(root: string, file: string): boolean {
  const relative = path.posix.relative(root.replace(/\\/g, '/'), file);
  return relative.split('/').some((s) => s.startsWith('.'));
}

/** The guard in front of `vite` (the project root) and `vite preview` (the build). */
export function servedFilesGuard(): Plugin {
  return {
    name: 'refund-desk:served-files-guard',
    configureServer(server) {
      server.middlewares.use(privateFileGuard(server.config.root, { dotfiles: true }));
    },
    configurePreviewServer(server) {
      const dist = path.resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use(privateFileGuard(dist, { dotfiles: false }));
    },
  };
}
