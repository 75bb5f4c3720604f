// What the queue's early first page (earlyQueue.ts) must know of react-admin and
// ra-data-simple-rest to ask for exactly what the list will ask for, and to hand the answer over:
// where the list's parameters are stored, how the list derives its query from them, the query-cache
// key and value of a getList, and the simple-rest request. These are their internals, not their
// API, so they live here only; test/ui/reactAdminList.test.tsx renders a real <Admin> with a real
// list and ra-data-simple-rest and holds each of them to what those do, so an upgrade that changes
// one fails that test instead of silently slowing the queue.
import type { QueryKey } from '@tanstack/react-query';

/** The parameters of a getList call, as react-admin's useGetList passes them (and keys its cache by). */
export interface ListRequest {
  pagination: { page: number; perPage: number };
  sort: { field: string; order: string };
  filter: Record<string, unknown>;
}

/** The <List> props that decide its query when nothing is stored (react-admin's defaults otherwise). */
export interface ListDefaults {
  sort: { field: string; order: 'ASC' | 'DESC' };
  perPage: number;
  filterDefaultValues: Record<string, unknown>;
}

/**
 * The localStorage key under which the app's store (react-admin's default, localStorageStore()
 * without a version or app key: "RaStore.<key>") keeps a list's parameters (useListParams:
 * "<resource>.listParams").
 */
export function storedListParamsKey(resource: string): string {
  return `RaStore.${resource}.listParams`;
}

interface StoredListParams {
  filter?: Record<string, unknown>;
  sort?: string;
  order?: string;
  page?: number | string;
  perPage?: number | string;
}

const numberOr = (value: number | string | undefined, fallback: number) => {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
};

/**
 * The query a list asks for on an address without parameters, as react-admin's useListParams
 * (getQuery) derives it: the parameters stored for the list when any is not the default, else the
 * list's defaults. Null when the stored value cannot be read (the list then decides by itself).
 */
export function listRequestFromStore(
  storedListParams: string | null,
  defaults: ListDefaults,
): ListRequest | null {
  let stored: StoredListParams | null = null;
  try {
    stored = storedListParams ? (JSON.parse(storedListParams) as StoredListParams) : null;
  } catch {
    return null;
  }
  const custom =
    stored?.filter &&
    (Object.keys(stored.filter).length > 0 ||
      stored.order != null ||
      stored.page !== 1 ||
      stored.perPage != null ||
      stored.sort != null);
  const query: StoredListParams = custom && stored ? { ...stored } : { filter: defaults.filterDefaultValues };
  if (!query.sort) {
    query.sort = defaults.sort.field;
    query.order = defaults.sort.order;
  }
  return {
    pagination: {
      page: numberOr(query.page ?? 1, 1),
      perPage: numberOr(query.perPage ?? defaults.perPage, 10),
    },
    sort: { field: query.sort, order: query.order ?? '' },
    filter: query.filter ?? {},
  };
}

/** The key useGetList caches a page under (react-admin's dataProvider query keys). */
export function getListQueryKey(resource: string, request: ListRequest): QueryKey {
  return [resource, 'getList', { ...request, meta: undefined }];
}

/** What useGetList caches under that key for a page of records. */
export function getListCacheValue(data: unknown[], total: number) {
  return { data, total, pageInfo: undefined, meta: undefined };
}

/** ra-data-simple-rest's URL for a getList, under the API's base URL. */
export function simpleRestListUrl(apiBase: string, resource: string, request: ListRequest): string {
  const { page, perPage } = request.pagination;
  const search = new URLSearchParams({
    filter: JSON.stringify(request.filter),
    range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
    sort: JSON.stringify([request.sort.field, request.sort.order]),
  });
  return `${apiBase.replace(/\/$/, '')}/${resource}?${search.toString()}`;
}

/** The Range header ra-data-simple-rest sends with a getList (its Content-Range mode, the default). */
export function simpleRestListRange(resource: string, { page, perPage }: ListRequest['pagination']): string {
  return `${resource}=${(page - 1) * perPage}-${page * perPage - 1}`;
}
