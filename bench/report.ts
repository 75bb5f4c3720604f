// Budgets, the flat list of figures, and the printed tables of `npm run bench`.
import { LATENCY_KINDS, LATENCY_LABELS, type ApiBenchResult, type LatencyKind } from './api';
import type { BrowserResult } from './browser';
import type { LatencySummary } from './lib/measure';
import type { MachineInfo } from './lib/machine';

export interface ServerFigures {
  startupMs: number;
  /** maxRSS over the whole run */
  peakRssBytes: number;
  /** maxRSS and RSS right after start-up (loading the database) */
  peakRssAtStartupBytes: number;
  rssAfterStartupBytes: number;
  rssBytesAtEnd: number;
  heapUsedBytesAtEnd: number;
}

export interface BenchResults {
  schema: 1;
  generatedAt: string;
  options: {
    count: number;
    seed: number;
    quick: boolean;
    skipBrowser: boolean;
    concurrency: number;
    browserRuns: number;
  };
  machine: MachineInfo;
  dataset: ApiBenchResult['dataset'] & { dbBytes: number; seedMs: number };
  server: ServerFigures;
  latency: ApiBenchResult['latency'];
  burst: ApiBenchResult['burst'];
  browser: BrowserResult | null;
  /** every headline figure, flat: what the smoke test checks and the README quotes */
  figures: Record<string, number>;
  budgets: Budget[];
  notes: string[];
}

export interface Budget {
  figure: string;
  label: string;
  value: number;
  limit: number;
  unit: 'ms' | 'bytes' | 'ratio' | 'count';
  pass: boolean;
}

/** 1 kB = 1000 bytes, as Vite prints sizes. */
export const QUEUE_JS_BUDGET_BYTES = 430_000;

export function budgetsFor(
  latency: Record<LatencyKind, LatencySummary>,
  burst: ApiBenchResult['burst'],
  browser: BrowserResult | null,
): Budget[] {
  const le = (figure: string, label: string, value: number, limit: number, unit: Budget['unit']) => ({
    figure,
    label,
    value,
    limit,
    unit,
    pass: Number.isFinite(value) && value <= limit,
  });
  const budgets: Budget[] = [
    le('list.p95Ms', 'list page p95', latency.list.p95Ms, 50, 'ms'),
    le('search.p95Ms', 'full-text search p95', latency.search.p95Ms, 100, 'ms'),
  ];
  for (const kind of ['claimNext', 'claim', 'approve', 'reject', 'requestInfo'] as const) {
    budgets.push(le(`${kind}.p95Ms`, `${LATENCY_LABELS[kind]} p95`, latency[kind].p95Ms, 50, 'ms'));
  }
  budgets.push(
    le('burst.maxStallMs', 'longest event-loop stall in the write burst', burst.maxStallMs, 50, 'ms'),
    le('metrics90d.p95Ms', 'metrics over 90 days p95', latency.metrics90d.p95Ms, 300, 'ms'),
  );
  if (browser) {
    budgets.push(
      le(
        'browser.queueJsGzipBytes',
        'JS loaded by sign-in + queue (gzip)',
        browser.app.queueJsGzipBytes,
        QUEUE_JS_BUDGET_BYTES,
        'bytes',
      ),
      le(
        'browser.rechartsFilesInQueue',
        'files with recharts loaded by the queue',
        browser.app.queueJs.filter((f) => f.recharts).length,
        0,
        'count',
      ),
      le(
        'browser.firstRowsRatio',
        'queue first 25 rows vs bare react-admin (median)',
        browser.firstRowsRatio,
        1.3,
        'ratio',
      ),
    );
  }
  return budgets;
}

