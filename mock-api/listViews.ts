// Indexes that keep list pages fast at 100,000 records without changing what they answer:
// - sorted views: ids kept in (key, id) order per sort field, built on first use and then
//   maintained change by change (a binary search and a splice), so a page never re-sorts;
// - equality indexes on reference fields (refundId, customerId, orderId, complaintId): a
//   getManyReference reads its few candidates instead of scanning the collection;
// - lower-cased search text per record for `q`.
// Order is the contract of runListQuery in simpleRest.ts: by key, then by id number, nulls last;
// DESC is the exact reverse of ASC apart from the nulls, which stay last.
import { isCanonicalUtc } from '../src/domain/instant';
import { compareIds, idNumber, type RangeBound } from './simpleRest';
import type { Change, CollectionName, Collections, Store } from './store';

type Key = string | number | boolean;

function compareKeys(a: Key, b: Key): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindOf(key: Key): 'number' | 'instant' | 'other' {
  if (typeof key === 'number') return Number.isNaN(key) ? 'other' : 'number';
  return typeof key === 'string' && isCanonicalUtc(key) ? 'instant' : 'other';
}

class SortedView<T extends { id: string }> {
  /** ids whose key is not null, ascending by (key, id) */
  readonly ids: string[] = [];
  /** the records, parallel to `ids`: a page walks them without a lookup per record */
  readonly rows: T[] = [];
  /** ids (and records) whose key is null, ascending by id */
  readonly nullIds: string[] = [];
  readonly nullRows: T[] = [];
  private keys = new Map<string, Key | null>();
  /** how many non-null keys are numbers, canonical UTC times, or anything else (see `between`) */
  private readonly kinds = { number: 0, instant: 0, other: 0 };

  constructor(
    private readonly field: string,
    records: Iterable<T>,
  ) {
    const withKey: { r: T; key: Key }[] = [];
    const nulls: T[] = [];
    for (const r of records) {
      const key = this.keyOf(r);
      this.keys.set(r.id, key);
      if (key === null) nulls.push(r);
      else {
        withKey.push({ r, key });
        this.kinds[kindOf(key)]++;
      }
    }
    withKey.sort((a, b) => compareKeys(a.key, b.key) || compareIds(a.r.id, b.r.id));
    for (const { r } of withKey) {
      this.ids.push(r.id);
      this.rows.push(r);
    }
    nulls.sort((a, b) => compareIds(a.id, b.id));
    for (const r of nulls) {
      this.nullIds.push(r.id);
      this.nullRows.push(r);
    }
  }

  private keyOf(record: { id: string }): Key | null {
    // ids order by their number (r9 before r10); the tie-break then settles the rest
    if (this.field === 'id') return idNumber(record.id) || 0;
    const value = (record as unknown as Record<string, unknown>)[this.field];
    return value === null || value === undefined ? null : (value as Key);
  }

  update(record: T) {
    const key = this.keyOf(record);
    const had = this.keys.has(record.id);
    const old = this.keys.get(record.id) ?? null;
    if (had && old === key) {
      // same place, newer record
      const [ids, rows] = key === null ? [this.nullIds, this.nullRows] : [this.ids, this.rows];
      const at = this.position(ids, record.id, key);
      if (ids[at] === record.id) rows[at] = record;
      return;
    }
    if (had) this.remove(record.id, old);
    this.keys.set(record.id, key);
    if (key !== null) this.kinds[kindOf(key)]++;
    const [ids, rows] = key === null ? [this.nullIds, this.nullRows] : [this.ids, this.rows];
    const at = this.position(ids, record.id, key);
    ids.splice(at, 0, record.id);
    rows.splice(at, 0, record);
  }

  private remove(id: string, key: Key | null) {
    const [ids, rows] = key === null ? [this.nullIds, this.nullRows] : [this.ids, this.rows];
    const at = this.position(ids, id, key);
    if (ids[at] === id) {
      ids.splice(at, 1);
      rows.splice(at, 1);
      if (key !== null) this.kinds[kindOf(key)]--;
    }
  }

