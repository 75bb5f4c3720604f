// Routing (issue 17 item 5): each staff account's languages and skills (JSON text) and the cap on
// the requests it may hold (null: DEFAULT_REVIEWER_CAP). Accounts stored before keep nulls, which
// src/domain/reviewerRouting.ts reads as every language, no skill and the default cap.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = engineOf(db) === 'postgres';
  const text = sql.raw(postgres ? 'text collate "C"' : 'text');
  const int = sql.raw(postgres ? 'bigint' : 'integer');
  await db.schema.alterTable('users').addColumn('languages', text).execute();
  await db.schema.alterTable('users').addColumn('skills', text).execute();
  await db.schema.alterTable('users').addColumn('claimCap', int).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['languages', 'skills', 'claimCap']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
