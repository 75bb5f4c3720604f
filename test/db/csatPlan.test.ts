// The dashboard's CSAT stays on migration 024's index on both engines: a period's ratings are one
// range of the decided-time index (read from the index alone without a channel filter), never a
// scan of every rating.
import { sql, type Compilable, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { csatQuery } from '../../mock-api/customerSatisfaction';
import { migrateToLatest } from '../../mock-api/db/migrate';
import type { Database } from '../../mock-api/db/schema';
import { useBothEngines } from '../support/databases';

const PERIOD = {
  fromMs: Date.parse('2026-09-01T00:00:00.000Z'),
  toMs: Date.parse('2026-12-01T00:00:00.000Z'),
};

/** The plan's text (PostgreSQL: sequential scans priced out, so an empty table shows the index). */
async function planOf(db: Kysely<Database>, engine: 'sqlite' | 'postgres', query: Compilable) {
  const compiled = query.compile();
  return db.connection().execute(async (conn) => {
    if (engine === 'postgres') await sql`set enable_seqscan = off`.execute(conn);
    const explain = engine === 'sqlite' ? 'explain query plan ' : 'explain ';
    const rows = await conn.executeQuery<Record<string, unknown>>({
      ...compiled,
      sql: explain + compiled.sql,
    });
    return rows.rows.map((r) => String(r.detail ?? r['QUERY PLAN'])).join('\n');
  });
}

describe.each(['sqlite', 'postgres'] as const)('the CSAT plan on %s', (engine) => {
  const dbs = useBothEngines(`csat_plan_${engine}`);

  it('reads the period from the decided-time index, by itself without a channel filter', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const plain = await planOf(db, engine, csatQuery(db, { ...PERIOD, filters: {} }));
    expect(plain, plain).toMatch(/customerRatingsDecided/);
    expect(plain, plain).toMatch(engine === 'sqlite' ? /COVERING INDEX/ : /Index Only Scan/);
    const filtered = await planOf(
      db,
      engine,
      csatQuery(db, {
        ...PERIOD,
        filters: { reasonCategory: ['other'], paymentChannel: ['alipay'], reviewerId: 'u1' },
      }),
    );
    expect(filtered, filtered).toMatch(/customerRatingsDecided/);
    expect(filtered, filtered).not.toMatch(/Seq Scan|SCAN customerRatings(?! USING)/);
  });
});
