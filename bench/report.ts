// What a run of `npm run bench` holds (bench/results.json), the budgets of issue 14 at 100,000 and
// 1,000,000 requests, the flat list of figures, and PostgreSQL beside SQLite.
import { LATENCY_KINDS, type ApiBenchResult } from './api';
import type { BrowserResult } from './browser';
import type { MachineInfo } from './lib/machine';
import type { Launcher } from './lib/processes';
import type { StartupFigures } from './startup';
import type { StockResult } from './stock';
import type { Engine } from '../mock-api/db/engine';

export interface ServerFigures {
  /** spawn → 200 on /api/health of the process the bench ran against */
  startupMs: number;
  launcher: Launcher;
  /** maxRSS over the whole run */
  peakRssBytes: number;
  /** maxRSS and RSS right after start-up */
  peakRssAtStartupBytes: number;
  rssAfterStartupBytes: number;
  /** RSS after the whole bench (the budget's figure) */
  rssBytesAtEnd: number;
  heapUsedBytesAtEnd: number;
}

/** One engine's run: seeded, started and measured on its own. */
export interface EngineRun {
  engine: Engine;
  /** the SQLite file or the PostgreSQL address (no password) */
  target: string;
  dataset: ApiBenchResult['dataset'] & { dbBytes: number; seedMs: number };
  startup: StartupFigures;
  server: ServerFigures;
  latency: ApiBenchResult['latency'];
  burst: ApiBenchResult['burst'];
  notes: string[];
}

export interface BenchResults {
  schema: 2;
  generatedAt: string;
  options: {
    count: number;
    seed: number;
    quick: boolean;
    skipBrowser: boolean;
    skipStock: boolean;
    concurrency: number;
    browserRuns: number;
    startupRuns: number;
    engines: Engine[];
  };
  machine: MachineInfo;
  runs: EngineRun[];
  stock: StockResult | null;
  browser: BrowserResult | null;
  /** SQLite's budgets (issue 14) and the browser's */
  budgets: Budget[];
  /** PostgreSQL beside SQLite, when both ran */
  comparison: Comparison[];
  /** every headline figure, flat (`sqlite.list.p95Ms`, `stock.patch.p95Ms` …): what the smoke test checks */
  figures: Record<string, number>;
  notes: string[];
}

export type Scale = '100k' | '1M';
export type Unit = 'ms' | 'bytes' | 'ratio' | 'count';

export interface Budget {
  figure: string;
  label: string;
  value: number;
  limit: number;
  /** the limit as the issue words it, with what it came to in this run */
  limitText: string;
  unit: Unit;
  /** which table of the issue the limit is from */
  scale: Scale;
  pass: boolean;
}

/** At 1,000,000 requests the second table applies; below it, the first. */
export function scaleOf(count: number): Scale {
  return count >= 1_000_000 ? '1M' : '100k';
}

const MB = 1e6;
/** The limits only the first table (100,000) sets, and the second's (1,000,000) for the same figures. */
const BY_SCALE: Record<Scale, { listMs: number; rssBytes: number; startupMs: number }> = {
  '100k': { listMs: 10, rssBytes: 250 * MB, startupMs: 1_000 },
  '1M': { listMs: 25, rssBytes: 400 * MB, startupMs: 1_500 },
};
/** Set by the 1,000,000 table; a smaller table is held to them too. */
const SEARCH_MS = 100;
const ACTION_MS = 10;
const STALL_MS = 20;
const METRICS_MS = 300;
/** issue 18: a 90-day policy replay at 100,000 requests */
const SIMULATION_MS = 2000;
const SEED_MS = 5 * 60_000;
/** Stock json-server's figures ours must stay under (first table). */
export const STOCK_LIST_RATIO = 0.1;
export const STOCK_WRITE_RATIO = 0.02;
/** PostgreSQL has no budget yet: no figure worse than this many times SQLite's without a reason. */
export const POSTGRES_FACTOR = 3;

/** 1 kB = 1000 bytes, as Vite prints sizes. */
export const QUEUE_JS_BUDGET_BYTES = 430_000;

export const ACTION_KINDS = ['approve', 'reject', 'claimNext', 'claim', 'requestInfo'] as const;
/** The writes the issue compares with stock's PATCH. */
const STOCK_COMPARED_WRITES = new Set<string>(['approve', 'reject', 'claimNext']);

