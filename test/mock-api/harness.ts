// The one way a test starts a real mock API, for vitest and Playwright alike: the server in this
// process on a free port, with a fresh database of its own (a SQLite file in a temporary folder, or
// in the PostgreSQL run a database on the run's throwaway server: test/support/testDatabase.ts),
// seeded as the demo is, its token secret beside it, and sign-in helpers; close() stops it and removes
// the folder. Playwright calls it once per test (test/e2e/fixtures.ts), so each test is isolated.
import path from 'node:path';
import type { DatabaseTarget } from '../../mock-api/db/connect';
import {
  LOCALES,
  REVIEWER_SKILLS,
  type Locale,
  type ReviewerSkill,
  type StaffUser,
} from '../../src/domain/model';
import { MAX_REVIEWER_CAP } from '../../src/domain/reviewerRouting';
import type { Engine } from '../../mock-api/db/engine';
import { seedDatabase } from '../../mock-api/seed/index';
import { startServer, type RunningServer } from '../../mock-api/server';
import { makeTestDatabase, type TestDatabase } from '../support/testDatabase';

export interface SeedChoice {
  count?: number;
  seed?: number;
  nowMs?: number;
  /** play complaints through the complaint workflow too (the seed leaves them out by default) */
  withComplaints?: boolean;
}

