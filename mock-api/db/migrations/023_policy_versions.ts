// The refund policy's numbers as versions (src/domain/policyVersions.ts): one row per version,
// never updated, its parameters as JSON; and `refunds.policyVersion`, the version each request was
// judged under. Version 1 holds the rules as they were written (7 days, ¥500, tipping), in force
// from the start of time, so every request stored before this migration keeps its judgement.
import { sql, type Kysely } from 'kysely';
import {
  FIRST_POLICY_EFFECTIVE_AT,
  FIRST_POLICY_PARAMETERS,
  FIRST_POLICY_VERSION,
} from '../../../src/domain/policyVersions';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  await db.schema
    .createTable('policyVersions')
    .addColumn('version', int, (col) => col.notNull().primaryKey())
    .addColumn('effectiveAt', text, (col) => col.notNull().unique())
    .addColumn('parameters', text, (col) => col.notNull())
    .addColumn('note', text, (col) => col.notNull())
    .addColumn('createdBy', text, (col) => col.notNull())
    .addColumn('createdAt', text, (col) => col.notNull())
    .execute();
  await db
    .withTables<{ policyVersions: Record<string, string | number> }>()
    .insertInto('policyVersions')
    .values({
      version: FIRST_POLICY_VERSION,
      effectiveAt: FIRST_POLICY_EFFECTIVE_AT,
      parameters: JSON.stringify(FIRST_POLICY_PARAMETERS),
      note: 'The refund policy as first written.',
      createdBy: 'system',
      // the rules were there before any desk: the same fixed time on every database
      createdAt: FIRST_POLICY_EFFECTIVE_AT,
    })
    .execute();
  await db.schema
    .alterTable('refunds')
    .addColumn('policyVersion', int, (col) => col.notNull().defaultTo(FIRST_POLICY_VERSION))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refunds').dropColumn('policyVersion').execute();
  await db.schema.dropTable('policyVersions').execute();
}
