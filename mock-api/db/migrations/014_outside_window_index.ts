// Requests asked for outside the refund window, counted by the other flags: outsideWindow is a
// common flag (about one request in seven) but not the first column of the flag index (007), so a
// count of `outsideWindow = 1 and tipping = 0` read that whole index, one entry per request. Its
// own partial index holds only those requests, led by the flags listed with it.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const set = engineOf(db) === 'postgres' ? sql.lit(true) : sql.lit(1);
  await db.schema
    .createIndex('refundsOutsideWindow')
    .on('refunds')
    .columns(['tipping', 'hasSpentCoins'])
    .where(sql.ref('outsideWindow'), '=', set)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('refundsOutsideWindow').ifExists().execute();
}
