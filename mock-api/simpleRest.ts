// The ra-data-simple-rest dialect: `sort`, `range` and `filter` JSON query parameters in,
// a JSON array and `Content-Range: <resource> <start>-<end>/<total>` out.
// Filters: equality (an array means any-of), `<field>_gte` / `_lte` / `_gt` / `_lt` on numbers and dates,
// `q` full text over the resource's search fields, and computed filters (SLA state ...).
// Every parameter is validated (a filter's keys and values by listFilter.ts): a malformed one is a
// 400 refusal with its own code and params (its message in the reader's language), never a 500.
import type { ClassifiedDecision } from '../src/domain/metrics';
import type { Role } from '../src/domain/model';
import type { RefusalCode, RefusalParams } from '../src/domain/refusal';
import { refuse, type ApiError } from './http';
import type { StaffSelectors } from './staffFilters';

export { compareIds, idNumber } from '../src/domain/ids';

/** A malformed list parameter: a 400 refusal (`{ message, code, params }`). */
export function badQuery(code: RefusalCode, params: RefusalParams = {}): ApiError {
  return refuse(400, code, params);
}

/**
 * The `problem` of a time_not_canonical_utc refusal: one code wherever a time is asked for, and a
 * phrase (words.time_problem) that says where, so the message names the filter or parameter.
 */
export function timeProblem(
  where: 'filter' | 'decided' | 'metrics',
  params: RefusalParams,
): { code: string; params: RefusalParams } {
  return { code: `words.time_problem.${where}`, params };
}

export type FieldType = 'string' | 'nullableString' | 'number' | 'boolean' | 'date';

export interface QueryContext {
  nowMs: number;
  /** who asks: a filter that selects by a staff member obeys maySelectByStaff for them */
  userId: string;
  role: Role;
  /** the classified decisions of a refund request (filter "decided", the metrics click-through) */
  decisions?: (refundId: string) => readonly ClassifiedDecision[];
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
  if (typeof raw !== 'string') throw badQuery('list_param_repeated', { name });
  try {
    return JSON.parse(raw);
  } catch {
    throw badQuery('list_param_not_json', { name });
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
      throw badQuery('list_sort_malformed');
    }
    if (sortRaw[0] !== 'id' && !Object.hasOwn(spec.fields, sortRaw[0])) {
      throw badQuery('list_sort_unknown', { resource: spec.name, field: sortRaw[0] });
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
      throw badQuery('list_range_malformed');
    }
    if (rangeRaw[1] - rangeRaw[0] + 1 > MAX_PAGE) {
      throw badQuery('list_page_too_large', { max: MAX_PAGE });
    }
    range = [rangeRaw[0], rangeRaw[1]];
  }

  const filterRaw = parseJsonParam('filter', query.filter) ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw badQuery('list_filter_not_object');
  }
  const known = new Set(['sort', 'range', 'filter']);
  for (const key of Object.keys(query)) {
    if (!known.has(key)) throw badQuery('list_param_unknown', { name: key });
  }
  return { sort, range, filter: filterRaw as Record<string, unknown> };
}

export interface ListResult<T> {
  rows: T[];
  total: number;
  start: number;
  end: number;
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
