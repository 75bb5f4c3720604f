// Single records on both engines: a change is written only over the version it was made from, so
// of two writers that read the same version exactly one succeeds; the search index follows it.
import { describe, expect, it } from 'vitest';
import { connect } from '../../mock-api/db/connect';
import { putRecords } from '../../mock-api/db/codecs';
import { runSqlListQuery } from '../../mock-api/db/listQuery';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { getRecord, updateIfVersion } from '../../mock-api/db/records';
import { refundSpec } from '../../mock-api/resources';
import { useBothEngines } from '../support/databases';
import { COMPLAINED_REFUNDS } from './complaintArbitraries';
import { NOW_MS, stubCustomers, stubOrders } from './listArbitraries';

/** the lists are asked as a supervisor, who may filter by anyone (staffFilters.test.ts checks reviewers) */
const SUPERVISOR = { userId: 's1', role: 'supervisor' } as const;

describe.each(['sqlite', 'postgres'] as const)('versioned writes on %s', (engine) => {
  const dbs = useBothEngines(`records_${engine}`);

  it('let exactly one of two writers of the same version through', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    await putRecords(db, 'customers', stubCustomers());
    await putRecords(db, 'orders', stubOrders());
    await putRecords(db, 'refunds', COMPLAINED_REFUNDS);
    const stored = (await getRecord(db, 'refunds', 'r1'))!;
    expect(stored).toEqual(COMPLAINED_REFUNDS[0]);

    const other = connect(
      engine === 'sqlite' ? { engine, file: dbs.sqliteFile } : { engine, url: dbs.postgresUrl },
    );
    try {
      const version = stored.version;
      const mine = { ...stored, assigneeId: 's1', customerName: '王强', version: version + 1 };
      const theirs = { ...stored, assigneeId: 's2', version: version + 1 };
      const results = await Promise.all([
        updateIfVersion(db, 'refunds', mine, version),
        updateIfVersion(other.db, 'refunds', theirs, version),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const after = (await getRecord(db, 'refunds', 'r1'))!;
      expect(after).toEqual(results[0] ? mine : theirs);
      // a writer still holding the old version is refused
      expect(await updateIfVersion(db, 'refunds', { ...stored, version: version + 1 }, version)).toBe(false);
      expect(await updateIfVersion(db, 'refunds', { ...stored, id: 'r404' }, version)).toBe(false);
      // the search index follows a change of a search field (SQLite: the FTS triggers)
      const renamed = { ...after, customerName: 'ÄSA Lindqvist', version: after.version + 1 };
      expect(await updateIfVersion(db, 'refunds', renamed, after.version)).toBe(true);
      const search = async (q: string) =>
        (
          await runSqlListQuery(
            db,
            'refunds',
            refundSpec,
            { sort: ['id', 'ASC'], range: [0, 9], filter: { q } },
            { nowMs: NOW_MS, caller: SUPERVISOR },
          )
        ).rows.map((r) => r.id);
      expect(await search('äsa lind')).toEqual(['r1']);
      if (stored.customerName.length >= 3) expect(await search(stored.customerName)).not.toContain('r1');
    } finally {
      await other.close();
    }
  });
});
