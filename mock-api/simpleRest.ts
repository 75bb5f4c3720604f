// The ra-data-simple-rest dialect: `sort`, `range` and `filter` JSON query parameters in,
// a JSON array and `Content-Range: <resource> <start>-<end>/<total>` out.
// Filters: equality (an array means any-of), `<field>_gte` / `_lte` / `_gt` / `_lt` on numbers and dates,
// `q` full text over the resource's search fields, and computed filters (SLA state ...).
// Every parameter is validated: a malformed one is a 400 with a message, never a 500.
import type { ClassifiedDecision } from '../src/domain/metrics';

export class BadRequest extends Error {
  readonly status = 400;
}

export type FieldType = 'string' | 'nullableString' | 'number' | 'boolean' | 'date';

export interface QueryContext {
  nowMs: number;
  userId: string;
  /** the classified decisions of a refund request (filter "decided", the metrics click-through) */
  decisions?: (refundId: string) => readonly ClassifiedDecision[];
  /** the record's lower-cased search fields, precomputed (see listViews.ts); computed here when absent */
  searchText?: (id: string) => string;
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
  const fail = (what: string) => {
    throw new BadRequest(`Filter "${field}" on ${spec.name} must be ${what}.`);
  };
  switch (type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('a number');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail('true or false');
      break;
    case 'date':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail('an ISO-8601 date');
      break;
    case 'nullableString':
      if (value !== null && typeof value !== 'string') fail('a string or null');
      break;
    default:
      if (typeof value !== 'string' && typeof value !== 'number') fail('a string');
  }
}

/** Compiles the filter object into one predicate, validating every key and value. */
export function compileFilter<T extends { id: string }>(
  spec: ResourceSpec<T>,
  filter: Record<string, unknown>,
  ctx: QueryContext,
): Predicate<T> {
  const predicates: Predicate<T>[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'q') {
      if (typeof value !== 'string') throw new BadRequest('Filter "q" must be a string.');
      const needle = value.trim().toLowerCase();
      if (!needle) continue;
      const fields = spec.searchFields;
      const searchText = ctx.searchText;
      predicates.push(
        searchText
          ? (r) => searchText(r.id).includes(needle)
          : (r) =>
              fields.some((f) => {
                const v = r[f];
                return typeof v === 'string' && v.toLowerCase().includes(needle);
              }),
      );
      continue;
    }
    // own keys only: "__proto__", "constructor" … must not reach Object.prototype (was a 500)
    const computed =
      spec.computedFilters && Object.hasOwn(spec.computedFilters, key)
        ? spec.computedFilters[key]
        : undefined;
    if (computed) {
      predicates.push(computed(value, ctx));
      continue;
    }
    const bound = /^(.*)_(gte|lte|gt|lt)$/.exec(key);
    if (bound) {
      const [, field, op] = bound;
      const type = Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
      if (type !== 'number' && type !== 'date') {
        throw new BadRequest(`Filter "${key}": ${spec.name} cannot be bounded by "${field}".`);
      }
      checkScalar(spec, key, type, value);
      if (type === 'number') {
        const limit = value as number;
        const test = BOUND_TESTS[op];
        predicates.push((r) => test(r[field as keyof T] as number, limit));
      } else {
        // compare instants, not spellings: "2026-01-01" and "2026-01-01T00:00:00.000Z" are the same.
        // Stored times are canonical UTC (toISOString), where text order is time order: compare
        // those as text against the canonical limit, and parse anything else.
        const limit = Date.parse(value as string);
        const limitText = new Date(limit).toISOString();
        const test = BOUND_TESTS[op];
        predicates.push((r) => {
          const at = r[field as keyof T] as unknown as string | null;
          if (!at) return false;
          if (isCanonicalUtc(at)) return test(at < limitText ? -1 : at > limitText ? 1 : 0, 0);
          return test(Date.parse(at), limit);
        });
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
      return type === 'string' && typeof v === 'number' ? String(v) : v;
    });
    if (normalised.length === 0) {
      predicates.push(() => false);
    } else if (normalised.length === 1) {
      const only = normalised[0];
      predicates.push((r) => r[key as keyof T] === only);
    } else {
      const set = new Set(normalised);
      predicates.push((r) => set.has(r[key as keyof T]));
    }
  }
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0];
  return (r) => predicates.every((p) => p(r));
}

