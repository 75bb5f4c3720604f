// The migrations on both engines: they build the schema on an empty database, a second run changes
// nothing, and the tables have exactly the columns the codecs read (columns.ts).
import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { TABLE_COLUMNS, isNullable } from '../../mock-api/db/columns';
import { putRecords } from '../../mock-api/db/codecs';
import { connect, SQLITE_BUSY_TIMEOUT_MS } from '../../mock-api/db/connect';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { refundRequest } from '../../src/domain/records';
import { useBothEngines } from '../support/databases';
import { createTestDatabase } from '../support/postgres';

const MIGRATIONS = [
  '001_tables',
  '002_search',
  '003_list_indexes',
  '004_short_search',
  '005_metrics_indexes',
  '006_desk_reads',
  '007_list_sort_indexes',
  '008_metrics_rollups',
  '009_staff_admin',
  '010_platform',
  '011_coins',
  '012_webhooks',
  '013_presence',
  '014_outside_window_index',
  '015_sla_settings',
  '016_reviewer_routing',
  '017_notifications',
  '018_reviewer_away',
  '019_complaint_clock',
  '020_expected_decision',
  '021_staff_account_changes',
  '022_decided_waits',
  '023_policy_versions',
  '024_customer_ratings',
];

describe.each(['sqlite', 'postgres'] as const)('migrations on %s', (engine) => {
  const dbs = useBothEngines(`migrations_${engine}`);

  it('apply to an empty database once, and a second run applies nothing', async () => {
    const { db } = dbs.handles[engine];
    const first = await migrateToLatest(db);
    expect(first.map((r) => [r.migrationName, r.status])).toEqual(MIGRATIONS.map((m) => [m, 'Success']));
    expect(await migrateToLatest(db)).toEqual([]);
    // a new connection (a restart) finds them applied too
    const again = connect(
      engine === 'sqlite' ? { engine, file: dbs.sqliteFile } : { engine, url: dbs.postgresUrl },
    );
    try {
      expect(await migrateToLatest(again.db)).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('create exactly the columns the codecs read, nullable where they say', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const tables = await db.introspection.getTables();
    for (const [table, columns] of Object.entries(TABLE_COLUMNS)) {
      const found = tables.find((t) => t.name === table);
      expect(found, table).toBeDefined();
      const actual = Object.fromEntries(found!.columns.map((c) => [c.name, c.isNullable]));
      const expected = Object.fromEntries(
        // SQLite reports its INTEGER PRIMARY KEY (the rowid) as nullable; it never is
        Object.entries(columns).map(([name, kind]) => [
          name,
          name === 'rowKey' && engine === 'sqlite' ? true : isNullable(kind),
        ]),
      );
      expect(actual, table).toEqual(expected);
    }
  });

  it('enforce references between tables', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    await expect(
      sql`insert into "orders" ("id", "orderNumber", "customerId", "coins", "paidFen", "paymentChannel",
        "purchasedAt", "coinsSpent", "coinsSpentOnTips", "orderNumberFolded")
        values ('o1', 'N1', 'no-such-customer', 1, 1, 'alipay', '2026-01-01T00:00:00.000Z', 0, 0, 'n1')`.execute(
        db,
      ),
    ).rejects.toThrow(/foreign key/i);
  });

  it('keep one customer rating per request, of a known request, scored 1 to 5', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    const rating = (refundId: string, score: number) =>
      sql`insert into "customerRatings" ("refundId", "score", "ratedAt", "decidedAt", "outcome",
        "reasonCategory", "paymentChannel", "submissionChannel")
        values (${refundId}, ${score}, '2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
        'approved', 'other', 'alipay', 'app')`.execute(db);
    await expect(rating('no-such-request', 4)).rejects.toThrow(/foreign key/i);
    const request = refundRequest({ id: 'r1', customerId: 'cu1', orderId: 'o1' });
    await putRecords(db, 'customers', [
      {
        id: 'cu1',
        name: 'Casey Tan',
        accountStatus: 'normal',
        locale: 'en',
        registeredAt: '2025-01-01T00:00:00.000Z',
        paymentAccountId: 'pa1',
      },
    ]);
    await putRecords(db, 'orders', [
      {
        id: 'o1',
        orderNumber: request.orderNumber,
        customerId: 'cu1',
        coins: request.coins,
        paidFen: request.paidFen,
        paymentChannel: request.paymentChannel,
        purchasedAt: request.purchasedAt,
        coinsSpent: 0,
        coinsSpentOnTips: 0,
      },
    ]);
    await putRecords(db, 'refunds', [request]);
    await expect(rating('r1', 6)).rejects.toThrow(/check/i);
    await rating('r1', 4);
    await expect(rating('r1', 5)).rejects.toThrow(/unique|duplicate/i);
  });
});

describe('migrations on a PostgreSQL database with the C character classification', () => {
  it('refuse it, saying how to create one where pg_trgm indexes Chinese', async () => {
    const url = await createTestDatabase(inject('postgresSocketDir'), `ctype_c_${process.pid}`, 'C');
    const handle = connect({ engine: 'postgres', url });
    try {
      await expect(migrateToLatest(handle.db)).rejects.toThrow(/002_search.*LC_CTYPE C.*C\.UTF-8/s);
    } finally {
      await handle.close();
    }
  });
});

describe('the SQLite connection', () => {
  const dbs = useBothEngines('sqlite_pragmas');

  it('is in WAL mode, synchronous=FULL, with a busy timeout and foreign keys on', async () => {
    await migrateToLatest(dbs.handles.sqlite.db);
    // read back through a second connection: journal_mode=WAL is a property of the file
    const other = new BetterSqlite3(dbs.sqliteFile, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
    const read = async (pragma: string) =>
      (await sql<Record<string, unknown>>`${sql.raw(`pragma ${pragma}`)}`.execute(dbs.handles.sqlite.db))
        .rows[0];
    expect(Object.values(await read('synchronous'))).toEqual([2]); // FULL
    expect(Object.values(await read('foreign_keys'))).toEqual([1]);
    expect(Object.values(await read('busy_timeout'))).toEqual([SQLITE_BUSY_TIMEOUT_MS]);
  });
});
