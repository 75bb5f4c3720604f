// Access control over real HTTP: every route × every role × every kind of token, checked against
// the permission table (src/domain/permissions.ts). The route table (accessControlKit.ts) is
// cross-checked against the routes the app really registers (Express's router stack) and against
// the x-permission of each operation in mock-api/openapi.yaml, so a new route cannot slip in
// unguarded and untested.
//
// Also: the token secret (generated on first start, outside the project and the data, never
// served) and scrypt password hashes (stored, never served). The sign-in throttle: signInLockout.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ROLES } from '../../src/domain/model';
import { canAccess } from '../../src/domain/permissions';
import { verifyPassword } from '../../mock-api/auth';
import { seedDatabase } from '../../mock-api/seed/index';
import { DEFAULT_DB_FILE, createApp, startServer } from '../../mock-api/server';
import { COLLECTION_NAMES } from '../../mock-api/deskData';
import { connect } from '../../mock-api/db/connect';
import { generateSeed } from '../../mock-api/seed/index';
import { writeSnapshot } from '../../mock-api/seed/writer';
import { allRecords } from '../support/records';
import { makeTestDatabase } from '../support/testDatabase';
import { tokenSecretFile } from '../../mock-api/tokenSecret';
import { listQuery } from './harness';
import {
  root,
  ROUTES,
  TOKEN_KINDS,
  api,
  users,
  headersFor,
  answers,
  request,
  withAccessControlApi,
  countCheck,
} from './accessControlKit';

withAccessControlApi();

// ---------------------------------------------------------------------------------------------

