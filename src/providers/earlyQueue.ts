// The queue is the page reviewers load and reload all day. Its first page is asked for before the
// app's first render (main.tsx), while React builds the layout, and handed to the list when it asks
// for the same URL with the same token: the list then shows its rows without a round trip after it
// mounts (the list only asks once the layout, the auth check and the access check have rendered).
// Anything that does not match exactly is fetched as usual, an unused answer expires, and an
// answer is used once.
import type { QueryClient } from '@tanstack/react-query';
import { QUEUE_PER_PAGE, QUEUE_SORT, queueDefaultFilter } from '../refunds/queueDefaults';
import { apiUrl, resolveUrl } from './apiUrl';
import {
  getListCacheValue,
  getListQueryKey,
  listRequestFromStore,
  simpleRestListRange,
  simpleRestListUrl,
  storedListParamsKey,
  type ListDefaults,
  type ListRequest,
} from './reactAdminList';
import { getToken, tokenExpiry } from './session';

/** What react-admin's fetchUtils.fetchJson resolves to on success. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
}

interface EarlyRequest {
  list: ListRequest;
  key: string;
  token: string;
  startedAt: number;
  response: Promise<JsonResponse>;
}

/** An early answer older than this is not used: the list asks again. */
export const EARLY_RESPONSE_MAX_AGE_MS = 10_000;

const requests: EarlyRequest[] = [];

/** The queue's <List> props that decide its first query (RefundList.tsx passes the same). */
const queueDefaults = (): ListDefaults => ({
  sort: QUEUE_SORT,
  perPage: QUEUE_PER_PAGE,
  filterDefaultValues: queueDefaultFilter(),
});

export type { ListRequest } from './reactAdminList';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/** The same key for the same request however its query string is ordered, spaced or encoded. */
export function requestKey(url: string): string {
  const parsed = new URL(url, 'http://same-origin.invalid/');
  const params = [...parsed.searchParams]
    .map(([name, value]): [string, string] => {
      try {
        return [name, JSON.stringify(sortKeys(JSON.parse(value)))];
      } catch {
        return [name, value];
      }
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${parsed.origin}${parsed.pathname}?${JSON.stringify(params)}`;
}

/** ra-data-simple-rest's URL for a getList of refunds. */
export function refundListUrl(list: ListRequest): string {
  return simpleRestListUrl(apiUrl, 'refunds', list);
}

/**
 * The queue page the list is about to ask for, as react-admin derives its parameters
 * (useListParams' getQuery: the parameters it stored for the list, else the list's defaults); null
 * when the page is not the queue or the address carries its own parameters.
 */
export function queueFirstPage(hash: string, storedListParams: string | null): ListRequest | null {
  if (!['', '#', '#/', '#/refunds'].includes(hash)) return null;
  return listRequestFromStore(storedListParams, queueDefaults());
}

/** Starts the early request for the queue's first page, when there is a session and the page is the queue. */
export function startEarlyQueueRequest(now: () => number = Date.now): void {
  let storedListParams: string | null = null;
  try {
    storedListParams = globalThis.localStorage?.getItem(storedListParamsKey('refunds')) ?? null;
  } catch {
    return; // no storage: no session either
  }
  const token = getToken();
  if (!token) return;
  const exp = tokenExpiry(token);
  if (exp !== null && exp <= now()) return;
  const list = queueFirstPage(globalThis.location?.hash ?? '', storedListParams);
  if (!list) return;
  const url = refundListUrl(list);
  const response = fetch(resolveUrl(url), {
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
      // what ra-data-simple-rest sends with a list request
      Range: simpleRestListRange('refunds', list.pagination),
    },
  }).then(async (answer): Promise<JsonResponse> => {
    const body = await answer.text();
    if (!answer.ok) throw new Error(`early request answered ${answer.status}`);
    return { status: answer.status, headers: answer.headers, body, json: JSON.parse(body) };
  });
  // never taken (another page opened first) is fine: no unhandled rejection for that
  response.catch(() => undefined);
  requests.push({ list, key: requestKey(url), token, startedAt: now(), response });
}

/**
 * Puts the early page into the list's cache as soon as it arrives, under the key useGetList reads,
 * so that the list's first render already has its rows. (Its refetch on mount is then answered by
 * takeEarlyResponse, without a second request.)
 */
export function seedEarlyResponses(queryClient: QueryClient, now: () => number = Date.now): void {
  for (const request of requests) {
    request.response.then(
      ({ headers, json }) => {
        const total = Number.parseInt(headers.get('Content-Range')?.split('/').pop() ?? '', 10);
        if (!Array.isArray(json) || !Number.isFinite(total)) return;
        if (now() - request.startedAt > EARLY_RESPONSE_MAX_AGE_MS) return;
        const key = getListQueryKey('refunds', request.list);
        // never over data the app fetched itself meanwhile
        if (queryClient.getQueryData(key) !== undefined) return;
        queryClient.setQueryData(key, getListCacheValue(json, total), { updatedAt: request.startedAt });
      },
      () => undefined,
    );
  }
}

/**
 * The early answer for this exact request and token, once; null when there is none (or it is too
 * old). The promise rejects when the early request failed: the caller then asks the usual way.
 */
export function takeEarlyResponse(
  url: string,
  token: string | null,
  now: () => number = Date.now,
): Promise<JsonResponse> | null {
  if (requests.length === 0 || !token) return null;
  const key = requestKey(url);
  const fresh = requests.filter((r) => now() - r.startedAt <= EARLY_RESPONSE_MAX_AGE_MS);
  const at = fresh.findIndex((r) => r.key === key && r.token === token);
  const taken = at >= 0 ? fresh.splice(at, 1)[0] : null;
  requests.splice(0, requests.length, ...fresh);
  return taken ? taken.response : null;
}
