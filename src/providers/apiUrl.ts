// Where the API is. Kept apart from http.ts (which needs react-admin) so that the early request
// (earlyQueue.ts) can start before the app's JavaScript has loaded.
export const apiUrl: string = import.meta.env.VITE_API_URL ?? '/api';

/** `path` may be absolute (what ra-data-simple-rest passes) or relative to the API ("auth/login"). */
export function resolveUrl(path: string): string {
  if (/^https?:\/\//.test(path) || path.startsWith('/')) return path;
  return `${apiUrl.replace(/\/$/, '')}/${path}`;
}