export function figuresFor(
  latency: Record<LatencyKind, LatencySummary>,
  burst: ApiBenchResult['burst'],
  server: ServerFigures,
  browser: BrowserResult | null,
): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const kind of LATENCY_KINDS) {
    figures[`${kind}.p50Ms`] = latency[kind].p50Ms;
    figures[`${kind}.p95Ms`] = latency[kind].p95Ms;
    figures[`${kind}.maxMs`] = latency[kind].maxMs;
  }
  figures['burst.maxStallMs'] = burst.maxStallMs;
  figures['burst.p99StallMs'] = burst.p99StallMs;
  figures['burst.writeP95Ms'] = burst.write.p95Ms;
  figures['burst.readP95Ms'] = burst.read.p95Ms;
  figures['server.startupMs'] = server.startupMs;
  figures['server.peakRssBytes'] = server.peakRssBytes;
  if (browser) {
    figures['browser.loginJsGzipBytes'] = browser.app.loginJsGzipBytes;
    figures['browser.queueJsGzipBytes'] = browser.app.queueJsGzipBytes;
    figures['browser.rechartsFilesInQueue'] = browser.app.queueJs.filter((f) => f.recharts).length;
    figures['browser.dashboardChunkGzipBytes'] = browser.app.dashboardChunkGzipBytes;
    figures['browser.firstRowsMedianMs'] = browser.app.firstRowsMedianMs;
    figures['browser.bareJsGzipBytes'] = browser.bare.jsGzipBytes;
    figures['browser.bareFirstRowsMedianMs'] = browser.bare.firstRowsMedianMs;
    figures['browser.firstRowsRatio'] = browser.firstRowsRatio;
  }
  return figures;
}

