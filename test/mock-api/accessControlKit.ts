// What the access-control suites share (accessControl.test.ts, signInLockout.test.ts): the route
// table (every route the app registers, with its permission and the status an allowed role gets),
// every kind of token for every role, and one API per file with real ids to call the routes with.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { ROLES, type Role, type StaffUser } from '../../src/domain/model';
import { complaintWorkflow } from '../../src/domain/complaintWorkflow';
import { isComplaintStaffAction } from '../../src/domain/complaintWorkflowRoles';
import type { Action } from '../../src/domain/permissions';
import { TOKEN_TTL_MS, TokenSigner, hashPassword } from '../../mock-api/auth';
import { storeRecords } from '../support/records';
import { listQuery, startTestApi, type TestApi } from './harness';
import { connectionRoutes } from './accessControlConnectionRoutes';
import type { RouteCase } from './accessControlRouteTypes';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// The route table

export type { Permission, RouteCase } from './accessControlRouteTypes';

export const ids = {
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
  coinMovement: '',
};

export const REFUND_ACTIONS: [string, Action][] = [
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
export const READ_RESOURCES = [
  ['refunds', 'refund'],
  ['complaints', 'complaint'],
  ['events', 'event'],
  ['users', 'user'],
  ['customers', 'customer'],
  ['orders', 'order'],
  ['notes', 'note'],
  ['coin-movements', 'coinMovement'],
] as const;
export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export const ROUTES: RouteCase[] = [
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
    registered: 'GET /api/refunds/expected-decisions',
    method: 'GET',
    url: () => `/api/refunds/expected-decisions?id=${ids.openRefund}`,
    permission: { resource: 'refunds', action: 'list' },
    allowed: 200,
  },
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
  // every staff action of the complaint table, at its route, guarded by its own permission
  ...complaintWorkflow.actions.filter(isComplaintStaffAction).map((action): RouteCase => {
    const segment = complaintWorkflow.segment(action);
    return {
      registered: `POST /api/complaints/:id/${segment}`,
      method: 'POST',
      url: () => `/api/complaints/${ids.complaint}/${segment}`,
      permission: { resource: 'complaints', action },
      body: {},
      allowed: 422,
    };
  }),
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
  ...connectionRoutes(ids),
  ...READ_RESOURCES.filter(([resource]) => resource !== 'refunds').flatMap(([resource, key]) => [
    // POST /api/complaints and /api/users are create routes, registered before the catch-all
    ...WRITE_METHODS.filter((m) => (resource !== 'complaints' && resource !== 'users') || m !== 'POST').map(
      (method): RouteCase => ({
        registered: `ALL /api/${resource}`,
        method,
        url: () => `/api/${resource}`,
        permission: 'not-allowed',
        body: method === 'DELETE' ? undefined : {},
        allowed: 405,
      }),
    ),
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

export const TOKEN_KINDS = [
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
export type TokenKind = (typeof TOKEN_KINDS)[number];

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

export function withPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const claims = decodePayload(token);
  change(claims);
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${token.split('.')[1]}`;
}

export function flipSignature(token: string): string {
  const [payload, mac] = token.split('.');
  const i = Math.floor(mac.length / 2);
  return `${payload}.${mac.slice(0, i)}${mac[i] === 'A' ? 'B' : 'A'}${mac.slice(i + 1)}`;
}

export let api: TestApi;
export let signer: TokenSigner;
export const users = {} as Record<Role, StaffUser>;
export const validTokens = {} as Record<Role, string>;
export const goneTokens = {} as Record<Role, string>;
export const headersFor = {} as Record<Role, Record<TokenKind, string | undefined>>;
/** every answer the suite received, to look for the secret and the password hashes */
export const answers: { route: string; status: number; text: string; headers: string }[] = [];
export let checks = 0;

/** Requests checked outside `request` (counted in the closing line). */
export function countCheck(n = 1): void {
  checks += n;
}

export async function request(method: string, url: string, authorization?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(api.url + url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // the live stream stays open: its headers are the answer
  const streaming = res.headers.get('content-type')?.startsWith('text/event-stream') === true;
  const text = streaming ? (await res.body?.cancel(), '') : await res.text();
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

/** Registers the file's hooks: its own API, the users and tokens of every kind, the real ids. */
export function withAccessControlApi(): void {
  beforeAll(async () => {
    api = await startTestApi({ count: 300, seed: 31 });
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
      body: {
        refundId: pending.id,
        channel: 'phone',
        category: 'refund_late',
        description: 'Still waiting.',
      },
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
    ids.coinMovement = (await first('coin-movements')).id;
  });

  afterAll(async () => {
    console.info(`[access control] ${checks} requests checked`);
    await api?.close();
  });
}
