// The expected-decision reads stay on their indexes on both engines (DESIGN.md's known trap: keep an
// EXPLAIN check for the queue): the queue ahead of a page is one read of the (status, slaDueAt)
// index, never a scan of every request, and the accuracy card reads migration 020's partial index.
import { sql, type Compilable, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../mock-api/db/migrate';
import type { Database } from '../../mock-api/db/schema';
import { accuracyQuery, aheadQuery } from '../../mock-api/expectedDecisions';
import { useBothEngines } from '../support/databases';

const DUE = ['2026-12-04T09:00:00.000Z', '2026-12-04T10:00:00.000Z'];

/** The plan's text on one pinned connection (PostgreSQL: with sequential scans priced out, so an
 * empty table still shows which index the query can use). */
async function planOf(
  db: Kysely<Database>,
  engine: 'sqlite' | 'postgres',
  query: Compilable,
): Promise<string> {
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

describe.each(['sqlite', 'postgres'] as const)('expected-decision plans on %s', (engine) => {
  const dbs = useBothEngines(`expected_plan_${engine}`);

  it('counts the queue ahead of a page on the (status, slaDueAt) index', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const plan = await planOf(db, engine, aheadQuery(db, DUE, DUE[1]));
    expect(plan, plan).toMatch(/refundsStatusDue|refundsOpenDue/);
    expect(plan, plan).not.toMatch(/Seq Scan|SCAN refunds(?! USING)/);
  });

  it('reads the accuracy card from the partial index of requests told an expectation', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const plan = await planOf(db, engine, accuracyQuery(db, Date.parse(DUE[0]), Date.parse(DUE[1]), {}));
    expect(plan, plan).toMatch(/refundsExpectationDecided/);
  });
});
