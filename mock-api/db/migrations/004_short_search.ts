// The index for needles of one or two characters (shortSearch.ts explains the grams).
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';
import { REFUND_SEARCH_COLUMNS } from './002_search';

const columnList = REFUND_SEARCH_COLUMNS.map((c) => `"${c}"`).join(', ');
const values = (row: 'new' | 'old') => REFUND_SEARCH_COLUMNS.map((c) => `${row}."${c}"`).join(', ');

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    // contentless (the grams are not kept twice), no positions: a gram is found or not
    await sql
      .raw(
        `CREATE VIRTUAL TABLE "refundsShortSearch" USING fts5(grams, content='', contentless_delete=1,
           detail=none, tokenize='ascii')`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER "refundsShortSearchInsert" AFTER INSERT ON "refunds" BEGIN
           INSERT INTO "refundsShortSearch"(rowid, grams) VALUES (new."rowKey", search_grams(${values('new')}));
         END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER "refundsShortSearchDelete" AFTER DELETE ON "refunds" BEGIN
           DELETE FROM "refundsShortSearch" WHERE rowid = old."rowKey";
         END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER "refundsShortSearchUpdate" AFTER UPDATE OF ${columnList} ON "refunds" BEGIN
           DELETE FROM "refundsShortSearch" WHERE rowid = old."rowKey";
           INSERT INTO "refundsShortSearch"(rowid, grams) VALUES (new."rowKey", search_grams(${values('new')}));
         END`,
      )
      .execute(db);
    // requests stored before this migration
    await sql
      .raw(
        `INSERT INTO "refundsShortSearch"(rowid, grams)
           SELECT "rowKey", search_grams(${columnList}) FROM "refunds"`,
      )
      .execute(db);
    return;
  }
  await sql`
    CREATE FUNCTION refund_search_grams(a text, b text, c text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT substr(x, n, len)), '{}')
      FROM unnest(ARRAY[a, b, c]) AS x,
           generate_series(1, coalesce(length(x), 0)) AS n,
           (VALUES (1), (2)) AS l(len)
      WHERE n + len - 1 <= length(x)
    $$`.execute(db);
  await sql
    .raw(`CREATE INDEX "refunds_short_grams" ON "refunds" USING gin (refund_search_grams(${columnList}))`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    for (const trigger of ['Insert', 'Delete', 'Update']) {
      await sql.raw(`DROP TRIGGER IF EXISTS "refundsShortSearch${trigger}"`).execute(db);
    }
    await sql`DROP TABLE IF EXISTS "refundsShortSearch"`.execute(db);
    return;
  }
  await sql`DROP INDEX IF EXISTS "refunds_short_grams"`.execute(db);
  await sql`DROP FUNCTION IF EXISTS refund_search_grams(text, text, text)`.execute(db);
}