export interface ApiReply {
  status: number;
  headers: Headers;
  /** the body parsed as JSON, undefined when empty or not JSON */
  body: unknown;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Real HTTP to an API at `url`, with the staff's tokens kept per user. */
export interface ApiClient {
  url: string;
  call(method: string, route: string, options?: CallOptions): Promise<ApiReply>;
  /** a bearer token for a seeded staff member (password "password" unless told) */
  login(username: string, password?: string): Promise<string>;
  /** GET as a seeded staff member (the supervisor unless told); throws unless the answer is 2xx */
  get<T>(route: string, username?: string): Promise<T>;
  /** a seeded staff member's user id, as GET /api/auth/me answers it */
  userId(username: string): Promise<string>;
  /** signs each staff member in: fills `into.token` and `into.userId` by username */
  signInStaff<N extends string>(
    usernames: readonly N[],
    into: { token: Record<N, string>; userId: Record<N, string> },
  ): Promise<void>;
}

export interface TestApi extends ApiClient {
  server: RunningServer;
  database: DatabaseTarget;
  /** a folder of this API's own (beside its SQLite file) */
  dir: string;
  close(): Promise<void>;
}

/**
 * A second API process on `api`'s database (its own connection, feeds and timers, which never fire
 * by themselves), signing tokens with the same secret, so a test can act through one and watch the
 * other. The caller closes it.
 */
export function startSecondApi(api: TestApi): Promise<RunningServer> {
  return startServer({
    database: api.database,
    port: 0,
    testRoutes: true,
    sweepIntervalMs: 3_600_000,
    tokenSecretFile: path.join(api.dir, 'token.secret'),
  });
}

/**
 * A new reviewer account the admin creates and routes (POST /api/users, then /routing), signed in:
 * its token and the account as /api/auth/me answers it.
 */
export async function routedReviewer(
  api: ApiClient,
  account: { username: string; fullName: string },
  routing: { languages: Locale[]; skills: ReviewerSkill[]; claimCap: number | null },
): Promise<{ token: string; user: StaffUser }> {
  const admin = await api.login('admin');
  const password = 'long enough pass';
  const created = await api.call('POST', '/api/users', {
    token: admin,
    body: { ...account, role: 'reviewer', password },
  });
  if (created.status !== 201) throw new Error(`creating ${account.username}: ${created.text}`);
  const { id, version } = created.body as StaffUser;
  const routed = await api.call('POST', `/api/users/${id}/routing`, {
    token: admin,
    body: { version, ...routing },
  });
  if (routed.status !== 200) throw new Error(`routing ${account.username}: ${routed.text}`);
  const token = await api.login(account.username, password);
  const user = (await api.call('GET', '/api/auth/me', { token })).body as StaffUser;
  return { token, user };
}

/**
 * Takes routing out of the way of tests about something else: each of `usernames` reads every
 * language, is senior and may hold up to MAX_REVIEWER_CAP requests (POST /api/users/:id/routing,
 * as an admin would set it).
 */
export async function openRouting(api: ApiClient, usernames: readonly string[]): Promise<void> {
  const admin = await api.login('admin');
  for (const username of usernames) {
    const id = await api.userId(username);
    const user = await api.call('GET', `/api/users/${id}`, { token: admin });
    const res = await api.call('POST', `/api/users/${id}/routing`, {
      token: admin,
      body: {
        version: (user.body as { version: number }).version,
        languages: [...LOCALES],
        skills: [...REVIEWER_SKILLS],
        claimCap: MAX_REVIEWER_CAP,
      },
    });
    if (res.status !== 200) throw new Error(`routing ${username}: ${res.status} ${res.text}`);
  }
}

export function apiClient(url: string, { timeoutMs }: { timeoutMs?: number } = {}): ApiClient {
  const tokens = new Map<string, string>();
  const call: ApiClient['call'] = async (method, route, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const res = await fetch(url + route, { method, headers, body, signal });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  const login: ApiClient['login'] = async (username, password = 'password') => {
    const cached = tokens.get(username);
    if (cached && password === 'password') return cached;
    const res = await call('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    const token = (res.body as { token: string }).token;
    tokens.set(username, token);
    return token;
  };
  const get = async <T>(route: string, username = 'supervisor') => {
    const res = await call('GET', route, { token: await login(username) });
    if (res.status < 200 || res.status > 299) throw new Error(`GET ${route}: ${res.status} ${res.text}`);
    return res.body as T;
  };
  const userId = async (username: string) => (await get<{ id: string }>('/api/auth/me', username)).id;
  return {
    url,
    call,
    login,
    get,
    userId,
    async signInStaff(usernames, into) {
      for (const name of usernames) {
        into.token[name] = await login(name);
        into.userId[name] = await userId(name);
      }
    },
  };
}

/** A fresh database of the run's engine (or `engine`), seeded as the demo is; remove() when done. */
export async function seededTestDatabase(choice: SeedChoice = {}, engine?: Engine) {
  const database: TestDatabase = await makeTestDatabase(engine);
  try {
    const snapshot = await seedDatabase(database.target, {
      count: choice.count ?? 300,
      seed: choice.seed ?? 7,
      nowMs: choice.nowMs ?? Date.now(),
      withComplaints: choice.withComplaints === true,
    });
    return { ...database, snapshot };
  } catch (error) {
    database.remove();
    throw error;
  }
}

export async function startTestApi(
  options: SeedChoice & {
    engine?: Engine;
    trustProxy?: boolean;
    corsOrigins?: string[];
    /** ServerOptions.listWorkersFromBytes (0: every list on a worker thread) */
    listWorkersFromBytes?: number;
  } = {},
): Promise<TestApi> {
  const { target, dir, remove } = await seededTestDatabase(options, options.engine);
  try {
    const server = await startServer({
      database: target,
      port: 0,
      testRoutes: true,
      sweepIntervalMs: 3_600_000,
      trustProxy: options.trustProxy,
      corsOrigins: options.corsOrigins,
      listWorkersFromBytes: options.listWorkersFromBytes,
      // beside the temporary database, whatever TOKEN_SECRET_FILE the shell has
      tokenSecretFile: path.join(dir, 'token.secret'),
    });
    return {
      ...apiClient(`http://127.0.0.1:${server.port}`),
      server,
      database: target,
      dir,
      async close() {
        await server.close();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * The list filter for pending, unassigned requests a reviewer may claim and approve in full alone
 * (no duplicate, window, account, information or tipping flag in the way), refundable between `gte` and `lte` fen.
 */
export function approvableFilter(refundableFen: { gte: number; lte: number }) {
  return {
    status: 'pending',
    assigneeId: 'unassigned',
    duplicate: false,
    outsideWindow: false,
    accountRestricted: false,
    infoIncomplete: false,
    tipping: false,
    refundableFen_gte: refundableFen.gte,
    refundableFen_lte: refundableFen.lte,
  };
}

export { listQuery } from '../../mock-api/simpleRest';
