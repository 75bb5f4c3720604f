// `npm run bench [-- --count N] [--seed S] [--skip-browser] [--quick] [--out path] [--concurrency C] [--runs R] [--keep-bare-dist]`
//
// Seeds a temporary database (100,000 requests by default), starts the mock API as a child process
// and measures it over real HTTP; builds the app and a bare react-admin baseline and measures them
// in headless Chromium; prints a table with the budgets and writes bench/results.json.
// Kept out of `npm test` (test/mock-api/benchSmoke.test.ts runs a tiny version of it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as prettier from 'prettier';
import { loopStats, runApiBench } from '../bench/api';
import { runBrowserBench, type BrowserResult } from '../bench/browser';
import { BenchClient } from '../bench/lib/http';
import { machineInfo } from '../bench/lib/machine';
import { round } from '../bench/lib/measure';
import { ROOT, seedDatabase, startApiProcess, type ApiProcess } from '../bench/lib/processes';
import { budgetsFor, figuresFor, formatReport, type BenchResults } from '../bench/report';
import { chromiumPath } from '../test/e2e/chromium';

interface Args {
  count: number;
  seed: number;
  skipBrowser: boolean;
  quick: boolean;
  out: string;
  concurrency: number;
  runs: number;
  keepBareDist: boolean;
}

const USAGE =
  'Usage: npm run bench -- [--count N] [--seed S] [--skip-browser] [--quick] [--out path] [--concurrency C] [--runs R] [--keep-bare-dist]';

function parseArgs(argv: string[]): Args {
  const args: Args = {
    count: 100_000,
    seed: 42,
    skipBrowser: false,
    quick: false,
    out: path.join(ROOT, 'bench', 'results.json'),
    concurrency: 1,
    runs: 5,
    keepBareDist: false,
  };
  const int = (flag: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min)
      throw new Error(`${flag} needs a whole number ≥ ${min}. ${USAGE}`);
    return n;
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--count') args.count = int(a, argv[++k], 1);
    else if (a === '--seed') args.seed = int(a, argv[++k], 0);
    else if (a === '--concurrency') args.concurrency = int(a, argv[++k], 1);
    else if (a === '--runs') args.runs = int(a, argv[++k], 1);
    else if (a === '--out') {
      const out = argv[++k];
      if (!out) throw new Error(`--out needs a path. ${USAGE}`);
      args.out = path.resolve(out);
    } else if (a === '--skip-browser') args.skipBrowser = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--keep-bare-dist') args.keepBareDist = true;
    else throw new Error(`Unknown argument ${a}. ${USAGE}`);
  }
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
  const dbFile = path.join(dir, 'db.json');
  let api: ApiProcess | undefined;
  const cleanup = async () => {
    await api?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = () => {
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    log(`seeding ${args.count.toLocaleString('en')} requests (seed ${args.seed}) into ${dbFile}`);
    const seeded = await seedDatabase(dbFile, args.count, args.seed);
    const dbBytes = fs.statSync(dbFile).size;
    log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s, ${(dbBytes / 1e6).toFixed(0)} MB`);

    api = await startApiProcess(dbFile);
    log(`mock API (pid ${api.pid}) answered /api/health ${Math.round(api.startupMs)} ms after spawn`);
    const client = new BenchClient(api.url);
    const { token } = await client.json<{ token: string }>('POST', '/api/auth/login', {
      body: { username: 'supervisor', password: 'password' },
    });
    // memory once loaded (this first call also starts the server's event-loop delay monitor)
    const afterStartup = await loopStats(client, token);
    const apiResult = await runApiBench(client, {
      quick: args.quick,
      concurrency: args.concurrency,
      seed: args.seed,
      log,
    });

    let browser: BrowserResult | null = null;
    if (!args.skipBrowser) {
      browser = await runBrowserBench({
        apiUrl: api.url,
        runs: args.runs,
        chromiumPath: chromiumPath(),
        keepBareDist: args.keepBareDist,
        log,
      });
    }

    const stats = await loopStats(client, token);
    client.close();
    const server = {
      startupMs: round(api.startupMs),
      peakRssBytes: stats.peakRssBytes,
      peakRssAtStartupBytes: afterStartup.peakRssBytes,
      rssAfterStartupBytes: afterStartup.rssBytes,
      rssBytesAtEnd: stats.rssBytes,
      heapUsedBytesAtEnd: stats.heapUsedBytes,
    };
    const results: BenchResults = {
      schema: 1,
      generatedAt: new Date().toISOString(),
      options: {
        count: args.count,
        seed: args.seed,
        quick: args.quick,
        skipBrowser: args.skipBrowser,
        concurrency: args.concurrency,
        browserRuns: args.skipBrowser ? 0 : args.runs,
      },
      machine,
      dataset: { ...apiResult.dataset, dbBytes, seedMs: round(seeded.ms, 0) },
      server,
      latency: apiResult.latency,
      burst: apiResult.burst,
      browser,
      figures: figuresFor(apiResult.latency, apiResult.burst, server, browser),
      budgets: budgetsFor(apiResult.latency, apiResult.burst, browser),
      notes: [...apiResult.notes, ...(browser?.notes ?? [])],
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
