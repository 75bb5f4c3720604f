// Starts a mock API on a free port with its own freshly seeded database (SQLite, or PostgreSQL in
// the PostgreSQL run: test/support/testDatabase.ts), for one test file.
import path from 'node:path';
import type { DatabaseTarget } from '../../mock-api/db/connect';
import { seedDatabase } from '../../mock-api/seed/index';
import { startServer, type RunningServer } from '../../mock-api/server';
import { makeTestDatabase } from '../support/testDatabase';

export interface TestApi {
  url: string;
  server: RunningServer;
  database: DatabaseTarget;
  /** a folder of this API's own (beside its SQLite file) */
  dir: string;
  login(username: string, password?: string): Promise<string>;
  call(
    method: string,
    route: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
  close(): Promise<void>;
}

export async function startTestApi(
  options: {
    count?: number;
    seed?: number;
    nowMs?: number;
    trustProxy?: boolean;
    corsOrigins?: string[];
    /** ServerOptions.listWorkersFromBytes (0: every list on a worker thread) */
    listWorkersFromBytes?: number;
  } = {},
): Promise<TestApi> {
  const { target, dir, remove } = await makeTestDatabase();
  await seedDatabase(target, {
    count: options.count ?? 300,
    seed: options.seed ?? 7,
    nowMs: options.nowMs ?? Date.now(),
  });
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
  const url = `http://127.0.0.1:${server.port}`;
  const tokens = new Map<string, string>();

  const call: TestApi['call'] = async (method, route, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(url + route, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  return {
    url,
    server,
    database: target,
    dir,
    call,
    async login(username, password = 'password') {
      const cached = tokens.get(username);
      if (cached && password === 'password') return cached;
      const res = await call('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
      const token = (res.body as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    async close() {
      await server.close();
      remove();
    },
  };
}

export { listQuery } from '../../mock-api/simpleRest';
