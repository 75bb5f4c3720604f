// Webhooks (issue 16 item 6): the endpoints an admin registers, the outbox the commands write their
// events to in their own transaction (one row per event and endpoint, delivered by the dispatcher,
// mock-api/webhooks/dispatcher.ts), and the lease that lets one process at a time dispatch.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  await db.schema
    .createTable('webhookEndpoints')
    .addColumn('id', text, (col) => col.primaryKey())
    .addColumn('url', text, (col) => col.notNull())
    .addColumn('events', text, (col) => col.notNull())
    // the signing secret itself (an HMAC needs it, a hash of it could not sign); never answered after creation
    .addColumn('secret', text, (col) => col.notNull())
    .addColumn('active', int, (col) => col.notNull())
    .addColumn('createdAt', text, (col) => col.notNull())
    .addColumn('createdBy', text)
    .addColumn('disabledAt', text)
    .execute();
  await db.schema
    .createTable('webhookOutbox')
    // the order events were written in: per request, a later event has a larger seq
    .addColumn('seq', int, (col) =>
      engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedAlwaysAsIdentity(),
    )
    .addColumn('id', text, (col) => col.notNull().unique())
    .addColumn('eventId', text, (col) => col.notNull())
    .addColumn('type', text, (col) => col.notNull())
    .addColumn('endpointId', text, (col) => col.notNull())
    .addColumn('refundId', text, (col) => col.notNull())
    .addColumn('body', text, (col) => col.notNull())
    .addColumn('status', text, (col) => col.notNull())
    .addColumn('attempts', int, (col) => col.notNull())
    .addColumn('createdAt', text, (col) => col.notNull())
    .addColumn('retryFromMs', int, (col) => col.notNull())
    .addColumn('nextAttemptMs', int, (col) => col.notNull())
    .addColumn('lastAttemptAt', text)
    .addColumn('lastStatus', int)
    .addColumn('lastError', text)
    .addColumn('deliveredAt', text)
    .execute();
  await db.schema
    .createIndex('webhookOutboxDue')
    .on('webhookOutbox')
    .columns(['status', 'nextAttemptMs'])
    .execute();
  await db.schema
    .createIndex('webhookOutboxOrder')
    .on('webhookOutbox')
    .columns(['endpointId', 'refundId', 'status', 'seq'])
    .execute();
  await db.schema.createIndex('webhookOutboxEvent').on('webhookOutbox').column('eventId').execute();
  await db.schema.createIndex('webhookOutboxType').on('webhookOutbox').columns(['type', 'seq']).execute();
  await db.schema
    .createTable('webhookLeases')
    .addColumn('name', text, (col) => col.primaryKey())
    .addColumn('holder', text, (col) => col.notNull())
    .addColumn('untilMs', int, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['webhookLeases', 'webhookOutbox', 'webhookEndpoints']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
