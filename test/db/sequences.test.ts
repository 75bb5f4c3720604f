// Id sequences on both engines: consecutive, per prefix, never handed out twice, even to many
// connections at once (PostgreSQL's pool), and moved on by an import without going back.
import { describe, expect, it } from 'vitest';
import { connect } from '../../mock-api/db/connect';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { advanceSequence, nextId } from '../../mock-api/db/sequences';
import { useBothEngines } from '../support/databases';

describe.each(['sqlite', 'postgres'] as const)('id sequences on %s', (engine) => {
  const dbs = useBothEngines(`sequences_${engine}`);

  it('count up per prefix, from 1', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    expect([
      await nextId(db, 'r'),
      await nextId(db, 'r'),
      await nextId(db, 'e'),
      await nextId(db, 'r'),
    ]).toEqual(['r1', 'r2', 'e1', 'r3']);
  });

  it('never hand out an id twice to connections asking at once', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    // a second connection to the same database: another API process
    const other = connect(
      engine === 'sqlite' ? { engine, file: dbs.sqliteFile } : { engine, url: dbs.postgresUrl },
    );
    try {
      const ids = await Promise.all(
        Array.from({ length: 60 }, (_, i) => nextId(i % 2 === 0 ? db : other.db, 'c')),
      );
      expect(new Set(ids).size).toBe(60);
      expect(ids.map((id) => Number(id.slice(1))).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    } finally {
      await other.close();
    }
  });

  it('move on past imported ids, never back', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    await advanceSequence(db, 'o', 500);
    await advanceSequence(db, 'o', 20);
    expect(await nextId(db, 'o')).toBe('o501');
  });
});
