// Sign-in against the mock API, the session in localStorage, and the role-based access rules of
// src/domain/permissions.ts (the same table the server's role guard reads).
import type { AuthProvider, UserIdentity } from 'react-admin';
import { HttpError } from 'react-admin';
import { canAccess as roleCanAccess } from '../domain/permissions';
import type { Role } from '../domain/model';
import { resolveUrl } from './http';
import {
  clearSession,
  getSession,
  getSessionUser,
  saveSession,
  tokenExpiry,
  type SessionUser,
} from './session';

/** A sign-in failure whose message is an i18n key, with its parameters. */
export class LoginError extends Error {
  constructor(
    message: string,
    readonly messageArgs: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

/** The sign-in refusals the server names by `code` (429 and 503), and the message for each. */
const SIGN_IN_REFUSALS = new Map([
  ['sign_in_locked', 'auth.errors.too_many_attempts'],
  ['sign_in_address_locked', 'auth.errors.address_locked'],
  ['sign_in_too_many_at_once', 'auth.errors.too_many_at_once'],
  ['sign_in_busy', 'auth.errors.busy'],
]);

interface LoginResponse {
  token: string;
  user: SessionUser;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

async function postLogin(username: string, password: string): Promise<LoginResponse> {
  let response: Response;
  try {
    response = await fetch(resolveUrl('auth/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    throw new LoginError('auth.errors.unreachable');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as LoginResponse;
  if (response.status === 401) throw new LoginError('auth.errors.wrong_credentials');
  const code = (body as { code?: unknown } | null)?.code;
  const refusal = typeof code === 'string' ? SIGN_IN_REFUSALS.get(code) : undefined;
  if (response.status === 429 || refusal) {
    const seconds = Number(response.headers.get('Retry-After')) || 60;
    throw new LoginError(refusal ?? 'auth.errors.too_many_attempts', { seconds });
  }
  const message = (body as { message?: unknown } | null)?.message;
  throw new HttpError(typeof message === 'string' ? message : response.statusText, response.status, body);
}

export function createAuthProvider(now: () => number = Date.now): AuthProvider {
  const currentRole = (): Role | null => getSessionUser()?.role ?? null;
  return {
    async login(params: { username?: unknown; password?: unknown }) {
      const username = typeof params.username === 'string' ? params.username.trim() : '';
      const password = typeof params.password === 'string' ? params.password : '';
      const { token, user } = await postLogin(username, password);
      saveSession({ token, user });
    },

    async logout() {
      clearSession();
    },

    async checkAuth() {
      const session = getSession();
      if (!session) throw new Error('ra.auth.auth_check_error');
      const exp = tokenExpiry(session.token);
      if (exp !== null && exp <= now()) {
        clearSession();
        throw new Error('ra.auth.auth_check_error');
      }
    },

    async checkError(error: unknown) {
      const status = statusOf(error);
      if (status === 401) {
        clearSession();
        throw new Error('ra.notification.logged_out');
      }
      // 403: the user stays signed in; the page shows the error.
    },

    async getIdentity(): Promise<UserIdentity> {
      const user = getSessionUser();
      if (!user) throw new Error('ra.auth.auth_check_error');
      return { id: user.id, fullName: user.fullName, username: user.username, role: user.role };
    },

    async getPermissions() {
      return currentRole();
    },

    async canAccess({ resource, action }: { resource: string; action: string }) {
      return roleCanAccess(currentRole(), { resource, action });
    },
  };
}

export const authProvider: AuthProvider = createAuthProvider();
