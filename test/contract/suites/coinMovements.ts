// The contract suite (test/contract/contract.test.ts registers the parts in order), this part: the
// coin ledger (GET /api/coin-movements, read-only) and the coinHold the requests carry. Runs after
// the refund decisions, so the picked requests have held, released or revoked coins.
import { describe, expect, it } from 'vitest';
import { call, NO_SUCH_ID, picked } from '../contractClient';

interface Movement {
  id: string;
  refundId: string;
  kind: string;
}

export function describeCoinMovements(): void {
  describe('the coin ledger', () => {
    it('lists a request’s coin movements (listCoinMovements, getCoinMovement) and refuses malformed queries', async () => {
      const page = await call('listCoinMovements', {
        as: 'reviewer',
        kind: 'valid',
        query: { sort: ['at', 'DESC'], range: [0, 49] },
      });
      const rows = page.body as Movement[];
      expect(page.headers.get('content-range')).toMatch(/^coin-movements /);
      const refundId = picked.p1?.id ?? rows[0]?.refundId;
      if (refundId) {
        const mine = await call('listCoinMovements', {
          as: 'supervisor',
          kind: 'valid',
          query: { sort: ['at', 'ASC'], range: [0, 99], filter: { refundId } },
        });
        for (const m of mine.body as Movement[]) expect(m.refundId).toBe(refundId);
        const request = await call('getRefund', { as: 'supervisor', id: refundId, kind: 'valid' });
        expect(request.body).toHaveProperty('coinHold');
      }
      await call('listCoinMovements', {
        as: 'supervisor',
        kind: 'valid',
        query: { range: [0, 9], filter: { kind: ['held', 'revoked'] } },
      });
      if (rows[0]) {
        const one = await call('getCoinMovement', { as: 'reviewer', id: rows[0].id, kind: 'valid' });
        expect((one.body as Movement).id).toBe(rows[0].id);
      }
      await call('getCoinMovement', { as: 'reviewer', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
      await call('getCoinMovement', { as: null, id: NO_SUCH_ID, kind: 'invalid', expect: 401 });
      await call('listCoinMovements', {
        as: 'reviewer',
        kind: 'invalid',
        query: { sort: ['noSuchField', 'ASC'] },
        expect: 400,
      });
      await call('listCoinMovements', { as: null, kind: 'invalid', expect: 401 });
    });
  });
}
