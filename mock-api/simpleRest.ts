// The ra-data-simple-rest dialect: `sort`, `range` and `filter` JSON query parameters in,
// a JSON array and `Content-Range: <resource> <start>-<end>/<total>` out.
// Filters: equality (an array means any-of), `<field>_gte` / `_lte` / `_gt` / `_lt` on numbers and dates,
// `q` full text over the resource's search fields, and computed filters (SLA state ...).
// Every parameter is validated: a malformed one is a 400 with a message, never a 500.
import { CANONICAL_UTC_HINT, canonicalUtc, isCanonicalUtc, parseCanonicalUtc } from '../src/domain/instant';
import type { ClassifiedDecision } from '../src/domain/metrics';
import type { Role } from '../src/domain/model';
import { ApiError } from './http';
import { refuseOtherStaff, type StaffSelectors } from './staffFilters';

/** A malformed list parameter: 400 `{ message, code }` ("bad_query" unless a finer code applies). */
export class BadRequest extends ApiError {
  constructor(message: string, code = 'bad_query') {
    super(400, message, { code });
  }
}

export type FieldType = 'string' | 'nullableString' | 'number' | 'boolean' | 'date';

export interface QueryContext {
  nowMs: number;
  /** who asks: a filter that selects by a staff member obeys maySelectByStaff for them */
  userId: string;
  role: Role;
  /** the classified decisions of a refund request (filter "decided", the metrics click-through) */
  decisions?: (refundId: string) => readonly ClassifiedDecision[];
  /** the record's lower-cased search fields, precomputed (see listViews.ts); computed here when absent */
  searchText?: (id: string) => string;
  /** the ids whose search text holds the filter's `q`, when an index has found them already */
  searchHits?: ReadonlySet<string>;
}

export type Predicate<T> = (record: T) => boolean;

export interface ResourceSpec<T extends { id: string }> {
  name: string;
  fields: Record<string, FieldType>;
  searchFields: (keyof T & string)[];
  /** filters that are not plain fields: name → builds a predicate from the value */
  computedFilters?: Record<string, (value: unknown, ctx: QueryContext) => Predicate<T>>;
  defaultSort: [string, 'ASC' | 'DESC'];
  /** values accepted for a nullable string field that mean null (e.g. assigneeId: "unassigned") */
  nullAliases?: string[];
  /** filters that select by a staff member (staffFilters.ts) */
  staffFilters?: StaffSelectors;
}

export interface ListQuery {
  sort: [string, 'ASC' | 'DESC'];
  range: [number, number];
  filter: Record<string, unknown>;
}

export const MAX_PAGE = 1000;

function parseJsonParam(name: string, raw: unknown): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new BadRequest(`Query parameter "${name}" must be given once, as JSON.`);
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequest(`Query parameter "${name}" is not valid JSON.`);
  }
}

export function parseListQuery<T extends { id: string }>(
  spec: ResourceSpec<T>,
  query: Record<string, unknown>,
): ListQuery {
  const sortRaw = parseJsonParam('sort', query.sort);
  let sort = spec.defaultSort;
  if (sortRaw !== undefined) {
    if (
      !Array.isArray(sortRaw) ||
      sortRaw.length !== 2 ||
      typeof sortRaw[0] !== 'string' ||
      (sortRaw[1] !== 'ASC' && sortRaw[1] !== 'DESC')
    ) {
      throw new BadRequest('Query parameter "sort" must look like ["field","ASC"] or ["field","DESC"].');
    }
    if (sortRaw[0] !== 'id' && !Object.hasOwn(spec.fields, sortRaw[0])) {
      throw new BadRequest(`Cannot sort ${spec.name} by "${sortRaw[0]}".`);
    }
    sort = [sortRaw[0], sortRaw[1]];
  }

  const rangeRaw = parseJsonParam('range', query.range);
  let range: [number, number] = [0, 24];
  if (rangeRaw !== undefined) {
    if (
      !Array.isArray(rangeRaw) ||
      rangeRaw.length !== 2 ||
      !rangeRaw.every((n) => Number.isSafeInteger(n) && n >= 0) ||
      rangeRaw[1] < rangeRaw[0]
    ) {
      throw new BadRequest('Query parameter "range" must look like [start,end] with 0 ≤ start ≤ end.');
    }
    if (rangeRaw[1] - rangeRaw[0] + 1 > MAX_PAGE) {
      throw new BadRequest(`A page holds at most ${MAX_PAGE} records.`);
    }
    range = [rangeRaw[0], rangeRaw[1]];
  }

  const filterRaw = parseJsonParam('filter', query.filter) ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw new BadRequest('Query parameter "filter" must be a JSON object.');
  }
  const known = new Set(['sort', 'range', 'filter']);
  for (const key of Object.keys(query)) {
    if (!known.has(key)) throw new BadRequest(`Unknown query parameter "${key}".`);
  }
  return { sort, range, filter: filterRaw as Record<string, unknown> };
}

