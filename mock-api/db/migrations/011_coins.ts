// The coin ledger (src/domain/coinHold.ts): `coinMovements`, one row per hold, release and
// revocation of a request's coins, and `refunds.coinHold`, the hold as it stands (JSON text).
// Requests stored before keep no hold (null); nothing is back-filled.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  const real = sql.raw(engine === 'sqlite' ? 'real' : 'double precision');
  await db.schema.alterTable('refunds').addColumn('coinHold', text).execute();
  await db.schema
    .createTable('coinMovements')
    .addColumn('id', text, (col) => col.notNull().primaryKey())
    .addColumn('idNumber', real)
    .addColumn('refundId', text, (col) => col.notNull().references('refunds.id'))
    .addColumn('orderId', text, (col) => col.notNull())
    .addColumn('customerId', text, (col) => col.notNull())
    .addColumn('kind', text, (col) => col.notNull())
    .addColumn('coins', int, (col) => col.notNull())
    .addColumn('actorId', text)
    .addColumn('reason', text, (col) => col.notNull())
    .addColumn('at', text, (col) => col.notNull())
    .execute();
  // a request's ledger, oldest first (the list's tie-break ends the index)
  await db.schema
    .createIndex('coinMovementsRefundAt')
    .on('coinMovements')
    .columns(['refundId', 'at', 'idNumber', 'id'])
    .execute();
  await db.schema
    .createIndex('coinMovementsAt')
    .on('coinMovements')
    .columns(['at', 'idNumber', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('coinMovements').ifExists().execute();
  await db.schema.alterTable('refunds').dropColumn('coinHold').execute();
}
