// Sign-in under attack, over real HTTP: a burst of parallel guesses for one username gets no more
// password checks than the throttle allows, failures from one client address lock that address,
// and a flood of sign-ins with random usernames does not stall everybody else's reads.
import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordChecks } from '../../mock-api/passwordChecks';
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
/** A fresh (private) client address for each call. */
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
async function simultaneousSignIns(
  attempts: { username: string; password: string }[],
  { target = api, forwardedFor = true }: { target?: TestApi; forwardedFor?: boolean } = {},
): Promise<RawAnswer[]> {
  const socket = net.connect(target.server.port, '127.0.0.1');
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
          `${forwardedFor ? `X-Forwarded-For: ${nextAddress()}\r\n` : ''}Content-Length: ${Buffer.byteLength(body)}\r\n${close}\r\n${body}`
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
        params: { seconds: expect.any(Number) },
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
    expect(attempts, summary).toBeGreaterThanOrEqual(16);
    expect(
      [...statuses.keys()].every((s) => [401, 429, 503].includes(s)),
      summary,
    ).toBe(true);
    expect(flood95, summary).toBeLessThanOrEqual(Math.max(base95 * 5, base95 + 250));
    expect(Math.max(...during), summary).toBeLessThan(1_000);
    expect(during.length, summary).toBeGreaterThan(10);
  });
});

describe('when the password checks are all taken', () => {
  it('answers 503 sign_in_busy with Retry-After at once, and the refused attempt costs nobody a slot', async () => {
    const { ctx } = api.server;
    const regular = ctx.passwordChecks;
    ctx.passwordChecks = new PasswordChecks({ concurrency: 1, maxQueued: 2 });
    try {
      const answers = await simultaneousSignIns(
        Array.from({ length: 12 }, (_, i) => ({ username: `nobody-${i}`, password: 'guess' })),
      );
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, ...Array<number>(9).fill(503)]);
      expect(ctx.passwordChecks.performed).toBe(3);
      for (const busy of answers.slice(3)) {
        expect(busy.body).toEqual({
          message: 'The server is busy checking other sign-ins. Try again in 2 seconds.',
          code: 'sign_in_busy',
          params: { seconds: 2 },
        });
        expect(busy.headers.get('retry-after')).toBe('2');
      }
      // five busy answers for one username are not five failures
      const sameUser = await simultaneousSignIns(
        Array.from({ length: 8 }, (_, i) => ({ username: 'supervisor2', password: `guess-${i}` })),
      );
      expect(sameUser.filter((a) => a.status === 503)).toHaveLength(5);
      expect((await signIn('supervisor2', 'password')).status).toBe(200);
    } finally {
      ctx.passwordChecks = regular;
    }
  });
});

describe('one client address (no proxy trusted)', () => {
  let direct: TestApi;
  let directToken = '';
  beforeAll(async () => {
    direct = await startTestApi({ count: 30, seed: 32 });
  });
  afterAll(() => direct.close());
  const attempt = (username: string, password: string, forwardedFor: string) =>
    direct.call('POST', '/api/auth/login', {
      body: { username, password },
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('may have four sign-ins in flight; the rest are asked to retry in a second', async () => {
    const users = ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4', 'supervisor', 'supervisor2', 'manager'];
    const answers = await simultaneousSignIns(
      users.map((username) => ({ username, password: 'password' })),
      { target: direct, forwardedFor: false },
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429, 429, 429]);
    expect(answers[4]?.body).toEqual({
      message: 'Too many sign-ins from this address at once. Wait a moment and try again.',
      code: 'sign_in_too_many_at_once',
    });
    expect(answers[4]?.headers.get('retry-after')).toBe('1');
    directToken = (answers[0]?.body as { token: string }).token;
  });

  it('is locked for a minute after 20 failures, whatever usernames and X-Forwarded-For it sends', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await attempt(`someone-${i}`, 'guess', `203.0.113.${i}`)).status).toBe(401);
    }
    const locked = await attempt('manager', 'password', '198.51.100.7');
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({
      message: expect.stringMatching(
        /^Too many failed sign-ins from this address. Try again in \d+ seconds\.$/,
      ),
      code: 'sign_in_address_locked',
      params: { seconds: expect.any(Number) },
    });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(50);
    // the lock is on the server's clock and ends after the minute
    await direct.call('POST', '/api/test/advance-clock', { token: directToken, body: { ms: 61_000 } });
    expect((await attempt('manager', 'password', '198.51.100.7')).status).toBe(200);
  });
});

describe('behind a trusted proxy', () => {
  it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one', async () => {
    for (let i = 0; i < 20; i++) {
      const address = i % 2 ? `2001:db8:7:7::${i.toString(16)}` : `2001:0DB8:0007:0007:${i}:0:0:1`;
      expect((await signIn(`v6-${i}`, 'guess', address)).status).toBe(401);
    }
    const sameNetwork = await signIn('manager', 'password', '2001:db8:7:7:abcd::1');
    expect(sameNetwork.body).toMatchObject({ code: 'sign_in_address_locked' });
    expect((await signIn('manager', 'password', '2001:db8:7:8::1')).status).toBe(200);

    for (let i = 0; i < 20; i++) {
      const address = i % 2 ? '::ffff:192.0.2.55' : '192.0.2.55';
      expect((await signIn(`v4-${i}`, 'guess', address)).status).toBe(401);
    }
    expect((await signIn('manager', 'password', '192.0.2.55')).body).toMatchObject({
      code: 'sign_in_address_locked',
    });
  });

  it('counts an IPv4-mapped address as the IPv4 one however it is spelled', async () => {
    const spellings = [
      '::ffff:c000:238',
      '0:0:0:0:0:ffff:192.0.2.56',
      '::FFFF:C000:0238',
      '0000:0000:0000:0000:0000:ffff:c000:0238',
      '::ffff:192.0.2.56',
    ];
    for (let i = 0; i < 20; i++) {
      expect((await signIn(`mapped-${i}`, 'guess', spellings[i % spellings.length])).status).toBe(401);
    }
    expect((await signIn('manager', 'password', '192.0.2.56')).body).toMatchObject({
      code: 'sign_in_address_locked',
    });
    // other clients written the same ways are other addresses
    expect((await signIn('manager', 'password', '::ffff:c000:239')).status).toBe(200);
    expect((await signIn('manager', 'password', '::ffff:0:0')).status).toBe(200);
  });

  it('counts a sign-in refused as busy against its address, so a flood of them locks the flooders', async () => {
    // 16 clients, 4 sign-ins in flight each: more than the password checks may queue
    const seen = new Set<number>();
    const passed = await Promise.all(
      Array.from({ length: 16 }, async (_, client) => {
        const address = `198.18.${client}.1`;
        let reachedTheCheck = 0;
        await Promise.all(
          Array.from({ length: 4 }, async (_, lane) => {
            for (let i = 0; i < 100; i++) {
              const res = await signIn(`flood-${client}-${lane}-${i}`, 'guess', address);
              seen.add(res.status);
              if ((res.body as { code?: string }).code === 'sign_in_address_locked') return;
              if (res.status !== 429) reachedTheCheck += 1;
            }
          }),
        );
        return reachedTheCheck;
      }),
    );
    expect(seen.has(503), 'the flood filled the queue').toBe(true);
    // whether checked (401) or refused unchecked (503), at most 20 a minute per address
    for (const count of passed) expect(count).toBeLessThanOrEqual(20);
  });
});
