// What the API keeps between requests is bounded (issue 14, the memory budget): an idle metrics
// worker is retired — it closes its connection and its thread ends of itself — and the next
// question is answered by a new one, the same as before; the kept answers stay within their count
// and size; a quiet API collects its garbage (idleMemory.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGarbageWhenIdle, garbageCollector } from '../../mock-api/idleMemory';
import { MetricsScheduler } from '../../mock-api/metricsScheduler';
import type { MetricsQuestion } from '../../mock-api/metricsSource';
import { MetricsWorkers } from '../../mock-api/metricsWorker';
import { buildRefundDatabase } from '../support/sqliteFiles';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const DAY_MS = 86_400_000;

const question = (days: number): MetricsQuestion => ({
  fromMs: NOW_MS - days * DAY_MS,
  toMs: NOW_MS,
  granularity: 'day',
  tz: 'Asia/Shanghai',
  filters: {},
  nowMs: NOW_MS,
  viewer: { id: 'u-manager', role: 'manager' },
});

describe('the metrics worker, retired when idle', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-metrics-worker-'));
    file = path.join(dir, 'desk.sqlite');
    await buildRefundDatabase(file, 400);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('closes its connection and ends by itself, and a later question is answered the same by a new one', async () => {
    const workers = new MetricsWorkers({ engine: 'sqlite', file }, { idleMs: 20 });
    try {
      const first = await workers.compute(question(30));
      expect(first.totals.submitted).toBeGreaterThan(0);
      const worker = workers.worker;
      expect(worker).not.toBeNull();
      // a thread that ends by itself exits with 0; a terminated one with 1
      const exitCode = await new Promise<number>((resolve) => worker!.once('exit', resolve));
      expect(exitCode).toBe(0);
      expect(workers.worker).toBeNull();
      expect(workers.stats).toEqual({ started: 1, retired: 1 });

      const again = await workers.compute(question(30));
      expect(again).toEqual(first);
      expect(workers.stats.started).toBe(2);
    } finally {
      await workers.close();
    }
  });

  it('answers the questions asked before it is retired, then is retired once', async () => {
    const workers = new MetricsWorkers({ engine: 'sqlite', file }, { idleMs: 20 });
    try {
      const answers = await Promise.all([workers.compute(question(7)), workers.compute(question(90))]);
      expect(answers.map((a) => a.from)).toEqual([
        new Date(NOW_MS - 7 * DAY_MS).toISOString(),
        new Date(NOW_MS - 90 * DAY_MS).toISOString(),
      ]);
      const worker = workers.worker!;
      await new Promise((resolve) => worker.once('exit', resolve));
      expect(workers.stats).toEqual({ started: 1, retired: 1 });
    } finally {
      await workers.close();
    }
  });
});

describe('the kept metrics answers', () => {
  const job = (key: string, answer: string, changeCount = 'v1', nowMs = 0) => ({
    userId: 'u1',
    key,
    changeCount,
    nowMs,
    compute: () => answer,
  });

  it('stay within their size: the oldest go first, and an answer larger than the whole size is not kept', async () => {
    const scheduler = new MetricsScheduler<string>({
      cache: { maxAnswers: 10, maxChars: 100 },
      sizeOf: (answer) => answer.length,
    });
    for (const key of ['a', 'b', 'c']) await scheduler.answer(job(key, key.repeat(40)));
    // a (40) + b (40) + c (40) > 100: a went
    expect(scheduler.cached).toEqual({ answers: 2, chars: 80 });
    expect(scheduler.answer(job('b', 'recomputed'))).toBe('b'.repeat(40));
    expect(await scheduler.answer(job('a', 'recomputed'))).toBe('recomputed');
    expect(scheduler.stats.computations).toBe(4);

    await scheduler.answer(job('huge', 'x'.repeat(101)));
    expect(scheduler.cached.chars).toBeLessThanOrEqual(100);
    expect(await scheduler.answer(job('huge', 'again'))).toBe('again');
  });

  it('stay within their count, and one out of date is dropped when asked again', async () => {
    const scheduler = new MetricsScheduler<string>({ cache: { maxAnswers: 2, maxChars: 1_000 } });
    for (const key of ['a', 'b', 'c']) await scheduler.answer(job(key, key));
    expect(scheduler.cached.answers).toBe(2);
    // the data changed: b is computed again, its old answer not kept beside the new one
    expect(await scheduler.answer(job('b', 'b2', 'v2'))).toBe('b2');
    expect(scheduler.cached.answers).toBe(2);
    expect(scheduler.answer(job('b', 'b3', 'v2'))).toBe('b2');
  });
});

describe('the garbage of a quiet API', () => {
  it('can be collected on demand in this runtime (the flag is set, gc is had)', () => {
    const collect = garbageCollector();
    expect(collect).toBeTypeOf('function');
    expect(() => collect!()).not.toThrow();
  });

  it('is collected on a quiet tick when the heap has grown, and left alone when it has not', async () => {
    let collections = 0;
    const idle = collectGarbageWhenIdle({ idleMs: 5, minGrowthBytes: 0, collect: () => collections++ });
    try {
      while (idle.collections === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(collections).toBe(idle.collections);
    } finally {
      idle.stop();
    }
    // a heap that has not grown since the last collection is left alone
    const unchanged = collectGarbageWhenIdle({
      idleMs: 5,
      minGrowthBytes: Number.MAX_SAFE_INTEGER,
      collect: () => collections++,
    });
    const before = collections;
    await new Promise((resolve) => setTimeout(resolve, 50));
    unchanged.stop();
    expect(collections).toBe(before);
  });
});
