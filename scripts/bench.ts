// `npm run bench -- [--count N] [--seed S] [--engines sqlite,postgres] [--skip-stock] [--skip-browser]
//   [--quick] [--out path] [--concurrency C] [--runs R] [--startup-runs K] [--keep-bare-dist]
//   [--from-file F]`
//
// For each engine: seeds a database (100,000 requests by default) with `npm run seed`, times the
// API's start-up, starts it as a child process and measures it over real HTTP. Stock json-server
// 0.17 is measured on the same requests (exported to its db.json) in the same run; the browser part
// builds the app and a bare react-admin baseline and measures them in headless Chromium against
// the SQLite API. Prints the tables with the budgets of issue 14 and writes bench/results.json.
// SQLite by default; DATABASE_URL set (or --engines) adds PostgreSQL, printed beside it.
// --from-file F: the SQLite run measures a copy of F (`npm run seed -- --count N --file F` made
// beforehand) instead of seeding: a 1,000,000-request seed takes minutes, the copy seconds, and the
// bench's writes leave F as it was. Seeding is then not timed.
// Kept out of `npm test` (test/mock-api/benchSmoke.test.ts runs a tiny version of it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as prettier from 'prettier';
import type { Engine } from '../mock-api/db/engine';
import { readerOf, runApiBench } from '../bench/api';
import { runBrowserBench, type BrowserResult } from '../bench/browser';
import { loopStats } from '../bench/burst';
import { BenchClient } from '../bench/lib/http';
import { machineInfo } from '../bench/lib/machine';
import { round } from '../bench/lib/measure';
import {
  BENCH_LAUNCHER,
  ROOT,
  buildApi,
  seedDatabase,
  startApiProcess,
  type ApiProcess,
} from '../bench/lib/processes';
import { ENGINES, benchTarget, sqliteFileKind, storedBytes } from '../bench/lib/targets';
import { budgetsFor, compareEngines, figuresFor, type BenchResults, type EngineRun } from '../bench/report';
import { measureStartups, summariseStartups } from '../bench/startup';
import { exportRefundsForStock, runStockBench, type StockExport, type StockResult } from '../bench/stock';
import { formatReport } from '../bench/table';
import { chromiumPath } from '../test/e2e/chromium';

/** Above this, stock json-server's db.json no longer fits one JavaScript string (it cannot load it). */
const STOCK_MAX_COUNT = 200_000;

interface Args {
  count: number;
  seed: number;
  engines: Engine[];
  skipStock: boolean;
  skipBrowser: boolean;
  quick: boolean;
  out: string;
  concurrency: number;
  runs: number;
  startupRuns: number;
  keepBareDist: boolean;
  fromFile?: string;
}

const USAGE =
  'Usage: npm run bench -- [--count N] [--seed S] [--engines sqlite,postgres] [--skip-stock] [--skip-browser] ' +
  '[--quick] [--out path] [--concurrency C] [--runs R] [--startup-runs K] [--keep-bare-dist] [--from-file F]';