function checkScalar(spec: { name: string }, field: string, type: FieldType, value: unknown) {
  const fail = (what: string, code?: string) => {
    throw new BadRequest(`Filter "${field}" on ${spec.name} must be ${what}.`, code);
  };
  switch (type) {
    case 'number':
      // every number field is whole: fen, coins, a level, a version
      if (!Number.isSafeInteger(value)) fail('a whole number', 'number_not_integer');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail('true or false');
      break;
    case 'date':
      if (parseCanonicalUtc(value) === null) fail(CANONICAL_UTC_HINT, 'time_not_canonical_utc');
      break;
    case 'nullableString':
      if (value !== null && typeof value !== 'string') fail('a string or null');
      break;
    default:
      if (typeof value !== 'string' && typeof value !== 'number') fail('a string');
  }
}

/**
 * Compiles the filter object into one predicate, validating every key and value.
 *
 * The predicate is generated code (see PredicateBuilder): a closure reading `r[field]` with the field
 * name in a variable makes every property read megamorphic, ≈ 8× slower over 100,000 records, and a
 * list page spent 20–40 ms on it, holding up every other request.
 */
export function compileFilter<T extends { id: string }>(
  spec: ResourceSpec<T>,
  filter: Record<string, unknown>,
  ctx: QueryContext,
  visible?: Predicate<T>,
): Predicate<T> {
  refuseOtherStaff(spec.staffFilters, spec.nullAliases, filter, { id: ctx.userId, role: ctx.role });
  const where = new PredicateBuilder<T>();
  if (visible) where.call(visible, 'visible');
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'q') {
      if (typeof value !== 'string') throw new BadRequest('Filter "q" must be a string.');
      const needle = searchNeedle(value);
      if (!needle) continue;
      if (ctx.searchHits) {
        where.code(`${where.value(ctx.searchHits)}.has(r.id)`);
      } else if (ctx.searchText) {
        where.code(`${where.value(ctx.searchText)}(r.id).includes(${where.value(needle)})`);
      } else {
        const fields = spec.searchFields;
        where.call(
          (r) =>
            fields.some((f) => {
              const v = r[f];
              return typeof v === 'string' && v.toLowerCase().includes(needle);
            }),
          'q',
        );
      }
      continue;
    }
    // own keys only: "__proto__", "constructor" … must not reach Object.prototype (was a 500)
    const computed =
      spec.computedFilters && Object.hasOwn(spec.computedFilters, key)
        ? spec.computedFilters[key]
        : undefined;
    if (computed) {
      where.call(computed(value, ctx), key);
      continue;
    }
    const bound = boundOf(key);
    if (bound) {
      const { field, op } = bound;
      const type = Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
      if (type !== 'number' && type !== 'date') {
        throw new BadRequest(`Filter "${key}": ${spec.name} cannot be bounded by "${field}".`);
      }
      checkScalar(spec, key, type, value);
      const operator = BOUND_OPERATORS[op];
      if (type === 'number') {
        // a record without a value is outside every bound (null <= 5 would be true in JavaScript)
        const f = where.field(field);
        where.code(`typeof ${f} === 'number' && ${f} ${operator} ${where.value(value)}`);
      } else {
        // the limit is canonical (checkScalar), so its toISOString text orders like its instant
        const limit = parseCanonicalUtc(value)!;
        const cmp = where.value(compareInstant);
        const args = `${where.field(field)}, ${where.value(canonicalUtc(value))}, ${where.value(limit)}`;
        where.code(`${cmp}(${args}) ${operator} 0`);
      }
      continue;
    }
    const type = key === 'id' ? 'string' : Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
    if (!type) throw new BadRequest(`Unknown filter "${key}" for ${spec.name}.`);
    const values = Array.isArray(value) ? value : [value];
    if (values.length > MAX_PAGE) throw new BadRequest(`Filter "${key}" lists too many values.`);
    const normalised = values.map((v) => {
      if (type === 'nullableString' && typeof v === 'string' && spec.nullAliases?.includes(v)) return null;
      checkScalar(spec, key, type, v);
      // a time equals a stored one by its toISOString spelling ("…:00Z" is "…:00.000Z")
      if (type === 'date') return canonicalUtc(v);
      return type === 'string' && typeof v === 'number' ? String(v) : v;
    });
    if (normalised.length === 0) where.code('false');
    else if (normalised.length === 1) where.code(`${where.field(key)} === ${where.value(normalised[0])}`);
    else where.code(`${where.value(new Set(normalised))}.has(${where.field(key)})`);
  }
  return where.build();
}

