// The baseline: stock json-server 0.17 (`json-server --watch db.json`, no middleware of ours) over
// the same seeded requests, asked the same list pages in its own dialect (mix.ts toStockQuery) and
// written with a PATCH on a request (its only kind of write).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { fromRow } from '../mock-api/db/codecs';
import { connect, type DatabaseTarget } from '../mock-api/db/connect';
import type { RefundRequest } from '../src/domain/model';
import { BenchClient, type HttpReply } from './lib/http';
import { measure, round, type LatencySummary } from './lib/measure';
import { freePort, ROOT, superviseChild } from './lib/processes';
import { listMix, toStockQuery } from './mix';

export interface StockExport {
  refunds: number;
  bytes: number;
  ms: number;
}

/** Rows read per query: a page of the export, so memory holds one page of rows at a time. */
const EXPORT_PAGE = 5_000;

/**
 * Writes the target's refund requests to `file` as stock json-server's database, `{"refunds": […]}`:
 * each record as the API serves it (codecs fromRow), in the order they were stored. Only the
 * refunds: the list and the PATCH stock is asked about read nothing else, and every other
 * collection would only make its writes (which rewrite the whole file) slower.
 */
export async function exportRefundsForStock(target: DatabaseTarget, file: string): Promise<StockExport> {
  const started = performance.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let refunds = 0;
  await write('{"refunds":[');
  const emit = async (records: readonly unknown[]) => {
    for (const record of records) {
      await write((refunds++ === 0 ? '\n' : ',\n') + JSON.stringify(record));
    }
  };
  const handle = connect(target);
  try {
    let after = 0;
    for (;;) {
      const rows = await handle.db
        .selectFrom('refunds')
        .selectAll()
        .where('rowKey', '>', after)
        .orderBy('rowKey')
        .limit(EXPORT_PAGE)
        .execute();
      if (rows.length === 0) break;
      await emit(rows.map((row) => fromRow('refunds', row as Record<string, unknown>)));
      after = rows[rows.length - 1].rowKey;
    }
  } finally {
    await handle.close();
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return { refunds, bytes: fs.statSync(file).size, ms: performance.now() - started };
}

export interface StockProcess {
  url: string;
  pid: number;
  /** spawn → first 200 on a one-row list page */
  startupMs: number;
  stop(): Promise<void>;
}

/** `json-server --watch <file>` on a free port of 127.0.0.1, quiet (no line printed per request). */
export async function startStockJsonServer(file: string): Promise<StockProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bin = path.join(ROOT, 'node_modules', '.bin', 'json-server');
  const started = performance.now();
  // the same Node as ours (the bin's shebang would take the first `node` on the PATH)
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, '--watch', file, '--port', String(port), '--host', '127.0.0.1', '--quiet'],
    { cwd: path.dirname(file), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const watched = superviseChild(child, 10_000);
  const { stop } = watched;
  const probe = new BenchClient(url, 1);
  try {
    for (;;) {
      if (watched.exited() !== undefined)
        throw new Error(
          `stock json-server exited (${watched.exited()}) while starting:\n${watched.stderr()}`,
        );
      const reply = await probe
        .request('GET', '/refunds?_start=0&_end=1', { timeoutMs: 120_000 })
        .catch(() => null);
      if (reply?.status === 200) break;
      if (performance.now() - started > 300_000) {
        await stop();
        throw new Error(`stock json-server did not answer within 300 s:\n${watched.stderr()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    probe.close();
  }
  if (child.pid === undefined) throw new Error('stock json-server has no pid.');
  return { url, pid: child.pid, startupMs: performance.now() - started, stop };
}

export interface StockResult {
  export: StockExport;
  startupMs: number;
  /** the same list pages as `listAsStock` of ours, in stock's dialect */
  list: LatencySummary;
  /** PATCH /refunds/:id with what a claim changes */
  patch: LatencySummary;
  /** resident memory of the json-server process at the end */
  rssBytes: number;
  notes: string[];
}

export interface StockPlan {
  listN: number;
  patchN: number;
  warmReads: number;
  warmPatches: number;
  /** the clock of our list mix, so both are asked the same dates */
  nowMs: number;
  /** the ids of the staff who send each list (the assignee shape), as for ours */
  callerId: (index: number) => string;
  log: (line: string) => void;
}

function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Waits until `file` is replaced after `beforeMs` (its mtime then), or 60 s. */
export async function fileWritten(file: string, beforeMs: number): Promise<boolean> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    try {
      if (fs.statSync(file).mtimeMs !== beforeMs) return true;
    } catch {
      // between the temporary file's rename and our look: try again
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

/**
 * Waits until the server is idle again: two reads in a row answered within 50 ms (each change
 * event --watch sees makes it parse and compare the whole file), or 60 s.
 */
async function settle(client: BenchClient, path: string): Promise<void> {
  const deadline = performance.now() + 60_000;
  let quick = 0;
  while (quick < 2 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reply = await client.request('GET', path);
    quick = reply.ms < 50 ? quick + 1 : 0;
  }
}

const outcome = (reply: HttpReply) => ({ status: reply.status, ms: reply.ms, text: reply.text });

/** Starts stock json-server on the exported `file`, measures, stops it. */
export async function runStockBench(
  file: string,
  exported: StockExport,
  plan: StockPlan,
): Promise<StockResult> {
  const stock = await startStockJsonServer(file);
  const client = new BenchClient(stock.url, 4);
  try {
    plan.log(`stock json-server (pid ${stock.pid}) answered ${Math.round(stock.startupMs)} ms after spawn`);
    const mix = listMix(plan.nowMs, plan.callerId, true);
    plan.log(`stock list: ${plan.listN} requests (+${plan.warmReads} warm-up)`);
    const list = await measure({
      warmup: plan.warmReads,
      n: plan.listN,
      concurrency: 1,
      group: mix.label,
      request: async (i) => outcome(await client.request('GET', `/refunds${toStockQuery(mix.query(i))}`)),
    });

    const total = plan.warmPatches + plan.patchN;
    const pending = await client.json<RefundRequest[]>(
      'GET',
      `/refunds?status=pending&_sort=submittedAt&_order=asc&_start=0&_end=${total}`,
    );
    if (pending.length < total) throw new Error(`stock json-server has ${pending.length} pending requests`);
    plan.log(`stock PATCH: ${plan.patchN} requests (+${plan.warmPatches} warm-up)`);
    const patch = await measure({
      warmup: plan.warmPatches,
      n: plan.patchN,
      concurrency: 1,
      request: async (i) => {
        const r = pending[i];
        const before = fs.statSync(file).mtimeMs;
        const reply = await client.request('PATCH', `/refunds/${r.id}`, {
          body: {
            status: 'in_review',
            assigneeId: plan.callerId(i),
            version: r.version + 1,
            updatedAt: new Date().toISOString(),
          },
        });
        // it answers before its (atomic, asynchronous) file write lands, and --watch then re-reads
        // and compares the whole file: let both finish, untimed, so each PATCH is timed on its own
        await fileWritten(file, before);
        await settle(client, `/refunds/${r.id}`);
        return outcome(reply);
      },
    });
    const rssBytes = rssOf(stock.pid);
    return {
      export: { ...exported, ms: round(exported.ms, 0) },
      startupMs: round(stock.startupMs),
      list,
      patch,
      rssBytes,
      notes: [
        'stock json-server: refunds only in its db.json; quiet (no request log); after each PATCH its file write and --watch reload are waited for, untimed, so that neither is counted in the next request',
      ],
    };
  } finally {
    client.close();
    await stock.stop();
  }
}
