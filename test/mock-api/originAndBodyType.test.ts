// Issue 13 item 12: only the API's own origin and the configured ones may call it from a browser,
// and a body is JSON or refused. Before, any origin was granted CORS with credentials and any
// content type was parsed as JSON, so another site could post a sign-in as text/plain (a "simple"
// request the browser sends without asking first).
import { allRecords } from '../support/records';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from '../../mock-api/requestPolicy';
import { startTestApi, type TestApi } from './harness';

const ALLOWED = 'https://desk.example.test';
let api: TestApi;
let reviewer: string;
let pendingId: string;

beforeAll(async () => {
  api = await startTestApi({ count: 40, seed: 12, corsOrigins: [ALLOWED, 'http://localhost:5174'] });
  reviewer = await api.login('reviewer');
  pendingId = (await allRecords(api.server.ctx.database.db, 'refunds')).find(
    (r) => r.status === 'pending' && !r.assigneeId,
  )!.id;
});
afterAll(() => api.close());

const LOGIN = JSON.stringify({ username: 'reviewer', password: 'password' });

/** every route that takes a body, with a body it would accept as JSON */
const BODY_ROUTES: [string, () => string, () => unknown][] = [
  ['POST', () => '/api/auth/login', () => JSON.parse(LOGIN)],
  ['POST', () => `/api/refunds/${pendingId}/claim`, () => ({ version: 1 })],
  ['POST', () => '/api/refunds/claim-next', () => ({})],
  ['POST', () => '/api/refunds/bulk-reject', () => ({ ids: [pendingId], reason: 'x' })],
  ['PATCH', () => `/api/refunds/${pendingId}`, () => ({ internalNote: 'n', version: 1 })],
  ['PUT', () => `/api/refunds/${pendingId}`, () => ({ internalNote: 'n', version: 1 })],
  ['POST', () => '/api/complaints', () => ({ refundId: pendingId })],
  ['POST', () => '/api/test/advance-clock', () => ({ ms: 0 })],
];

const NON_JSON_TYPES = [
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'text/json',
  'application/jsonp',
  'application/json-patch',
  'application/xml',
  'application/javascript',
  '*/*',
  '',
];

describe('request bodies', () => {
  it('refuses every route that takes a body with 415 { message, code } unless the body is JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BODY_ROUTES),
        fc.oneof(fc.constantFrom(...NON_JSON_TYPES), fc.stringMatching(/^[a-z]{1,8}\/[a-z.+-]{1,12}$/)),
        fc.boolean(),
        async ([method, route, body], type, signedIn) => {
          fc.pre(!/^application\/([a-z.+-]*\+)?json$/.test(type));
          const res = await api.call(method, route(), {
            token: signedIn ? reviewer : undefined,
            rawBody: JSON.stringify(body()),
            headers: { 'content-type': type },
          });
          const label = `${method} ${route()} as ${type || '(empty type)'}`;
          expect(res.status, label).toBe(415);
          expect(res.body, label).toEqual({ message: expect.any(String), code: 'unsupported_media_type' });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('refuses a body with no content type at all', async () => {
    const res = await fetch(`${api.url}/api/auth/login`, { method: 'POST', body: new Blob([LOGIN]) });
    expect(res.status).toBe(415);
  });

  it('reads application/json with or without a UTF-8 charset, and application/*+json', async () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
      'application/merge-patch+json',
      'application/vnd.refund-desk+json; charset=utf-8',
    ]) {
      const res = await api.call('POST', '/api/auth/login', {
        rawBody: LOGIN,
        headers: { 'content-type': type },
      });
      expect(res.status, type).toBe(200);
    }
  });

  it('refuses JSON in any charset but UTF-8 with 415, however the body is encoded', async () => {
    for (const charset of ['utf-7', 'UTF-16', 'utf-16le', 'utf-32', 'latin1', 'utf8', '"utf-16"']) {
      for (const type of [
        `application/json; charset=${charset}`,
        `application/vnd.x+json;charset=${charset}`,
      ]) {
        const encoding = /16/.test(charset) ? 'utf16le' : 'utf8';
        const res = await fetch(`${api.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': type },
          body: Buffer.from(LOGIN, encoding),
        });
        expect(res.status, type).toBe(415);
        expect(await res.json(), type).toEqual({
          message: expect.any(String),
          code: 'unsupported_media_type',
        });
      }
    }
  });

  it('lets a GET or DELETE without a body through, whatever type it names', async () => {
    const get = await api.call('GET', '/api/auth/me', {
      token: reviewer,
      headers: { 'content-type': 'text/plain' },
    });
    expect(get.status).toBe(200);
    const del = await api.call('DELETE', `/api/refunds/${pendingId}`, {
      token: reviewer,
      headers: { 'content-type': 'text/plain' },
    });
    expect(del.status).toBe(405); // refund requests are never deleted: the route, not the type, says no
    const bare = await fetch(`${api.url}/api/refunds/claim-next`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewer}` },
    });
    expect(bare.status).not.toBe(415);
  });
});

