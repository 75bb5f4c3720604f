// The signed-in session kept in localStorage: the API token and the user it belongs to.
import type { Role } from '../domain/model';
import { ROLES } from '../domain/model';

export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
}

export interface Session {
  token: string;
  user: SessionUser;
}

const TOKEN_KEY = 'refundDesk.token';
const USER_KEY = 'refundDesk.user';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function isSessionUser(value: unknown): value is SessionUser {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.username === 'string' &&
    typeof v.fullName === 'string' &&
    typeof v.role === 'string' &&
    (ROLES as readonly string[]).includes(v.role)
  );
}

export function saveSession(session: Session): void {
  const store = storage();
  store?.setItem(TOKEN_KEY, session.token);
  store?.setItem(USER_KEY, JSON.stringify(session.user));
}

export function clearSession(): void {
  const store = storage();
  store?.removeItem(TOKEN_KEY);
  store?.removeItem(USER_KEY);
}

export function getToken(): string | null {
  return storage()?.getItem(TOKEN_KEY) ?? null;
}

export function getSessionUser(): SessionUser | null {
  const raw = storage()?.getItem(USER_KEY);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isSessionUser(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  const token = getToken();
  const user = getSessionUser();
  return token && user ? { token, user } : null;
}

/**
 * The expiry of a token, read from its payload (base64url JSON with `exp` in epoch ms), or null when
 * it cannot be read. Only a hint to skip a doomed request: the server decides.
 */
export function tokenExpiry(token: string): number | null {
  const [payload] = token.split('.');
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    const exp = (json as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}
