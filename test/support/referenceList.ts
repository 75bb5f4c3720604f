// The list answer the SQL list (mock-api/db/listQuery.ts) must give, written the plain way: the
// filter refused exactly as the API refuses it (mock-api/listFilter.ts), then every record tested
// one by one, the matches sorted by the dialect's order, and the page sliced out of them.
import { canonicalUtc, isCanonicalUtc, parseCanonicalUtc } from '../../src/domain/instant';
import type { ClassifiedDecision } from '../../src/domain/metrics';
import type { Role } from '../../src/domain/model';
import { validateListFilter } from '../../mock-api/listFilter';
import {
  compareIds,
  type ListQuery,
  type ListResult,
  type QueryContext,
  type ResourceSpec,
} from '../../mock-api/simpleRest';

type RecordTest<T> = (record: T) => boolean;

export function referenceList<T extends { id: string }>(
  records: readonly T[],
  spec: ResourceSpec<T>,
  query: ListQuery,
  ctx: {
    nowMs: number;
    userId: string;
    role: Role;
    decisions?: (refundId: string) => readonly ClassifiedDecision[];
    visible?: (record: T) => boolean;
  },
): ListResult<T> {
  const queryCtx: QueryContext = {
    nowMs: ctx.nowMs,
    userId: ctx.userId,
    role: ctx.role,
    decisions: ctx.decisions ?? (() => []),
  };
  validateListFilter(spec, query.filter, queryCtx);
  const tests: RecordTest<T>[] = [];
  if (ctx.visible) tests.push(ctx.visible);
  for (const [key, value] of Object.entries(query.filter)) {
    if (value !== undefined) tests.push(recordTest(spec, key, value, queryCtx));
  }
  const matched = records.filter((record) => tests.every((test) => test(record)));
  matched.sort(listOrder<T>(query.sort));
  const [start, end] = query.range;
  const rows = matched.slice(start, end + 1);
  return { rows, total: matched.length, start, end: rows.length ? start + rows.length - 1 : start };
}

function fieldOf(record: object, field: string): unknown {
  return (record as Record<string, unknown>)[field];
}

const BOUNDS = {
  gte: <K extends number | string>(x: K, limit: K) => x >= limit,
  gt: <K extends number | string>(x: K, limit: K) => x > limit,
  lte: <K extends number | string>(x: K, limit: K) => x <= limit,
  lt: <K extends number | string>(x: K, limit: K) => x < limit,
};

/** One filter key as a test of a record (the filter has been validated). */
function recordTest<T extends { id: string }>(
  spec: ResourceSpec<T>,
  key: string,
  value: unknown,
  ctx: QueryContext,
): RecordTest<T> {
  if (key === 'q') {
    // trimmed and lower-cased; found in any one search field, lower-cased
    const needle = (value as string).trim().toLowerCase();
    if (!needle) return () => true;
    return (record) =>
      spec.searchFields.some((f) => {
        const text = fieldOf(record, f);
        return typeof text === 'string' && text.toLowerCase().includes(needle);
      });
  }
  const computed =
    spec.computedFilters && Object.hasOwn(spec.computedFilters, key) ? spec.computedFilters[key] : undefined;
  if (computed) return computed(value, ctx);

  const bound = /^(.*)_(gte|lte|gt|lt)$/.exec(key);
  if (bound) {
    const [, field, op] = bound;
    const holds = BOUNDS[op as keyof typeof BOUNDS];
    if (spec.fields[field] === 'number') {
      // a record without a value is outside every bound
      return (record) => {
        const x = fieldOf(record, field);
        return typeof x === 'number' && holds(x, value as number);
      };
    }
    const limitText = canonicalUtc(value)!;
    const limitMs = parseCanonicalUtc(value)!;
    return (record) => {
      const at = fieldOf(record, field);
      if (typeof at !== 'string' || at === '') return false;
      // a stored time in toISOString's shape compares as text, as the database compares it
      if (isCanonicalUtc(at)) return holds(at, limitText);
      return holds(Date.parse(at), limitMs); // NaN (no time) is outside every bound
    };
  }

  // equality, an array meaning any of its values
  const type = key === 'id' ? 'string' : spec.fields[key];
  const wanted = (Array.isArray(value) ? value : [value]).map((v) => {
    if (type === 'nullableString' && typeof v === 'string' && spec.nullAliases?.includes(v)) return null;
    if (type === 'date') return canonicalUtc(v); // "…:00Z" equals a stored "…:00.000Z"
    return type === 'string' && typeof v === 'number' ? String(v) : v;
  });
  return (record) => wanted.includes(fieldOf(record, key));
}

/**
 * By the field, then by the id (its number, then its text), in the sort's direction; records
 * without a value last in both directions, by id ascending.
 */
function listOrder<T extends { id: string }>([field, order]: ListQuery['sort']) {
  const dir = order === 'ASC' ? 1 : -1;
  return (a: T, b: T): number => {
    if (field === 'id') return compareIds(a.id, b.id) * dir;
    const x = fieldOf(a, field) ?? null;
    const y = fieldOf(b, field) ?? null;
    if ((x === null) !== (y === null)) return x === null ? 1 : -1;
    if (x === null || y === null) return compareIds(a.id, b.id);
    if (x !== y) return ((x as string | number) < (y as string | number) ? -1 : 1) * dir;
    return compareIds(a.id, b.id) * dir;
  };
}
