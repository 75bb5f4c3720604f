// The desk's clocks as an admin sets them (src/domain/slaSettings.ts): one row per settings kind
// ("sla"), its body as JSON with a version for optimistic writes; and `refunds.secondApprovalDueAt`,
// when a supervisor's second approval is due (null while none is awaited); `deskSettingsChanges`
// keeps every saved version with who saved it. No row means the
// defaults: the 24 × 7 calendar with the seed's targets, so nothing changes until an admin edits it.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  await db.schema
    .createTable('deskSettings')
    .addColumn('kind', text, (col) => col.notNull().primaryKey())
    .addColumn('body', text, (col) => col.notNull())
    .addColumn('version', int, (col) => col.notNull())
    .addColumn('updatedAt', text, (col) => col.notNull())
    .addColumn('updatedBy', text)
    .execute();
  // the audit of every save: who saved which version, and what it said
  await db.schema
    .createTable('deskSettingsChanges')
    .addColumn('kind', text, (col) => col.notNull())
    .addColumn('version', int, (col) => col.notNull())
    .addColumn('body', text, (col) => col.notNull())
    .addColumn('changedBy', text, (col) => col.notNull())
    .addColumn('changedAt', text, (col) => col.notNull())
    .addPrimaryKeyConstraint('deskSettingsChangesPrimaryKey', ['kind', 'version'])
    .execute();
  await db.schema.alterTable('refunds').addColumn('secondApprovalDueAt', text).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refunds').dropColumn('secondApprovalDueAt').execute();
  await db.schema.dropTable('deskSettingsChanges').execute();
  await db.schema.dropTable('deskSettings').execute();
}
