// The platform API's tables (db/platformTables.ts): platform clients with the sha256 of their key,
// and the intakes keyed by (client, Idempotency-Key), so parallel retries of one intake create one
// request (the second insert of a key is a unique violation, on both engines).
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const text = sql.raw(engineOf(db) === 'sqlite' ? 'text' : 'text collate "C"');
  await db.schema
    .createTable('platformClients')
    .addColumn('id', text, (col) => col.primaryKey())
    .addColumn('name', text, (col) => col.notNull())
    .addColumn('keyHash', text, (col) => col.notNull().unique())
    .addColumn('keyPrefix', text, (col) => col.notNull())
    .addColumn('createdAt', text, (col) => col.notNull())
    .addColumn('createdBy', text, (col) => col.notNull())
    .addColumn('revokedAt', text)
    .addColumn('revokedBy', text)
    .execute();
  await db.schema
    .createTable('platformIntakes')
    .addColumn('clientId', text, (col) => col.notNull().references('platformClients.id'))
    .addColumn('idempotencyKey', text, (col) => col.notNull())
    .addColumn('purpose', text, (col) => col.notNull())
    .addColumn('bodyHash', text, (col) => col.notNull())
    .addColumn('refundId', text, (col) => col.notNull())
    .addColumn('createdAt', text, (col) => col.notNull())
    .addPrimaryKeyConstraint('platformIntakesKey', ['clientId', 'idempotencyKey'])
    .execute();
  await db.schema.createIndex('platformIntakesRefund').on('platformIntakes').column('refundId').execute();
  // requests were numbered by the seed alone until now: the platform's (nextId('r')) come after them
  const { rows } = await sql<{ last: number | string | null }>`select max("idNumber") as "last" from "refunds"
    where "id" like 'r%'`.execute(db);
  const last = Math.floor(Number(rows[0]?.last ?? 0));
  if (last > 0) {
    await sql`insert into "idSequences" ("prefix", "last") values ('r', ${last})
      on conflict ("prefix") do update set "last" = case when "idSequences"."last" < ${last}
      then ${last} else "idSequences"."last" end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('platformIntakes').ifExists().execute();
  await db.schema.dropTable('platformClients').ifExists().execute();
}
