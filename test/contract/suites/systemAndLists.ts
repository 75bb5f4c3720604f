// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// system and sign-in; lists and records in the simple-rest dialect.
import { describe, expect, it } from 'vitest';
import {
  call,
  countCheck,
  CROSS_ORIGIN,
  LONG_ID,
  need,
  NO_SUCH_ID,
  send,
  spec,
  target,
} from '../contractClient';

export function describeSystemAndLists(): void {
  describe('system and sign-in', () => {
    it('answers health without a token', async () => {
      const res = await call('getHealth', { kind: 'valid' });
      expect((res.body as { ok: boolean }).ok).toBe(true);
    });

    it('signs in, and refuses bad sign-ins with 400 / 401 / 422', async () => {
      const env = process.env;
      const username = env.CONTRACT_USERNAME ?? 'reviewer';
      const password = env.CONTRACT_PASSWORD ?? 'password';
      const ok = await call('login', { body: { username, password }, kind: 'valid' });
      expect((ok.body as { user: { username: string } }).user.username).toBe(username);
      const unknown = `contract-nobody-${Date.now()}`;
      await call('login', { body: { username: unknown, password: 'wrong' }, kind: 'invalid', expect: 401 });
      await call('login', { body: { username }, kind: 'invalid', schemaInvalid: true, expect: 422 });
      await call('login', {
        body: { username: '', password },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('login', {
        body: { username, password, remember: true },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('login', { rawBody: '["reviewer"]', kind: 'invalid', schemaInvalid: true, expect: 400 });
      await call('login', { rawBody: '{"username":', kind: 'invalid', expect: 400 });
    });

    it('locks one username out after five failed sign-ins (429 with Retry-After)', async () => {
      const username = `contract-lock-${Date.now()}`;
      for (let i = 0; i < 5; i++) {
        await call('login', { body: { username, password: `wrong-${i}` }, kind: 'invalid', expect: 401 });
      }
      const locked = await call('login', {
        body: { username, password: 'wrong' },
        kind: 'invalid',
        expect: 429,
      });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    });

    it('says who is signed in', async () => {
      const res = await call('getMe', { as: 'supervisor', kind: 'valid' });
      expect(res.body).toMatchObject({ role: 'supervisor' });
      await call('getMe', { as: null, kind: 'invalid', expect: 401 });
    });
  });

  describe('lists and records in the simple-rest dialect', () => {
    const LISTS = [
      {
        list: 'listRefunds',
        get: 'getRefund',
        sort: 'slaDueAt',
        filter: { status: ['pending', 'in_review'] },
      },
      { list: 'listComplaints', get: null, sort: 'dueAt', filter: { status: 'open' } },
      { list: 'listEvents', get: 'getEvent', sort: 'at', filter: { subject: 'refund' } },
      { list: 'listUsers', get: 'getUser', sort: 'fullName', filter: { role: 'reviewer', active: true } },
      { list: 'listCustomers', get: 'getCustomer', sort: 'name', filter: { accountStatus: 'normal' } },
      { list: 'listOrders', get: 'getOrder', sort: 'purchasedAt', filter: { paymentChannel: 'alipay' } },
      { list: 'listNotes', get: 'getNote', sort: 'at', filter: { at_gte: '2000-01-01T00:00:00.000Z' } },
    ] as const;

    for (const { list, get, sort, filter } of LISTS) {
      it(`${list}: pages, filters, sorts, and refuses malformed parameters with 400`, async () => {
        const page = await call(list, {
          as: 'reviewer',
          kind: 'valid',
          query: { sort: [sort, 'DESC'], range: [0, 9] },
        });
        const rows = page.body as { id: string }[];
        expect(rows.length).toBeLessThanOrEqual(10);
        const [, start, end, total] = /^\w+ (?:(\d+)-(\d+)|\*)\/(\d+)$/.exec(
          page.headers.get('content-range')!,
        )!;
        if (rows.length > 0) expect(Number(end) - Number(start) + 1).toBe(rows.length);
        else expect(Number(total)).toBe(0);

        // a big page validates many records against the schema at once
        await call(list, { as: 'supervisor', kind: 'valid', query: { range: [0, 999] } });
        await call(list, {
          as: 'supervisor',
          kind: 'valid',
          query: { sort: ['id', 'ASC'], range: [0, 4], filter },
        });
        await call(list, {
          as: 'supervisor',
          kind: 'valid',
          query: { filter: { q: 'zz-nothing-matches-this' } },
        });

        await call(list, {
          as: 'reviewer',
          kind: 'invalid',
          query: { sort: ['noSuchField', 'ASC'] },
          expect: 400,
        });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { sort: [sort, 'UP'] }, expect: 400 });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { range: [5, 1] }, expect: 400 });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { range: 'not json' }, expect: 400 });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { filter: [1] }, expect: 400 });
        await call(list, {
          as: 'reviewer',
          kind: 'invalid',
          query: { filter: { noSuchFilter: 1 } },
          expect: 400,
        });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { _sort: 'id' }, expect: 400 });

        // a browser on another origin must be able to read Content-Range
        const cors = await call(list, {
          as: 'reviewer',
          kind: 'valid',
          query: { range: [0, 0] },
          headers: { origin: CROSS_ORIGIN },
        });
        expect(cors.headers.get('access-control-allow-origin')).toBe(CROSS_ORIGIN);
        expect(cors.headers.get('access-control-expose-headers') ?? '').toMatch(/content-range/i);

        if (get) {
          if (need(rows[0], `record of ${list}`)) {
            const one = await call(get, { as: 'reviewer', id: rows[0].id, kind: 'valid' });
            expect((one.body as { id: string }).id).toBe(rows[0].id);
          }
          await call(get, { as: 'reviewer', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
          await call(get, { as: 'reviewer', id: LONG_ID, kind: 'invalid', expect: [400, 404] });
        }
      });
    }

    it('answers an unknown route with a 404 Error', async () => {
      const res = await send('get', `${target.baseUrl}/api/no-such-route`, { as: 'reviewer' });
      expect(res.status).toBe(404);
      expect(spec.validator.validate({ $ref: '#/components/schemas/Error' }, res.body)).toEqual([]);
      countCheck();
    });
  });
}
