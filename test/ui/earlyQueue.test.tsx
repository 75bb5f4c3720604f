// @vitest-environment jsdom
// The queue's early first page (src/providers/earlyQueue.ts): asked for exactly what the list will
// ask for, used once by the same user, never when stale, and never in place of an error.
import { QueryClient } from '@tanstack/react-query';
import simpleRestProvider from 'ra-data-simple-rest';
import type { GetListParams, fetchUtils } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUEUE_PER_PAGE, QUEUE_SORT, queueDefaultFilter } from '../../src/refunds/queueDefaults';

type EarlyQueue = typeof import('../../src/providers/earlyQueue');
type Http = typeof import('../../src/providers/http');

/** A token whose payload says it expires in an hour (the server would check its signature). */
function tokenFor(user: string, expMs = Date.now() + 3_600_000): string {
  const payload = btoa(JSON.stringify({ sub: user, exp: expMs })).replace(/=+$/, '');
  return `${payload}.signature`;
}

function signIn(token: string) {
  localStorage.setItem('refundDesk.token', token);
  localStorage.setItem(
    'refundDesk.user',
    JSON.stringify({ id: 'u1', username: 'reviewer', fullName: 'Li Na', role: 'reviewer' }),
  );
}

const rows = [{ id: 'r1' }, { id: 'r2' }];
const listAnswer = (status = 200) =>
  new Response(status === 200 ? JSON.stringify(rows) : JSON.stringify({ message: 'down' }), {
    status,
    headers: { 'Content-Type': 'application/json', 'Content-Range': 'refunds 0-1/2' },
  });

const DEFAULT_PAGE = {
  pagination: { page: 1, perPage: QUEUE_PER_PAGE },
  sort: { ...QUEUE_SORT },
  filter: queueDefaultFilter(),
};

/** Fresh modules: the early request lives in module state, as it does once per page load. */
async function load(): Promise<{ early: EarlyQueue; http: Http }> {
  vi.resetModules();
  return {
    early: await import('../../src/providers/earlyQueue'),
    http: await import('../../src/providers/http'),
  };
}

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  localStorage.clear();
  window.location.hash = '#/refunds';
  fetchMock = vi.fn(async () => listAnswer());
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the page the list will ask for', () => {
  it('is the queue’s default view on the home page, and nothing elsewhere or with its own parameters', async () => {
    const { early } = await load();
    expect(early.queueFirstPage('#/refunds', null)).toEqual(DEFAULT_PAGE);
    expect(early.queueFirstPage('', null)).toEqual(DEFAULT_PAGE);
    expect(early.queueFirstPage('#/complaints', null)).toBeNull();
    expect(early.queueFirstPage('#/refunds?filter=%7B%7D', null)).toBeNull();
    expect(early.queueFirstPage('#/refunds', '{not json')).toBeNull();
  });

  it('follows the parameters react-admin stored for the list, as its getQuery does', async () => {
    const { early } = await load();
    const stored = { filter: { assigneeId: 'me' }, sort: 'paidFen', order: 'DESC', page: 2, perPage: 50 };
    expect(early.queueFirstPage('#/refunds', JSON.stringify(stored))).toEqual({
      pagination: { page: 2, perPage: 50 },
      sort: { field: 'paidFen', order: 'DESC' },
      filter: { assigneeId: 'me' },
    });
    // nothing custom stored: the defaults
    expect(early.queueFirstPage('#/refunds', JSON.stringify({ filter: {}, page: 1 }))).toEqual(DEFAULT_PAGE);
  });

  it('has the URL ra-data-simple-rest builds for the same parameters (else the answer would never be used)', async () => {
    const { early } = await load();
    const seen: string[] = [];
    const provider = simpleRestProvider('/api', (url: string) => {
      seen.push(url);
      return Promise.resolve({
        status: 200,
        headers: new Headers({ 'Content-Range': 'refunds 0-0/0' }),
        body: '[]',
        json: [],
      } satisfies Awaited<ReturnType<typeof fetchUtils.fetchJson>>);
    });
    for (const page of [
      DEFAULT_PAGE,
      early.queueFirstPage('#/refunds', '{"filter":{"q":"王 & co"},"page":3}')!,
    ]) {
      await provider.getList('refunds', page as GetListParams);
      expect(early.requestKey(seen.at(-1)!)).toBe(early.requestKey(early.refundListUrl(page)));
    }
    // the key ignores the order and the spelling of the query string, not its content
    expect(
      early.requestKey('/api/refunds?sort=%5B%22a%22%2C%22ASC%22%5D&filter=%7B%22x%22%3A1%2C%22y%22%3A2%7D'),
    ).toBe(early.requestKey('/api/refunds?filter={"y":2,"x":1}&sort=["a","ASC"]'));
    expect(early.requestKey('/api/refunds?filter={"x":1}')).not.toBe(
      early.requestKey('/api/refunds?filter={"x":2}'),
    );
  });
});

describe('the early answer', () => {
  it('serves the list’s own request once, without a second trip to the server', async () => {
    signIn(tokenFor('u1'));
    const { early, http } = await load();
    early.startEarlyQueueRequest();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const provider = simpleRestProvider('/api', http.httpClient);
    const first = await provider.getList('refunds', DEFAULT_PAGE);
    expect(first).toMatchObject({ data: rows, total: 2 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // used once: the next identical request goes to the server
    await provider.getList('refunds', DEFAULT_PAGE);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('is not asked for without a session, or with an expired one', async () => {
    const { early } = await load();
    early.startEarlyQueueRequest();
    signIn(tokenFor('u1', Date.now() - 1));
    early.startEarlyQueueRequest();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('is not given to another user, nor once it is old', async () => {
    signIn(tokenFor('u1'));
    const { early } = await load();
    let now = 1_000_000;
    early.startEarlyQueueRequest(() => now);
    const url = early.refundListUrl(DEFAULT_PAGE);
    expect(early.takeEarlyResponse(url, tokenFor('u2'), () => now)).toBeNull();
    now += early.EARLY_RESPONSE_MAX_AGE_MS + 1;
    expect(early.takeEarlyResponse(url, localStorage.getItem('refundDesk.token'), () => now)).toBeNull();
  });

  it('does not stand in for an error: a failed early request is asked again the usual way', async () => {
    signIn(tokenFor('u1'));
    fetchMock
      .mockImplementationOnce(async () => listAnswer(503))
      .mockImplementationOnce(async () => listAnswer(503));
    const { early, http } = await load();
    early.startEarlyQueueRequest();
    const provider = simpleRestProvider('/api', http.httpClient);
    await expect(provider.getList('refunds', DEFAULT_PAGE)).rejects.toMatchObject({
      status: 503,
      message: 'down',
    });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('is put in the list’s query cache under the key react-admin’s useGetList reads', async () => {
    signIn(tokenFor('u1'));
    const { early } = await load();
    early.startEarlyQueueRequest();
    const queryClient = new QueryClient();
    early.seedEarlyResponses(queryClient);
    const key = ['refunds', 'getList', { ...DEFAULT_PAGE, meta: undefined }];
    await vi.waitFor(() => expect(queryClient.getQueryData(key)).toMatchObject({ data: rows, total: 2 }));
  });
});
