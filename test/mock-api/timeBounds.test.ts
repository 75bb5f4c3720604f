// A time sent to the API is canonical UTC as the records write it (src/domain/instant.ts), or a
// 400 naming the parameter (issue 13, item 10): a "+010000" year, an offset, no zone, a lower-case
// z, spaces, a date alone. Canonical bounds answer what a plain filter over the records answers.
// (Non-canonical times in stored records are another matter: listViews.test.ts.)
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import { listQuery, startTestApi, type TestApi } from './harness';

let api: TestApi;
let manager: string;
let refunds: RefundRequest[];
const nowMs = Date.now();

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 17, nowMs });
  manager = await api.login('manager');
  const all = await api.call('GET', `/api/refunds${listQuery({ range: [0, 999] })}`, { token: manager });
  refunds = all.body as RefundRequest[];
  expect(refunds.length).toBe(300);
});
afterAll(() => api.close());

const list = (resource: string, filter: Record<string, unknown>) =>
  api.call('GET', `/api/${resource}${listQuery({ range: [0, 0], filter })}`, { token: manager });
const total = (res: { headers: Headers }) =>
  Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);

/** an instant around the seed's 60 days, sometimes exactly a record's */
const instantArb = fc.oneof(
  fc.integer({ min: nowMs - 70 * 86_400_000, max: nowMs + 5 * 86_400_000 }),
  fc.constantFrom(nowMs - 30 * 86_400_000, Date.parse('2026-11-01T00:00:00Z')),
);

/** the same instant written in a way that is not canonical UTC */
const nonCanonicalArb = fc.oneof(
  instantArb.chain((ms) => {
    const iso = new Date(ms).toISOString();
    return fc.constantFrom(
      iso.replace('Z', '+08:00'),
      iso.replace('Z', '+00:00'),
      iso.replace('.', ','),
      iso.slice(0, -1), // no zone: Date.parse would read it as local time
      iso.replace('Z', 'z'),
      iso.toLowerCase(),
      ` ${iso}`,
      `${iso} `,
      iso.replace('T', ' '),
      iso.slice(0, 10), // a date alone
      iso.slice(0, 16) + 'Z', // no seconds
      iso.replace(/\.\d{3}/, '.5'),
      iso.replace(/\.\d{3}/, '.123456'),
      new Date(ms).toUTCString(),
      `+00${iso}`, // six-digit year 00yyyy
    );
  }),
  // years past 9999 (toISOString writes "+010000-…") and before 0000 ("-000001-…")
  fc
    .integer({ min: Date.parse('+010000-01-01T00:00:00Z'), max: 8.64e15 })
    .map((ms) => new Date(ms).toISOString()),
  fc
    .integer({ min: -8.64e15, max: Date.parse('0000-01-01T00:00:00Z') - 1 })
    .map((ms) => new Date(ms).toISOString()),
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-13-01T00:00:00Z', '', 'now'),
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d{2}-\d{2}T/.test(s)),
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
);

/** where a time goes in: resource, parameter name, filter */
const TIME_INPUTS: [string, string, (t: unknown) => Record<string, unknown>][] = [
  ['refunds', 'submittedAt_gte', (t) => ({ submittedAt_gte: t })],
  ['refunds', 'submittedAt_lt', (t) => ({ submittedAt_lt: t })],
  ['refunds', 'decidedAt_lte', (t) => ({ decidedAt_lte: t })],
  ['refunds', 'slaDueAt_gt', (t) => ({ slaDueAt_gt: t, status: 'pending' })],
  ['refunds', 'submittedAt', (t) => ({ submittedAt: t })],
  ['refunds', 'decided', (t) => ({ decided: { from: t, to: '9999-01-01T00:00:00Z' } })],
  ['refunds', 'decided', (t) => ({ decided: { from: '2000-01-01T00:00:00Z', to: t } })],
  ['events', 'at_gte', (t) => ({ at_gte: t })],
  ['complaints', 'openedAt_lt', (t) => ({ openedAt_lt: t })],
  ['customers', 'registeredAt_gte', (t) => ({ registeredAt_gte: t })],
  ['orders', 'purchasedAt_lte', (t) => ({ purchasedAt_lte: t })],
];