describe('origins', () => {
  const preflight = (origin: string, route = '/api/auth/login') =>
    fetch(api.url + route, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });

  it('answers an allowed origin, and its preflight, with CORS headers for that origin only', async () => {
    const pre = await preflight(ALLOWED);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    expect(pre.headers.get('vary')).toMatch(/origin/i);

    const login = await api.call('POST', '/api/auth/login', { rawBody: LOGIN, headers: { origin: ALLOWED } });
    expect(login.status).toBe(200);
    expect(login.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const list = await api.call('GET', '/api/refunds', { token: reviewer, headers: { origin: ALLOWED } });
    expect(list.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(list.headers.get('access-control-expose-headers')).toMatch(/content-range/i);
  });

  it('refuses any other origin, preflight or not, with 403 and no CORS headers', async () => {
    const foreign = fc.oneof(
      fc.constantFrom(
        'https://evil.example',
        'null',
        'http://desk.example.test', // the allowed one over http
        'https://desk.example.test:8443',
        'https://desk.example.test.evil.example',
        'https://DESK.example.test',
        'http://localhost:5173',
        `${api.url}.evil.example`,
        api.url.replace('127.0.0.1', 'localhost'),
      ),
      fc.webUrl().map((u) => new URL(u).origin),
    );
    await fc.assert(
      fc.asyncProperty(foreign, fc.constantFrom(...BODY_ROUTES), async (origin, [method, route, body]) => {
        fc.pre(origin !== ALLOWED && origin !== 'http://localhost:5174');
        for (const res of [
          await preflight(origin, route()),
          await fetch(api.url + route(), {
            method,
            headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
            body: JSON.stringify(body()),
          }),
          await fetch(`${api.url}/api/health`, { headers: { origin } }),
        ]) {
          expect(res.status, origin).toBe(403);
          expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
          expect(res.headers.get('access-control-allow-credentials'), origin).toBeNull();
          expect(await res.json(), origin).toEqual({
            message: expect.any(String),
            code: 'origin_not_allowed',
            params: { origin },
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('lets the page it serves call it: same origin, by Host or by the browser’s Sec-Fetch-Site', async () => {
    const own = await api.call('POST', '/api/auth/login', { rawBody: LOGIN, headers: { origin: api.url } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBeNull();
    // behind a proxy that rewrites Host (the bench's static server), the browser still says so
    const proxied = await api.call('POST', '/api/auth/login', {
      rawBody: LOGIN,
      headers: { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-origin' },
    });
    expect(proxied.status).toBe(200);
    const cross = await api.call('POST', '/api/auth/login', {
      rawBody: LOGIN,
      headers: { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.status).toBe(403);
  });

  it('allows no other origin by default, and refuses a CORS_ORIGINS entry that is not an origin', async () => {
    const plain = await startTestApi({ count: 5, seed: 1 });
    try {
      const res = await plain.call('POST', '/api/auth/login', {
        rawBody: LOGIN,
        headers: { origin: ALLOWED },
      });
      expect(res.status).toBe(403);
    } finally {
      await plain.close();
    }
    expect(parseAllowedOrigins(' https://a.example , http://localhost:5173/ ,')).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    for (const bad of ['*', 'a.example', 'https://a.example/path', 'ftp://a.example', 'null']) {
      expect(() => parseAllowedOrigins(bad), bad).toThrow(/CORS_ORIGINS/);
    }
  });
});