function parseEngines(value: string | undefined): Engine[] {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new Error(`--engines needs a list such as sqlite,postgres. ${USAGE}`);
  for (const name of names) {
    if (!ENGINES.includes(name as Engine)) {
      throw new Error(`--engines: unknown engine "${name}" (${ENGINES.join(', ')}). ${USAGE}`);
    }
  }
  // SQLite first: its run is the one the budgets, stock and the browser part belong to
  return ENGINES.filter((e) => names.includes(e));
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    count: 100_000,
    seed: 42,
    engines: process.env.DATABASE_URL?.trim() ? ['sqlite', 'postgres'] : ['sqlite'],
    skipStock: false,
    skipBrowser: false,
    quick: false,
    out: path.join(ROOT, 'bench', 'results.json'),
    concurrency: 1,
    runs: 5,
    startupRuns: 3,
    keepBareDist: false,
  };
  const int = (flag: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min)
      throw new Error(`${flag} needs a whole number ≥ ${min}. ${USAGE}`);
    return n;
  };
  let startupRunsGiven = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--count') args.count = int(a, argv[++k], 1);
    else if (a === '--seed') args.seed = int(a, argv[++k], 0);
    else if (a === '--concurrency') args.concurrency = int(a, argv[++k], 1);
    else if (a === '--runs') args.runs = int(a, argv[++k], 1);
    else if (a === '--startup-runs') {
      args.startupRuns = int(a, argv[++k], 0);
      startupRunsGiven = true;
    } else if (a === '--engines') args.engines = parseEngines(argv[++k]);
    else if (a === '--out') {
      const out = argv[++k];
      if (!out) throw new Error(`--out needs a path. ${USAGE}`);
      args.out = path.resolve(out);
    } else if (a === '--skip-stock') args.skipStock = true;
    else if (a === '--skip-browser') args.skipBrowser = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--keep-bare-dist') args.keepBareDist = true;
    else if (a === '--from-file') {
      const file = argv[++k];
      if (!file || !fs.existsSync(file)) throw new Error(`--from-file needs a seeded SQLite file. ${USAGE}`);
      args.fromFile = path.resolve(file);
    } else throw new Error(`Unknown argument ${a}. ${USAGE}`);
  }
  if (args.quick && !startupRunsGiven) args.startupRuns = 1;
  return args;
}