type BoundOp = 'gte' | 'lte' | 'gt' | 'lt';

/** What `q` looks for: trimmed and lower-cased, as the kept search texts are (listViews.ts). */
function searchNeedle(q: string): string {
  return q.trim().toLowerCase();
}

const BOUND_OPERATORS: Record<BoundOp, string> = { gte: '>=', lte: '<=', gt: '>', lt: '<' };

/** `paidFen_gte` → { field: 'paidFen', op: 'gte' }; null for a key that is not a bound. */
function boundOf(key: string): { field: string; op: BoundOp } | null {
  const match = /^(.*)_(gte|lte|gt|lt)$/.exec(key);
  return match ? { field: match[1], op: match[2] as BoundOp } : null;
}

/**
 * -1, 0 or 1 as the stored time is before, at or after the limit; NaN (outside every bound) when
 * there is none. Stored times are canonical UTC (toISOString), where text order is time order:
 * those compare as text against the canonical limit, anything else is parsed.
 */
function compareInstant(at: unknown, limitText: string, limitMs: number): number {
  if (typeof at !== 'string' || at === '') return Number.NaN;
  if (isCanonicalUtc(at)) return at < limitText ? -1 : at > limitText ? 1 : 0;
  const ms = Date.parse(at);
  return ms < limitMs ? -1 : ms > limitMs ? 1 : ms === limitMs ? 0 : Number.NaN;
}

type PredicateFactory = (values: readonly unknown[]) => Predicate<never>;

/** Compiled predicates by source: one function per filter shape, so its property reads stay monomorphic. */
const compiledShapes = new Map<string, PredicateFactory>();
const MAX_COMPILED_SHAPES = 1000;

/**
 * Builds a predicate as JavaScript source joined with `&&`. Only field names that passed the resource's
 * field list reach the source, and only as JSON string literals; every value (limits, sets,
 * functions) is passed in `v`, never written into the source.
 */
class PredicateBuilder<T> {
  private readonly terms: string[] = [];
  private readonly values: unknown[] = [];

  field(name: string): string {
    return `r[${JSON.stringify(name)}]`;
  }

  value(v: unknown): string {
    this.values.push(v);
    return `v[${this.values.length - 1}]`;
  }

  code(term: string) {
    this.terms.push(term);
  }

  /**
   * A condition that stays a function of the record (search, computed filters, visibility). The
   * label (the filter's name) gives each kind its own compiled shape, so the call stays monomorphic.
   */
  call(test: Predicate<T>, label: string) {
    this.terms.push(`${this.value(test)}(r) /* ${label.replace(/[^\w]/g, '')} */`);
  }

  build(): Predicate<T> {
    if (this.terms.length === 0) return () => true;
    const source = this.terms.join(' && ');
    let factory = compiledShapes.get(source);
    if (!factory) {
      factory = new Function(
        'v',
        `'use strict'; return function matches(r) { return ${source}; };`,
      ) as PredicateFactory;
      if (compiledShapes.size >= MAX_COMPILED_SHAPES) compiledShapes.clear();
      compiledShapes.set(source, factory);
    }
    return factory(this.values) as Predicate<T>;
  }
}

export interface ListResult<T> {
  rows: T[];
  total: number;
  start: number;
  end: number;
}

/** What runListQuery needs from the indexes of listViews.ts. */
export interface ListViews<T> {
  get(id: string): T | undefined;
  /** records ascending by (field, id), and those without a value (always last, by id) */
  ordered(field: string): { rows: readonly T[]; nullRows: readonly T[] };
  /** `rows[from..to)` are the records whose field is within the bounds, ascending; null if it cannot tell */
  within(
    field: string,
    kind: 'number' | 'instant',
    lower?: RangeBound,
    upper?: RangeBound,
  ): { rows: readonly T[]; from: number; to: number } | null;
  hasEqualityIndex(field: string): boolean;
  idsWhere(field: string, values: readonly unknown[]): Set<string>;
  /** ids whose search text contains the lower-cased needle; null when the resource keeps none */
  idsContaining(needle: string): Set<string> | null;
}

/** One end of a range filter: keys above (below) it, or equal when inclusive. */
export interface RangeBound {
  key: string | number;
  inclusive: boolean;
}

