// Away mode (issue 17 item 5): whether a staff account is marked away (boolean; null on accounts
// stored before, read as not away) and since when. While away, claim-next hands the account
// nothing; marking it away hands its claims back (mock-api/routes/userAway.ts).
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = engineOf(db) === 'postgres';
  const bool = sql.raw(postgres ? 'boolean' : 'integer');
  const text = sql.raw(postgres ? 'text collate "C"' : 'text');
  await db.schema.alterTable('users').addColumn('away', bool).execute();
  await db.schema.alterTable('users').addColumn('awaySince', text).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['away', 'awaySince']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
