// What the hostile-input suites share (hostileInput.test.ts, hostileWrites.test.ts): one API per file
// with requests in different states to aim at, requests sent through node:http so the path reaches
// the server exactly as written (fetch would resolve "../" and "%2e%2e" itself), the check that an
// answer is a JSON 4xx, and fast-check arbitraries for hostile bodies.
import fc from 'fast-check';
import http from 'node:http';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import { listQuery, startTestApi, type TestApi } from './harness';

export const TIMEOUT_MS = 5_000;
export const RUNS = 100;

export let api: TestApi;
export let port: number;
export const token = {} as Record<'reviewer' | 'supervisor' | 'manager', string>;
/** Requests in different states the write routes aim at. */
export const targets: string[] = [];

/** Registers the file's hooks: its own API, the accounts and the target requests. */
export function withHostileInputApi(): void {
  beforeAll(async () => {
    api = await startTestApi({ count: 300, seed: 5 });
    port = Number(new URL(api.url).port);
    for (const name of ['reviewer', 'supervisor', 'manager'] as const) token[name] = await api.login(name);
    // one held by the supervisor (so its token passes the assignee checks), one awaiting a second
    // approval, and whatever else the seed has: refunded, rejected, pending, awaiting information
    const list = async (filter: object) =>
      (
        await api.call('GET', `/api/refunds${listQuery({ range: [0, 999], filter })}`, {
          token: token.manager,
        })
      ).body as RefundRequest[];
    const pending = await list({ status: 'pending', assigneeId: 'unassigned' });
    const held = await api.call('POST', `/api/refunds/${pending[0].id}/claim`, {
      token: token.supervisor,
      body: { version: pending[0].version },
    });
    expect(held.status).toBe(200);
    targets.push(pending[0].id, pending[1].id);
    for (const status of ['awaiting_second_approval', 'refunded', 'rejected', 'awaiting_info', 'in_review']) {
      const [first] = await list({ status });
      if (first) targets.push(first.id);
    }
  });
  afterAll(() => api.close());
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  contentType: string;
  text: string;
  json: unknown;
}

/** One request, verbatim; rejects when no answer arrives within 5 s (a hang). */
export function send(
  method: string,
  path: string,
  options: { token?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(options.body));
    }
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers, signal: AbortSignal.timeout(TIMEOUT_MS) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            contentType: String(res.headers['content-type'] ?? ''),
            text,
            json,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export function expectClientError(answer: Answer, label: string) {
  const where = `${label} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status >= 400 && answer.status < 500, where).toBe(true);
  expect(answer.contentType, where).toMatch(/^application\/json/);
  expect(typeof (answer.json as { message?: unknown } | undefined)?.message, where).toBe('string');
}

/** Everything an invalid write must leave alone: every refund request, the number of events and of notes. */
export async function snapshot(): Promise<string> {
  const refunds = await send('GET', `/api/refunds${listQuery({ range: [0, 999], sort: ['id', 'ASC'] })}`, {
    token: token.manager,
  });
  const events = await send('GET', `/api/events${listQuery({ range: [0, 0] })}`, { token: token.manager });
  const notes = await send('GET', `/api/notes${listQuery({ range: [0, 0] })}`, { token: token.manager });
  expect(refunds.status).toBe(200);
  expect(events.status).toBe(200);
  expect(notes.status).toBe(200);
  return `${refunds.text}\n${String(events.headers['content-range'])}\n${String(notes.headers['content-range'])}`;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];
export const FIELD_KEYS = [
  'version',
  'status',
  'assigneeId',
  'approvedFen',
  'refundableFen',
  'amountFen',
  'customerMessage',
  'reasonCode',
  'note',
  'missingItems',
  'suppliedItems',
  'message',
  'decision',
  'items',
  'id',
  'text',
  'internalNote',
  'username',
  'password',
  '$where',
  '$gt',
];
export const key = fc.oneof(fc.constantFrom(...PROTO_KEYS, ...FIELD_KEYS), fc.string({ maxLength: 30 }));

export const hugeString = fc
  .tuple(
    fc.constantFrom('x', 'é', '𝄞', '\u0000', '"', '\\', '\u202e'),
    fc.integer({ min: 1_000, max: 90_000 }),
  )
  .map(([c, n]) => c.repeat(Math.ceil(n / c.length)).slice(0, n));

export const wrongValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1, 1.5, 1e308, -0, '', ' ', '1', 'true', 'null', [], {}, [null], ['payment_proof']),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** JSON text of an object: written by hand so "__proto__" is an own key, as an attacker sends it. */
export const objectText = fc
  .array(
    fc.tuple(key, fc.oneof({ weight: 5, arbitrary: wrongValue }, { weight: 1, arbitrary: hugeString })),
    {
      maxLength: 6,
    },
  )
  .map(
    (entries) =>
      `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`,
  );

export const deepText = fc
  .tuple(fc.integer({ min: 50, max: 4_000 }), fc.constantFrom('[', '{"__proto__":', '{"a":', '{"items":['))
  .map(([depth, open]) => {
    const close = open === '[' ? ']' : open === '{"items":[' ? ']}' : '}';
    return open.repeat(depth) + '1' + close.repeat(depth);
  });

export const bodyText: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.anything().map((v) => JSON.stringify(v) as string | undefined) },
  { weight: 4, arbitrary: objectText },
  { weight: 1, arbitrary: deepText },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

export function parsed(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const TRAVERSAL = [
  '..',
  '.',
  '../users',
  '../../../../etc/passwd',
  '..%2F..%2Fusers',
  '%2e%2e',
  '%2e%2e%2fusers',
  '%252e%252e',
  '....//users',
  '..;',
  '..%5c..%5cwindows',
  '%00',
  'r1%00',
  'r1%2F..',
  '%C0%AE%C0%AE',
  '%E0%A4%A',
  '%',
];

/** A path segment: a random id percent-encoded, or a traversal attempt written raw. */
export const idSegment = fc.oneof(
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 64 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'hasOwnProperty',
        'null',
        'undefined',
        '[]',
        '{}',
        '*',
        'ｒ１',
        '\u202e1r',
      ),
      fc.integer({ min: 65, max: 2_000 }).map((n) => 'r'.repeat(n)),
    )
    .filter((id) => !/^(r|c|e|u|cu|o|n)\d+$/.test(id))
    .map((id) => encodeURIComponent(id)),
  fc.constantFrom(...TRAVERSAL),
);

/** Nothing a hostile body sent reached Object.prototype (the server runs in the test's process). */
export function expectPrototypeUntouched(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).status).toBeUndefined();
  expect(({} as Record<string, unknown>).approvedFen).toBeUndefined();
}