export interface ListSource<T> {
  records: Iterable<T>;
  /** indexes over `records`; without them the query scans and sorts */
  views?: ListViews<T>;
  /** records the caller may not see (e.g. a reviewer and other reviewers' complaints) */
  visible?: Predicate<T>;
}

/**
 * Filters, sorts and slices. Order: by the sort field, then by id number in the same direction;
 * records without a value come last either way, by id.
 *
 * With indexes the plan is, in order: the few records an equality index names (then sort them);
 * the records whose search text holds `q`, when under a tenth of the collection (then sort them); the
 * slice of a sorted view a range filter selects (walked in order when the range is on the sort
 * field, else sorted when it is under half the collection); the sort field's view, walked whole.
 */
export function runListQuery<T extends { id: string }>(
  source: ListSource<T>,
  spec: ResourceSpec<T>,
  query: ListQuery,
  ctx: QueryContext,
): ListResult<T> {
  const [field, order] = query.sort;
  const views = source.views;
  // the search index answers `q` in one pass over its texts (no lookup per record)
  const needle = typeof query.filter.q === 'string' ? searchNeedle(query.filter.q) : '';
  const searchHits = views && needle ? views.idsContaining(needle) : null;
  const predicate = compileFilter(
    spec,
    query.filter,
    searchHits ? { ...ctx, searchHits } : ctx,
    source.visible,
  );
  const page = new Page<T>(query.range);
  const sortMatches = (candidates: Iterable<T>) => {
    const matched: T[] = [];
    for (const r of candidates) if (predicate(r)) matched.push(r);
    for (const r of sortRecords(matched, field, order)) page.add(r);
    return page.result();
  };
  if (!views) return sortMatches(source.records);

  const narrowed = narrowByEquality(views, query.filter);
  if (narrowed) return sortMatches(narrowed);

  const { rows: sorted, nullRows } = views.ordered(field);
  // a search usually names a few requests: sorting those beats walking the whole view (walking it
  // costs a set lookup per record; sorting, a few comparisons per hit)
  if (searchHits && searchHits.size <= sorted.length / 10)
    return sortMatches(idsToRecords(views, searchHits));

  const range = narrowByRange(views, spec, query.filter);
  if (range && range.field === field) {
    // the range is on the sort field: its slice is already in order, and no null is in range
    const { rows, from, to } = range;
    if (order === 'ASC') for (let i = from; i < to; i++) page.offer(rows[i], predicate);
    else for (let i = to - 1; i >= from; i--) page.offer(rows[i], predicate);
    return page.result();
  }
  if (range && range.to - range.from <= sorted.length / 2) {
    return sortMatches(range.rows.slice(range.from, range.to));
  }
  // walk the sorted view: no sort per request, one predicate call per record
  if (order === 'ASC') for (let i = 0; i < sorted.length; i++) page.offer(sorted[i], predicate);
  else for (let i = sorted.length - 1; i >= 0; i--) page.offer(sorted[i], predicate);
  for (let i = 0; i < nullRows.length; i++) page.offer(nullRows[i], predicate);
  return page.result();
}

/** Counts the matches in order and keeps those inside the requested range. */
class Page<T> {
  private readonly rows: T[] = [];
  private total = 0;
  private readonly start: number;
  private readonly end: number;

  constructor([start, end]: [number, number]) {
    this.start = start;
    this.end = end;
  }

  add(r: T) {
    if (this.total >= this.start && this.total <= this.end) this.rows.push(r);
    this.total++;
  }

  offer(r: T, predicate: Predicate<T>) {
    if (predicate(r)) this.add(r);
  }

  result(): ListResult<T> {
    const { rows, total, start } = this;
    return { rows, total, start, end: rows.length ? start + rows.length - 1 : start };
  }
}

/**
 * Sorts by (field, id) in the given direction, records without a value last (by id ascending).
 * Keys and id numbers are read once per record: a comparator reading `record[field]` would do it
 * 2·n·log n times, each read megamorphic.
 */
function sortRecords<T extends { id: string }>(records: T[], field: string, order: 'ASC' | 'DESC'): T[] {
  const dir = order === 'ASC' ? 1 : -1;
  const keyed = records.map((r) => {
    const key = field === 'id' ? null : (r as Record<string, unknown>)[field];
    return {
      r,
      key: key === undefined ? null : (key as Key | null),
      idNumber: idNumber(r.id),
    };
  });
  const byId = (a: (typeof keyed)[number], b: (typeof keyed)[number]) =>
    compareIdsByNumber(a.r.id, a.idNumber, b.r.id, b.idNumber);
  keyed.sort((a, b) => {
    if (field === 'id') return byId(a, b) * dir;
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    if (a.key === null) return byId(a, b);
    if (a.key !== b.key) return ((a.key as Key) < (b.key as Key) ? -1 : 1) * dir;
    return byId(a, b) * dir;
  });
  return keyed.map((k) => k.r);
}

