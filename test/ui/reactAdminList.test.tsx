// @vitest-environment jsdom
// The queue's early first page copies react-admin and ra-data-simple-rest internals; they sit in
// src/providers/reactAdminList.ts alone, and this test holds each to what a real <Admin> with a
// real <List> (the queue's own defaults) and ra-data-simple-rest do: the localStorage key the
// list's parameters are read from, the query derived from them, the URL and Range header of the
// request, and the query-cache key and value of the page. A react-admin upgrade that changes one
// of them fails here instead of silently sending the queue's first page nobody uses.
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import simpleRestProvider from 'ra-data-simple-rest';
import { Admin, List, Resource, TestMemoryRouter, type fetchUtils } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUEUE_PER_PAGE, QUEUE_SORT, queueDefaultFilter } from '../../src/refunds/queueDefaults';
import { requestKey } from '../../src/providers/earlyQueue';
import {
  getListCacheValue,
  getListQueryKey,
  listRequestFromStore,
  simpleRestListRange,
  simpleRestListUrl,
  storedListParamsKey,
  type ListDefaults,
} from '../../src/providers/reactAdminList';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const queueDefaults = (): ListDefaults => ({
  sort: QUEUE_SORT,
  perPage: QUEUE_PER_PAGE,
  filterDefaultValues: queueDefaultFilter(),
});

const rows = [{ id: 'r1' }, { id: 'r2' }];
/** more than every stored page reaches: a page beyond the total would be corrected by the list */
const TOTAL = 500;

/** A real <Admin> (its default store, as App.tsx has it) showing a list with the queue's defaults. */
function renderQueue() {
  const requests: { url: string; options: fetchUtils.Options | undefined }[] = [];
  const httpClient = (url: string, options?: fetchUtils.Options) => {
    requests.push({ url, options });
    return Promise.resolve({
      status: 200,
      headers: new Headers({ 'Content-Range': `refunds 0-1/${TOTAL}` }),
      body: JSON.stringify(rows),
      json: rows,
    });
  };
  const queryClient = new QueryClient();
  const defaults = queueDefaults();
  render(
    <TestMemoryRouter initialEntries={['/refunds']}>
      <Admin dataProvider={simpleRestProvider('/api', httpClient)} queryClient={queryClient} disableTelemetry>
        <Resource
          name="refunds"
          list={
            <List
              sort={defaults.sort}
              perPage={defaults.perPage}
              filterDefaultValues={defaults.filterDefaultValues}
            >
              <span>rows</span>
            </List>
          }
        />
      </Admin>
    </TestMemoryRouter>,
  );
  return { requests, queryClient };
}

const STORED_CASES: [string, string | null][] = [
  ['nothing stored', null],
  ['stored defaults only', JSON.stringify({ filter: {}, page: 1 })],
  [
    'stored custom parameters',
    JSON.stringify({ filter: { assigneeId: 'me' }, sort: 'paidFen', order: 'DESC', page: 2, perPage: 50 }),
  ],
  ['a stored filter without a sort', JSON.stringify({ filter: { q: '王 & co' }, page: 3 })],
];

describe('react-admin’s list, as the early first page expects it', () => {
  it.each(STORED_CASES)('asks for the page derived from the store with %s', async (_case, stored) => {
    if (stored !== null) localStorage.setItem(storedListParamsKey('refunds'), stored);
    const expected = listRequestFromStore(stored, queueDefaults())!;
    const { requests, queryClient } = renderQueue();

    await vi.waitFor(() => expect(requests).toHaveLength(1));
    const [{ url, options }] = requests;
    // the same request: URL (however its query string is spelled) and Range header
    expect(requestKey(url)).toBe(requestKey(simpleRestListUrl('/api', 'refunds', expected)));
    expect(new Headers(options?.headers).get('Range')).toBe(
      simpleRestListRange('refunds', expected.pagination),
    );

    // the page is cached under the adapter's key, with the adapter's value for it
    const key = getListQueryKey('refunds', expected);
    await vi.waitFor(() =>
      expect(queryClient.getQueryData(key)).toStrictEqual(getListCacheValue(rows, TOTAL)),
    );
    const lists = queryClient.getQueryCache().findAll({ queryKey: ['refunds', 'getList'] });
    expect(lists.map((query) => query.queryHash)).toEqual([
      queryClient.getQueryCache().find({ queryKey: key, exact: true })!.queryHash,
    ]);
  });

  it('reads the list’s parameters from the key the adapter names, and from no other', async () => {
    // a value under another key is not the list's: the list asks for its defaults
    localStorage.setItem('RaStore.refunds.listParams.other', JSON.stringify({ filter: { x: 1 }, page: 4 }));
    const { requests } = renderQueue();
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    const defaults = listRequestFromStore(null, queueDefaults())!;
    expect(requestKey(requests[0].url)).toBe(requestKey(simpleRestListUrl('/api', 'refunds', defaults)));
  });
});