describe('the route table', () => {
  it('lists exactly the routes the app registers (Express router stack)', () => {
    const app = createApp(api.server.ctx, { testRoutes: true }) as unknown as {
      _router: { stack: { route?: { path: string | string[]; methods: Record<string, boolean> } }[] };
    };
    const registered = new Set<string>();
    for (const layer of app._router.stack) {
      if (!layer.route) continue;
      const methods = Object.keys(layer.route.methods);
      for (const p of Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]) {
        if (methods.length > 5) registered.add(`ALL ${p}`);
        else for (const m of methods) registered.add(`${m.toUpperCase()} ${p}`);
      }
    }
    const table = new Set(ROUTES.map((r) => r.registered));
    expect(
      [...registered].filter((r) => !table.has(r)),
      'registered but not in the route table',
    ).toEqual([]);
    expect(
      [...table].filter((r) => !registered.has(r)),
      'in the route table but not registered',
    ).toEqual([]);
  });

  it('agrees with the x-permission of every operation in openapi.yaml', () => {
    const doc = YAML.parse(fs.readFileSync(path.join(root, 'mock-api/openapi.yaml'), 'utf8')) as {
      paths: Record<string, Record<string, { 'x-permission'?: unknown }>>;
    };
    for (const route of ROUTES) {
      if (route.registered.includes('/api/test/')) continue; // test-only, not part of the contract
      const documentedPath = route.registered
        .slice(route.registered.indexOf(' ') + 1)
        .replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[documentedPath]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${documentedPath} in openapi.yaml`).toBeDefined();
      const expected = typeof route.permission === 'object' ? route.permission : 'none';
      expect(op!['x-permission'], `${route.method} ${documentedPath}`).toEqual(expected);
    }
  });

  it('refuses something to every role and allows something to every role', () => {
    for (const role of ROLES) {
      const guarded = ROUTES.filter((r) => typeof r.permission === 'object');
      const allowed = guarded.filter((r) =>
        canAccess(role, r.permission as { resource: string; action: string }),
      );
      expect(allowed.length, role).toBeGreaterThan(0);
      expect(allowed.length, role).toBeLessThan(guarded.length);
    }
  });
});

describe('every route × role × token', () => {
  for (const route of ROUTES) {
    const label = `${route.method} ${route.registered.slice(route.registered.indexOf(' ') + 1)}`;
    it(label, async () => {
      for (const role of ROLES) {
        for (const kind of TOKEN_KINDS) {
          const res = await request(route.method, route.url(), headersFor[role][kind], route.body);
          const where = `${label} as ${role} with ${kind} token: ${res.status} ${res.text.slice(0, 200)}`;
          // the live stream's one success is an event stream; every other answer is JSON
          const type =
            route.registered === 'GET /api/stream' && res.status === 200
              ? /^text\/event-stream/
              : /^application\/json/;
          expect(res.headers.get('content-type') ?? '', where).toMatch(type);
          if (route.permission === 'public') {
            expect(res.status, where).toBe(route.allowed);
            continue;
          }
          if (route.permission === 'platform-key') {
            expect(res.status, where).toBe(401);
            expect(Object.keys(res.json as object), where).toEqual(['message', 'code']);
            continue;
          }
          if (kind !== 'valid') {
            expect(res.status, where).toBe(401);
            // the refusal and nothing else: its message, its code and the code's params
            expect(Object.keys(res.json as object), where).toEqual(['message', 'code']);
            expect((res.json as { message: unknown }).message, where).toEqual(expect.any(String));
            continue;
          }
          const may =
            typeof route.permission === 'object'
              ? canAccess(role, route.permission)
              : route.permission === 'signed-in' || route.permission === 'not-allowed';
          if (may) {
            expect(res.status, where).not.toBe(401);
            expect(res.status, where).not.toBe(403);
            expect(res.status, where).toBe(route.allowed);
          } else {
            expect(res.status, where).toBe(403);
            expect(Object.keys(res.json as object), where).toEqual(['message', 'code', 'params']);
            expect((res.json as { message: string }).message, where).toMatch(/may not/);
          }
        }
      }
    });
  }

  it('answers an unknown route 401 before 404', async () => {
    expect((await request('GET', '/api/no-such-route')).status).toBe(401);
    expect((await request('GET', '/api/no-such-route', headersFor.reviewer.expired)).status).toBe(401);
    expect((await request('GET', '/api/no-such-route', headersFor.reviewer.valid)).status).toBe(404);
  });

  it('refuses the token of a user missing from the database (a user-less copy of the data)', async () => {
    const copy = await makeTestDatabase();
    try {
      const handle = connect(copy.target);
      const snapshot = await generateSeed({ count: 10, seed: 3, nowMs: Date.now() });
      await writeSnapshot(handle.db, { ...snapshot, users: [] });
      await handle.close();
      const server = await startServer({
        database: copy.target,
        port: 0,
        sweepIntervalMs: 3_600_000,
        tokenSecretFile: api.server.secretFile,
      });
      try {
        for (const role of ROLES) {
          const res = await fetch(`http://127.0.0.1:${server.port}/api/auth/me`, {
            headers: { authorization: headersFor[role].valid! },
          });
          expect(res.status, role).toBe(401);
          expect(await res.json()).toEqual({
            message: expect.stringMatching(/no longer exists/),
            code: 'account_gone',
          });
          countCheck();
        }
      } finally {
        await server.close();
      }
    } finally {
      copy.remove();
    }
  });
});

describe('passwords', () => {
  it('never serves a password hash: sign-in, me, the staff list and every staff record', async () => {
    for (const role of ROLES) {
      const login = await request('POST', '/api/auth/login', undefined, {
        username: role,
        password: 'password',
      });
      expect(login.status).toBe(200);
      expect((login.json as { user: object }).user).not.toHaveProperty('passwordHash');
      const me = await request('GET', '/api/auth/me', headersFor[role].valid);
      expect(me.json).not.toHaveProperty('passwordHash');
      expect(me.json).toMatchObject({ id: users[role].id, role });
    }
    const list = await request(
      'GET',
      `/api/users${listQuery({ range: [0, 999] })}`,
      headersFor.manager.valid,
    );
    const staff = list.json as Record<string, unknown>[];
    expect(staff.length).toBeGreaterThanOrEqual(ROLES.length * 2);
    for (const user of staff) {
      expect(user).not.toHaveProperty('passwordHash');
      const one = await request('GET', `/api/users/${String(user.id)}`, headersFor.reviewer.valid);
      expect(one.status).toBe(200);
      expect(one.json).not.toHaveProperty('passwordHash');
    }
    for (const answer of answers) {
      expect(answer.text, answer.route).not.toMatch(/passwordHash|scrypt\$/);
    }
  });

  it('stores scrypt hashes (salted, verifiable) in the database', async () => {
    const snapshot = { users: await allRecords(api.server.ctx.database.db, 'users') };
    expect(snapshot.users.length).toBeGreaterThan(0);
    const salts = new Set<string>();
    for (const user of snapshot.users) {
      expect(user.passwordHash, user.username).toMatch(/^scrypt\$\d+\$[\w-]{16,}\$[\w-]{40,}$/);
      expect(verifyPassword('password', user.passwordHash), user.username).toBe(true);
      expect(verifyPassword('Password', user.passwordHash), user.username).toBe(false);
      salts.add(user.passwordHash!.split('$')[2]);
    }
    expect(salts.size).toBe(snapshot.users.length);
  });
});

