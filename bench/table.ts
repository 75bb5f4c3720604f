// The printed report of `npm run bench`: the headline figures with SQLite's budgets and PostgreSQL
// beside them, stock json-server's baseline, then each engine's details and the browser's.
import { LATENCY_KINDS, LATENCY_LABELS } from './api';
import { BUILT_API_ENTRY, LAUNCHERS, type Launcher } from './lib/processes';
import {
  COMPARED_FIGURES,
  POSTGRES_FACTOR,
  QUEUE_JS_BUDGET_BYTES,
  STOCK_LIST_RATIO,
  STOCK_WRITE_RATIO,
  engineFigures,
  fmtMb,
  fmtMs,
  type BenchResults,
  type Budget,
  type EngineRun,
} from './report';

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const kbKiB = (bytes: number) => `${kb(bytes)} (${(bytes / 1024).toFixed(1)} KiB)`;
const ENGINE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

const FIGURE_LABELS: Record<string, string> = {
  'list.p95Ms': 'list page (filter + sort + range) p95',
  'listAsStock.p95Ms': "list page p95, stock json-server's queries",
  'search.p95Ms': 'full-text search p95',
  'byId.p95Ms': 'one request by id p95',
  'approve.p95Ms': 'approve p95',
  'reject.p95Ms': 'reject p95',
  'claimNext.p95Ms': 'claim next p95',
  'claim.p95Ms': 'claim by id p95',
  'requestInfo.p95Ms': 'request information p95',
  'metrics90d.p95Ms': 'metrics over 90 days p95',
  'policySimulation90d.p95Ms': 'policy "what if" over 90 days p95',
  'burst.maxStallMs': 'longest event-loop stall in the write burst',
  'server.rssBytesAtEnd': 'API resident memory after the whole bench',
  'startup.medianMs': 'start-up, spawn → 200 on /api/health (median)',
  'startup.bareNodeMedianMs': '  of which Node before any code of ours (`node -e 0`)',
  'startup.nodeImportTsxMedianMs': '  from source: `node --import tsx mock-api/server.ts`',
  'startup.emptyModuleNodeImportTsxMedianMs': '    of which Node + tsx before any code of ours',
  'startup.tsxCliMedianMs': '  from source: `tsx mock-api/server.ts`',
  'dataset.seedMs': 'seeding (npm run seed)',
};

/** How a launcher starts the API, as a command line. */
function commandLine(launcher: Launcher): string {
  if (launcher === 'node build/api') return `node ${BUILT_API_ENTRY}`;
  return launcher === 'tsx' ? 'tsx mock-api/server.ts' : 'node --import tsx mock-api/server.ts';
}

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function valueText(figure: string, value: number): string {
  if (figure.includes('Bytes')) return fmtMb(value);
  if (figure === 'dataset.seedMs') return Number.isFinite(value) ? `${(value / 1000).toFixed(1)} s` : '—';
  return fmtMs(value);
}

function headline(results: BenchResults): string {
  const sqlite = results.runs.find((r) => r.engine === 'sqlite');
  const postgres = results.runs.find((r) => r.engine === 'postgres');
  const budgets = new Map(results.budgets.map((b) => [b.figure, b]));
  const compared = new Map(results.comparison.map((c) => [c.figure, c]));
  const head = ['Figure', 'SQLite', 'budget', 'result'];
  if (postgres) head.push('PostgreSQL', `PG ÷ SQLite (≤ ${POSTGRES_FACTOR} ×)`);
  const rows = [head];
  const a = sqlite ? engineFigures(sqlite) : {};
  const b = postgres ? engineFigures(postgres) : {};
  for (const figure of COMPARED_FIGURES) {
    const budget = budgets.get(figure);
    const row = [
      FIGURE_LABELS[figure] ?? figure,
      sqlite ? valueText(figure, a[figure]) : '—',
      budget
        ? budget.limitText + (budget.scale === '1M' && results.options.count < 1e6 ? ' (1M table)' : '')
        : '—',
      budget ? (budget.pass ? 'PASS' : 'FAIL') : '',
    ];
    if (postgres) {
      const c = compared.get(figure);
      row.push(valueText(figure, b[figure]), c ? `${c.ratio.toFixed(2)}${c.over ? '  OVER' : ''}` : '—');
    }
    rows.push(row);
  }
  return table(rows, ['l', 'r', 'l', 'l', 'r', 'l']);
}

