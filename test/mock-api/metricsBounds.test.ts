// The work one caller can cause through GET /api/metrics is bounded (issue 13, item 15): spellings
// of one zone are one question, one question is computed once, and a reviewer's burst of
// long-range questions runs a bounded number of computations while others are still answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PENDING_PER_USER, MetricsScheduler } from '../../mock-api/metricsScheduler';
import { startTestApi, type TestApi } from './harness';

interface Stats {
  computations: number;
  maxPendingPerUser: number;
  maxRunning: number;
}

let api: TestApi;
let manager: string;
let reviewer: string;
let supervisor: string;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startTestApi({ count: 2000, seed: 53 });
  manager = await api.login('manager');
  reviewer = await api.login('reviewer');
  supervisor = await api.login('supervisor');
});
afterAll(() => api.close());

const stats = async (): Promise<Stats> => {
  const res = await api.call('GET', '/api/test/metrics-stats', { token: manager });
  expect(res.status, res.text).toBe(200);
  return res.body as Stats;
};

describe('one question, one computation', () => {
  it('computes spellings of one zone once and answers them by its IANA name', async () => {
    const spellings = [
      'Asia/Shanghai',
      'asia/shanghai',
      'ASIA/SHANGHAI',
      'PRC',
      'Asia/Chongqing',
      'Asia/Harbin',
    ];
    const before = (await stats()).computations;
    const answers: unknown[] = [];
    for (const tz of spellings) {
      const res = await api.call(
        'GET',
        `/api/metrics?from=${day(-20)}&to=${day(1)}&tz=${encodeURIComponent(tz)}`,
        {
          token: manager,
        },
      );
      expect(res.status, `${tz}: ${res.text.slice(0, 200)}`).toBe(200);
      expect((res.body as { tz: string }).tz).toBe('Asia/Shanghai');
      answers.push(res.body);
    }
    expect((await stats()).computations - before).toBe(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('computes a list filter written in another order once', async () => {
    const before = (await stats()).computations;
    for (const q of [
      'reasonCategory=other,mistaken_purchase',
      'reasonCategory=mistaken_purchase&reasonCategory=other',
    ]) {
      const res = await api.call('GET', `/api/metrics?from=${day(-9)}&to=${day(1)}&${q}`, { token: manager });
      expect(res.status, res.text.slice(0, 200)).toBe(200);
    }
    expect((await stats()).computations - before).toBe(1);
  });

  it('refuses an unknown zone with a 400', async () => {
    for (const tz of ['Mars/Olympus', '+08:00', 'x'.repeat(65)]) {
      const res = await api.call(
        'GET',
        `/api/metrics?from=${day(-2)}&to=${day(1)}&tz=${encodeURIComponent(tz)}`,
        {
          token: manager,
        },
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'unknown_time_zone' });
    }
  });

  it('shares one computation among eight identical questions asked at once', async () => {
    const before = (await stats()).computations;
    const url = `/api/metrics?from=${day(-300)}&to=${day(1)}&granularity=week&tz=Asia/Shanghai`;
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => api.call('GET', url, { token: reviewer })),
    );
    for (const res of replies) expect(res.status, res.text.slice(0, 200)).toBe(200);
    expect((await stats()).computations - before).toBe(1);
  });
});

describe('a burst of long-range questions from one reviewer', () => {
  it('runs a bounded number of computations, and another user is answered meanwhile', async () => {
    const before = await stats();
    const burst = Array.from({ length: 8 }, (_, i) =>
      api.call('GET', `/api/metrics?from=${day(-398 + i)}&to=${day(1)}&tz=Asia/Shanghai`, {
        token: reviewer,
      }),
    );
    const started = Date.now();
    const other = await api.call('GET', '/api/refunds?range=[0,9]', { token: supervisor });
    const otherMs = Date.now() - started;
    const replies = await Promise.all(burst);
    const after = await stats();

    expect(other.status).toBe(200);
    expect(otherMs, 'a cheap list from another user during the burst').toBeLessThan(3_000);
    for (const res of replies) {
      expect([200, 429], res.text.slice(0, 200)).toContain(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(res.body).toMatchObject({ code: 'metrics_busy' });
      }
    }
    expect(after.maxPendingPerUser).toBeLessThanOrEqual(MAX_PENDING_PER_USER);
    expect(after.maxRunning).toBe(1);
    const computed = after.computations - before.computations;
    expect(computed).toBe(replies.filter((r) => r.status === 200).length);
  });
});

describe('the scheduler', () => {
  const job = (userId: string, key: string, log: string[]) => ({
    userId,
    key,
    changeCount: 'v1',
    nowMs: 0,
    compute: () => {
      log.push(`${userId}:${key}`);
      return key;
    },
  });

  it('holds at most two questions per user in flight, shares a question, and runs one at a time', async () => {
    const scheduler = new MetricsScheduler<string>();
    const log: string[] = [];
    const burst = Array.from({ length: 8 }, (_, i) => scheduler.answer(job('u1', `k${i}`, log)));
    expect(burst.filter((r) => r === null)).toHaveLength(8 - MAX_PENDING_PER_USER);
    const shared = scheduler.answer(job('u1', 'k0', log));
    const other = scheduler.answer(job('u2', 'k9', log));
    expect(shared).toBe(burst[0]);
    expect(other).not.toBeNull();
    expect(log).toEqual([]); // nothing computed in the caller's turn of the event loop
    expect(await Promise.all([...burst.filter((r) => r !== null), other])).toEqual(['k0', 'k1', 'k9']);
    expect(log.sort()).toEqual(['u1:k0', 'u1:k1', 'u2:k9']);
    expect(scheduler.stats).toEqual({ computations: 3, maxPendingPerUser: 2, maxRunning: 1 });
    // answered questions are reused, and the caller may ask again
    expect(scheduler.answer(job('u1', 'k1', log))).toBe('k1');
    expect(await scheduler.answer(job('u1', 'k5', log))).toBe('k5');
  });
});
