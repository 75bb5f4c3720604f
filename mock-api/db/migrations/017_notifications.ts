// Notifications (issue 17 item 6, mock-api/notifications/): one row per (recipient, kind, cause),
// kept unique by the database itself, so that the timers of two API processes, or a command and a
// timer, inserting the same notification at once leave one row (INSERT … ON CONFLICT DO NOTHING).
// `seq` is the order rows were written in: the live stream's feed polls it.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  await db.schema
    .createTable('notifications')
    .addColumn('seq', int, (col) =>
      engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedAlwaysAsIdentity(),
    )
    .addColumn('id', text, (col) => col.notNull().unique())
    .addColumn('recipientId', text, (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', text, (col) => col.notNull())
    .addColumn('causeKey', text, (col) => col.notNull())
    // the catalogue's placeholders as JSON: the text is rendered in the reader's language
    .addColumn('params', text, (col) => col.notNull())
    .addColumn('link', text, (col) => col.notNull())
    .addColumn('createdAt', text, (col) => col.notNull())
    .addColumn('readAt', text)
    .addUniqueConstraint('notificationsOnePerCause', ['recipientId', 'kind', 'causeKey'])
    .execute();
  // a recipient's list, newest first, and their unread count
  await db.schema
    .createIndex('notificationsRecipient')
    .on('notifications')
    .columns(['recipientId', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifications').ifExists().execute();
}
