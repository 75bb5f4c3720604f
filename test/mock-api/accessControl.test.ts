// Access control over real HTTP: every route × every role × every kind of token, checked against
// the permission table (src/domain/permissions.ts). The route table below is cross-checked against
// the routes the app really registers (Express's router stack) and against the x-permission of
// each operation in mock-api/openapi.yaml, so a new route cannot slip in unguarded and untested.
//
// Also: the token secret (generated on first start, outside the project and the data, never
// served), scrypt password hashes (stored, never served), and the sign-in throttle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { ROLES, type Role, type StaffUser } from '../../src/domain/model';
import { canAccess, type Action, type Resource } from '../../src/domain/permissions';
import { TOKEN_TTL_MS, TokenSigner, hashPassword, verifyPassword } from '../../mock-api/auth';
import { seedDatabase } from '../../mock-api/seed/index';
import { DEFAULT_DB_FILE, createApp, startServer } from '../../mock-api/server';
import { COLLECTION_NAMES } from '../../mock-api/deskData';
import { connect } from '../../mock-api/db/connect';
import { generateSeed } from '../../mock-api/seed/index';
import { writeSnapshot } from '../../mock-api/seed/writer';
import { allRecords, storeRecords } from '../support/records';
import { makeTestDatabase } from '../support/testDatabase';
import { tokenSecretFile } from '../../mock-api/tokenSecret';
import { listQuery, startTestApi, type TestApi } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// The route table

type Permission =
  | { resource: Resource; action: Action }
  /** no token needed; the token, good or bad, changes nothing */
  | 'public'
  /** any signed-in user, no permission-table entry */
  | 'signed-in'
  /** the method is refused for everyone (405) once signed in */
  | 'not-allowed';

interface RouteCase {
  /** the route as Express registers it: "POST /api/refunds/:id/claim", "ALL /api/users/:id" */
  registered: string;
  method: string;
  url: () => string;
  permission: Permission;
  body?: unknown;
  /** the status when the role may: chosen so nothing changes (bodies fail validation, ids are real) */
  allowed: number;
}

const ids = {
  /** held by the reviewer (so the reviewer may see the complaint about it) */
  refund: '',
  /** pending and unassigned: every workflow action reaches its version check (422), whoever asks */
  openRefund: '',
  /** awaiting information: the customer reply reaches its body check */
  awaitingInfo: '',
  complaint: '',
  event: '',
  customer: '',
  order: '',
  user: '',
  note: '',
};

