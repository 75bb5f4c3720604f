// The ra-data-simple-rest list (simpleRest.ts parseListQuery's ListQuery) as one parameterised SQL
// query on either engine, answering exactly what the plain scan answers over the same records in
// memory (test/support/referenceList.ts; test/db/listQuery.test.ts holds it). Column names come
// only from the resource's field list (resources.ts), each quoted by Kysely; every value is a bound
// parameter.
//
// The semantics kept, and how:
// - equality, any-of arrays, null aliases ("unassigned"): `=`, `in`, `is null`;
// - `_gte/_gt/_lte/_lt`: numbers are safe integers (validateListFilter refuses others); times are
//   stored as canonical UTC text, where text order is time order, so they compare as text against
//   the bound's toISOString spelling (validateListFilter refuses a bound not canonical UTC);
// - a time's equality compares that same spelling ("…:00Z" equals a stored "…:00.000Z");
// - staff filters and "decided" obey the caller's role (validateListFilter checks them,
//   computedFilters.ts applies "decided");
// - `q`: the needle is trimmed and folded by JavaScript (foldForSearch), and looked up in the
//   folded search columns; three characters or more go through the trigram index (FTS5 on SQLite,
//   pg_trgm behind LIKE on PostgreSQL); one or two (李娜), which a trigram index has nothing to
//   match with, through the index of each request's one- and two-character pieces (shortSearch.ts);
// - order: by the field, then by the id's number, then the id, all in the sort's direction;
//   records without a value last in both directions, by id ascending. (Ids are "<prefix><n>":
//   one without a number, which compareIds orders by text, sorts where each engine puts null.)
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { canonicalUtc } from '../../src/domain/instant';
import { validateListFilter } from '../listFilter';
import type { ListQuery, ListResult, ResourceSpec } from '../simpleRest';
import { OPEN_REFUND_STATUSES } from '../../src/domain/model';
import { TABLE_COLUMNS, isNullable, type ColumnKind } from './columns';
import {
  foldForSearch,
  foldedColumn,
  fromRow,
  holdsNul,
  searchFieldsOf,
  type ResourceRecords,
} from './codecs';
import { FALSE, computedCondition, type Condition, type SqlFilterContext } from './computedFilters';
import { engineOf, type Engine } from './engine';
import { REFUND_SEARCH_COLUMNS } from './migrations/002_search';
import { gramToken, isShortNeedle } from './shortSearch';
import type { Database, ResourceTable } from './schema';

export interface SqlListContext extends SqlFilterContext {
  /** records the caller may see (e.g. a reviewer and other reviewers' complaints), as SQL */
  visible?: Condition;
}

/**
 * Tables with a trigram index over their folded search columns (migration 002) and a gram index
 * for needles of one or two characters (migration 004). The others are searched by a scan.
 */
const FTS_TABLES: Partial<Record<ResourceTable, string>> = { refunds: 'refundsSearch' };

const OPERATORS = { gte: '>=', gt: '>', lte: '<=', lt: '<' } as const;
type BoundOp = keyof typeof OPERATORS;

function boundOf(key: string): { field: string; op: BoundOp } | null {
  const match = /^(.*)_(gte|lte|gt|lt)$/.exec(key);
  return match ? { field: match[1], op: match[2] as BoundOp } : null;
}

class ConditionBuilder {
  readonly terms: Condition[] = [];
  /**
   * The count of the last search term's matches read off its full-text table alone: when it is the
   * only term, that is the list's count, without looking up every match in the table (each match's
   * row is in the table: the triggers of migrations 002 and 004 keep the two alike).
   */
  searchCount?: RawBuilder<{ total: number }>;

  constructor(
    private readonly table: ResourceTable,
    private readonly engine: Engine,
  ) {}

  column(field: string) {
    return sql.ref(`${this.table}.${field}`);
  }

  /** A number as the engines compare it: a double (PostgreSQL would read 2.5 as a bigint, and fail). */
  number(value: number) {
    return this.engine === 'postgres' ? sql`cast(${value} as double precision)` : sql`${value}`;
  }

  /** A boolean as each engine spells the literal (SQLite keeps flags as 0/1). */
  flag(value: boolean) {
    return this.engine === 'postgres' ? sql.lit(value) : sql.lit(value ? 1 : 0);
  }

  add(term: Condition) {
    this.terms.push(term);
  }

