// The HTTP client every provider uses: the API base URL, the bearer token, JSON in and out.
// Failures reject with react-admin's HttpError carrying the server's `message` and status
// (fetchUtils.fetchJson does this), so checkError and notifications see them.
//
// It also keeps `apiHealth`: whether the API answers at all. A network failure or a 5xx marks it
// down (the layout then shows a full-page message and retries by itself, see
// src/layout/ApiStatus.tsx); any other answer, including a 4xx, marks it up again.
import { fetchUtils } from 'react-admin';
import { resolveUrl } from './apiUrl';
import { takeEarlyResponse } from './earlyQueue';
import { getToken } from './session';

export { apiUrl, resolveUrl } from './apiUrl';

export type ApiHealth =
  | { state: 'up' }
  | {
      state: 'down';
      /** network: no answer at all; server: an answer with a 5xx status */
      reason: 'network' | 'server';
      status?: number;
      since: number;
    };

/** What a failed request says about the API: an outage, or just a refused or invalid request. */
export function outageOf(error: unknown): { reason: 'network' | 'server'; status?: number } | null {
  const status =
    typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  if (typeof status === 'number') return status >= 500 ? { reason: 'server', status } : null;
  // fetch() rejects with a TypeError when the request never got an answer
  if (error instanceof TypeError) return { reason: 'network' };
  return null;
}

type Listener = () => void;

/** A tiny external store (for useSyncExternalStore): is the API reachable? */
export function createApiHealth(now: () => number = Date.now) {
  let health: ApiHealth = { state: 'up' };
  const listeners = new Set<Listener>();
  const emit = () => listeners.forEach((listener) => listener());
  return {
    get: (): ApiHealth => health,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportDown(outage: { reason: 'network' | 'server'; status?: number }): void {
      if (health.state === 'down' && health.reason === outage.reason && health.status === outage.status)
        return;
      health = { state: 'down', ...outage, since: health.state === 'down' ? health.since : now() };
      emit();
    },
    reportUp(): void {
      if (health.state === 'up') return;
      health = { state: 'up' };
      emit();
    },
  };
}

export const apiHealth = createApiHealth();

/** Records what a request's outcome says about the API's health, and passes the outcome on. */
async function watched<T>(request: Promise<T>): Promise<T> {
  try {
    const result = await request;
    apiHealth.reportUp();
    return result;
  } catch (error: unknown) {
    const outage = outageOf(error);
    if (outage) apiHealth.reportDown(outage);
    // an answer (4xx) proves the API is there; a cancelled request proves nothing
    else if (typeof (error as { status?: unknown } | null)?.status === 'number') apiHealth.reportUp();
    throw error;
  }
}

export function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = getToken();
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
  const request = () => fetchUtils.fetchJson(resolveUrl(url), { ...options, headers });
  // the queue's first page may have been asked for while the app was starting (earlyQueue.ts);
  // if that answer is not a success, ask again the usual way so errors surface as they always do
  const early = (options.method ?? 'GET') === 'GET' ? takeEarlyResponse(resolveUrl(url), token) : null;
  return watched(early ? early.catch(request) : request());
}

/**
 * Asks the API whether it is back: any answer below 500 (even 401) means it is. Updates apiHealth
 * and resolves to the result.
 */
export async function probeApi(): Promise<boolean> {
  const headers = new Headers({ Accept: 'application/json' });
  const token = getToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    const response = await fetch(resolveUrl('auth/me'), { headers, cache: 'no-store' });
    if (response.status >= 500) {
      apiHealth.reportDown({ reason: 'server', status: response.status });
      return false;
    }
    apiHealth.reportUp();
    return true;
  } catch {
    apiHealth.reportDown({ reason: 'network' });
    return false;
  }
}