describe('time filters', () => {
  it('refuse a year past 9999 rather than compare it as text (was: nothing is before year 10000)', async () => {
    const res = await list('refunds', { submittedAt_lt: '+010000-01-01T00:00:00.000Z' });
    expect(res.status, res.text).toBe(400);
    expect(res.body).toMatchObject({ code: 'time_not_canonical_utc' });
    expect((res.body as { message: string }).message).toContain('"submittedAt_lt"');
    // the largest canonical time keeps every submitted request before it
    expect(total(await list('refunds', { submittedAt_lt: '9999-12-31T23:59:59.999Z' }))).toBe(300);
    expect(total(await list('refunds', { submittedAt_gte: '0000-01-01T00:00:00Z' }))).toBe(300);
  });

  it('refuse every time that is not canonical UTC with a 400 naming the parameter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TIME_INPUTS),
        nonCanonicalArb,
        async ([resource, name, filter], t) => {
          const res = await list(resource, filter(t));
          expect(res.status, `${name}=${JSON.stringify(t)}: ${res.text.slice(0, 200)}`).toBe(400);
          const body = res.body as { message: string; code: string };
          expect(body.code).toBe('time_not_canonical_utc');
          expect(body.message).toContain(`"${name}"`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answer canonical bounds, with or without milliseconds, as a plain filter over the records does', async () => {
    const ops = { gte: (a: number, b: number) => a >= b, gt: (a: number, b: number) => a > b };
    const lower = { lte: (a: number, b: number) => a <= b, lt: (a: number, b: number) => a < b };
    const compare = { ...ops, ...lower };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('submittedAt', 'decidedAt', 'slaDueAt'),
        fc.constantFrom(...(Object.keys(compare) as (keyof typeof compare)[])),
        instantArb,
        fc.boolean(),
        async (field, op, ms, millis) => {
          const iso = new Date(ms).toISOString();
          const second = Math.floor(ms / 1000) * 1000;
          const [text, limit] = millis ? [iso, ms] : [`${iso.slice(0, 19)}Z`, second];
          const res = await list('refunds', { [`${field}_${op}`]: text });
          expect(res.status, res.text).toBe(200);
          const expected = refunds.filter((r) => {
            const at = r[field as 'submittedAt'] as string | null;
            return at !== null && compare[op](Date.parse(at), limit);
          }).length;
          expect(total(res)).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('match a stored time by equality, "…:00Z" and "…:00.000Z" alike', async () => {
    const r = refunds[0];
    const expected = refunds.filter((x) => x.submittedAt === r.submittedAt).length;
    expect(total(await list('refunds', { submittedAt: r.submittedAt }))).toBe(expected);
    const second = r.submittedAt.slice(0, 19);
    const withMillis = total(await list('refunds', { submittedAt: `${second}.000Z` }));
    expect(total(await list('refunds', { submittedAt: `${second}Z` }))).toBe(withMillis);
    expect(withMillis).toBe(refunds.filter((x) => x.submittedAt === `${second}.000Z`).length);
  });
});

describe('number filters', () => {
  it('take whole numbers only (fen, coins, versions), naming the parameter', async () => {
    for (const [name, value] of [
      ['paidFen_gte', 1.5],
      ['refundableFen_lt', '100'],
      ['approvedFen_lte', 1e300],
      ['coins', 0.1],
      ['version_gt', null],
    ] as const) {
      const res = await list('refunds', { [name]: value });
      expect(res.status, `${name}=${String(value)}`).toBe(400);
      expect(res.body).toMatchObject({ code: 'number_not_integer' });
      expect((res.body as { message: string }).message).toContain(`"${name}"`);
    }
    const res = await list('refunds', { paidFen_gte: 100 });
    expect(res.status).toBe(200);
    expect(total(res)).toBe(refunds.filter((r) => r.paidFen >= 100).length);
  });
});

describe('the metrics period', () => {
  const metrics = (from: string, to: string) =>
    api.call('GET', `/api/metrics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, {
      token: manager,
    });

  it('refuses a from or to that is neither a calendar date nor canonical UTC', async () => {
    await fc.assert(
      fc.asyncProperty(
        nonCanonicalArb.filter(
          (t) => typeof t === 'string' && t !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(t) && !t.includes('\u0000'),
        ),
        fc.boolean(),
        async (t, isFrom) => {
          const res = isFrom
            ? await metrics(t as string, '2026-12-01T00:00:00Z')
            : await metrics('2026-11-01T00:00:00Z', t as string);
          expect(
            res.status,
            `${isFrom ? 'from' : 'to'}=${JSON.stringify(t)}: ${res.text.slice(0, 200)}`,
          ).toBe(400);
          const body = res.body as { message: string; code: string };
          expect(body.code).toBe('time_not_canonical_utc');
          expect(body.message).toContain(isFrom ? '"from"' : '"to"');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers a canonical period, with or without milliseconds, and a calendar date', async () => {
    const a = await metrics('2026-11-01T00:00:00Z', '2026-12-01T00:00:00.000Z');
    const b = await metrics('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00Z');
    const c = await metrics('2026-11-01', '2026-12-01');
    for (const res of [a, b, c]) expect(res.status, res.text).toBe(200);
    expect((a.body as { totals: unknown }).totals).toEqual((b.body as { totals: unknown }).totals);
    expect((c.body as { from: string }).from).toBe('2026-11-01T00:00:00.000Z');
  });
});
