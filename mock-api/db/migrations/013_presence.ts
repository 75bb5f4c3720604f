// Who is viewing a request or a complaint (the live piece, mock-api/live/presence.ts): one row per
// viewer and record, refreshed by the page's heartbeat and read while fresh (presenceIsFresh), so
// that every API process on the database agrees on who is there.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  await db.schema
    .createTable('presence')
    .addColumn('resource', text, (col) => col.notNull())
    .addColumn('recordId', text, (col) => col.notNull())
    .addColumn('userId', text, (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('seenAt', text, (col) => col.notNull())
    .addColumn('seenMs', int, (col) => col.notNull())
    .addPrimaryKeyConstraint('presencePrimaryKey', ['resource', 'recordId', 'userId'])
    .execute();
  await db.schema.createIndex('presenceSeen').on('presence').columns(['seenMs']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('presence').execute();
}
