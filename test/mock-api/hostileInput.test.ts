// Part 7 item 3: random and malicious input at every read route, with fast-check. Whatever arrives
// (random query parameters, wrong types, path traversal, unicode and very long ids), the answer is a
// 4xx with a JSON `{ message }` within 5 s, never a 5xx. The write routes: hostileWrites.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { READ_RESOURCES, resourcePath, type AnySpec } from '../../mock-api/resources';
import { listQuery } from './harness';
import {
  RUNS,
  token,
  withHostileInputApi,
  send,
  expectClientError,
  PROTO_KEYS,
  parsed,
  isPlainObject,
  idSegment,
  expectPrototypeUntouched,
} from './hostileInputKit';

withHostileInputApi();

// ---------------------------------------------------------------------------------------------
// Reads: lists and single records

const SPECS = READ_RESOURCES;
const RESOURCES = Object.keys(SPECS);

function queryString(params: [string, string[]][]): string {
  const search = new URLSearchParams();
  for (const [name, values] of params) for (const v of values) search.append(name, v);
  return search.toString();
}

const jsonish = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '[',
    '{',
    'null',
    '[]',
    '{}',
    '["id"]',
    '["id","UP"]',
    '["__proto__","ASC"]',
    '[0,1e400]',
    '[-1,5]',
    '[5,1]',
    '[0,100000]',
    '[0.5,2]',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"status":{"$ne":null}}',
    '{"id":[[]]}',
  ),
);