const REFUND_ACTIONS: [string, Action][] = [
  ['claim', 'claim'],
  ['release', 'release'],
  ['approve', 'approve'],
  ['reject', 'reject'],
  ['request-info', 'request_info'],
  ['customer-reply', 'customer_reply'],
  ['second-approval', 'second_approval'],
  ['override', 'override'],
  ['reassign', 'reassign'],
];
const COMPLAINT_ACTIONS: Action[] = ['assign', 'note', 'contact', 'escalate', 'resolve', 'close', 'reopen'];
const READ_RESOURCES = [
  ['refunds', 'refund'],
  ['complaints', 'complaint'],
  ['events', 'event'],
  ['users', 'user'],
  ['customers', 'customer'],
  ['orders', 'order'],
  ['notes', 'note'],
] as const;
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const ROUTES: RouteCase[] = [
  {
    registered: 'GET /api/health',
    method: 'GET',
    url: () => '/api/health',
    permission: 'public',
    allowed: 200,
  },
  {
    registered: 'POST /api/auth/login',
    method: 'POST',
    url: () => '/api/auth/login',
    permission: 'public',
    body: {},
    allowed: 422,
  },
  {
    registered: 'GET /api/auth/me',
    method: 'GET',
    url: () => '/api/auth/me',
    permission: 'signed-in',
    allowed: 200,
  },
  {
    registered: 'POST /api/test/advance-clock',
    method: 'POST',
    url: () => '/api/test/advance-clock',
    permission: 'signed-in',
    body: {},
    allowed: 422,
  },
  {
    registered: 'GET /api/test/loop-stats',
    method: 'GET',
    url: () => '/api/test/loop-stats',
    permission: 'signed-in',
    allowed: 200,
  },
  {
    registered: 'GET /api/test/metrics-stats',
    method: 'GET',
    url: () => '/api/test/metrics-stats',
    permission: 'signed-in',
    allowed: 200,
  },
  {
    registered: 'POST /api/test/loop-stats/reset',
    method: 'POST',
    url: () => '/api/test/loop-stats/reset',
    permission: 'signed-in',
    allowed: 200,
  },
  {
    registered: 'POST /api/refunds/claim-next',
    method: 'POST',
    url: () => '/api/refunds/claim-next',
    permission: { resource: 'refunds', action: 'claim_next' },
    body: { unexpected: true },
    allowed: 422,
  },
  {
    registered: 'POST /api/refunds/bulk-reassign',
    method: 'POST',
    url: () => '/api/refunds/bulk-reassign',
    permission: { resource: 'refunds', action: 'reassign' },
    body: {},
    allowed: 422,
  },
  {
    registered: 'POST /api/refunds/bulk-reject',
    method: 'POST',
    url: () => '/api/refunds/bulk-reject',
    permission: { resource: 'refunds', action: 'reject' },
    body: {},
    allowed: 422,
  },
  ...REFUND_ACTIONS.map(([segment, action]): RouteCase => ({
    registered: `POST /api/refunds/:id/${segment}`,
    method: 'POST',
    url: () => `/api/refunds/${segment === 'customer-reply' ? ids.awaitingInfo : ids.openRefund}/${segment}`,
    permission: { resource: 'refunds', action },
    body: {},
    allowed: 422,
  })),
  {
    registered: 'GET /api/refunds/:id/policy',
    method: 'GET',
    url: () => `/api/refunds/${ids.refund}/policy`,
    permission: { resource: 'refunds', action: 'show' },
    allowed: 200,
  },
  {
    registered: 'GET /api/refunds/:id/profile',
    method: 'GET',
    url: () => `/api/refunds/${ids.refund}/profile`,
    permission: { resource: 'refunds', action: 'show' },
    allowed: 200,
  },
  {
    registered: 'POST /api/refunds/:id/notes',
    method: 'POST',
    url: () => `/api/refunds/${ids.refund}/notes`,
    permission: { resource: 'refunds', action: 'note' },
    body: {},
    allowed: 422,
  },
  // no plain write: requests change through the workflow actions only
  ...['PUT', 'PATCH', 'DELETE'].map((method): RouteCase => ({
    registered: `${method} /api/refunds/:id`,
    method,
    url: () => `/api/refunds/${ids.refund}`,
    permission: 'not-allowed',
    body: method === 'DELETE' ? undefined : { version: 1 },
    allowed: 405,
  })),
  {
    registered: 'POST /api/refunds',
    method: 'POST',
    url: () => '/api/refunds',
    permission: 'not-allowed',
    body: {},
    allowed: 405,
  },
  {
    registered: 'POST /api/complaints',
    method: 'POST',
    url: () => '/api/complaints',
    permission: { resource: 'complaints', action: 'create' },
    body: {},
    allowed: 422,
  },
  ...COMPLAINT_ACTIONS.map((action): RouteCase => ({
    registered: `POST /api/complaints/:id/${action}`,
    method: 'POST',
    url: () => `/api/complaints/${ids.complaint}/${action}`,
    permission: { resource: 'complaints', action },
    body: {},
    allowed: 422,
  })),
  {
    registered: 'POST /api/complaints/:id/second-approval',
    method: 'POST',
    url: () => `/api/complaints/${ids.complaint}/second-approval`,
    permission: { resource: 'complaints', action: 'second_approval' },
    body: {},
    allowed: 422,
  },
  {
    registered: 'GET /api/complaints/:id/goodwill-allowance',
    method: 'GET',
    url: () => `/api/complaints/${ids.complaint}/goodwill-allowance`,
    permission: { resource: 'complaints', action: 'resolve' },
    allowed: 200,
  },
  {
    registered: 'GET /api/metrics',
    method: 'GET',
    url: () => `/api/metrics?from=${day(-7)}&to=${day(1)}`,
    permission: { resource: 'metrics', action: 'read' },
    allowed: 200,
  },
  ...READ_RESOURCES.flatMap(([resource, key]): RouteCase[] => [
    {
      registered: `GET /api/${resource}`,
      method: 'GET',
      url: () => `/api/${resource}${listQuery({ range: [0, 4] })}`,
      permission: { resource, action: 'list' },
      allowed: 200,
    },
    {
      registered: `GET /api/${resource}/:id`,
      method: 'GET',
      url: () => `/api/${resource}/${ids[key]}`,
      permission: { resource, action: 'show' },
      allowed: 200,
    },
  ]),
  ...READ_RESOURCES.filter(([resource]) => resource !== 'refunds').flatMap(([resource, key]) => [
    // POST /api/complaints is the create route, registered before the catch-all
    ...WRITE_METHODS.filter((m) => resource !== 'complaints' || m !== 'POST').map((method): RouteCase => ({
      registered: `ALL /api/${resource}`,
      method,
      url: () => `/api/${resource}`,
      permission: 'not-allowed',
      body: method === 'DELETE' ? undefined : {},
      allowed: 405,
    })),
    ...WRITE_METHODS.map((method): RouteCase => ({
      registered: `ALL /api/${resource}/:id`,
      method,
      url: () => `/api/${resource}/${ids[key]}`,
      permission: 'not-allowed',
      body: method === 'DELETE' ? undefined : {},
      allowed: 405,
    })),
  ]),
];

