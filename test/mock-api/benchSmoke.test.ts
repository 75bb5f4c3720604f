// The benchmark (npm run bench) stays out of `npm test`; this runs a tiny version of it as a child
// process (2,000 requests, few iterations, no browser) and checks that every figure came out.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { LATENCY_KINDS } from '../../bench/api';
import { SERVER_FIGURES, type BenchResults } from '../../bench/report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-bench-smoke-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('npm run bench -- --count 2000 --skip-browser --quick writes every figure as a finite number', async () => {
  const out = path.join(dir, 'results.json');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench.ts', '--count', '2000', '--skip-browser', '--quick', '--out', out],
      { cwd: ROOT, timeout: 80_000, maxBuffer: 8 * 1024 * 1024 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
    );
  });
  const results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;

  for (const key of SERVER_FIGURES) expect(results.figures[key], key).toBeTypeOf('number');
  for (const [key, value] of Object.entries(results.figures)) {
    expect(Number.isFinite(value), `${key} = ${String(value)}`).toBe(true);
  }
  expect(results.options).toMatchObject({ count: 2000, quick: true, skipBrowser: true });
  expect(results.dataset.refunds).toBe(2000);
  expect(results.browser).toBeNull();
  for (const kind of LATENCY_KINDS) {
    expect(results.latency[kind].ok, kind).toBeGreaterThan(0);
    expect(results.latency[kind].errors, `${kind}: ${results.latency[kind].messages.join(' | ')}`).toBe(0);
  }
  expect(results.burst.write.errors).toBe(0);
  expect(results.server.peakRssBytes).toBeGreaterThan(0);
  expect(results.budgets.length).toBeGreaterThan(0);
  for (const budget of results.budgets) expect(typeof budget.pass).toBe('boolean');
}, 90_000);
