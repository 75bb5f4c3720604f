// The audit of staff accounts (src/domain/staffAccountChanges.ts): one row per account version an
// administrator's (or a supervisor's, or the holder's own) change produced, with who made it, the
// fields it changed and the requests it handed back to the queue. Written in the change's own
// transaction, so an account never moves on without its row.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  await db.schema
    .createTable('staffAccountChanges')
    .addColumn('userId', text, (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', int, (col) => col.notNull())
    .addColumn('changedBy', text, (col) => col.notNull())
    .addColumn('changedAt', text, (col) => col.notNull())
    // JSON: the changed fields ({ field, from, to }[]) and the released request ids
    .addColumn('fields', text, (col) => col.notNull())
    .addColumn('releasedRefundIds', text, (col) => col.notNull())
    .addPrimaryKeyConstraint('staffAccountChangesPrimaryKey', ['userId', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staffAccountChanges').ifExists().execute();
}