  search(needle: string) {
    const columns = searchFieldsOf(this.table).map((f) => this.column(foldedColumn(f)));
    if (columns.length === 0) {
      this.add(FALSE); // as in memory: no field to find it in
      return;
    }
    if (needle.includes('\u0000')) {
      // PostgreSQL text cannot hold U+0000 (nor take it as a parameter): nothing stored holds it.
      // SQLite's text functions stop at it: compare the UTF-8 bytes instead.
      const tests = columns.map((c) => sql<SqlBool>`instr(cast(${c} as blob), cast(${needle} as blob)) > 0`);
      this.add(this.engine === 'postgres' ? FALSE : sql<SqlBool>`(${sql.join(tests, sql` or `)})`);
      return;
    }
    const fts = FTS_TABLES[this.table];
    if (fts && isShortNeedle(needle)) {
      this.add(this.shortSearch(needle));
      return;
    }
    if (fts && this.engine === 'sqlite') {
      const phrase = `"${needle.replaceAll('"', '""')}"`;
      this.searchCount = sql<{
        total: number;
      }>`select count(*) as "total" from ${sql.table(fts)} where ${sql.table(fts)} match ${phrase}`;
      this.add(
        sql<SqlBool>`${this.column('rowKey')} in (select rowid from ${sql.table(fts)} where ${sql.table(
          fts,
        )} match ${phrase})`,
      );
      return;
    }
    const tests =
      this.engine === 'postgres'
        ? columns.map((c) => sql<SqlBool>`${c} like ${`%${escapeLike(needle)}%`} escape ${sql.lit('\\')}`)
        : columns.map((c) => sql<SqlBool>`instr(${c}, ${needle}) > 0`);
    this.add(sql<SqlBool>`(${sql.join(tests, sql` or `)})`);
  }

  /** A needle of one or two characters: one of the record's grams (shortSearch.ts). */
  private shortSearch(needle: string): Condition {
    if (this.engine === 'sqlite') {
      const token = `"${gramToken(needle)}"`;
      this.searchCount = sql<{
        total: number;
      }>`select count(*) as "total" from "refundsShortSearch" where "refundsShortSearch" match ${token}`;
      return sql<SqlBool>`${this.column('rowKey')} in (select rowid from "refundsShortSearch" where "refundsShortSearch" match ${token})`;
    }
    const columns = REFUND_SEARCH_COLUMNS.map((c) => this.column(c));
    return sql<SqlBool>`refund_search_grams(${sql.join(columns)}) @> array[cast(${needle} as text)]`;
  }

  bound(field: string, op: BoundOp, kind: 'number' | 'date', value: unknown) {
    const column = this.column(field);
    const operator = sql.raw(OPERATORS[op]);
    if (kind === 'number') {
      this.add(sql<SqlBool>`${column} ${operator} ${this.number(value as number)}`);
      return;
    }
    // validateListFilter has refused a bound that is not canonical UTC, so this is never null
    const limit = canonicalUtc(value);
    const present = sql<SqlBool>`(${column} is not null and ${column} <> '')`;
    this.add(limit === null ? FALSE : sql<SqlBool>`(${present} and ${column} ${operator} ${limit})`);
  }