/** "2026-11-25T12:00:00.000Z": the shape toISOString writes for years 0000–9999. */
function isCanonicalUtc(text: string): boolean {
  return text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(10) === 84; /* T */
}

const BOUND_TESTS: Record<string, (value: number, limit: number) => boolean> = {
  gte: (v, l) => v >= l,
  lte: (v, l) => v <= l,
  gt: (v, l) => v > l,
  lt: (v, l) => v < l,
};

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
  hasEqualityIndex(field: string): boolean;
  idsWhere(field: string, values: readonly unknown[]): Set<string>;
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
 * records without a value come last either way.
 */
export function runListQuery<T extends { id: string }>(
  source: ListSource<T>,
  spec: ResourceSpec<T>,
  query: ListQuery,
  ctx: QueryContext,
): ListResult<T> {
  const filterPredicate = compileFilter(spec, query.filter, ctx);
  const visible = source.visible;
  const predicate = visible ? (r: T) => visible(r) && filterPredicate(r) : filterPredicate;
  const [start, end] = query.range;
  const [field, order] = query.sort;
  const views = source.views;

  const narrowed = views ? narrowByEquality(views, query.filter) : null;
  if (views && !narrowed) {
    // walk the sorted view: no sort per request, one predicate call per record
    const rows: T[] = [];
    let total = 0;
    const { rows: sorted, nullRows } = views.ordered(field);
    const visit = (r: T) => {
      if (!predicate(r)) return;
      if (total >= start && total <= end) rows.push(r);
      total++;
    };
    if (order === 'ASC') for (let i = 0; i < sorted.length; i++) visit(sorted[i]);
    else for (let i = sorted.length - 1; i >= 0; i--) visit(sorted[i]);
    for (let i = 0; i < nullRows.length; i++) visit(nullRows[i]);
    return { rows, total, start, end: rows.length ? start + rows.length - 1 : start };
  }

  const matched: T[] = [];
  for (const r of narrowed ?? source.records) if (predicate(r)) matched.push(r);
  const dir = order === 'ASC' ? 1 : -1;
  matched.sort((a, b) => {
    if (field !== 'id') {
      const x = (a as Record<string, unknown>)[field];
      const y = (b as Record<string, unknown>)[field];
      const xNull = x === null || x === undefined;
      const yNull = y === null || y === undefined;
      if (xNull !== yNull) return xNull ? 1 : -1;
      if (!xNull && x !== y) return ((x as Key) < (y as Key) ? -1 : 1) * dir;
      if (xNull) return compareIds(a.id, b.id);
    }
    return compareIds(a.id, b.id) * dir;
  });
  const rows = matched.slice(start, end + 1);
  return { rows, total: matched.length, start, end: rows.length ? start + rows.length - 1 : start };
}

type Key = string | number | boolean;

/** When the filter pins an indexed reference field (or ids), the candidates are those few records. */
function narrowByEquality<T>(views: ListViews<T>, filter: Record<string, unknown>): T[] | null {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value)))
      continue;
    const values = Array.isArray(value) ? value : [value];
    if (key !== 'id' && !views.hasEqualityIndex(key)) continue;
    const ids = key === 'id' ? new Set(values.map(String)) : views.idsWhere(key, values);
    const out: T[] = [];
    for (const id of ids) {
      const r = views.get(id);
      if (r) out.push(r);
    }
    return out;
  }
  return null;
}

/** Ids look like "r123": compare the number so r9 comes before r10, then the text. */
export function compareIds(a: string, b: string): number {
  const na = Number(a.replace(/^\D+/, ''));
  const nb = Number(b.replace(/^\D+/, ''));
  const byNumber = Number.isFinite(na) && Number.isFinite(nb) ? na - nb : 0;
  return byNumber || (a < b ? -1 : a > b ? 1 : 0);
}

export function contentRange(resource: string, result: ListResult<unknown>): string {
  if (result.rows.length === 0) return `${resource} */${result.total}`;
  return `${resource} ${result.start}-${result.end}/${result.total}`;
}