  /**
   * The positions [from, to) in `rows` of the records whose key lies within the bounds, found by
   * binary search; null when the keys are not all of the kind the bounds compare by (a number
   * field holding text, a time not in canonical UTC, whose text order would not be time order).
   */
  between(
    kind: 'number' | 'instant',
    lower?: RangeBound,
    upper?: RangeBound,
  ): { from: number; to: number } | null {
    if (this.kinds[kind] !== this.ids.length) return null;
    // first position whose key is above (or at, when inclusive) the lower bound, and so on
    const first = (bound: RangeBound, after: boolean) => {
      let lo = 0;
      let hi = this.ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = compareKeys(this.keys.get(this.ids[mid]) as Key, bound.key);
        if (c < 0 || (after && c === 0)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const from = lower ? first(lower, !lower.inclusive) : 0;
    const to = upper ? first(upper, upper.inclusive) : this.ids.length;
    return { from, to: Math.max(from, to) };
  }

  /** First index whose (key, id) is ≥ the given one. */
  private position(list: string[], id: string, key: Key | null): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = list[mid];
      const otherKey = this.keys.get(other) ?? null;
      const c = (key === null || otherKey === null ? 0 : compareKeys(otherKey, key)) || compareIds(other, id);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Reference fields worth an equality index: few records share a value. */
const EQUALITY_FIELDS = ['refundId', 'customerId', 'orderId', 'complaintId'];

export class CollectionViews<K extends CollectionName> {
  private sortedViews = new Map<string, SortedView<Collections[K]>>();
  private equality = new Map<string, Map<unknown, Set<string>>>();
  private searchTexts = new Map<string, string>();
  private equalityValues = new Map<string, Map<string, unknown>>();

  constructor(
    private readonly store: Store,
    readonly collection: K,
    private readonly searchFields: readonly string[],
  ) {
    for (const field of EQUALITY_FIELDS) {
      this.equality.set(field, new Map());
      this.equalityValues.set(field, new Map());
    }
    for (const r of store.all(collection)) this.index(r);
    store.onChange((changes: readonly Change[]) => {
      for (const change of changes) {
        if (change.c !== collection) continue;
        this.index(change.v);
        for (const view of this.sortedViews.values()) view.update(change.v as Collections[K]);
      }
    });
  }

  private index(record: { id: string }) {
    const fields = record as unknown as Record<string, unknown>;
    for (const field of EQUALITY_FIELDS) {
      if (!(field in fields)) continue;
      const byValue = this.equality.get(field)!;
      const current = this.equalityValues.get(field)!;
      const value = fields[field];
      if (current.has(record.id)) {
        const old = current.get(record.id);
        if (old === value) continue;
        byValue.get(old)?.delete(record.id);
      }
      current.set(record.id, value);
      let ids = byValue.get(value);
      if (!ids) byValue.set(value, (ids = new Set()));
      ids.add(record.id);
    }
    if (this.searchFields.length > 0) {
      this.searchTexts.set(
        record.id,
        this.searchFields
          .map((f) => fields[f])
          .filter((v): v is string => typeof v === 'string')
          .join('\u0000')
          .toLowerCase(),
      );
    }
  }

  get(id: string): Collections[K] | undefined {
    return this.store.get(this.collection, id);
  }

  /** The lower-cased search fields of a record, joined by a separator no query contains. */
  searchText(id: string): string {
    return this.searchTexts.get(id) ?? '';
  }

  /** Ids of the records whose search text contains `needle` (lower-cased); null without search fields. */
  idsContaining(needle: string): Set<string> | null {
    if (this.searchFields.length === 0) return null;
    // one pass over the texts themselves: no map lookup per record
    const ids = new Set<string>();
    for (const [id, text] of this.searchTexts) if (text.includes(needle)) ids.add(id);
    return ids;
  }

  hasEqualityIndex(field: string): boolean {
    return this.equality.has(field);
  }

  idsWhere(field: string, values: readonly unknown[]): Set<string> {
    const byValue = this.equality.get(field)!;
    const out = new Set<string>();
    for (const value of values) for (const id of byValue.get(value) ?? []) out.add(id);
    return out;
  }

  /** The records sorted ascending by (field, id), and those without a value, sorted by id. */
  ordered(field: string): { rows: readonly Collections[K][]; nullRows: readonly Collections[K][] } {
    return this.view(field);
  }

  /**
   * The records whose `field` lies within the bounds, ascending by (field, id): a slice of the sorted
   * view. Null when the view cannot answer by binary search (see SortedView.between).
   */
  within(
    field: string,
    kind: 'number' | 'instant',
    lower?: RangeBound,
    upper?: RangeBound,
  ): { rows: readonly Collections[K][]; from: number; to: number } | null {
    const view = this.view(field);
    const span = view.between(kind, lower, upper);
    return span && { rows: view.rows, ...span };
  }

  private view(field: string): SortedView<Collections[K]> {
    let view = this.sortedViews.get(field);
    if (!view) {
      view = new SortedView<Collections[K]>(field, this.store.all(this.collection));
      this.sortedViews.set(field, view);
    }
    return view;
  }
}