  equality(field: string, values: readonly unknown[], kind: ColumnKind) {
    const column = this.column(field);
    // no stored text holds U+0000 (codecs.ts toRow refuses it): such a value matches nothing
    const nonNull = values.filter((v) => v !== null && !holdsNul(v));
    const encoded = nonNull.map((v) =>
      // a boolean as a literal 1 or 0 (the filter was validated): the flag's partial index
      // (migration 007) then answers it, which a bound parameter could not
      kind === 'bool' ? this.flag(Boolean(v)) : typeof v === 'number' ? this.number(v) : sql`${v}`,
    );
    const tests: Condition[] = [];
    if (encoded.length === 1) tests.push(sql<SqlBool>`${column} = ${encoded[0]}`);
    if (encoded.length > 1) tests.push(sql<SqlBool>`${column} in (${sql.join(encoded)})`);
    if (values.includes(null)) tests.push(sql<SqlBool>`${column} is null`);
    this.add(tests.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(tests, sql` or `)})`);
  }
}

/**
 * The queue's "open" filter, written with the very literals of the partial index refundsOpenDue
 * (migration 003): an engine uses a partial index only for a condition it can match to the index's
 * own, and a bound parameter does not match. The literals are the constant's, never the request's.
 */
const OPEN_STATUSES_CONDITION = sql<SqlBool>`(${sql.ref('refunds.status')} in (${sql.join(
  OPEN_REFUND_STATUSES.map((s) => sql.lit(s)),
)}))`;

function isOpenStatusSet(values: readonly unknown[]): boolean {
  const wanted = new Set(values);
  return wanted.size === OPEN_REFUND_STATUSES.length && OPEN_REFUND_STATUSES.every((s) => wanted.has(s));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE of a list query. The filter is first validated (listFilter.ts), so every bad filter is
 * refused with its 400 (or 403) and message before any SQL is written.
 */
export function listConditions<K extends ResourceTable>(
  engine: Engine,
  table: K,
  spec: ResourceSpec<ResourceRecords[K]>,
  filter: Record<string, unknown>,
  ctx: SqlListContext,
): Condition[] {
  return listWhere(engine, table, spec, filter, ctx).terms;
}

function listWhere<K extends ResourceTable>(
  engine: Engine,
  table: K,
  spec: ResourceSpec<ResourceRecords[K]>,
  filter: Record<string, unknown>,
  ctx: SqlListContext,
): ConditionBuilder {
  validateListFilter(spec, filter, { nowMs: ctx.nowMs, ...ctx.caller, decisions: () => [] });
  const where = new ConditionBuilder(table, engine);
  if (ctx.visible) where.add(ctx.visible);
  const columns = TABLE_COLUMNS[table] as Record<string, ColumnKind>;
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'q') {
      const needle = foldForSearch((value as string).trim());
      if (needle) where.search(needle);
      continue;
    }
    const computed = computedCondition(table, key, value, ctx);
    if (computed) {
      where.add(computed);
      continue;
    }
    const bound = boundOf(key);
    if (bound) {
      const type = spec.fields[bound.field];
      where.bound(bound.field, bound.op, type === 'number' ? 'number' : 'date', value);
      continue;
    }
    const type = key === 'id' ? 'string' : spec.fields[key];
    const values = (Array.isArray(value) ? value : [value]).map((v) => {
      if (type === 'nullableString' && typeof v === 'string' && spec.nullAliases?.includes(v)) return null;
      // a time equals a stored one by its toISOString spelling, as validateListFilter requires
      if (type === 'date') return canonicalUtc(v);
      return type === 'string' && typeof v === 'number' ? String(v) : v;
    });
    if (table === 'refunds' && key === 'status' && isOpenStatusSet(values)) {
      where.add(OPEN_STATUSES_CONDITION);
      continue;
    }
    where.equality(key, values, columns[key]);
  }
  return where;
}

/**
 * ORDER BY: the field, then the id's number and the id; null fields last, by id ascending.
 * `valued`: the order of the records that have a value (the page is read in two parts).
 */
function orderTerms(table: ResourceTable, field: string, order: 'ASC' | 'DESC', part?: 'valued') {
  const dir = sql.raw(order === 'ASC' ? 'asc' : 'desc');
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  // plain terms on a NOT NULL column, so that an index on (field, idNumber, id) gives the order
  const byId = [sql`${ref('idNumber')} ${dir}`, sql`${ref('id')} ${dir}`];
  if (field === 'id') return byId;
  const column = ref(field);
  const kind = (TABLE_COLUMNS[table] as Record<string, ColumnKind>)[field];
  if (!isNullable(kind) || part === 'valued') return [sql`${column} ${dir}`, ...byId];
  if (order === 'ASC') return [sql`${column} asc nulls last`, ...byId];
  return [
    sql`${column} desc nulls last`,
    // the records without a value: ascending by id, whatever the direction
    sql`case when ${column} is null then ${ref('idNumber')} end asc`,
    sql`case when ${column} is null then ${ref('id')} end asc`,
    ...byId,
  ];
}

/**
 * SQLite's index on each sort field whose order is the list's own (field, idNumber, id: NOT NULL
 * columns, so no null ordering term stands between the index and the ORDER BY). Amounts only: they
 * are spread evenly over statuses and times, so a walk meets matches as often as the count says; a
 * time is not (the open requests are the latest), and there the planner's own choice is better.
 */
const SORT_INDEXES: Partial<Record<ResourceTable, Record<string, string>>> = {
  // decidedAt: the walk reads only the decided requests (the page's first part, listQuery below)
  refunds: { paidFen: 'refundsPaid', refundableFen: 'refundsRefundable', decidedAt: 'refundsDecided' },
};
/** At least this many matches, a page is found sooner by walking the sort index than by sorting them all. */
const WALK_SORT_INDEX_FROM = 1000;

/**
 * When many records match, SQLite's planner still prefers the filter's index and then sorts every
 * match (it cannot know how soon a walk in sort order meets a page of matches); with the count in
 * hand the list knows: the expected walk is (offset + page) × rows / matches, and it walks only
 * when that is fewer rows than the matches it would otherwise sort (a flag few requests carry,
 * such as `duplicate`, is sorted from its own index: a walk would pass hundreds of rows per match).
 */
async function walkSortIndex(
  trx: Kysely<Database>,
  engine: Engine,
  table: ResourceTable,
  query: ListQuery,
  total: number,
  built: ConditionBuilder,
) {
  if (engine !== 'sqlite' || total < WALK_SORT_INDEX_FROM || query.range[0] > total / 2) return null;
  const [field] = query.sort;
  const spread = Object.keys(query.filter).every((key) => SPREAD_OVER_TIME[table]?.has(key));
  // a search alone whose matches the index's head did not hold (searchPageByWalk): sorting them
  // all costs in proportion to their number, a whole walk of the index at most the table's size
  const manyFound = isSearchAlone(built) && total >= SEARCH_PLAN.sortsUpTo;
  const index =
    SORT_INDEXES[table]?.[field] ?? (spread || manyFound ? TIME_SORT_INDEXES[table]?.[field] : undefined);
  if (!index) return null;
  const walked = ((query.range[1] + 1) * (await tableRowsOf(trx, table))) / total;
  return walked > total ? null : sql`${sql.table(table)} indexed by ${sql.ref(index)}`;
}

const isSearchAlone = (built: ConditionBuilder) =>
  built.terms.length === 1 && built.searchCount !== undefined;

/** The time sorts' indexes, walked only when every filter is on a field spread evenly over time. */
const TIME_SORT_INDEXES: Partial<Record<ResourceTable, Record<string, string>>> = {
  refunds: { slaDueAt: 'refundsDue', submittedAt: 'refundsSubmitted' },
};
// not `q`: what a needle matches may lie close together in time (an order number holds its date)
const SPREAD_OVER_TIME: Partial<Record<ResourceTable, ReadonlySet<string>>> = {
  refunds: new Set(['reasonCategory', 'submissionChannel', 'paymentChannel', 'customerLocale']),
};

/**
 * How a search alone with many matches reads its page. walkEntries: how far it walks the head of
 * a time sort's index first, which finds a page soon when the matches are spread over time (a word
 * many descriptions share) and would read the whole index when they lie together (an order
 * number's date). When the head did not hold the page: up to sortsUpTo matches it sorts them all,
 * beyond it walks the whole index. Exported so that a test reaches each way with a small table.
 */
export const SEARCH_PLAN = {
  walkEntries: 50_000,
  sortsUpTo: 10_000,
};

/**
 * A search-only page by the first SEARCH_PLAN.walkEntries entries of the sort field's index (of those
 * with a value): the matches among them are the first matches in the list's order, so when they
 * fill the page it is the page; otherwise null, and the caller reads the page as any other.
 */
async function searchPageByWalk(
  trx: Kysely<Database>,
  table: ResourceTable,
  query: ListQuery,
  built: ConditionBuilder,
  total: number,
): Promise<Record<string, unknown>[] | null> {
  const [field, direction] = query.sort;
  const [start, end] = query.range;
  const size = end - start + 1;
  const index = SORT_INDEXES[table]?.[field] ?? TIME_SORT_INDEXES[table]?.[field];
  if (!index || !isSearchAlone(built)) return null;
  if (total < WALK_SORT_INDEX_FROM || start > total / 2) return null;
  const from = sql.table(table);
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  const order = sql.join(orderTerms(table, field, direction, 'valued'));
  // the index alone (field, idNumber, id and the row key): no row is read until the page's own
  const { rows } = await sql<Record<string, unknown>>`select * from ${from} where ${ref('rowKey')} in (
      select ${ref('rowKey')} from (
        select ${ref('rowKey')}, ${ref(field)}, ${ref('idNumber')}, ${ref('id')} from ${from} indexed by ${sql.ref(index)}
        where ${ref(field)} is not null order by ${order} limit ${sql.lit(SEARCH_PLAN.walkEntries)}
      ) as ${sql.id(table)}
      where ${built.terms[0]} order by ${order} limit ${sql.lit(pageBound(size))} offset ${sql.lit(pageBound(start))}
    ) order by ${order}`.execute(trx);
  return rows.length === size ? rows : null;
}

function pageBound(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Not a page bound: ${n}`);
  return n;
}