export const fmtMs = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');
export const fmtMb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / MB).toFixed(0)} MB` : '—');

function le(
  figure: string,
  label: string,
  value: number,
  limit: number,
  unit: Unit,
  scale: Scale,
  limitText: string,
): Budget {
  return {
    figure,
    label,
    value,
    limit,
    unit,
    scale,
    limitText,
    pass: Number.isFinite(value) && value <= limit,
  };
}

export function budgetsFor(
  run: EngineRun,
  count: number,
  stock: StockResult | null,
  browser: BrowserResult | null,
): Budget[] {
  const scale = scaleOf(count);
  const limits = BY_SCALE[scale];
  const { latency } = run;
  const budgets: Budget[] = [
    le(
      'list.p95Ms',
      'list page p95',
      latency.list.p95Ms,
      limits.listMs,
      'ms',
      scale,
      `≤ ${limits.listMs} ms`,
    ),
  ];
  if (stock) {
    const ratioLimit = STOCK_LIST_RATIO * stock.list.p95Ms;
    budgets.push(
      le(
        'listAsStock.p95Ms',
        "list page p95, stock's queries",
        latency.listAsStock.p95Ms,
        Math.min(limits.listMs, ratioLimit),
        'ms',
        '100k',
        `≤ ${STOCK_LIST_RATIO} × stock (${fmtMs(ratioLimit)}) and ≤ ${limits.listMs} ms`,
      ),
    );
  }
  budgets.push(
    le(
      'search.p95Ms',
      'full-text search p95',
      latency.search.p95Ms,
      SEARCH_MS,
      'ms',
      '1M',
      `≤ ${SEARCH_MS} ms`,
    ),
  );
  for (const kind of ACTION_KINDS) {
    const label = `${kind} p95`;
    if (stock && STOCK_COMPARED_WRITES.has(kind)) {
      const ratioLimit = STOCK_WRITE_RATIO * stock.patch.p95Ms;
      budgets.push(
        le(
          `${kind}.p95Ms`,
          label,
          latency[kind].p95Ms,
          Math.min(ACTION_MS, ratioLimit),
          'ms',
          '100k',
          `≤ ${STOCK_WRITE_RATIO} × stock PATCH (${fmtMs(ratioLimit)}) and ≤ ${ACTION_MS} ms`,
        ),
      );
    } else {
      budgets.push(
        le(`${kind}.p95Ms`, label, latency[kind].p95Ms, ACTION_MS, 'ms', '1M', `≤ ${ACTION_MS} ms`),
      );
    }
  }
  budgets.push(
    le(
      'burst.maxStallMs',
      `longest event-loop stall, ${run.burst.writes}-write burst`,
      run.burst.maxStallMs,
      STALL_MS,
      'ms',
      '1M',
      `≤ ${STALL_MS} ms`,
    ),
    le(
      'metrics90d.p95Ms',
      'metrics over 90 days p95',
      latency.metrics90d.p95Ms,
      METRICS_MS,
      'ms',
      '1M',
      `≤ ${METRICS_MS} ms`,
    ),
    le(
      'policySimulation90d.p95Ms',
      'policy "what if" over 90 days p95',
      latency.policySimulation90d.p95Ms,
      SIMULATION_MS,
      'ms',
      '100k',
      `≤ ${SIMULATION_MS} ms`,
    ),
    le(
      'server.rssBytesAtEnd',
      'API resident memory after the whole bench',
      run.server.rssBytesAtEnd,
      limits.rssBytes,
      'bytes',
      scale,
      `≤ ${fmtMb(limits.rssBytes)}`,
    ),
    le(
      'startup.medianMs',
      `start-up, spawn → 200 on /api/health (${run.server.launcher}, median)`,
      run.startup.median.api[run.server.launcher],
      limits.startupMs,
      'ms',
      scale,
      `≤ ${limits.startupMs} ms`,
    ),
    le(
      'dataset.seedMs',
      `seeding ${count.toLocaleString('en')} requests`,
      run.dataset.seedMs,
      SEED_MS,
      'ms',
      '1M',
      `≤ ${SEED_MS / 60_000} min`,
    ),
  );
  if (browser) {
    const bytes = browser.app.queueJsGzipBytes;
    const recharts = browser.app.queueJs.filter((f) => f.recharts).length;
    budgets.push(
      le(
        'browser.queueJsGzipBytes',
        'JS loaded by sign-in + queue (gzip)',
        bytes,
        QUEUE_JS_BUDGET_BYTES,
        'bytes',
        scale,
        `≤ ${QUEUE_JS_BUDGET_BYTES / 1000} kB`,
      ),
      le(
        'browser.rechartsFilesInQueue',
        'files with recharts loaded by the queue',
        recharts,
        0,
        'count',
        scale,
        '0',
      ),
      le(
        'browser.firstRowsRatio',
        'queue first 25 rows vs bare react-admin (median)',
        browser.firstRowsRatio,
        1.3,
        'ratio',
        scale,
        '≤ 1.3 ×',
      ),
    );
  }
  return budgets;
}

/** The figures of one engine's run, flat, by name (without the engine's prefix). */
export function engineFigures(run: EngineRun): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const kind of LATENCY_KINDS) {
    figures[`${kind}.p50Ms`] = run.latency[kind].p50Ms;
    figures[`${kind}.p95Ms`] = run.latency[kind].p95Ms;
    figures[`${kind}.maxMs`] = run.latency[kind].maxMs;
  }
  figures['burst.maxStallMs'] = run.burst.maxStallMs;
  figures['burst.p99StallMs'] = run.burst.p99StallMs;
  figures['burst.writeP95Ms'] = run.burst.write.p95Ms;
  figures['burst.readP95Ms'] = run.burst.read.p95Ms;
  figures['server.rssBytesAtEnd'] = run.server.rssBytesAtEnd;
  figures['server.peakRssBytes'] = run.server.peakRssBytes;
  figures['startup.medianMs'] = run.startup.median.api[run.server.launcher];
  figures['startup.tsxCliMedianMs'] = run.startup.median.api.tsx;
  figures['startup.nodeImportTsxMedianMs'] = run.startup.median.api['node --import tsx'];
  figures['startup.emptyModuleTsxCliMedianMs'] = run.startup.median.emptyModule.tsx;
  figures['startup.emptyModuleNodeImportTsxMedianMs'] = run.startup.median.emptyModule['node --import tsx'];
  figures['startup.bareNodeMedianMs'] = run.startup.median.bareNode;
  figures['dataset.seedMs'] = run.dataset.seedMs;
  figures['dataset.dbBytes'] = run.dataset.dbBytes;
  return figures;
}

/** The figures every engine's run has (the smoke test checks them, with the engine's prefix). */
export const ENGINE_FIGURES = [
  ...LATENCY_KINDS.flatMap((k) => [`${k}.p50Ms`, `${k}.p95Ms`, `${k}.maxMs`]),
  'burst.maxStallMs',
  'burst.p99StallMs',
  'burst.writeP95Ms',
  'burst.readP95Ms',
  'server.rssBytesAtEnd',
  'server.peakRssBytes',
  'startup.medianMs',
  'startup.tsxCliMedianMs',
  'startup.nodeImportTsxMedianMs',
  'startup.emptyModuleTsxCliMedianMs',
  'startup.emptyModuleNodeImportTsxMedianMs',
  'startup.bareNodeMedianMs',
  'dataset.seedMs',
  'dataset.dbBytes',
];

export const STOCK_FIGURES = [
  'stock.list.p50Ms',
  'stock.list.p95Ms',
  'stock.patch.p50Ms',
  'stock.patch.p95Ms',
  'stock.startupMs',
  'stock.dbJsonBytes',
];

export function figuresFor(
  runs: readonly EngineRun[],
  stock: StockResult | null,
  browser: BrowserResult | null,
): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const run of runs) {
    for (const [key, value] of Object.entries(engineFigures(run))) figures[`${run.engine}.${key}`] = value;
  }
  if (stock) {
    figures['stock.list.p50Ms'] = stock.list.p50Ms;
    figures['stock.list.p95Ms'] = stock.list.p95Ms;
    figures['stock.patch.p50Ms'] = stock.patch.p50Ms;
    figures['stock.patch.p95Ms'] = stock.patch.p95Ms;
    figures['stock.startupMs'] = stock.startupMs;
    figures['stock.dbJsonBytes'] = stock.export.bytes;
  }
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

export interface Comparison {
  figure: string;
  sqlite: number;
  postgres: number;
  /** postgres / sqlite */
  ratio: number;
  /** worse than POSTGRES_FACTOR × SQLite's: needs a reason in the README */
  over: boolean;
}

/** The figures the side-by-side table compares (lower is better for each). */
export const COMPARED_FIGURES = [
  'list.p95Ms',
  'listAsStock.p95Ms',
  'search.p95Ms',
  'byId.p95Ms',
  ...ACTION_KINDS.map((k) => `${k}.p95Ms`),
  'metrics90d.p95Ms',
  'policySimulation90d.p95Ms',
  'burst.maxStallMs',
  'server.rssBytesAtEnd',
  'startup.medianMs',
  'startup.bareNodeMedianMs',
  'startup.nodeImportTsxMedianMs',
  'startup.emptyModuleNodeImportTsxMedianMs',
  'startup.tsxCliMedianMs',
  'dataset.seedMs',
];

export function compareEngines(runs: readonly EngineRun[]): Comparison[] {
  const sqlite = runs.find((r) => r.engine === 'sqlite');
  const postgres = runs.find((r) => r.engine === 'postgres');
  if (!sqlite || !postgres) return [];
  const a = engineFigures(sqlite);
  const b = engineFigures(postgres);
  return COMPARED_FIGURES.map((figure) => {
    const ratio = b[figure] / a[figure];
    return {
      figure,
      sqlite: a[figure],
      postgres: b[figure],
      ratio: Math.round(ratio * 100) / 100,
      over: ratio > POSTGRES_FACTOR,
    };
  });
}
