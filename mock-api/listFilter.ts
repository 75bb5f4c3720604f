// What a list filter may say, in the simple-rest dialect (simpleRest.ts): each key and value checked
// before the database is asked (db/listQuery.ts), so a bad filter is a 400 (or a 403 for a staff
// filter a reviewer may not use) refusal with its code and params, never a 500 nor an empty page.
import { parseCanonicalUtc } from '../src/domain/instant';
import type { RefusalCode } from '../src/domain/refusal';
import {
  badQuery,
  timeProblem,
  MAX_PAGE,
  type FieldType,
  type QueryContext,
  type ResourceSpec,
} from './simpleRest';
import { refuseOtherStaff } from './staffFilters';

/** `paidFen_gte` → { field: 'paidFen', op: 'gte' }; null for a key that is not a bound. */
function boundOf(key: string): { field: string; op: 'gte' | 'lte' | 'gt' | 'lt' } | null {
  const match = /^(.*)_(gte|lte|gt|lt)$/.exec(key);
  return match ? { field: match[1], op: match[2] as 'gte' | 'lte' | 'gt' | 'lt' } : null;
}

function checkScalar(spec: { name: string }, field: string, type: FieldType, value: unknown) {
  const fail = (code: RefusalCode) => {
    throw code === 'time_not_canonical_utc'
      ? badQuery(code, { problem: timeProblem('filter', { filter: field, resource: spec.name }) })
      : badQuery(code, { filter: field, resource: spec.name });
  };
  switch (type) {
    case 'number':
      // every number field is whole: fen, coins, a level, a version
      if (!Number.isSafeInteger(value)) fail('number_not_integer');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail('filter_not_boolean');
      break;
    case 'date':
      if (parseCanonicalUtc(value) === null) fail('time_not_canonical_utc');
      break;
    case 'nullableString':
      if (value !== null && typeof value !== 'string') fail('filter_not_text_or_null');
      break;
    default:
      if (typeof value !== 'string' && typeof value !== 'number') fail('filter_not_text');
  }
}

/**
 * Checks every key and value of a list filter, in the filter's order, and throws the first refusal:
 * a staff filter the caller may not use (403 other_staff_figures) before anything else; then per
 * key a `q` that is not text, a computed filter's own refusal (resources.ts: slaState, decided…), a
 * bound on a field that is neither a number nor a time or whose limit is not a whole number or a
 * canonical UTC time, an unknown field, too many values, a value of the wrong type.
 */
export function validateListFilter<T extends { id: string }>(
  spec: ResourceSpec<T>,
  filter: Record<string, unknown>,
  ctx: QueryContext,
): void {
  refuseOtherStaff(spec.staffFilters, spec.nullAliases, filter, { id: ctx.userId, role: ctx.role });
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'q') {
      if (typeof value !== 'string') throw badQuery('filter_q_not_text');
      continue;
    }
    // own keys only: "__proto__", "constructor" … must not reach Object.prototype (was a 500)
    const computed =
      spec.computedFilters && Object.hasOwn(spec.computedFilters, key)
        ? spec.computedFilters[key]
        : undefined;
    if (computed) {
      // a computed filter validates its value as it builds its test; the test itself is not needed
      computed(value, ctx);
      continue;
    }
    const bound = boundOf(key);
    if (bound) {
      const type = Object.hasOwn(spec.fields, bound.field) ? spec.fields[bound.field] : undefined;
      if (type !== 'number' && type !== 'date') {
        throw badQuery('filter_not_bound', { filter: key, resource: spec.name, field: bound.field });
      }
      checkScalar(spec, key, type, value);
      continue;
    }
    const type = key === 'id' ? 'string' : Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
    if (!type) throw badQuery('filter_unknown', { filter: key, resource: spec.name });
    const values = Array.isArray(value) ? value : [value];
    if (values.length > MAX_PAGE) throw badQuery('filter_too_many_values', { filter: key });
    for (const v of values) {
      if (type === 'nullableString' && typeof v === 'string' && spec.nullAliases?.includes(v)) continue;
      checkScalar(spec, key, type, v);
    }
  }
}