/** How many rows `table` holds, near enough: its largest rowid (one step down its b-tree). */
async function tableRowsOf(db: Kysely<Database>, table: ResourceTable): Promise<number> {
  const { rows } = await sql<{
    rows: number | null;
  }>`select max(rowid) as "rows" from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.rows ?? 0);
}

/** One page of a list, with the total count of matches, read in one consistent snapshot. */
export async function runSqlListQuery<K extends ResourceTable>(
  db: Kysely<Database>,
  table: K,
  spec: ResourceSpec<ResourceRecords[K]>,
  query: ListQuery,
  ctx: SqlListContext,
): Promise<ListResult<ResourceRecords[K]>> {
  const engine = engineOf(db);
  const built = listWhere(engine, table, spec, query.filter, ctx);
  const terms = built.terms;
  const where = terms.length > 0 ? sql`where ${sql.join(terms, sql` and `)}` : sql``;
  const [field, direction] = query.sort;
  const [start, end] = query.range;
  const size = end - start + 1;
  const from = sql.table(table);
  const read = async (trx: Kysely<Database>) => {
    const count = await (
      isSearchAlone(built) && built.searchCount
        ? built.searchCount
        : sql<{ total: number | string }>`select count(*) as "total" from ${from} ${where}`
    ).execute(trx);
    const total = Number(count.rows[0].total);
    const walked = engine === 'sqlite' ? await searchPageByWalk(trx, table, query, built, total) : null;
    if (walked) return { total, rows: walked.map((row) => fromRow(table, row)) };
    const source = (await walkSortIndex(trx, engine, table, query, total, built)) ?? from;
    // the page's bounds as literals (whole numbers parseListQuery checked): with a known LIMIT the
    // planner can walk the sort field's index and stop after one page, rather than sort every match
    const page = async (
      part: Condition[],
      order: RawBuilder<unknown>,
      limit: number,
      offset: number,
      over = from,
    ) => {
      const all = [...terms, ...part];
      const condition = all.length > 0 ? sql`where ${sql.join(all, sql` and `)}` : sql``;
      const { rows } = await sql<Record<string, unknown>>`select * from ${over} ${condition} order by ${order}
        limit ${sql.lit(pageBound(limit))} offset ${sql.lit(pageBound(offset))}`.execute(trx);
      return rows;
    };
    const kind = (TABLE_COLUMNS[table] as Record<string, ColumnKind>)[field];
    if (field === 'id' || !isNullable(kind)) {
      const rows = await page([], sql.join(orderTerms(table, field, direction)), size, start, source);
      return { total, rows: rows.map((row) => fromRow(table, row)) };
    }
    // A field some records lack: those with a value in the sort's order (one index range on either
    // engine), then, when the page reaches past them, those without, by id ascending.
    const column = sql.ref(`${table}.${field}`);
    const valued = sql<SqlBool>`${column} is not null`;
    const rows = await page(
      [valued],
      sql.join(orderTerms(table, field, direction, 'valued')),
      size,
      start,
      source,
    );
    if (rows.length < size) {
      const valuedTotal =
        rows.length > 0
          ? start + rows.length
          : Number(
              (
                await sql<{
                  total: number | string;
                }>`select count(*) as "total" from ${from} where ${sql.join([...terms, valued], sql` and `)}`.execute(
                  trx,
                )
              ).rows[0].total,
            );
      const missing = sql<SqlBool>`${column} is null`;
      rows.push(
        ...(await page(
          [missing],
          sql.join(orderTerms(table, 'id', 'ASC')),
          size - rows.length,
          Math.max(0, start - valuedTotal),
        )),
      );
    }
    return { total, rows: rows.map((row) => fromRow(table, row)) };
  };
  // PostgreSQL: one snapshot for the count and the page; SQLite's transaction is one already
  const { total, rows } =
    engine === 'postgres'
      ? await db.transaction().setIsolationLevel('repeatable read').execute(read)
      : await db.transaction().execute(read);
  return { rows, total, start, end: rows.length ? start + rows.length - 1 : start };
}
