// Issue 13 item 13: a token signed with the real secret is still only as good as what it says.
// Whatever JSON (or non-JSON) the signed payload holds — a number, a string, null, an array, an
// object with a field of the wrong type or missing — every route answers 401 JSON, never a 500.
import { allRecords } from '../support/records';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_TTL_MS } from '../../mock-api/auth';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
let secret: Buffer;
let reviewerId: string;

beforeAll(async () => {
  api = await startTestApi({ count: 20, seed: 13 });
  secret = Buffer.from(fs.readFileSync(api.server.secretFile, 'utf8').trim(), 'base64url');
  reviewerId = (await allRecords(api.server.ctx.database.db, 'users')).find(
    (u) => u.username === 'reviewer',
  )!.id;
});
afterAll(() => api.close());

/** A token over exactly this payload text, signed as the server signs. */
function signRaw(payloadText: string): string {
  const payload = Buffer.from(payloadText).toString('base64url');
  return `${payload}.${crypto.createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

const ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/auth/me'],
  ['GET', '/api/refunds'],
  ['GET', '/api/users/u-1'],
  ['POST', '/api/refunds/r-1/claim', { version: 1 }],
  ['GET', '/api/no-such-route'],
];

async function callWith(token: string, routeIndex: number) {
  const [method, route, body] = ROUTES[routeIndex];
  return api.call(method, route, { token, body });
}

function expect401(res: Awaited<ReturnType<typeof callWith>>, label: string) {
  expect(res.status, label).toBe(401);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/json/);
  expect(res.body, label).toMatchObject({ message: expect.any(String) });
}

const now = Date.now();
const validClaims = () => ({ sub: reviewerId, role: 'reviewer', iat: now, exp: now + TOKEN_TTL_MS });

// a value of the wrong kind for each claim (a number where a string belongs, and so on)
const wrongFor: Record<string, fc.Arbitrary<unknown>> = {
  sub: fc.oneof(
    fc.constant(''),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string()),
    fc.object(),
  ),
  role: fc.oneof(
    fc.string().filter((s) => !['reviewer', 'supervisor', 'manager'].includes(s)),
    fc.integer(),
  ),
  iat: fc.oneof(
    fc.string(),
    fc.constant(null),
    fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)),
    fc.constant(-1),
    fc.object(),
  ),
  exp: fc.oneof(fc.string(), fc.constant(null), fc.boolean(), fc.array(fc.integer()), fc.constant(now + 0.5)),
};

describe('a correctly signed token whose payload is not well-formed claims', () => {
  it('proves its own signing: the same helper signs a good token that the API accepts', async () => {
    const res = await api.call('GET', '/api/auth/me', { token: signRaw(JSON.stringify(validClaims())) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: reviewerId });
  });

  it('is a 401 for any JSON value as payload: numbers, strings, null, arrays, objects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.nat(ROUTES.length - 1), async (value, route) => {
        const res = await callWith(signRaw(JSON.stringify(value)), route);
        expect401(res, JSON.stringify(value));
      }),
      { numRuns: 150 },
    );
  });

  it('is the 401 "Malformed token." for claims with one field missing or of the wrong type', async () => {
    const field = fc.constantFrom('sub', 'role', 'iat', 'exp');
    await fc.assert(
      fc.asyncProperty(
        field.chain((f) => fc.tuple(fc.constant(f), fc.option(wrongFor[f], { nil: undefined }))),
        fc.nat(ROUTES.length - 1),
        async ([f, wrong], route) => {
          const claims: Record<string, unknown> = validClaims();
          if (wrong === undefined) delete claims[f];
          else claims[f] = wrong;
          const res = await callWith(signRaw(JSON.stringify(claims)), route);
          expect401(res, JSON.stringify(claims));
          expect(res.body, JSON.stringify(claims)).toEqual({
            message: 'Malformed token.',
            code: 'token_malformed',
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is a 401 for payload text that is not JSON, or JSON numbers out of range', async () => {
    const texts = fc.oneof(
      fc.string(),
      fc.constant(`{"sub":"${'x'}","role":"reviewer","iat":0,"exp":1e400}`),
      fc.constant('{"sub":"u","role":"reviewer","iat":0,"exp":9007199254740993e300}'),
      fc.constant('{"__proto__":{"sub":"u"},"role":"reviewer"}'),
      fc.constant('[]'),
      fc.constant('"'),
    );
    await fc.assert(
      fc.asyncProperty(texts, fc.nat(ROUTES.length - 1), async (text, route) => {
        expect401(await callWith(signRaw(text), route), text);
      }),
      { numRuns: 100 },
    );
  });
});