describe('list routes', () => {
  it('answer random sort / range / filter / other parameters with 200 or a JSON 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...RESOURCES),
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom('sort', 'range', 'filter', '_sort', '_start', 'q', 'filter[a]', 'sort[]'),
              fc.string({ maxLength: 12 }),
            ),
            fc.array(jsonish, { minLength: 1, maxLength: 3 }),
          ),
          { maxLength: 4 },
        ),
        async (resource, params) => {
          const answer = await send('GET', `/api/${resourcePath(resource)}?${queryString(params)}`, {
            token: token.reviewer,
          });
          const label = `GET /api/${resource}?${queryString(params)}`;
          if (answer.status === 200) {
            expect(Array.isArray(answer.json), label).toBe(true);
          } else {
            expect(answer.status, label).toBe(400);
            expectClientError(answer, label);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  const KNOWN = new Set(['sort', 'range', 'filter']);
  const validSort = (spec: AnySpec, v: unknown) =>
    Array.isArray(v) &&
    v.length === 2 &&
    typeof v[0] === 'string' &&
    (v[0] === 'id' || Object.hasOwn(spec.fields, v[0])) &&
    (v[1] === 'ASC' || v[1] === 'DESC');
  const validRange = (v: unknown) =>
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((n) => Number.isSafeInteger(n) && n >= 0) &&
    v[1] >= v[0] &&
    v[1] - v[0] < 1000;
  /** A filter key the resource does not know in any form. */
  const unknownFilterKey = (spec: AnySpec, k: string) => {
    const bound = /^(.*)_(gte|lte|gt|lt)$/.exec(k);
    return (
      k !== 'q' &&
      k !== 'id' &&
      !Object.hasOwn(spec.fields, k) &&
      !Object.hasOwn(spec.computedFilters ?? {}, k) &&
      !(bound && Object.hasOwn(spec.fields, bound[1]))
    );
  };
  /** A value of the wrong type for a field (arrays mean any-of, so only non-arrays here). */
  const wrongTyped: Record<string, fc.Arbitrary<unknown>> = {
    number: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.boolean(),
      fc.constant(null),
      fc.object({ maxDepth: 1 }),
    ),
    boolean: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.constant(null),
      fc.object({ maxDepth: 1 }),
    ),
    date: fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.object({ maxDepth: 1 }),
      fc.string({ maxLength: 20 }).filter((s) => Number.isNaN(Date.parse(s))),
    ),
    string: fc.oneof(fc.boolean(), fc.constant(null), fc.object({ maxDepth: 1 })),
    nullableString: fc.oneof(fc.integer(), fc.boolean(), fc.object({ maxDepth: 1 })),
  };

  const invalidQuery = fc.constantFrom(...RESOURCES).chain((resource) => {
    const spec = SPECS[resource];
    const fields = Object.entries(spec.fields);
    const param = (name: string, value: string) => fc.constant<[string, string[]][]>([[name, [value]]]);
    return fc.tuple(
      fc.constant(resource),
      fc.oneof(
        // an unknown parameter
        fc
          .tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/), jsonish)
          .filter(([name]) => !KNOWN.has(name))
          .map(([name, v]): [string, string[]][] => [[name, [v]]]),
        // a known one given twice
        fc
          .tuple(
            fc.constantFrom('sort', 'range', 'filter'),
            fc.array(jsonish, { minLength: 2, maxLength: 3 }),
          )
          .map(([name, values]): [string, string[]][] => [[name, values]]),
        // not JSON
        fc
          .tuple(fc.constantFrom('sort', 'range', 'filter'), fc.string({ maxLength: 60 }))
          .filter(([, v]) => parsed(v).ok === false || v.trim() === '')
          .chain(([name, v]) => param(name, v)),
        // JSON of the wrong shape
        fc
          .jsonValue({ maxDepth: 3 })
          .filter((v) => !validSort(spec, v))
          .chain((v) => param('sort', JSON.stringify(v))),
        fc
          .jsonValue({ maxDepth: 2 })
          .filter((v) => !validRange(v))
          .chain((v) => param('range', JSON.stringify(v))),
        fc
          .jsonValue({ maxDepth: 2 })
          .filter((v) => !isPlainObject(v) && v !== null)
          .chain((v) => param('filter', JSON.stringify(v))),
        // a filter the resource does not know
        fc
          .tuple(
            fc.oneof(
              fc.constantFrom(...PROTO_KEYS, 'status_gte', 'q_lt', 'nope'),
              fc.string({ maxLength: 20 }),
            ),
            fc.jsonValue({ maxDepth: 2 }),
          )
          .filter(([k, v]) => unknownFilterKey(spec, k) && v !== '')
          .map(([k, v]) => `{${JSON.stringify(k)}:${JSON.stringify(v)}}`)
          .chain((text) => param('filter', text)),
        // a known field with a value of the wrong type
        fc
          .constantFrom(...fields)
          .chain(([field, type]) => wrongTyped[type].map((v) => ({ [field]: v })))
          .chain((filter) => param('filter', JSON.stringify(filter))),
      ),
    );
  });

  it('answer invalid parameters with a JSON 400', async () => {
    await fc.assert(
      fc.asyncProperty(invalidQuery, async ([resource, params]) => {
        const route = `/api/${resourcePath(resource)}?${queryString(params)}`;
        const answer = await send('GET', route, { token: token.manager });
        expect(answer.status, `${route} → ${answer.text.slice(0, 200)}`).toBe(400);
        expectClientError(answer, route);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuse computed filters with values of the wrong kind', async () => {
    const cases: [string, object][] = [
      ['refunds', { slaState: 'late' }],
      ['refunds', { slaState: [1] }],
      ['refunds', { againstSuggestion: 'yes' }],
      ['refunds', { decided: 'today' }],
      ['refunds', { decided: { from: 'x', to: 'y' } }],
      ['refunds', { decided: { from: '2026-01-02', to: '2026-01-01' } }],
      ['refunds', { decided: { from: '2026-01-01', to: '2026-01-02', outcome: 'maybe' } }],
      ['refunds', { decided: { from: '2026-01-01', to: '2026-01-02', __proto__x: 1 } }],
      ['complaints', { overdue: 'no' }],
      ['complaints', { outcome: [1] }],
    ];
    for (const [resource, filter] of cases) {
      const route = `/api/${resourcePath(resource)}${listQuery({ filter })}`;
      const answer = await send('GET', route, { token: token.supervisor });
      expect(answer.status, route).toBe(400);
      expectClientError(answer, route);
    }
  });
});

describe('single-record routes', () => {
  it('answer unknown, malformed, traversing, unicode and very long ids with a JSON 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ...RESOURCES.map((r) => `/api/${resourcePath(r)}/:id`),
          '/api/refunds/:id/profile',
          '/api/refunds/:id/policy',
        ),
        idSegment,
        async (pattern, segment) => {
          const route = pattern.replace(':id', segment);
          expectClientError(await send('GET', route, { token: token.supervisor }), `GET ${route}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('answer a URL over the 16 KB header limit with a 4xx, not a hang', async () => {
    // today Node's parser answers 431 with an empty body before the app sees the request
    const answer = await send('GET', `/api/refunds/${'r'.repeat(20_000)}`, { token: token.supervisor });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });
});

describe('after the hostile reads', () => {
  it('nothing reached Object.prototype (the server runs in this process)', () => {
    expectPrototypeUntouched();
  });
});