const log = (line: string) => console.log(`[bench] ${line}`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  log(
    `${machine.cpuModel}, ${machine.cores} cores, ${(machine.ramBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-bench-'));
  let api: ApiProcess | undefined;
  const disposers: (() => void)[] = [];
  const cleanup = async () => {
    await api?.stop();
    for (const dispose of disposers.splice(0).reverse()) dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = () => {
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const withStock = !args.skipStock && args.count <= STOCK_MAX_COUNT;
  const notes: string[] = [];
  if (!args.skipStock && !withStock) {
    notes.push(`stock json-server not measured above ${STOCK_MAX_COUNT.toLocaleString('en')} requests`);
  }
  // one clock for every list mix, so that ours and stock's are asked the same dates
  const nowMs = Date.now();
  const runs: EngineRun[] = [];
  let stock: StockResult | null = null;
  let browser: BrowserResult | null = null;

  try {
    // the API as `npm run api` runs it: bundled from the tree as it is now
    const built = await buildApi();
    log(`API built (npm run build:api) in ${Math.round(built.ms)} ms`);
    for (const engine of args.engines) {
      const { target, label, dispose } = await benchTarget(engine, dir, log);
      disposers.push(dispose);
      // DB_FILE of a PostgreSQL child (targets.ts childEnv): must stay unwritten
      const spareFile = path.join(dir, `${engine}-unused.sqlite`);
      let seeded: { ms: number };
      if (target.engine === 'sqlite' && args.fromFile) {
        log(`${engine}: copying ${args.fromFile} into ${label} (seeding not timed)`);
        fs.copyFileSync(args.fromFile, target.file);
        seeded = { ms: Number.NaN };
      } else {
        log(
          `${engine}: seeding ${args.count.toLocaleString('en')} requests (seed ${args.seed}) into ${label}`,
        );
        seeded = await seedDatabase(target, args.count, args.seed, spareFile);
      }
      if (engine === 'postgres' && sqliteFileKind(spareFile) !== 'missing') {
        throw new Error(
          'The seed wrote DB_FILE although DATABASE_URL was set: this checkout has no PostgreSQL storage yet.',
        );
      }
      const dbBytes = await storedBytes(target);
      log(`${engine}: seeded in ${(seeded.ms / 1000).toFixed(1)} s, ${(dbBytes / 1e6).toFixed(0)} MB`);
      // exported before the bench writes, so that stock gets the requests as seeded
      const stockFile = path.join(dir, 'stock', 'db.json');
      let exported: StockExport | null = null;
      if (withStock && runs.length === 0) {
        exported = await exportRefundsForStock(target, stockFile);
        log(
          `stock json-server: exported ${exported.refunds.toLocaleString('en')} requests ` +
            `(${(exported.bytes / 1e6).toFixed(0)} MB) in ${(exported.ms / 1000).toFixed(1)} s`,
        );
      }

      const startupRuns = await measureStartups({ target, spareFile }, args.startupRuns, dir, log);
      api = await startApiProcess({ target, spareFile, launcher: BENCH_LAUNCHER });
      startupRuns.apiMs[BENCH_LAUNCHER].push(round(api.startupMs));
      log(
        `${engine}: mock API (pid ${api.pid}) answered /api/health ${Math.round(api.startupMs)} ms after spawn`,
      );
      const client = new BenchClient(api.url);
      const { token } = await client.json<{ token: string }>('POST', '/api/auth/login', {
        body: { username: 'supervisor', password: 'password' },
      });
      // memory once started (this first call also starts the server's event-loop delay monitor)
      const afterStartup = await loopStats(client, token);
      const apiResult = await runApiBench(client, {
        quick: args.quick,
        concurrency: args.concurrency,
        seed: args.seed,
        nowMs,
        log: (line) => log(`${engine}: ${line}`),
      });
      if (!args.skipBrowser && runs.length === 0) {
        browser = await runBrowserBench({
          apiUrl: api.url,
          runs: args.runs,
          chromiumPath: chromiumPath(),
          keepBareDist: args.keepBareDist,
          log,
        });
      }
      const stats = await loopStats(client, token);
      const startupMs = api.startupMs;
      client.close();
      await api.stop();
      api = undefined;
      runs.push({
        engine,
        target: label,
        dataset: { ...apiResult.dataset, dbBytes, seedMs: round(seeded.ms, 0) },
        startup: summariseStartups(startupRuns),
        server: {
          startupMs: round(startupMs),
          launcher: BENCH_LAUNCHER,
          peakRssBytes: stats.peakRssBytes,
          peakRssAtStartupBytes: afterStartup.peakRssBytes,
          rssAfterStartupBytes: afterStartup.rssBytes,
          rssBytesAtEnd: stats.rssBytes,
          heapUsedBytesAtEnd: stats.heapUsedBytes,
        },
        latency: apiResult.latency,
        burst: apiResult.burst,
        notes: apiResult.notes,
      });
      if (exported) {
        // after our API has stopped: nothing else runs while stock is measured
        const userIds = apiResult.userIds;
        stock = await runStockBench(stockFile, exported, {
          listN: args.quick ? 12 : 120,
          patchN: args.quick ? 4 : 20,
          warmReads: args.quick ? 2 : 10,
          warmPatches: args.quick ? 1 : 2,
          nowMs,
          callerId: (i) => userIds[readerOf(i)],
          log,
        });
        fs.rmSync(path.dirname(stockFile), { recursive: true, force: true });
      }
    }

    const sqlite = runs.find((r) => r.engine === 'sqlite');
    const results: BenchResults = {
      schema: 2,
      generatedAt: new Date().toISOString(),
      options: {
        count: args.count,
        seed: args.seed,
        quick: args.quick,
        skipBrowser: args.skipBrowser,
        skipStock: !withStock,
        concurrency: args.concurrency,
        browserRuns: browser ? args.runs : 0,
        startupRuns: args.startupRuns,
        engines: args.engines,
      },
      machine,
      runs,
      stock,
      browser,
      budgets: sqlite ? budgetsFor(sqlite, args.count, stock, browser) : [],
      comparison: compareEngines(runs),
      figures: figuresFor(runs, stock, browser),
      notes: [
        ...notes,
        ...runs.flatMap((r) => r.notes.map((n) => `${r.engine}: ${n}`)),
        ...(stock?.notes ?? []),
        ...(browser?.notes ?? []),
      ],
    };
    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    // formatted as the repository's Prettier would, so `npm run lint` accepts the committed file
    const config = (await prettier.resolveConfig(args.out)) ?? {};
    fs.writeFileSync(
      args.out,
      await prettier.format(JSON.stringify(results), { ...config, parser: 'json', filepath: args.out }),
    );
    console.log('');
    console.log(formatReport(results));
    console.log('');
    log(`results written to ${path.relative(process.cwd(), args.out) || args.out}`);
  } finally {
    await cleanup();
  }
}

const started = performance.now();
main().then(
  () => log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