/** The figures every run has (the smoke test checks them). */
export const SERVER_FIGURES = [
  ...LATENCY_KINDS.flatMap((k) => [`${k}.p50Ms`, `${k}.p95Ms`, `${k}.maxMs`]),
  'burst.maxStallMs',
  'burst.p99StallMs',
  'burst.writeP95Ms',
  'burst.readP95Ms',
  'server.startupMs',
  'server.peakRssBytes',
];

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const kbKiB = (bytes: number) => `${kb(bytes)} (${(bytes / 1024).toFixed(1)} KiB)`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function formatReport(results: BenchResults): string {
  const { machine, dataset, latency, burst, browser, server } = results;
  const out: string[] = [];
  out.push(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${(machine.ramBytes / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `Node ${machine.node}, ${machine.platform}; load average at start ${machine.loadAverage.join(' / ')}`,
  );
  out.push(
    `Data: ${dataset.refunds.toLocaleString('en')} requests, ${dataset.complaints.toLocaleString('en')} complaints, ` +
      `${dataset.events.toLocaleString('en')} events; database ${mb(dataset.dbBytes)}, seeded in ${(dataset.seedMs / 1000).toFixed(1)} s` +
      (results.options.quick ? ' — QUICK run (few iterations)' : ''),
  );
  out.push('');
  const budgetOf = new Map(results.budgets.map((b) => [b.figure, b]));
  const verdict = (figure: string) => {
    const b = budgetOf.get(figure);
    return b ? [`≤ ${b.limit} ms`, b.pass ? 'PASS' : 'FAIL'] : ['—', ''];
  };
  const rows: string[][] = [
    ['Request (HTTP, keep-alive)', 'p50 ms', 'p95 ms', 'max ms', 'n', '2xx/4xx/err', 'budget p95', 'result'],
  ];
  for (const kind of LATENCY_KINDS) {
    const s = latency[kind];
    rows.push([
      LATENCY_LABELS[kind],
      ms(s.p50Ms),
      ms(s.p95Ms),
      ms(s.maxMs),
      String(s.n),
      `${s.ok}/${s.expected4xx}/${s.errors}`,
      ...verdict(`${kind}.p95Ms`),
    ]);
  }
  out.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'l']));
  out.push(
    `(concurrency ${latency.list.concurrency}; percentiles over 2xx answers; 4xx = expected refusals 409/422)`,
  );
  out.push('');
  for (const kind of ['list', 'search'] as const) {
    const groups = latency[kind].byGroup;
    if (!groups) continue;
    const detail: string[][] = [[`${LATENCY_LABELS[kind]}, by kind`, 'p50 ms', 'p95 ms', 'max ms', 'n']];
    for (const [name, g] of Object.entries(groups)) {
      detail.push([`  ${name}`, ms(g.p50Ms), ms(g.p95Ms), ms(g.maxMs), String(g.n)]);
    }
    out.push(table(detail, ['l', 'r', 'r', 'r', 'r']));
    out.push('');
  }

  const other: string[][] = [['Figure', 'value', 'budget', 'result']];
  const stall = budgetOf.get('burst.maxStallMs');
  other.push([
    `longest event-loop stall, ${burst.writes} writes + ${burst.reads} list reads`,
    `${ms(burst.maxStallMs)} ms`,
    '≤ 50 ms',
    stall?.pass ? 'PASS' : 'FAIL',
  ]);
  other.push([
    '  (event-loop delay p99 / mean in the burst)',
    `${ms(burst.p99StallMs)} / ${burst.meanStallMs.toFixed(2)} ms`,
    '—',
    '',
  ]);
  other.push([
    '  (burst writes p50 / p95 / max, 2xx/4xx/err)',
    `${ms(burst.write.p50Ms)} / ${ms(burst.write.p95Ms)} / ${ms(burst.write.maxMs)} ms, ${burst.write.ok}/${burst.write.expected4xx}/${burst.write.errors}`,
    '—',
    '',
  ]);
  other.push([
    '  (burst reads p50 / p95 / max)',
    `${ms(burst.read.p50Ms)} / ${ms(burst.read.p95Ms)} / ${ms(burst.read.maxMs)} ms`,
    '—',
    '',
  ]);
  other.push(['mock API peak memory (maxRSS)', mb(server.peakRssBytes), '—', '']);
  other.push([
    '  (maxRSS / RSS right after start-up)',
    `${mb(server.peakRssAtStartupBytes)} / ${mb(server.rssAfterStartupBytes)}`,
    '—',
    '',
  ]);
  other.push([
    '  (RSS / heap used at the end)',
    `${mb(server.rssBytesAtEnd)} / ${mb(server.heapUsedBytesAtEnd)}`,
    '—',
    '',
  ]);
  other.push(['mock API startup (spawn → 200 on /api/health)', `${ms(server.startupMs)} ms`, '—', '']);
  if (browser) {
    const b = (figure: string) => (budgetOf.get(figure)?.pass ? 'PASS' : 'FAIL');
    other.push([
      `JS loaded by /#/login (${browser.app.loginJs.length} files, gzip)`,
      kb(browser.app.loginJsGzipBytes),
      '—',
      '',
    ]);
    other.push([
      `JS loaded by /#/login + /#/refunds (${browser.app.queueJs.length} files, gzip)`,
      kbKiB(browser.app.queueJsGzipBytes),
      `≤ ${kb(QUEUE_JS_BUDGET_BYTES)}`,
      b('browser.queueJsGzipBytes'),
    ]);
    other.push([
      'recharts in the JS the queue loads',
      browser.app.rechartsInQueue ? 'yes' : 'no',
      'no',
      b('browser.rechartsFilesInQueue'),
    ]);
    other.push([
      `dashboard chunk(s) with recharts (${browser.app.dashboardChunks.length} files, gzip)`,
      browser.app.dashboardChunks.length ? kb(browser.app.dashboardChunkGzipBytes) : 'not built',
      '—',
      '',
    ]);
    other.push([
      'bare react-admin app JS (gzip)',
      `${kb(browser.bare.jsGzipBytes)} (${browser.bare.js.length} files)`,
      '—',
      '',
    ]);
    other.push([
      `queue: first 25 rows, cold (median of ${browser.runs})`,
      `${ms(browser.app.firstRowsMedianMs)} ms`,
      `≤ 1.3 × bare = ${ms(1.3 * browser.bare.firstRowsMedianMs)} ms`,
      b('browser.firstRowsRatio'),
    ]);
    other.push([
      `bare react-admin: first 25 rows, cold (median of ${browser.runs})`,
      `${ms(browser.bare.firstRowsMedianMs)} ms`,
      '—',
      '',
    ]);
    other.push(['  (ratio queue / bare)', `${browser.firstRowsRatio.toFixed(3)}`, '≤ 1.300', '']);
    other.push([
      '  (runs: queue | bare, ms)',
      `${browser.app.firstRowsMs.join(', ')} | ${browser.bare.firstRowsMs.join(', ')}`,
      '—',
      '',
    ]);
  } else {
    other.push(['browser figures', 'skipped (--skip-browser)', '—', '']);
  }
  out.push(table(other, ['l', 'r', 'l', 'l']));
  const failed = results.budgets.filter((b) => !b.pass);
  out.push('');
  out.push(
    `Budgets: ${results.budgets.length - failed.length} of ${results.budgets.length} pass` +
      (failed.length ? `; FAIL: ${failed.map((b) => b.label).join('; ')}` : ''),
  );
  for (const s of LATENCY_KINDS) {
    const messages = latency[s].messages;
    if (messages.length) out.push(`  ${LATENCY_LABELS[s]}: ${messages.join(' | ')}`);
  }
  if (burst.write.messages.length) out.push(`  burst writes: ${burst.write.messages.join(' | ')}`);
  for (const note of results.notes) out.push(`Note: ${note}`);
  return out.join('\n');
}
