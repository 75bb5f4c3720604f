// Sign-in under attack, over real HTTP: a burst of parallel guesses for one username gets no more
// password checks than the throttle allows, failures from one client address lock that address,
// and a flood of sign-ins with random usernames does not stall everybody else's reads.
import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
let reviewer: string;

beforeAll(async () => {
  // trusted proxy: each request may name its client in X-Forwarded-For, so one test process can
  // play many attackers at once (the per-address budget must not be what saves the day)
  api = await startTestApi({ count: 300, seed: 31, trustProxy: true });
  reviewer = await api.login('reviewer');
});
afterAll(() => api.close());

let addressCounter = 0;
/** A fresh client address (TEST-NET-3 and beyond) for each call. */
function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

function signIn(username: string, password: string, address = nextAddress()) {
  return api.call('POST', '/api/auth/login', {
    body: { username, password },
    headers: { 'x-forwarded-for': address },
  });
}

interface RawAnswer {
  status: number;
  headers: Map<string, string>;
  body: unknown;
}

/**
 * Many sign-ins that reach the server at the same instant: pipelined on one connection, each
 * request naming its own client (as a proxy in front of the API would forward them), all
 * written in one go so the server reads them before it answers any.
 */
async function simultaneousSignIns(attempts: { username: string; password: string }[]): Promise<RawAnswer[]> {
  const socket = net.connect(api.server.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => socket.once('end', resolve));
  socket.write(
    attempts
      .map((attempt, i) => {
        const body = JSON.stringify(attempt);
        const close = i === attempts.length - 1 ? 'Connection: close\r\n' : '';
        return (
          `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `X-Forwarded-For: ${nextAddress()}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${close}\r\n${body}`
        );
      })
      .join(''),
  );
  await ended;
  const raw = Buffer.concat(chunks);
  const answers: RawAnswer[] = [];
  for (let at = 0; at < raw.length;) {
    const headEnd = raw.indexOf('\r\n\r\n', at);
    const [statusLine = '', ...headerLines] = raw.subarray(at, headEnd).toString('latin1').split('\r\n');
    const headers = new Map(
      headerLines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
      }),
    );
    const length = Number(headers.get('content-length'));
    const body = raw.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    answers.push({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as unknown });
    at = headEnd + 4 + length;
  }
  expect(answers).toHaveLength(attempts.length);
  return answers;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timedRead(): Promise<number> {
  const started = performance.now();
  const res = await api.call('GET', '/api/refunds?range=[0,24]', { token: reviewer });
  expect(res.status).toBe(200);
  return performance.now() - started;
}

function checksPerformed(): number {
  return api.server.ctx.passwordChecks.performed;
}

describe('a parallel burst of guesses for one username', () => {
  it('gets five password checks, refuses the rest (even the right password) and stays locked a minute', async () => {
    const before = checksPerformed();
    const guesses = Array.from({ length: 51 }, (_, i) => (i === 25 ? 'password' : `guess-${i}`));
    const answers = await simultaneousSignIns(
      guesses.map((password) => ({ username: 'reviewer2', password })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(46);
    expect(answers[25]?.status).toBe(429);
    for (const answer of answers.filter((a) => a.status === 429)) {
      expect(answer.body).toEqual({
        message: expect.stringMatching(/Too many failed sign-ins/),
        code: 'sign_in_locked',
      });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(checksPerformed() - before).toBe(5);

    // the lock is on the server's clock: still there 59 s on, gone after the minute
    await api.call('POST', '/api/test/advance-clock', { token: reviewer, body: { ms: 59_000 } });
    const stillLocked = await signIn('reviewer2', 'password');
    expect(stillLocked.status).toBe(429);
    expect(Number(stillLocked.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    await api.call('POST', '/api/test/advance-clock', { token: reviewer, body: { ms: 2_000 } });
    expect((await signIn('reviewer2', 'password')).status).toBe(200);
  });
});

describe('a flood of sign-ins with random usernames', () => {
  it('leaves reads their latency while 8 clients flood the sign-in', async () => {
    for (let i = 0; i < 5; i++) await timedRead(); // warm up
    const baseline: number[] = [];
    for (let i = 0; i < 40; i++) baseline.push(await timedRead());

    const floodUntil = performance.now() + 4_000;
    const statuses = new Map<number, number>();
    let flooding = true;
    const flooder = async () => {
      for (let i = 0; i < 400 && performance.now() < floodUntil; i++) {
        const res = await signIn(crypto.randomUUID(), crypto.randomUUID());
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    const during: number[] = [];
    const reader = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the flood build up
      while (flooding) {
        during.push(await timedRead());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const readerDone = reader();
    await Promise.all(Array.from({ length: 8 }, flooder));
    flooding = false;
    await readerDone;

    const base95 = percentile(baseline, 95);
    const flood95 = percentile(during, 95);
    const summary = `baseline p95 ${base95.toFixed(0)} ms, flood p95 ${flood95.toFixed(0)} ms, max ${Math.max(...during).toFixed(0)} ms over ${during.length} reads; sign-in answers ${JSON.stringify([...statuses])}`;
    console.log(summary);
    // the flood really hit the sign-in, and nothing but refusals came of it
    const attempts = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(attempts, summary).toBeGreaterThan(40);
    expect(
      [...statuses.keys()].every((s) => [401, 429, 503].includes(s)),
      summary,
    ).toBe(true);
    expect(during.length, summary).toBeGreaterThan(10);
    expect(flood95, summary).toBeLessThanOrEqual(Math.max(base95 * 5, base95 + 250));
    expect(Math.max(...during), summary).toBeLessThan(1_000);
  });
});
