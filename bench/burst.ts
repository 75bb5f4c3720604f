// The write burst: 200 writes from four clients (claim + release pairs, internal notes) while two
// more keep reading list pages, with the API's event-loop delay recorded over it
// (/api/test/loop-stats, ENABLE_TEST_ROUTES=1).
import type { RefundRequest } from '../src/domain/model';
import type { BenchClient, HttpReply } from './lib/http';
import { listQuery } from './lib/http';
import { round, runPool, summarise, type LatencySummary, type Outcome } from './lib/measure';

export interface LoopStats {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  peakRssBytes: number;
}

export interface BurstResult {
  writes: number;
  writeConcurrency: number;
  readConcurrency: number;
  /** list reads completed while the writes ran */
  reads: number;
  durationMs: number;
  maxStallMs: number;
  p99StallMs: number;
  meanStallMs: number;
  write: LatencySummary;
  read: LatencySummary;
}

const isRefusal = (status: number) => status === 409 || status === 422;
const outcome = (reply: HttpReply): Outcome => ({ status: reply.status, ms: reply.ms, text: reply.text });

export async function loopStats(client: BenchClient, token: string): Promise<LoopStats> {
  return client.json<LoopStats>('GET', '/api/test/loop-stats', { token });
}

export async function runBurst(
  client: BenchClient,
  writes: number,
  tokens: { supervisor: string },
  listPath: (i: number) => string,
  reviewerToken: (i: number) => string,
  readToken: (i: number) => string,
  pick: (filter: object, limit: number) => Promise<RefundRequest[]>,
): Promise<BurstResult> {
  // half the writes are claim + release pairs on pending requests (the workflow), half add an
  // internal note (POST …/notes) to closed requests
  const pairs = await pick({}, Math.floor(writes / 4));
  const edits = await client.json<RefundRequest[]>(
    'GET',
    `/api/refunds${listQuery({ filter: { status: ['rejected', 'refunded'] }, sort: ['submittedAt', 'DESC'], range: [0, writes - 1] })}`,
    { token: tokens.supervisor },
  );
  type Task = { kind: 'pair'; record: RefundRequest } | { kind: 'edit'; record: RefundRequest };
  const tasks: Task[] = [];
  let budget = writes;
  let p = 0;
  let e = 0;
  while (budget > 0 && (p < pairs.length || e < edits.length)) {
    if (budget >= 2 && p < pairs.length && (tasks.length % 2 === 0 || e >= edits.length)) {
      tasks.push({ kind: 'pair', record: pairs[p++] });
      budget -= 2;
    } else if (e < edits.length) {
      tasks.push({ kind: 'edit', record: edits[e++] });
      budget -= 1;
    } else break;
  }
  const writeOutcomes: Outcome[] = [];
  const readOutcomes: Outcome[] = [];
  const writeConcurrency = 4;
  const readConcurrency = 2;

  await client.json('POST', '/api/test/loop-stats/reset', { token: tokens.supervisor });
  const started = performance.now();
  let writing = true;
  const record = (list: Outcome[], run: () => Promise<HttpReply>) =>
    run().then(
      (reply) => void list.push(outcome(reply)),
      (error: unknown) => void list.push({ status: 0, ms: Number.NaN, text: String(error) }),
    );
  let readIndex = 0;
  const readers = Array.from({ length: readConcurrency }, async () => {
    while (writing) {
      const i = readIndex++;
      await record(readOutcomes, () => client.request('GET', listPath(i), { token: readToken(i) }));
    }
  });
  await runPool(tasks.length, writeConcurrency, async (index) => {
    const task = tasks[index];
    const token = reviewerToken(index);
    if (task.kind === 'edit') {
      await record(writeOutcomes, () =>
        client.request('POST', `/api/refunds/${task.record.id}/notes`, {
          token,
          body: { text: `benchmark note ${index}` },
        }),
      );
      return;
    }
    let version = task.record.version;
    await record(writeOutcomes, async () => {
      const reply = await client.request('POST', `/api/refunds/${task.record.id}/claim`, {
        token,
        body: { version },
      });
      if (reply.status === 200) version = (JSON.parse(reply.text) as RefundRequest).version;
      return reply;
    });
    await record(writeOutcomes, () =>
      client.request('POST', `/api/refunds/${task.record.id}/release`, { token, body: { version } }),
    );
  });
  writing = false;
  await Promise.all(readers);
  const durationMs = performance.now() - started;
  const stats = await client.json<LoopStats>('GET', '/api/test/loop-stats', { token: tokens.supervisor });
  return {
    writes: writeOutcomes.length,
    writeConcurrency,
    readConcurrency,
    reads: readOutcomes.length,
    durationMs: round(durationMs),
    maxStallMs: round(stats.maxMs),
    p99StallMs: round(stats.p99Ms),
    meanStallMs: round(stats.meanMs, 2),
    write: summarise(writeOutcomes, writeConcurrency, isRefusal),
    read: summarise(readOutcomes, readConcurrency),
  };
}
