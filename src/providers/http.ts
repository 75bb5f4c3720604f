// The HTTP client every provider uses: the API base URL, the bearer token, JSON in and out.
// Failures reject with react-admin's HttpError carrying the server's `message` and status
// (fetchUtils.fetchJson does this), so checkError and notifications see them.
//
// It also keeps `apiHealth`: whether the API answers at all. A network failure or a 5xx marks it
// down (the layout then shows a full-page message and retries by itself, see
// src/layout/ApiStatus.tsx); any other answer, including a 4xx, marks it up again.
//
// Refusals are said in the user's language: every request sends Accept-Language with the UI's
// locale, and a refusal's message and field errors are said again from its `code` and `params`
// with the UI's own catalogues (refusals.*), so they follow a language switch; an unknown code
// keeps the server's message. The catalogue and the code that says a refusal (refusalText.ts)
// load with the first refusal, which waits for them: the first page carries neither.
import { fetchUtils, HttpError, type I18nProvider } from 'react-admin';
import { resolveUrl } from './apiUrl';
import { takeEarlyResponse } from './earlyQueue';
import { i18nProvider as appI18nProvider } from './i18nProvider';
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

let i18n: I18nProvider = appI18nProvider;

/** The i18n provider whose locale requests ask for and refusals are said in (the app's by default). */
export function setHttpI18nProvider(provider: I18nProvider): void {
  i18n = provider;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let refusalText: Promise<typeof import('./refusalText')> | null = null;

/** react-admin's HttpError again, its message and body in the UI's language (refusalText.ts). */
async function localizedError(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpError) || !isObject(error.body) || typeof error.body.code !== 'string')
    return error;
  try {
    refusalText ??= import('./refusalText');
    const { localizeRefusalBody } = await refusalText;
    const body = localizeRefusalBody(error.body, i18n);
    return body ? new HttpError(body.message as string, error.status, body) : error;
  } catch {
    // the catalogue did not load (network, a new deployment): the server's message, in the
    // language the request asked for, is said instead; the next refusal asks again
    refusalText = null;
    return error;
  }
}

export function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = getToken();
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
  if (!headers.has('Accept-Language')) headers.set('Accept-Language', i18n.getLocale());
  const request = () => fetchUtils.fetchJson(resolveUrl(url), { ...options, headers });
  // the queue's first page may have been asked for while the app was starting (earlyQueue.ts);
  // if that answer is not a success, ask again the usual way so errors surface as they always do
  const early = (options.method ?? 'GET') === 'GET' ? takeEarlyResponse(resolveUrl(url), token) : null;
  return watched(early ? early.catch(request) : request()).catch(async (error: unknown) => {
    throw await localizedError(error);
  });
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
