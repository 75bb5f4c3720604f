// `npm run build:api`: the mock API as plain JavaScript in build/api/, what `npm run api` runs.
// Under tsx every one of the API's modules is resolved and loaded through tsx's loader thread, one
// round trip each, which is most of the API's start-up; bundled, Node reads one file of ours and
// loads the packages (left outside the bundle, as installed) itself. The worker threads' entries
// are bundled beside it under the names the source gives them (listWorkerBoot.mjs,
// metricsWorkerBoot.mjs), so `new URL('./…Boot.mjs', import.meta.url)` finds the right one either way.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../mock-api/projectRoot';

export const API_BUILD_DIR = path.join(PROJECT_ROOT, 'build', 'api');
export const API_BUILD_ENTRY = path.join(API_BUILD_DIR, 'server.mjs');

const ENTRIES = {
  server: 'mock-api/server.ts',
  listWorkerBoot: 'mock-api/listWorkerThread.ts',
  metricsWorkerBoot: 'mock-api/metricsWorkerThread.ts',
  policySimulationWorkerBoot: 'mock-api/policySimulationWorkerThread.ts',
};

/**
 * Left to Node as installed: the native driver, and the CommonJS packages (express, json-server,
 * pg), which Node loads quickly as they are. Kysely and zod are bundled: each is hundreds of small
 * ES modules, and one file of them loads in a fraction of the time.
 */
const EXTERNAL = ['better-sqlite3', 'pg', 'express', 'json-server', 'picomatch'];

/** A module's "am I the program?" check: true for every module of a bundle, so only the server's may be in it. */
const ENTRY_CHECK = /import\.meta\.url[^;\n]*process\.argv\[1\]/g;

/**
 * Builds the bundle in memory and writes only the files that differ, each by a rename (a server
 * running from build/api/, whose worker threads load their file when first asked, never reads a
 * file half written or missing; a second build of the same tree writes nothing). Answers whether
 * anything was written.
 */
export async function buildApi(): Promise<boolean> {
  const { outputFiles } = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ENTRIES,
    outdir: API_BUILD_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  const checks = outputFiles
    .filter((file) => file.path.endsWith('.mjs'))
    .map((file) => [path.basename(file.path), file.text.match(ENTRY_CHECK)?.length ?? 0] as const)
    .filter(([, count]) => count > 0);
  if (checks.length !== 1 || checks[0][0] !== 'server.mjs' || checks[0][1] !== 1) {
    throw new Error(
      `The API's bundle holds command-line entry checks (import.meta.url against process.argv[1]) in ${JSON.stringify(checks)}; ` +
        "only server.mjs's own may be there: move a command line the API imports into a module of its own (as db/migrateCli.ts).",
    );
  }
  fs.mkdirSync(API_BUILD_DIR, { recursive: true });
  let written = false;
  for (const file of outputFiles) {
    const now = fs.existsSync(file.path) ? fs.readFileSync(file.path) : null;
    if (now && Buffer.compare(now, file.contents) === 0) continue;
    const partial = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(partial, file.contents);
    fs.renameSync(partial, file.path);
    written = true;
  }
  const wanted = new Set(outputFiles.map((file) => path.basename(file.path)));
  for (const stale of fs
    .readdirSync(API_BUILD_DIR)
    .filter((name) => !wanted.has(name) && !name.endsWith('.tmp'))) {
    fs.rmSync(path.join(API_BUILD_DIR, stale), { force: true });
  }
  return written;
}

await buildApi();
