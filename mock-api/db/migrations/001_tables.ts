// The tables, their keys and their references. Text columns collate "C" on PostgreSQL so that text
// order is code-point order, as on SQLite (BINARY), whatever locale the server was created with.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { V1_COLUMNS, isNullable, type ColumnKind } from '../columns';
import { engineOf, type Engine } from '../engine';

type Column = (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

function dataType(kind: ColumnKind, engine: Engine) {
  const base = kind.replace('?', '');
  if (engine === 'sqlite') {
    return sql.raw(
      { text: 'text', int: 'integer', real: 'real', bool: 'integer', json: 'text' }[base] ?? base,
    );
  }
  return sql.raw(
    {
      text: 'text collate "C"',
      int: 'bigint',
      real: 'double precision',
      bool: 'boolean',
      json: 'text collate "C"',
    }[base] ?? base,
  );
}

/** What references what: each is a foreign key, enforced (PRAGMA foreign_keys on SQLite). */
const REFERENCES: Record<string, Record<string, string>> = {
  orders: { customerId: 'customers.id' },
  refunds: { orderId: 'orders.id', customerId: 'customers.id' },
  complaints: { refundId: 'refunds.id' },
  events: { refundId: 'refunds.id' },
  notes: { refundId: 'refunds.id' },
  refundDecisions: { refundId: 'refunds.id', eventId: 'events.id' },
};

/** The primary key of each table; every other table is keyed by `id`. */
const PRIMARY_KEYS: Record<string, string> = {
  refundDecisions: 'eventId',
  idSequences: 'prefix',
  storeMeta: 'key',
};

/** Referenced tables first: PostgreSQL checks a reference when the table is created. */
const CREATE_ORDER = [
  'customers',
  'orders',
  'users',
  'refunds',
  'complaints',
  'events',
  'notes',
  'refundDecisions',
  'idSequences',
  'storeMeta',
] as const satisfies readonly (keyof typeof V1_COLUMNS)[];

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  for (const table of CREATE_ORDER) {
    const columns: Record<string, ColumnKind> = V1_COLUMNS[table];
    let create = db.schema.createTable(table);
    const primaryKey = PRIMARY_KEYS[table] ?? 'id';
    for (const [name, kind] of Object.entries(columns)) {
      let column: Column = (col) => (isNullable(kind) ? col : col.notNull());
      if (name === 'rowKey') {
        // the FTS index of migration 002 points at it: an alias of SQLite's rowid survives VACUUM
        column =
          engine === 'sqlite'
            ? (col) => col.primaryKey()
            : (col) => col.notNull().generatedAlwaysAsIdentity().unique();
        create = create.addColumn(name, sql.raw(engine === 'sqlite' ? 'integer' : 'bigint'), column);
        continue;
      }
      if (name === primaryKey) {
        // with a rowKey (SQLite's primary key) the id is a unique key instead
        const keyed = 'rowKey' in columns && engine === 'sqlite';
        const notNull = column;
        column = keyed ? (col) => notNull(col).unique() : (col) => notNull(col).primaryKey();
      }
      const target = REFERENCES[table]?.[name];
      if (target) {
        const previous = column;
        column = (col) => previous(col).references(target);
      }
      create = create.addColumn(name, dataType(kind, engine), column);
    }
    await create.execute();
  }
  await db.schema.createIndex('usersUsername').unique().on('users').column('username').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...CREATE_ORDER].reverse()) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
