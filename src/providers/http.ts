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
// keeps the server's message.
import { fetchUtils, HttpError, type I18nProvider } from 'react-admin';
import {
  translateFieldRefusal,
  translateRefusal,
  type FieldRefusals,
  type RefusalParams,
} from '../domain/refusal';
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

/**
 * A refusal's body with `message` and `errors` said in the UI's language from `code`, `params` and
 * `fieldErrors`; the body as it is when its code is not in the catalogue.
 */
export function localizeRefusalBody(
  body: unknown,
  provider: I18nProvider = i18n,
): Record<string, unknown> | null {
  if (!isObject(body) || typeof body.code !== 'string') return null;
  const translate = (key: string, params?: Record<string, string | number>) =>
    provider.translate(key, params);
  if (provider.translate(`refusals.codes.${body.code}`, { _: '' }) === '') return null;
  const params = isObject(body.params) ? (body.params as RefusalParams) : {};
  const fieldErrors = isObject(body.fieldErrors) ? (body.fieldErrors as FieldRefusals) : undefined;
  const localized: Record<string, unknown> = {
    ...body,
    message: translateRefusal(translate, { code: body.code, params, fieldErrors }),
  };
  if (fieldErrors) {
    const errors: Record<string, string> = {};
    for (const [field, f] of Object.entries(fieldErrors)) errors[field] = translateFieldRefusal(translate, f);
    localized.errors = errors;
  }
  return localized;
}

/** react-admin's HttpError again, its message and body in the UI's language (see localizeRefusalBody). */
function localizedError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = localizeRefusalBody(error.body);
  if (!body) return error;
  return new HttpError(body.message as string, error.status, body);
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
  return watched(early ? early.catch(request) : request()).catch((error: unknown) => {
    throw localizedError(error);
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
