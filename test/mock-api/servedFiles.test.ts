// Issue 13 item 1, the rule behind the guard of every static server (mock-api/servedFiles.ts):
// however a private path is spelled in a URL — letter case, percent-encoding once or twice, `.`
// and `x/..` segments, backslashes, /@fs/ — it is refused; the app's own files are not. The
// servers themselves are tried from a browser in test/e2e/servedFiles.spec.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PRIVATE_FILE_GLOBS,
  filesOutsideApi,
  isPrivatePath,
  requestedPath,
} from '../../mock-api/servedFiles';

const ROOT = '/srv/refund-desk';

const PRIVATE = [
  'mock-api/data/db.json',
  'mock-api/data/db.json.journal',
  'mock-api/data/db.json.secret',
  'mock-api/data/',
  'mock-api/data',
  'elsewhere/db.json.secret',
  'db.json.journal',
  'db.json.tmp-1234',
  '.env',
  '.env.local',
  'src/.env.production',
  '.git/config',
  '.git',
  '.npmrc',
  'certs/server.key',
];

const percent = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** one spelling of a path: each character as is, in other case, or percent-encoded once or twice */
const spelling = (relative: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('as-is', 'case', 'once', 'twice'), {
        minLength: relative.length,
        maxLength: relative.length,
      }),
      fc.constantFrom('', './', 'src/../', 'a/b/../../', 'src/./../'),
      fc.constantFrom('', '?raw', '?import', '?url', '?raw??', '?import&raw', '#x'),
      fc.boolean(),
    )
    .map(([ways, detour, query, backslashes]) => {
      const spelled = [...relative]
        .map((c, i) => {
          if (c === '/' && backslashes) return '\\';
          const way = ways[i];
          if (way === 'case') return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
          if (way === 'once') return percent(c);
          if (way === 'twice') return percent(c).replace('%', '%25');
          return c;
        })
        .join('');
      return `/${detour}${spelled}${query}`;
    });

function refused(url: string): boolean {
  const file = requestedPath(url, ROOT);
  return file === null || isPrivatePath(file);
}

describe('the private-file rule of every static server', () => {
  it('refuses every spelling of a private path, under the root and through /@fs/', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRIVATE).chain(spelling), fc.boolean(), (url, viaFs) => {
        const full = viaFs ? `/@fs${ROOT}${url}` : url;
        expect(refused(full), full).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a path that climbs out of the root, however it is encoded', () => {
    for (const url of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/%252e%252e/etc/passwd',
      '/src/..%2f..%2fetc/passwd',
      '/..\\..\\etc\\passwd',
      '/%E0%A4%A',
      `/${'%25'.repeat(6)}2e`,
    ]) {
      expect(refused(url), url).toBe(true);
    }
  });

  it('lets the app’s own files through', () => {
    for (const url of [
      '/',
      '/index.html',
      '/src/main.tsx',
      '/src/App.tsx?t=123',
      '/assets/index-abc123.js',
      '/node_modules/.vite/deps/react.js?v=1',
      '/@vite/client',
      '/@react-refresh',
      `/@fs${ROOT}/node_modules/vite/dist/client/env.mjs`,
      '/src/refunds/RefundList.tsx?import',
    ]) {
      expect(refused(url), url).toBe(false);
    }
  });

  it('is the list Vite is given as server.fs.deny (vite.config.ts)', async () => {
    const { default: config } = await import('../../vite.config');
    const resolved = typeof config === 'function' ? null : config;
    expect(resolved?.server?.fs?.deny).toEqual([...PRIVATE_FILE_GLOBS]);
    expect(resolved?.server?.fs?.strict).toBe(true);
  });
});

describe("json-server's file server beside the API", () => {
  it('never looks an /api request up on disk, and still serves everything else', async () => {
    const jsonServer = (await import('json-server')).default;
    const looked: string[] = [];
    const original = jsonServer.defaults({ logger: false, noCors: true, static: ROOT });
    const recorded = original.map((m) =>
      m.name === 'serveStatic'
        ? Object.defineProperty(
            (req: { url: string }, _res: unknown, next: () => void) => {
              looked.push(req.url);
              next();
            },
            'name',
            { value: 'serveStatic' },
          )
        : m,
    ) as typeof original;
    const fileServer = filesOutsideApi(recorded).find(
      (m) => !original.includes(m) && m.name !== 'serveStatic',
    );
    expect(fileServer).toBeDefined();
    for (const url of ['/api/refunds?_end=25', '/api', '/api?x=1', '/assets/app.js', '/apiary.html', '/'])
      fileServer?.({ url } as never, {} as never, () => undefined);
    expect(looked).toEqual(['/assets/app.js', '/apiary.html', '/']);
  });
});