describe('the token secret', () => {
  const secretFile = () => api.server.secretFile;
  const secretForms = () => {
    const text = fs.readFileSync(secretFile(), 'utf8').trim();
    const bytes = Buffer.from(text, 'base64url');
    expect(bytes.length).toBeGreaterThanOrEqual(32);
    return [text, bytes.toString('base64'), bytes.toString('hex')];
  };

  it('is generated on first start, readable by its owner only, and kept outside the data', async () => {
    const mode = fs.statSync(secretFile()).mode & 0o777;
    expect(mode).toBe(0o600);
    const records: unknown[] = [];
    for (const table of COLLECTION_NAMES) records.push(await allRecords(api.server.ctx.database.db, table));
    const data = JSON.stringify(records);
    for (const form of secretForms()) expect(data.includes(form)).toBe(false);
    if (api.database.engine === 'sqlite') {
      const file = fs.readFileSync(api.database.file).toString('latin1');
      for (const form of secretForms()) expect(file.includes(form)).toBe(false);
    }
  });

  it('lives outside every served path: not in dist/, not anywhere in the project the dev server serves', () => {
    expect(api.server.secretFile).toBe(secretFile());
    for (const file of [secretFile(), tokenSecretFile(DEFAULT_DB_FILE)]) {
      const relative = path.relative(root, file); // the dev server's root; dist/ is inside it
      expect(relative.startsWith('..') || path.isAbsolute(relative), file).toBe(true);
    }
  });

  it('is in no answer: not in the matrix above, not behind any path a browser could try', async () => {
    const base = path.basename(secretFile());
    const beside = path.join(api.dir, 'db.json');
    for (const url of [
      `/${base}`,
      `/mock-api/data/${base}`,
      '/mock-api/data/db.json.secret',
      `/api/${base}`,
      `/api/../${base}`,
      `/%2e%2e/${base}`,
      `/%2e%2e/%2e%2e${secretFile()}`,
      `/..%2f..%2f..${secretFile()}`,
      `/%2e%2e/%2e%2e${beside}.secret`,
    ]) {
      await request('GET', url);
      await request('GET', url, headersFor.supervisor.valid);
    }
    const forms = secretForms();
    expect(answers.length).toBeGreaterThan(1_000);
    for (const answer of answers) {
      for (const form of forms) {
        expect(answer.text.includes(form), answer.route).toBe(false);
        expect(answer.headers.includes(form), answer.route).toBe(false);
      }
    }
  });

  it('survives a restart: tokens signed before still verify, and the file is not rewritten', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-secret-'));
    try {
      const dbFile = path.join(dir, 'desk.sqlite');
      const database = { engine: 'sqlite', file: dbFile } as const;
      await seedDatabase(database, { count: 10, seed: 3, nowMs: Date.now() });
      expect(fs.existsSync(`${dbFile}.secret`)).toBe(false);
      const first = await startServer({ database, port: 0, sweepIntervalMs: 3_600_000 });
      const secret = fs.readFileSync(`${dbFile}.secret`, 'utf8');
      const login = await fetch(`http://127.0.0.1:${first.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'reviewer', password: 'password' }),
      });
      const { token } = (await login.json()) as { token: string };
      await first.close();
      const second = await startServer({ database, port: 0, sweepIntervalMs: 3_600_000 });
      try {
        const me = await fetch(`http://127.0.0.1:${second.port}/api/auth/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(me.status).toBe(200);
        expect(fs.readFileSync(`${dbFile}.secret`, 'utf8')).toBe(secret);
        countCheck(2);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
