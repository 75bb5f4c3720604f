// Where the API is. Apart from http.ts, which imports react-admin and the queue's early request
// (earlyQueue.ts), so that the early request can use it without importing itself back.
export const apiUrl: string = import.meta.env.VITE_API_URL ?? '/api';

/** `path` may be absolute (what ra-data-simple-rest passes) or relative to the API ("auth/login"). */
export function resolveUrl(path: string): string {
  if (/^https?:\/\//.test(path) || path.startsWith('/')) return path;
  return `${apiUrl.replace(/\/$/, '')}/${path}`;
}
