// Staff accounts an administrator manages (mock-api/routes/users.ts): each account carries a
// version, so a role change, a deactivation or a reactivation is written only over the account as
// its sender saw it (the other workflow writes do the same). Accounts stored before start at 1.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const int = sql.raw(engineOf(db) === 'sqlite' ? 'integer' : 'bigint');
  await db.schema.alterTable('users').addColumn('version', int).execute();
  await sql`update "users" set "version" = 1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('version').execute();
}
