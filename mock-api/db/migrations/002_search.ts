// Full-text search over the refunds' folded search fields (see schema.ts): a trigram index finds
// any substring of three characters or more. Shorter needles (two-character Chinese names such as
// 李娜) are answered by listQuery.ts without the index.
// - SQLite: an FTS5 trigram table over the folded columns (external content: the refunds table),
//   kept current by triggers. case_sensitive 1: the columns are folded already, by JavaScript's
//   rules; FTS5's own folding would differ from them beyond ASCII.
// - PostgreSQL: pg_trgm GIN indexes, which serve `LIKE '%needle%'` on each folded column.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

/** The folded columns of refunds.searchFields (resources.ts), in that order. */
export const REFUND_SEARCH_COLUMNS = ['orderNumberFolded', 'customerNameFolded', 'descriptionFolded'];

const columnList = REFUND_SEARCH_COLUMNS.map((c) => `"${c}"`).join(', ');
const values = (row: 'new' | 'old') => REFUND_SEARCH_COLUMNS.map((c) => `${row}."${c}"`).join(', ');

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    await sql
      .raw(
        `CREATE VIRTUAL TABLE "refundsSearch" USING fts5(${columnList},
           content='refunds', content_rowid='rowKey', tokenize='trigram case_sensitive 1')`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER "refundsSearchInsert" AFTER INSERT ON "refunds" BEGIN
           INSERT INTO "refundsSearch"(rowid, ${columnList}) VALUES (new."rowKey", ${values('new')});
         END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER "refundsSearchDelete" AFTER DELETE ON "refunds" BEGIN
           INSERT INTO "refundsSearch"("refundsSearch", rowid, ${columnList})
             VALUES ('delete', old."rowKey", ${values('old')});
         END`,
      )
      .execute(db);
    // only a change of a search field touches the index (a claim or a decision does not)
    await sql
      .raw(
        `CREATE TRIGGER "refundsSearchUpdate" AFTER UPDATE OF ${columnList} ON "refunds" BEGIN
           INSERT INTO "refundsSearch"("refundsSearch", rowid, ${columnList})
             VALUES ('delete', old."rowKey", ${values('old')});
           INSERT INTO "refundsSearch"(rowid, ${columnList}) VALUES (new."rowKey", ${values('new')});
         END`,
      )
      .execute(db);
    return;
  }
  // pg_trgm makes trigrams of the characters LC_CTYPE calls letters or digits: under C or POSIX
  // none beyond ASCII, so no Chinese name would reach the index (still found, by a full scan)
  const { rows } = await sql<{ ctype: string; encoding: string }>`
    SELECT datctype AS ctype, pg_encoding_to_char(encoding) AS encoding
    FROM pg_database WHERE datname = current_database()`.execute(db);
  const { ctype, encoding } = rows[0];
  if (encoding !== 'UTF8' || ctype === 'C' || ctype === 'POSIX') {
    throw new Error(
      `The PostgreSQL database has encoding ${encoding} and LC_CTYPE ${ctype}: full-text search ` +
        "needs UTF8 and a UTF-8 LC_CTYPE. Create it with ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' " +
        'TEMPLATE template0 (or another UTF-8 locale).',
    );
  }
  // trusted since PostgreSQL 13: the database's owner may create it
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  for (const column of REFUND_SEARCH_COLUMNS) {
    await sql
      .raw(`CREATE INDEX "refunds_${column}_trgm" ON "refunds" USING gin ("${column}" gin_trgm_ops)`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    for (const trigger of ['refundsSearchInsert', 'refundsSearchDelete', 'refundsSearchUpdate']) {
      await sql.raw(`DROP TRIGGER IF EXISTS "${trigger}"`).execute(db);
    }
    await sql`DROP TABLE IF EXISTS "refundsSearch"`.execute(db);
    return;
  }
  for (const column of REFUND_SEARCH_COLUMNS) {
    await sql.raw(`DROP INDEX IF EXISTS "refunds_${column}_trgm"`).execute(db);
  }
}
