// The developer tools (the customer's reply): in development builds, or with
// localStorage.showDevTools = '1'.
export function devToolsEnabled(): boolean {
  if (import.meta.env.DEV) return true;
  try {
    return globalThis.localStorage?.getItem('showDevTools') === '1';
  } catch {
    return false;
  }
}