type Key = string | number | boolean;

/** When the filter pins an indexed reference field (or ids), the candidates are those few records. */
function narrowByEquality<T>(views: ListViews<T>, filter: Record<string, unknown>): T[] | null {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value)))
      continue;
    const values = Array.isArray(value) ? value : [value];
    if (key !== 'id' && !views.hasEqualityIndex(key)) continue;
    return idsToRecords(views, key === 'id' ? new Set(values.map(String)) : views.idsWhere(key, values));
  }
  return null;
}

function idsToRecords<T>(views: ListViews<T>, ids: Iterable<string>): T[] {
  const out: T[] = [];
  for (const id of ids) {
    const r = views.get(id);
    if (r) out.push(r);
  }
  return out;
}

/**
 * The narrowest slice of a sorted view that the filter's `_gte/_gt/_lte/_lt` bounds select, or null.
 * The slice holds every match (the predicate still runs on each of its records); the filter has
 * been validated by compileFilter before this runs.
 */
function narrowByRange<T extends { id: string }>(
  views: ListViews<T>,
  spec: ResourceSpec<T>,
  filter: Record<string, unknown>,
): { field: string; rows: readonly T[]; from: number; to: number } | null {
  const bounds = new Map<string, { lower?: RangeBound; upper?: RangeBound }[]>();
  for (const [key, value] of Object.entries(filter)) {
    const bound = boundOf(key);
    if (!bound || value === undefined) continue;
    const { field, op } = bound;
    let boundKey: string | number;
    if (spec.fields[field] === 'number') boundKey = value as number;
    else {
      const canonical = canonicalUtc(value);
      if (canonical === null) continue; // compileFilter has refused it already
      boundKey = canonical;
    }
    const end = { key: boundKey, inclusive: op.endsWith('e') };
    bounds.set(field, [...(bounds.get(field) ?? []), op.startsWith('g') ? { lower: end } : { upper: end }]);
  }
  let best: { field: string; rows: readonly T[]; from: number; to: number } | null = null;
  for (const [field, ends] of bounds) {
    const kind = spec.fields[field] === 'number' ? 'number' : 'instant';
    // each bound is its own binary search; the slice is where they overlap
    let rows: readonly T[] | null = null;
    let from = 0;
    let to = Number.POSITIVE_INFINITY;
    for (const { lower, upper } of ends) {
      const part = views.within(field, kind, lower, upper);
      if (!part) {
        rows = null;
        break;
      }
      rows = part.rows;
      from = Math.max(from, part.from);
      to = Math.min(to, part.to);
    }
    if (!rows) continue;
    to = Math.max(from, to);
    if (!best || to - from < best.to - best.from) best = { field, rows, from, to };
  }
  return best;
}

/** The number in an id like "r123"; NaN when there is none. */
export function idNumber(id: string): number {
  return Number(id.replace(/^\D+/, ''));
}

/** Ids look like "r123": compare the number so r9 comes before r10, then the text. */
export function compareIds(a: string, b: string): number {
  return compareIdsByNumber(a, idNumber(a), b, idNumber(b));
}

/** compareIds with the id numbers already read (a sort reads each once). */
function compareIdsByNumber(a: string, na: number, b: string, nb: number): number {
  const byNumber = Number.isFinite(na) && Number.isFinite(nb) ? na - nb : 0;
  return byNumber || (a < b ? -1 : a > b ? 1 : 0);
}

/** `?sort=…&range=…&filter=…` as ra-data-simple-rest writes it (for tests and the benchmark). */
export function listQuery(params: {
  sort?: readonly [string, string];
  range?: readonly [number, number];
  filter?: object;
}): string {
  const search = new URLSearchParams();
  if (params.sort) search.set('sort', JSON.stringify(params.sort));
  if (params.range) search.set('range', JSON.stringify(params.range));
  if (params.filter) search.set('filter', JSON.stringify(params.filter));
  return `?${search.toString()}`;
}

export function contentRange(resource: string, result: ListResult<unknown>): string {
  if (result.rows.length === 0) return `${resource} */${result.total}`;
  return `${resource} ${result.start}-${result.end}/${result.total}`;
}