function stockTable(results: BenchResults): string {
  const stock = results.stock;
  if (!stock) return 'stock json-server: not measured (--skip-stock, or over 200,000 requests)';
  const sqlite = results.runs.find((r) => r.engine === 'sqlite');
  const rows = [
    ['stock json-server 0.17 (--watch db.json)', 'p50', 'p95', 'max', 'n', '2xx/4xx/err', 'ours ÷ stock'],
  ];
  const ratio = (ours: number | undefined, theirs: number) =>
    ours === undefined ? '—' : (ours / theirs).toFixed(4);
  rows.push([
    "list page, stock's queries (_sort/_order/_start/_end + fields)",
    fmtMs(stock.list.p50Ms),
    fmtMs(stock.list.p95Ms),
    fmtMs(stock.list.maxMs),
    String(stock.list.n),
    `${stock.list.ok}/${stock.list.expected4xx}/${stock.list.errors}`,
    `${ratio(sqlite?.latency.listAsStock.p95Ms, stock.list.p95Ms)} (≤ ${STOCK_LIST_RATIO})`,
  ]);
  rows.push([
    'PATCH /refunds/:id (what a claim changes)',
    fmtMs(stock.patch.p50Ms),
    fmtMs(stock.patch.p95Ms),
    fmtMs(stock.patch.maxMs),
    String(stock.patch.n),
    `${stock.patch.ok}/${stock.patch.expected4xx}/${stock.patch.errors}`,
    sqlite
      ? `${['approve', 'reject', 'claimNext'].map((k) => ratio(sqlite.latency[k as 'approve'].p95Ms, stock.patch.p95Ms)).join(' / ')} (≤ ${STOCK_WRITE_RATIO}; approve / reject / claim next)`
      : '—',
  ]);
  const out = [table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'l'])];
  out.push(
    `  db.json ${fmtMb(stock.export.bytes)} (${stock.export.refunds.toLocaleString('en')} requests, exported in ` +
      `${(stock.export.ms / 1000).toFixed(1)} s); start-up ${fmtMs(stock.startupMs)}; resident memory ${fmtMb(stock.rssBytes)}`,
  );
  return out.join('\n');
}

function engineDetails(run: EngineRun, count: number): string {
  const name = ENGINE_NAMES[run.engine];
  const out: string[] = [`${name} (${run.target})`];
  out.push(
    `  ${run.dataset.refunds.toLocaleString('en')} requests, ${run.dataset.complaints.toLocaleString('en')} complaints, ` +
      `${run.dataset.events.toLocaleString('en')} events; database ${fmtMb(run.dataset.dbBytes)}; ` +
      `seeding ${count.toLocaleString('en')} took ${(run.dataset.seedMs / 1000).toFixed(1)} s`,
  );
  const rows = [['Request (HTTP, keep-alive)', 'p50 ms', 'p95 ms', 'max ms', 'n', '2xx/4xx/err']];
  for (const kind of LATENCY_KINDS) {
    const s = run.latency[kind];
    const f = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
    rows.push([
      LATENCY_LABELS[kind],
      f(s.p50Ms),
      f(s.p95Ms),
      f(s.maxMs),
      String(s.n),
      `${s.ok}/${s.expected4xx}/${s.errors}`,
    ]);
  }
  out.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'r']));
  out.push(
    `(concurrency ${run.latency.list.concurrency}; percentiles over 2xx answers; 4xx = expected refusals 409/422)`,
  );
  for (const kind of ['list', 'listAsStock', 'search'] as const) {
    const groups = run.latency[kind].byGroup;
    if (!groups) continue;
    const detail = [[`  ${LATENCY_LABELS[kind]}, by kind`, 'p50 ms', 'p95 ms', 'max ms', 'n']];
    for (const [label, g] of Object.entries(groups)) {
      detail.push([`    ${label}`, g.p50Ms.toFixed(1), g.p95Ms.toFixed(1), g.maxMs.toFixed(1), String(g.n)]);
    }
    out.push(table(detail, ['l', 'r', 'r', 'r', 'r']));
  }
  const { burst, server, startup } = run;
  out.push(
    `  burst: ${burst.writes} writes (${burst.writeConcurrency} clients) + ${burst.reads} list reads (${burst.readConcurrency} clients) ` +
      `in ${Math.round(burst.durationMs)} ms; event-loop delay max ${fmtMs(burst.maxStallMs)}, p99 ${fmtMs(burst.p99StallMs)}, ` +
      `mean ${burst.meanStallMs.toFixed(2)} ms; writes p50/p95/max ${burst.write.p50Ms}/${burst.write.p95Ms}/${burst.write.maxMs} ms ` +
      `(${burst.write.ok}/${burst.write.expected4xx}/${burst.write.errors}); reads p95 ${fmtMs(burst.read.p95Ms)}`,
  );
  out.push(
    `  memory: RSS after start-up ${fmtMb(server.rssAfterStartupBytes)}, at the end ${fmtMb(server.rssBytesAtEnd)} ` +
      `(heap used ${fmtMb(server.heapUsedBytesAtEnd)}), peak ${fmtMb(server.peakRssBytes)}`,
  );
  const runs = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
  for (const launcher of LAUNCHERS) {
    out.push(
      `  start-up with \`${commandLine(launcher)}\`: ` +
        `median ${fmtMs(startup.median.api[launcher])} (runs ${runs(startup.apiMs[launcher])} ms); ` +
        `an empty module under it ${fmtMs(startup.median.emptyModule[launcher])}`,
    );
  }
  out.push(
    `  (\`node -e 0\` ${fmtMs(startup.median.bareNode)}; fastest: ${startup.fastest}; the bench's API ran with ${server.launcher})`,
  );
  return out.join('\n');
}

