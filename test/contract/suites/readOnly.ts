// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// metrics, read-only resources and tokens, coverage.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../openApi';
import {
  call,
  checks,
  coverage,
  me,
  NO_SUCH_ID,
  picked,
  spec,
  target,
  tokens,
  warn,
} from '../contractClient';

export function describeReadOnly(): void {
  describe('metrics', () => {
    const day = (offsetDays: number) =>
      new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

    it('answers the dashboard figures (getMetrics) and refuses malformed queries', async () => {
      const mine = await call('getMetrics', {
        as: 'reviewer',
        kind: 'valid',
        query: { from: day(-30), to: day(1) },
      });
      expect((mine.body as { filters: { reviewerId?: string } }).filters.reviewerId).toBe(me.reviewer!.id);
      await call('getMetrics', {
        as: 'supervisor',
        kind: 'valid',
        query: {
          from: `${day(-60)}T00:00:00Z`,
          to: `${day(-1)}T16:00:00Z`,
          granularity: 'week',
          tz: 'Asia/Shanghai',
          paymentChannel: ['alipay', 'wechat_pay'],
          reasonCategory: ['other'],
          submissionChannel: ['app'],
        },
      });
      if (tokens.manager) {
        await call('getMetrics', {
          as: 'manager',
          kind: 'valid',
          query: { from: day(-7), to: day(0), reviewerId: me.reviewer!.id },
        });
      }
      await call('getMetrics', { as: 'reviewer', kind: 'invalid', query: { to: day(0) }, expect: 400 });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: '2026-02-30', to: day(0) },
        expect: 400,
      });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: day(0), to: day(-1) },
        expect: 400,
      });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: day(-1), to: day(0), granularity: 'hour' },
        expect: 400,
      });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: day(-1), to: day(0), page: '1' },
        expect: 400,
      });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: day(-1), to: day(0), reviewerId: me.supervisor!.id },
        expect: 403,
      });
    });
  });

  // ------------------------------------------------------------------------ read-only and tokens
  describe('read-only resources and tokens', () => {
    it('refuses writes on read-only resources with 405', async () => {
      const readOnly = spec.operations.filter(
        (o) =>
          o.op['x-permission'] === 'none' &&
          (o.op.responses as JsonObject)['405'] !== undefined &&
          !/Complaint|Refund/.test(o.operationId),
      );
      // 5 resources × 8 writes and the coin ledger's 8, less users' POST (createUser): 47
      expect(readOnly.length).toBe(47);
      for (const o of readOnly) {
        await call(o.operationId, {
          as: 'supervisor',
          id: NO_SUCH_ID,
          body: {},
          kind: 'invalid',
          expect: 405,
        });
      }
    });

    it('refuses every secured operation without a valid token (401)', async () => {
      const tampered = tokens.reviewer!.replace(
        /(.{10})(.)/,
        (_m, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'),
      );
      for (const o of spec.operations.filter((op) => op.secured)) {
        const id = picked.p1?.id ?? NO_SUCH_ID;
        const body = ['get', 'delete'].includes(o.method) ? undefined : {};
        for (const authorization of [
          undefined,
          'Bearer',
          'Bearer not-a-token',
          `Bearer ${tampered}`,
          `Basic ${tokens.reviewer}`,
        ]) {
          const res = await call(o.operationId, {
            as: null,
            authorization,
            id,
            body,
            kind: 'invalid',
            expect: 401,
          });
          expect(typeof (res.body as { message: string }).message).toBe('string');
        }
      }
    });

    it('refuses bodies over 100 KB (413) and bodies that are not UTF-8 JSON (415)', async () => {
      // a page on another site can send text/plain or a form without a preflight: never parsed
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        await call('login', {
          rawBody: JSON.stringify({ username: 'reviewer', password: 'password' }),
          headers: { 'content-type': type },
          kind: 'invalid',
          expect: 415,
        });
      }
      const big = JSON.stringify({ version: 1, note: 'x'.repeat(110_000) });
      await call('claimRefund', {
        as: 'reviewer',
        id: picked.p1?.id ?? NO_SUCH_ID,
        rawBody: big,
        kind: 'invalid',
        expect: 413,
      });
      await call('login', {
        rawBody: JSON.stringify({ username: 'x'.repeat(110_000), password: 'p' }),
        kind: 'invalid',
        expect: 413,
      });
      await call('createComplaint', {
        as: 'supervisor',
        rawBody: '{"refundId":"r1"}',
        headers: { 'content-type': 'application/json; charset=latin1' },
        kind: 'invalid',
        expect: 415,
      });
    });
  });

  describe('coverage', () => {
    it('called every operation with valid and invalid inputs', () => {
      const missing: string[] = [];
      for (const o of spec.operations) {
        const seen = coverage.get(o.operationId);
        const responses = Object.keys(o.op.responses as JsonObject);
        const hasSuccess = responses.some((s) => s.startsWith('2'));
        if (!seen) missing.push(`${o.operationId}: never called`);
        else {
          if (hasSuccess && !seen.valid.some((s) => s >= 200 && s < 300))
            missing.push(`${o.operationId}: no 2xx`);
          if (o.secured && seen.invalid.length === 0) missing.push(`${o.operationId}: no invalid call`);
        }
      }
      if (target.external) missing.forEach(warn);
      else expect(missing).toEqual([]);
      console.info(`[contract] ${checks} calls checked against ${spec.operations.length} operations`);
    });
  });
}
