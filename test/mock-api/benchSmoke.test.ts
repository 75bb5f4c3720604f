// The benchmark (npm run bench) stays out of `npm test`; this runs a tiny version of it as a child
// process (2,000 requests, few iterations, no browser) and checks that every figure came out: the
// SQLite run, stock json-server's baseline on the same requests, the start-up of both launchers,
// and a budget with a verdict for every figure the issue sets.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { LATENCY_KINDS } from '../../bench/api';
import { ENGINE_FIGURES, STOCK_FIGURES, type BenchResults } from '../../bench/report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-bench-smoke-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The figures issue 14 budgets, each of which must come with a verdict. */
const BUDGETED = [
  'list.p95Ms',
  'listAsStock.p95Ms',
  'search.p95Ms',
  'approve.p95Ms',
  'reject.p95Ms',
  'claimNext.p95Ms',
  'claim.p95Ms',
  'requestInfo.p95Ms',
  'burst.maxStallMs',
  'metrics90d.p95Ms',
  'policySimulation90d.p95Ms',
  'server.rssBytesAtEnd',
  'startup.medianMs',
  'dataset.seedMs',
];

it('npm run bench -- --count 2000 --skip-browser --quick writes every figure as a finite number', async () => {
  const out = path.join(dir, 'results.json');
  const env = { ...process.env };
  // the SQLite run only, whatever the shell exports
  delete env.DATABASE_URL;
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench.ts', '--count', '2000', '--skip-browser', '--quick', '--out', out],
      { cwd: ROOT, env, timeout: 110_000, maxBuffer: 8 * 1024 * 1024 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
    );
  });
  const results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;

  expect(results.schema).toBe(2);
  expect(results.options).toMatchObject({
    count: 2000,
    quick: true,
    skipBrowser: true,
    skipStock: false,
    engines: ['sqlite'],
  });
  for (const key of [...ENGINE_FIGURES.map((k) => `sqlite.${k}`), ...STOCK_FIGURES]) {
    expect(results.figures[key], key).toBeTypeOf('number');
  }
  for (const [key, value] of Object.entries(results.figures)) {
    expect(Number.isFinite(value), `${key} = ${String(value)}`).toBe(true);
  }
  const [sqlite] = results.runs;
  expect(results.runs.map((r) => r.engine)).toEqual(['sqlite']);
  expect(sqlite.dataset.refunds).toBe(2000);
  expect(results.browser).toBeNull();
  for (const kind of LATENCY_KINDS) {
    expect(sqlite.latency[kind].ok, kind).toBeGreaterThan(0);
    expect(sqlite.latency[kind].errors, `${kind}: ${sqlite.latency[kind].messages.join(' | ')}`).toBe(0);
  }
  expect(sqlite.burst.write.errors).toBe(0);
  expect(sqlite.server.rssBytesAtEnd).toBeGreaterThan(0);
  // one start per launcher, and the bench's own API start on top
  expect(sqlite.startup.apiMs['node build/api']).toHaveLength(2);
  expect(sqlite.startup.apiMs['node --import tsx']).toHaveLength(1);
  expect(sqlite.startup.apiMs.tsx).toHaveLength(1);

  // stock json-server answered the same requests: every one exported, its list and PATCH all 2xx
  const stock = results.stock!;
  expect(stock.export.refunds).toBe(2000);
  expect(stock.list.ok).toBe(stock.list.n);
  expect(stock.patch.ok).toBe(stock.patch.n);
  expect(stock.list.n).toBe(sqlite.latency.listAsStock.n);

  expect(results.budgets.map((b) => b.figure).sort()).toEqual([...BUDGETED].sort());
  for (const budget of results.budgets) {
    expect(budget.pass, budget.figure).toBe(Number.isFinite(budget.value) && budget.value <= budget.limit);
  }
  // the comparison with stock takes its limit from stock's figures in this run
  const approve = results.budgets.find((b) => b.figure === 'approve.p95Ms')!;
  expect(approve.limit).toBe(Math.min(10, 0.02 * stock.patch.p95Ms));
  expect(results.comparison).toEqual([]);
}, 120_000);
