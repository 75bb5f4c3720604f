// A large seed is made in cohorts (seed/index.ts seedDatabase), so that its memory is one cohort's: the
// cohorts together are one consistent database, on both engines. Here 3 cohorts of 120 stand in for
// 1,000,000 requests in cohorts of 100,000.
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connect } from '../../mock-api/db/connect';
import { seedDatabase } from '../../mock-api/seed/index';
import { OPEN_REFUND_STATUSES } from '../../src/domain/model';
import { allRecords } from '../support/records';
import { useBothEngines } from '../support/databases';

describe.each(['sqlite', 'postgres'] as const)('a seed in cohorts on %s', (engine) => {
  const dbs = useBothEngines(`cohorts_${engine}`);

  it('writes every request once, with its orders, customers, events and ids that never collide', async () => {
    // SQLite: a file no connection holds (the seed writes a new file and renames it into place)
    const file = path.join(path.dirname(dbs.sqliteFile), 'cohorts.sqlite');
    const target =
      engine === 'sqlite'
        ? ({ engine: 'sqlite', file } as const)
        : ({ engine: 'postgres', url: dbs.postgresUrl } as const);
    await seedDatabase(target, { count: 340, seed: 9, nowMs: Date.now(), withComplaints: true }, 120);
    const handle = engine === 'sqlite' ? connect(target) : dbs.handles.postgres;
    onTestFinished(() => (engine === 'sqlite' ? handle.close() : undefined));
    const { db } = handle;
    const refunds = await allRecords(db, 'refunds');
    const orders = await allRecords(db, 'orders');
    const customers = await allRecords(db, 'customers');
    const events = await allRecords(db, 'events');
    const users = await allRecords(db, 'users');
    expect(refunds.map((r) => r.id)).toEqual(Array.from({ length: 340 }, (_, i) => `r${i + 1}`));
    expect(users.length).toBeGreaterThan(0);
    const orderIds = new Set(orders.map((o) => o.id));
    const customerIds = new Set(customers.map((c) => c.id));
    expect(orderIds.size).toBe(orders.length);
    expect(customerIds.size).toBe(customers.length);
    for (const r of refunds) {
      expect(orderIds.has(r.orderId), r.id).toBe(true);
      expect(customerIds.has(r.customerId), r.id).toBe(true);
    }
    // each cohort played its histories: decisions, open work and audit events in every cohort
    for (const [from, to] of [
      [1, 120],
      [121, 240],
      [241, 340],
    ]) {
      const cohort = refunds.filter((r) => Number(r.id.slice(1)) >= from && Number(r.id.slice(1)) <= to);
      expect(cohort.some((r) => r.decidedAt !== null)).toBe(true);
      expect(cohort.some((r) => OPEN_REFUND_STATUSES.includes(r.status))).toBe(true);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const lastEvent = Math.max(...events.map((e) => Number(e.id.slice(1))));
    const sequence = await db
      .selectFrom('idSequences')
      .selectAll()
      .where('prefix', '=', 'e')
      .executeTakeFirst();
    expect(Number(sequence?.last)).toBeGreaterThanOrEqual(lastEvent);
  });
});