function browserTable(results: BenchResults, budgets: Map<string, Budget>): string {
  const browser = results.browser;
  if (!browser) return 'browser figures: skipped (--skip-browser)';
  const verdict = (figure: string) => (budgets.get(figure)?.pass ? 'PASS' : 'FAIL');
  const rows = [['Browser (headless Chromium, against the SQLite API)', 'value', 'budget', 'result']];
  rows.push([
    `JS loaded by /#/login (${browser.app.loginJs.length} files, gzip)`,
    kb(browser.app.loginJsGzipBytes),
    '—',
    '',
  ]);
  rows.push([
    `JS loaded by /#/login + /#/refunds (${browser.app.queueJs.length} files, gzip)`,
    kbKiB(browser.app.queueJsGzipBytes),
    `≤ ${kb(QUEUE_JS_BUDGET_BYTES)}`,
    verdict('browser.queueJsGzipBytes'),
  ]);
  rows.push([
    'recharts in the JS the queue loads',
    browser.app.rechartsInQueue ? 'yes' : 'no',
    'no',
    verdict('browser.rechartsFilesInQueue'),
  ]);
  rows.push([
    `dashboard chunk(s) with recharts (${browser.app.dashboardChunks.length} files, gzip)`,
    browser.app.dashboardChunks.length ? kb(browser.app.dashboardChunkGzipBytes) : 'not built',
    '—',
    '',
  ]);
  rows.push([
    'bare react-admin app JS (gzip)',
    `${kb(browser.bare.jsGzipBytes)} (${browser.bare.js.length} files)`,
    '—',
    '',
  ]);
  rows.push([
    `queue: first 25 rows, cold (median of ${browser.runs})`,
    fmtMs(browser.app.firstRowsMedianMs),
    `≤ 1.3 × bare = ${fmtMs(1.3 * browser.bare.firstRowsMedianMs)}`,
    verdict('browser.firstRowsRatio'),
  ]);
  rows.push([
    `bare react-admin: first 25 rows, cold (median of ${browser.runs})`,
    fmtMs(browser.bare.firstRowsMedianMs),
    '—',
    '',
  ]);
  rows.push(['  (ratio queue / bare)', browser.firstRowsRatio.toFixed(3), '≤ 1.300', '']);
  rows.push([
    '  (runs: queue | bare, ms)',
    `${browser.app.firstRowsMs.join(', ')} | ${browser.bare.firstRowsMs.join(', ')}`,
    '—',
    '',
  ]);
  return table(rows, ['l', 'r', 'l', 'l']);
}

export function formatReport(results: BenchResults): string {
  const { machine } = results;
  const out: string[] = [];
  out.push(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${(machine.ramBytes / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `Node ${machine.node}, ${machine.platform}; load average at start ${machine.loadAverage.join(' / ')}`,
  );
  out.push(
    `${results.options.count.toLocaleString('en')} requests (seed ${results.options.seed}); engines ${results.options.engines.join(', ')}` +
      (results.options.quick ? ' — QUICK run (few iterations)' : ''),
  );
  out.push('');
  out.push(headline(results));
  out.push('');
  out.push(stockTable(results));
  for (const run of results.runs) {
    out.push('');
    out.push(engineDetails(run, results.options.count));
  }
  out.push('');
  const budgets = new Map(results.budgets.map((b) => [b.figure, b]));
  out.push(browserTable(results, budgets));
  const failed = results.budgets.filter((b) => !b.pass);
  out.push('');
  out.push(
    `SQLite budgets: ${results.budgets.length - failed.length} of ${results.budgets.length} pass` +
      (failed.length ? `; FAIL: ${failed.map((b) => b.label).join('; ')}` : ''),
  );
  const over = results.comparison.filter((c) => c.over);
  if (results.comparison.length > 0) {
    out.push(
      over.length
        ? `PostgreSQL over ${POSTGRES_FACTOR} × SQLite (needs a reason in the README): ${over.map((c) => FIGURE_LABELS[c.figure] ?? c.figure).join('; ')}`
        : `PostgreSQL: no figure over ${POSTGRES_FACTOR} × SQLite's`,
    );
  }
  for (const run of results.runs) {
    for (const kind of LATENCY_KINDS) {
      const messages = run.latency[kind].messages;
      if (messages.length)
        out.push(`  ${ENGINE_NAMES[run.engine]} ${LATENCY_LABELS[kind]}: ${messages.join(' | ')}`);
    }
    if (run.burst.write.messages.length) {
      out.push(`  ${ENGINE_NAMES[run.engine]} burst writes: ${run.burst.write.messages.join(' | ')}`);
    }
  }
  for (const note of results.notes) out.push(`Note: ${note}`);
  return out.join('\n');
}