// ---------------------------------------------------------------------------------------------
// Tokens

const TOKEN_KINDS = [
  'valid',
  'none',
  'not bearer',
  'malformed',
  'expired',
  'tampered signature',
  'tampered role',
  'tampered expiry',
  'inactive user',
  'unknown user',
] as const;
type TokenKind = (typeof TOKEN_KINDS)[number];

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

function withPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const claims = decodePayload(token);
  change(claims);
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${token.split('.')[1]}`;
}

function flipSignature(token: string): string {
  const [payload, mac] = token.split('.');
  const i = Math.floor(mac.length / 2);
  return `${payload}.${mac.slice(0, i)}${mac[i] === 'A' ? 'B' : 'A'}${mac.slice(i + 1)}`;
}

let api: TestApi;
let signer: TokenSigner;
const users = {} as Record<Role, StaffUser>;
const validTokens = {} as Record<Role, string>;
const goneTokens = {} as Record<Role, string>;
const headersFor = {} as Record<Role, Record<TokenKind, string | undefined>>;
/** every answer the suite received, to look for the secret and the password hashes */
const answers: { route: string; status: number; text: string; headers: string }[] = [];
let checks = 0;

async function request(method: string, url: string, authorization?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(api.url + url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  answers.push({
    route: `${method} ${url}`,
    status: res.status,
    text,
    headers: JSON.stringify([...res.headers.entries()]),
  });
  checks++;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

beforeAll(async () => {
  api = await startTestApi({ count: 120, seed: 31 });
  signer = TokenSigner.fromFile(api.server.secretFile);
  const desk = api.server.ctx.desk;
  for (const role of ROLES) {
    validTokens[role] = await api.login(role);
    users[role] = (await desk.get('users', decodePayload(validTokens[role]).sub as string))!;
    expect(users[role].role).toBe(role);
  }

  // a user of each role who existed, signed in, and was then deactivated (the store never deletes)
  for (const role of ROLES) {
    const gone: StaffUser = {
      id: `gone-${role}`,
      username: `gone-${role}`,
      fullName: `Former ${role}`,
      role,
      active: true,
      passwordHash: hashPassword('password'),
    };
    await storeRecords(api.server.ctx.database.db, 'users', [gone]);
    goneTokens[role] = await api.login(gone.username);
    expect((await request('GET', '/api/auth/me', `Bearer ${goneTokens[role]}`)).status).toBe(200);
    await storeRecords(api.server.ctx.database.db, 'users', [{ ...gone, active: false }]);
  }

  const now = Date.now();
  for (const role of ROLES) {
    const token = validTokens[role];
    const expired = signer.sign(users[role], now - TOKEN_TTL_MS - 60_000);
    const otherRole: Role = role === 'supervisor' ? 'manager' : 'supervisor';
    headersFor[role] = {
      valid: `Bearer ${token}`,
      none: undefined,
      'not bearer': `Basic ${token}`,
      malformed: `Bearer ${token.split('.')[0]}`,
      expired: `Bearer ${expired}`,
      'tampered signature': `Bearer ${flipSignature(token)}`,
      'tampered role': `Bearer ${withPayload(token, (c) => (c.role = otherRole))}`,
      'tampered expiry': `Bearer ${withPayload(expired, (c) => (c.exp = now + TOKEN_TTL_MS))}`,
      'inactive user': `Bearer ${goneTokens[role]}`,
      'unknown user': `Bearer ${signer.sign({ id: `never-${role}`, role }, now)}`,
    };
  }

  // real ids, so an allowed call is never a 404; a complaint the reviewer may see (about a
  // request the reviewer holds), still unassigned so every complaint action reaches its body check
  const first = async (resource: string, filter: object = {}, role: Role = 'supervisor') => {
    const res = await api.call('GET', `/api/${resource}${listQuery({ range: [0, 0], filter })}`, {
      token: validTokens[role],
    });
    return (res.body as { id: string; version: number }[])[0];
  };
  const pending = await first('refunds', { status: 'pending', assigneeId: 'unassigned' });
  const claimed = await api.call('POST', `/api/refunds/${pending.id}/claim`, {
    token: validTokens.reviewer,
    body: { version: pending.version },
  });
  expect(claimed.status).toBe(200);
  const complaint = await api.call('POST', '/api/complaints', {
    token: validTokens.supervisor,
    body: { refundId: pending.id, channel: 'phone', category: 'refund_late', description: 'Still waiting.' },
  });
  expect(complaint.status).toBe(201);
  ids.refund = pending.id;
  ids.openRefund = (await first('refunds', { status: 'pending', assigneeId: 'unassigned' })).id;
  ids.awaitingInfo = (await first('refunds', { status: 'awaiting_info' })).id;
  ids.complaint = (complaint.body as { id: string }).id;
  ids.event = (await first('events')).id;
  ids.customer = (await first('customers')).id;
  ids.order = (await first('orders')).id;
  ids.user = users.reviewer.id;
  const note = await api.call('POST', `/api/refunds/${pending.id}/notes`, {
    token: validTokens.manager,
    body: { text: 'Access-control fixture.' },
  });
  expect(note.status).toBe(201);
  ids.note = (note.body as { id: string }).id;
});

afterAll(async () => {
  console.info(`[access control] ${checks} requests checked`);
  await api?.close();
});

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
          expect(res.headers.get('content-type') ?? '', where).toMatch(/^application\/json/);
          if (route.permission === 'public') {
            expect(res.status, where).toBe(route.allowed);
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
          checks++;
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
        checks += 2;
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the sign-in throttle', () => {
  const signIn = (username: string, password: string) =>
    request('POST', '/api/auth/login', undefined, { username, password });

  it('locks one user out after five failures within a minute (429), and nobody else', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('reviewer3', `wrong-${i}`)).status).toBe(401);
    const locked = await signIn('reviewer3', 'password');
    expect(locked.status).toBe(429);
    expect(locked.json).toEqual({
      message: expect.stringMatching(/Too many failed sign-ins/),
      code: 'sign_in_locked',
      params: { seconds: expect.any(Number) },
    });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // other users sign in as usual, and four failures are not yet a lock
    expect((await signIn('reviewer2', 'password')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn('supervisor2', 'nope')).status).toBe(401);
    expect((await signIn('supervisor2', 'password')).status).toBe(200);
    // a lock on one username does not lock a look-alike
    expect((await signIn('Reviewer3', 'password')).status).toBe(401);
  });

  it('unlocks after the minute (the server clock moved on)', async () => {
    const now = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(now + 30_000);
      expect((await signIn('reviewer3', 'password')).status).toBe(429);
      vi.setSystemTime(now + 61_000);
      expect((await signIn('reviewer3', 'password')).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});
