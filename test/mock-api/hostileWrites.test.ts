// Part 7 item 3: random and malicious input at every write route, with fast-check. Whatever arrives
// (any JSON value, deep nesting, strings up to 90 KB, prototype-pollution keys, wrong types, hostile
// ids and tokens), the answer is a 4xx with a JSON `{ message }` within 5 s, never a 5xx, and
// invalid writes change nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import { addNoteBodySchema } from '../../src/domain/refundNotes';
import { refundActionBodySchemas } from '../../src/domain/refundWorkflow';
import {
  RUNS,
  token,
  targets,
  withHostileInputApi,
  send,
  expectClientError,
  snapshot,
  PROTO_KEYS,
  hugeString,
  wrongValue,
  bodyText,
  parsed,
  isPlainObject,
  idSegment,
  expectPrototypeUntouched,
} from './hostileInputKit';

withHostileInputApi();

// ---------------------------------------------------------------------------------------------
// Writes

const ACTION_SEGMENTS = {
  claim: 'claim',
  release: 'release',
  approve: 'approve',
  reject: 'reject',
  'request-info': 'request_info',
  'customer-reply': 'customer_reply',
  'second-approval': 'second_approval',
  override: 'override',
  reassign: 'reassign',
} as const;

describe('action routes', () => {
  it('answer hostile bodies with a JSON 4xx and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(ACTION_SEGMENTS) as (keyof typeof ACTION_SEGMENTS)[])),
        fc.constantFrom(...targets),
        fc.constantFrom('reviewer', 'supervisor', 'manager') as fc.Arbitrary<keyof typeof token>,
        bodyText,
        async (segment, id, who, body) => {
          const value = parsed(body);
          // a body the endpoint's schema accepts is not hostile: leave it to the workflow tests
          fc.pre(
            !(value.ok && refundActionBodySchemas[ACTION_SEGMENTS[segment]].safeParse(value.value).success),
          );
          const before = await snapshot();
          const route = `/api/refunds/${id}/${segment}`;
          expectClientError(
            await send('POST', route, { token: token[who], body }),
            `POST ${route} ${body?.slice(0, 200)}`,
          );
          expect(await snapshot(), `POST ${route} changed data`).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('answer hostile ids with a JSON 4xx and change nothing', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(ACTION_SEGMENTS)), idSegment, async (segment, id) => {
        const route = `/api/refunds/${id}/${segment}`;
        const answer = await send('POST', route, { token: token.supervisor, body: '{"version":1}' });
        expectClientError(answer, `POST ${route}`);
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toBe(before);
  });

  it('bulk routes and claim-next answer hostile bodies with a JSON 4xx and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('bulk-reassign', 'bulk-reject', 'claim-next'),
        fc.constantFrom('reviewer', 'supervisor', 'manager') as fc.Arbitrary<keyof typeof token>,
        bodyText,
        async (route, who, body) => {
          const value = parsed(body);
          if (route === 'claim-next') {
            // no body (or {}) is the one valid call
            fc.pre(!(value.ok && isPlainObject(value.value) && Object.keys(value.value).length === 0));
          } else {
            // well-formed items answer 200 with a result per item, even when every item fails
            const items = value.ok && isPlainObject(value.value) ? value.value.items : undefined;
            fc.pre(!(Array.isArray(items) && items.length > 0));
          }
          const before = await snapshot();
          const path = `/api/refunds/${route}`;
          expectClientError(
            await send('POST', path, { token: token[who], body }),
            `POST ${path} ${body?.slice(0, 200)}`,
          );
          expect(await snapshot(), `POST ${path} changed data`).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('PUT, PATCH and DELETE on refunds answer any body and id with a JSON 4xx and change nothing', async () => {
    // no plain write exists: whatever the body (a version, the whole record), nothing is acceptable
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PUT', 'PATCH', 'DELETE'),
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...targets) }, { weight: 1, arbitrary: idSegment }),
        fc.constantFrom('reviewer', 'supervisor', 'manager') as fc.Arbitrary<keyof typeof token>,
        bodyText,
        async (method, id, who, body) => {
          const before = await snapshot();
          const route = `/api/refunds/${id}`;
          expectClientError(
            await send(method, route, { token: token[who], body }),
            `${method} ${route} ${body?.slice(0, 200)}`,
          );
          expect(await snapshot(), `${method} ${route} changed data`).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the note route', () => {
  it('answers hostile bodies and ids with a JSON 4xx and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...targets) }, { weight: 1, arbitrary: idSegment }),
        fc.constantFrom('reviewer', 'supervisor', 'manager') as fc.Arbitrary<keyof typeof token>,
        bodyText,
        async (id, who, body) => {
          const value = parsed(body);
          // a body the schema accepts on a real request is a note: left to refundNotes.test.ts
          fc.pre(!(targets.includes(id) && value.ok && addNoteBodySchema.safeParse(value.value).success));
          const before = await snapshot();
          const route = `/api/refunds/${id}/notes`;
          expectClientError(
            await send('POST', route, { token: token[who], body }),
            `POST ${route} ${body?.slice(0, 200)}`,
          );
          expect(await snapshot(), `POST ${route} changed data`).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('sign-in and tokens', () => {
  it('login answers hostile bodies with a JSON 4xx', async () => {
    const credentials = fc
      .record(
        {
          username: fc.oneof(wrongValue, fc.constantFrom(...PROTO_KEYS), hugeString),
          password: fc.oneof(wrongValue, hugeString),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v));
    await fc.assert(
      fc.asyncProperty(fc.oneof(bodyText, credentials), async (body) => {
        const value = parsed(body);
        fc.pre(!(value.ok && isPlainObject(value.value) && value.value.password === 'password'));
        expectClientError(await send('POST', '/api/auth/login', { body }), `login ${body?.slice(0, 200)}`);
      }),
      { numRuns: 60 },
    );
  });

  it('every route answers a missing, malformed or forged token with a JSON 401', async () => {
    const forged = (payload: object) =>
      `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${'A'.repeat(43)}`;
    const header = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 300 }).map((s) => `Bearer ${s}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Bearer a.b',
        'Bearer ..',
        'Bearer a.b.c',
        `Bearer ${forged({ sub: 'u3', role: 'supervisor', iat: 0, exp: 9e15 })}`,
        'Basic c3VwZXJ2aXNvcjpwYXNzd29yZA==',
        `bearer ${'x'.repeat(20)}`,
      ),
      fc.constant(`Bearer ${'x'.repeat(8_000)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ['GET', '/api/refunds'],
          ['GET', '/api/refunds/r1'],
          ['GET', '/api/events'],
          ['GET', '/api/auth/me'],
          ['POST', '/api/refunds/claim-next'],
          ['POST', '/api/refunds/r1/approve'],
          ['POST', '/api/refunds/r1/notes'],
          ['GET', '/api/notes'],
          ['PATCH', '/api/refunds/r1'],
        ),
        header,
        async ([method, route], authorization) => {
          const answer = await send(method, route, {
            headers: { authorization },
            body: method === 'GET' ? undefined : '{}',
          });
          expect(answer.status, `${authorization.slice(0, 80)} → ${answer.text}`).toBe(401);
          expectClientError(answer, route);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('malformed, oversized and unknown input', () => {
  const routes: [string, string, keyof typeof token | null][] = [
    ['POST', '/api/auth/login', null],
    ['POST', '/api/refunds/claim-next', 'reviewer'],
    ['POST', '/api/refunds/r1/approve', 'supervisor'],
    ['POST', '/api/refunds/bulk-reassign', 'supervisor'],
    ['POST', '/api/refunds/r1/notes', 'reviewer'],
    ['PATCH', '/api/refunds/r1', 'supervisor'],
    ['PUT', '/api/refunds/r1', 'supervisor'],
  ];

  it('malformed JSON → 400', async () => {
    const before = await snapshot();
    for (const body of [
      '{',
      '{"version":1,',
      "{'version':1}",
      '{"a":1}}',
      'nul',
      '"unterminated',
      '{"a":01}',
      '[1,]',
      '\u0000',
    ]) {
      for (const [method, route, who] of routes) {
        const answer = await send(method, route, { token: who ? token[who] : undefined, body });
        expect(answer.status, `${method} ${route} ${JSON.stringify(body)}`).toBe(400);
        expectClientError(answer, route);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('a body over 100 KB → 413, whoever sends it', async () => {
    const before = await snapshot();
    const big = JSON.stringify({ text: 'x'.repeat(101 * 1024) });
    for (const [method, route, who] of routes) {
      const answer = await send(method, route, { token: who ? token[who] : undefined, body: big });
      expect(answer.status, `${method} ${route}`).toBe(413);
      expectClientError(answer, route);
    }
    expect(await snapshot()).toBe(before);
  });

  it('unknown fields are refused (422) and not stored', async () => {
    const id = targets[0];
    const record = (await send('GET', `/api/refunds/${id}`, { token: token.supervisor }))
      .json as RefundRequest;
    const before = await snapshot();
    const bodies = [
      `{"text":"x","secret":true}`,
      `{"text":"x","__proto__":{"status":"refunded"}}`,
      `{"text":"x","constructor":{"prototype":{"polluted":true}}}`,
      `{"text":"x","version":${record.version},"isAdmin":true}`,
    ];
    for (const body of bodies) {
      const answer = await send('POST', `/api/refunds/${id}/notes`, { token: token.supervisor, body });
      expect(answer.status, `POST notes ${body}`).toBe(422);
      const errors = (answer.json as { errors: Record<string, string> }).errors;
      expect(Object.keys(errors).length, body).toBeGreaterThan(0);
    }
    for (const extra of [
      '"secret":true',
      '"__proto__":{"approvedFen":1}',
      '"constructor":1',
      '"status":"approved"',
    ]) {
      const body = `{"version":${record.version},"customerMessage":"ok",${extra}}`;
      const answer = await send('POST', `/api/refunds/${id}/approve`, { token: token.supervisor, body });
      expect(answer.status, body).toBe(422);
      const errors = (answer.json as { errors: Record<string, string> }).errors;
      const field = /^"([^"]+)"/.exec(extra)![1];
      expect(Object.keys(errors), body).toContain(field);
    }
    expect(await snapshot()).toBe(before);
    const after = (await send('GET', `/api/refunds/${id}`, { token: token.supervisor })).json as Record<
      string,
      unknown
    >;
    for (const k of ['secret', 'isAdmin', 'polluted']) expect(after, k).not.toHaveProperty(k);
  });

  it('nothing reached Object.prototype (the server runs in this process)', () => {
    expectPrototypeUntouched();
  });
});
