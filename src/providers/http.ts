// The HTTP client every provider uses: the API base URL, the bearer token, JSON in and out.
// Failures reject with react-admin's HttpError carrying the server's `message` and status
// (fetchUtils.fetchJson does this), so checkError and notifications see them.
import { fetchUtils } from 'react-admin';
import { getToken } from './session';

export const apiUrl: string = import.meta.env.VITE_API_URL ?? '/api';

/** `path` may be absolute (what ra-data-simple-rest passes) or relative to the API ("auth/login"). */
export function resolveUrl(path: string): string {
  if (/^https?:\/\//.test(path) || path.startsWith('/')) return path;
  return `${apiUrl.replace(/\/$/, '')}/${path}`;
}

export function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = getToken();
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
  return fetchUtils.fetchJson(resolveUrl(url), { ...options, headers });
}
