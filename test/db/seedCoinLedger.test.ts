// The seed's coin ledger: every request it made holds its order's coins, and its played history
// released or revoked them through the same commit as the API's (coinLedger.ts), so the ledger
// adds up: held = released + revoked per settled request, and one order's coins are taken once.
import { describe, expect, it } from 'vitest';
import { coinHoldTotals, unspentCoins } from '../../src/domain/coinHold';
import { OPEN_REFUND_STATUSES, type CoinMovement } from '../../src/domain/model';
import { sql } from 'kysely';
import { generateSeed } from '../../mock-api/seed/index';
import { writeSnapshot } from '../../mock-api/seed/writer';
import { useBothEngines } from '../support/databases';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const snapshot = await generateSeed({ count: 400, seed: 23, nowMs: NOW_MS, withComplaints: true });

describe('the seed’s coin ledger', () => {
  it('gives every request a hold that its ledger lines add up to', () => {
    const lines = new Map<string, CoinMovement[]>();
    for (const m of snapshot.coinMovements) lines.set(m.refundId, [...(lines.get(m.refundId) ?? []), m]);
    const refunds = new Set(snapshot.refunds.map((r) => r.id));
    for (const m of snapshot.coinMovements) {
      expect(refunds.has(m.refundId)).toBe(true);
      expect(m.coins).toBeGreaterThan(0);
      expect(m.id).toMatch(/^cm\d+$/);
    }
    let settled = 0;
    for (const r of snapshot.refunds) {
      expect(r.coinHold, r.id).toBeTruthy();
      const hold = r.coinHold!;
      const sum = (kind: CoinMovement['kind']) =>
        (lines.get(r.id) ?? []).filter((m) => m.kind === kind).reduce((s, m) => s + m.coins, 0);
      expect(sum('held'), r.id).toBe(hold.coins);
      const totals = coinHoldTotals(hold);
      expect(sum('released'), r.id).toBe(totals.released);
      expect(sum('revoked'), r.id).toBe(totals.revoked);
      if (OPEN_REFUND_STATUSES.includes(r.status)) expect(hold.status, r.id).toBe('held');
      else {
        expect(hold.status, r.id).not.toBe('held');
        settled++;
      }
      if (r.status === 'rejected') expect(hold.status, r.id).toBe('released');
    }
    expect(settled).toBeGreaterThan(50);
    expect(snapshot.coinMovements.some((m) => m.kind === 'revoked')).toBe(true);
    expect(snapshot.coinMovements.some((m) => m.kind === 'released')).toBe(true);
  });

  it('takes one order’s coins once, however many requests it has', () => {
    const byOrder = new Map<string, number>();
    for (const r of snapshot.refunds) {
      const t = coinHoldTotals(r.coinHold!);
      byOrder.set(r.orderId, (byOrder.get(r.orderId) ?? 0) + t.held + t.revoked);
    }
    for (const order of snapshot.orders) {
      expect(byOrder.get(order.id) ?? 0, order.id).toBeLessThanOrEqual(unspentCoins(order));
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('the seed’s coin ledger written to %s', (engine) => {
  const dbs = useBothEngines(`coin_ledger_${engine}`);

  it('stores every line and every hold, and each request’s held coins are its hold’s', async () => {
    const { db } = dbs.handles[engine];
    await writeSnapshot(db, snapshot, { rollups: false });
    const { rows } = await sql<{ n: number | string }>`select count(*) as "n" from "coinMovements"`.execute(
      db,
    );
    expect(Number(rows[0].n)).toBe(snapshot.coinMovements.length);
    const held = await sql<{ refundId: string; coins: number | string }>`
      select "refundId", sum("coins") as "coins" from "coinMovements" where "kind" = 'held'
      group by "refundId"`.execute(db);
    const stored = await db.selectFrom('refunds').select(['id', 'coinHold']).execute();
    const byRefund = new Map(held.rows.map((r) => [r.refundId, Number(r.coins)]));
    for (const r of stored) {
      const hold = JSON.parse(r.coinHold!) as { coins: number };
      expect(byRefund.get(r.id) ?? 0, r.id).toBe(hold.coins);
    }
  });
});
