// Every write the app registers either checks the version the caller read, or is one of the few
// writes that cannot void anyone's work (sign-in, opening a complaint, claim-next, adding a note),
// or is refused outright (405). The list comes from Express's router stack, so a new write route
// fails here until it says which kind it is. A version-checked write without a version is a 422
// naming `version` and changes nothing; with a stale one, a 409 with the current record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import { DEFAULT_SLA_SETTINGS } from '../../src/domain/slaSettings';
import { createApp } from '../../mock-api/server';
import { listQuery, startTestApi, type TestApi } from './harness';

let api: TestApi;
let supervisor: string;
let supervisorId: string;
let refund: RefundRequest;
let complaint: Complaint;
/** staff accounts change as the admin; the account changed is a reviewer's */
let admin: string;
let reviewerId: string;

beforeAll(async () => {
  api = await startTestApi({ count: 200, seed: 17 });
  supervisor = await api.login('supervisor');
  supervisorId = await api.userId('supervisor');
  admin = await api.login('admin');
  reviewerId = await api.userId('reviewer');
  const [pending] = (
    await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'pending', assigneeId: 'unassigned' } })}`,
      { token: supervisor },
    )
  ).body as RefundRequest[];
  // held by the supervisor, so every refund action passes its "who" check and reaches the version
  const claimed = await api.call('POST', `/api/refunds/${pending.id}/claim`, {
    token: supervisor,
    body: { version: pending.version },
  });
  expect(claimed.status).toBe(200);
  refund = claimed.body as RefundRequest;
  const opened = await api.call('POST', '/api/complaints', {
    token: supervisor,
    body: { refundId: refund.id, channel: 'phone', category: 'refund_late', description: 'Still waiting.' },
  });
  expect(opened.status, opened.text).toBe(201);
  const taken = await api.call('POST', `/api/complaints/${(opened.body as Complaint).id}/assign`, {
    token: supervisor,
    body: { version: (opened.body as Complaint).version, assigneeId: supervisorId },
  });
  expect(taken.status, taken.text).toBe(200);
  complaint = taken.body as Complaint;
});
afterAll(() => api.close());

/** Writes that check no version, and why none is needed. */
const VERSIONLESS: Record<string, string> = {
  'POST /api/auth/login': 'changes no record',
  'POST /api/complaints': 'creates a record (one active complaint per request is checked instead)',
  'POST /api/refunds/claim-next': 'picks and claims atomically; nobody else can have read that claim',
  'POST /api/refunds/:id/notes': 'appends a note beside the request and changes no version',
  'POST /api/complaints/:id/note':
    'appends an audited note to the complaint’s timeline; the complaint and its version stay as they are',
  'POST /api/users': 'creates an account (a taken username is refused instead)',
  'POST /api/refunds/:id/customer-reply':
    'the customer’s side, which never read a version; it only moves a request awaiting information',
  'POST /api/platform/refund-requests':
    'creates a request; a retry is matched by its Idempotency-Key instead of a version',
  'POST /api/platform/refund-requests/:id/replies':
    'the customer’s reply, as the staff-recorded one: it only moves a request awaiting information',
  'POST /api/platform/refund-requests/:id/resubmissions':
    'creates a new request linked to a rejected one, once (a second is refused), by Idempotency-Key',
  'POST /api/platform/refund-requests/:id/complaints':
    'creates a complaint (one active complaint per request is checked instead)',
  'POST /api/platform/refund-requests/:id/rating':
    'the customer’s rating, beside the request: its version stays, and a second rating is refused (409)',
  'POST /api/platform-clients': 'creates a client and its key',
  'POST /api/policies': 'publishes the version after the latest, never edits one (its number is the check)',
  'POST /api/policies/simulate': 'changes nothing: a replay under a proposal',
  'POST /api/platform-clients/:id/revoke': 'ends a key for good; a second revoke is refused (409)',
  'POST /api/presence': 'a viewer’s heartbeat, kept beside the record; no record changes',
  'POST /api/webhook-endpoints': 'creates an endpoint and its secret',
  'DELETE /api/webhook-endpoints/:id': 'disables an endpoint for good; nobody else edits it',
  'POST /api/webhook-deliveries/:id/redeliver':
    'sends a delivery again: at least once is the promise, and receivers de-duplicate by event id',
  'POST /api/notifications/read-all':
    'marks the caller’s own notifications read; only they change them, and a second reading keeps the first',
  'POST /api/notifications/:id/read':
    'marks one of the caller’s own notifications read; the first reading is kept, nobody else’s work is voided',
};

/** Writes refused for everyone: no plain write exists on these. */
const REFUSED = new Set([
  'PUT /api/refunds/:id',
  'PATCH /api/refunds/:id',
  'DELETE /api/refunds/:id',
  'POST /api/refunds',
]);

/** The routes checked against a version: where they point, and their version-less body. */
function versioned(route: string): {
  url: string;
  body: object;
  bulk: boolean;
  token?: string;
  method?: 'PUT';
  currentId?: string;
  /** what the 409's `current` holds when it is not a record with an id */
  current?: object;
} | null {
  if (route in VERSIONLESS || REFUSED.has(route)) return null;
  const [method, path] = route.split(' ');
  if (route === 'PUT /api/settings/sla') {
    // a valid calendar, so only the version can refuse it; nobody has saved, so version 0 is current
    const body = DEFAULT_SLA_SETTINGS;
    return { url: path, body, bulk: false, token: admin, method: 'PUT', current: { version: 0 } };
  }
  if (route === 'PUT /api/settings/assignment') {
    return {
      url: path,
      body: { automatic: true },
      bulk: false,
      token: admin,
      method: 'PUT',
      current: { version: 0 },
    };
  }
  if (method !== 'POST') return null;
  const refundAction = /^\/api\/refunds\/:id\/([a-z-]+)$/.exec(path);
  if (refundAction) return { url: `/api/refunds/${refund.id}/${refundAction[1]}`, body: {}, bulk: false };
  const userChange = /^\/api\/users\/:id\/([a-z-]+)$/.exec(path);
  if (userChange) {
    const bodies: Record<string, object> = {
      role: { role: 'supervisor' },
      routing: { languages: ['zh-CN'], skills: [], claimCap: null },
      away: { away: true },
    };
    const body = bodies[userChange[1]] ?? {};
    return {
      url: `/api/users/${reviewerId}/${userChange[1]}`,
      body,
      bulk: false,
      // away mode is the reviewer's or their supervisor's, not an admin's
      token: userChange[1] === 'away' ? supervisor : admin,
      currentId: reviewerId,
    };
  }
  const complaintAction = /^\/api\/complaints\/:id\/([a-z-]+)$/.exec(path);
  if (complaintAction) {
    return { url: `/api/complaints/${complaint.id}/${complaintAction[1]}`, body: {}, bulk: false };
  }
  if (path === '/api/refunds/bulk-reassign') {
    return { url: path, body: { items: [{ id: refund.id }], assigneeId: supervisorId }, bulk: true };
  }
  if (path === '/api/refunds/bulk-reject') {
    return {
      url: path,
      body: { items: [{ id: refund.id }], reasonCode: 'other', customerMessage: 'No.', note: 'x' },
      bulk: true,
    };
  }
  return null;
}

function registeredWrites(): string[] {
  const app = createApp(api.server.ctx, {}) as unknown as {
    _router: { stack: { route?: { path: string | string[]; methods: Record<string, boolean> } }[] };
  };
  const writes: string[] = [];
  for (const layer of app._router.stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => m !== 'get' && m !== 'head');
    const all = Object.keys(layer.route.methods).length > 5;
    for (const p of Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]) {
      if (all) writes.push(`ALL ${p}`);
      else for (const m of methods) writes.push(`${m.toUpperCase()} ${p}`);
    }
  }
  return writes;
}

async function state(): Promise<string> {
  const refundNow = await api.call('GET', `/api/refunds/${refund.id}`, { token: supervisor });
  const complaintNow = await api.call('GET', `/api/complaints/${complaint.id}`, { token: supervisor });
  const events = await api.call('GET', `/api/events${listQuery({ range: [0, 0] })}`, { token: supervisor });
  const account = await api.call('GET', `/api/users/${reviewerId}`, { token: supervisor });
  const sla = await api.call('GET', '/api/settings/sla', { token: supervisor });
  const range = events.headers.get('content-range');
  return `${refundNow.text}\n${complaintNow.text}\n${range}\n${account.text}\n${sla.text}`;
}

describe('every write the app registers', () => {
  it('is version-checked, refused (405), or a write that cannot void anyone’s work', () => {
    const unclassified = registeredWrites().filter(
      (r) => !r.startsWith('ALL ') && !REFUSED.has(r) && !(r in VERSIONLESS) && versioned(r) === null,
    );
    expect(unclassified, 'writes that neither check a version nor say why they need none').toEqual([]);
  });

  it('without a version: 422 naming the version, and nothing changes', async () => {
    const checked = registeredWrites().filter((r) => versioned(r) !== null);
    expect(checked.length).toBe(24);
    const before = await state();
    for (const route of checked) {
      const { url, body, bulk, token, method } = versioned(route)!;
      const res = await api.call(method ?? 'POST', url, { token: token ?? supervisor, body });
      expect(res.status, `${route}: ${res.text}`).toBe(422);
      const errors = (res.body as { errors?: Record<string, string> }).errors ?? {};
      expect(Object.keys(errors), route).toContain(bulk ? 'items.0.version' : 'version');
    }
    expect(await state()).toBe(before);
  });

  it('with a stale version: 409 with the current record (per item for bulk), and nothing changes', async () => {
    const before = await state();
    for (const route of registeredWrites().filter((r) => versioned(r) !== null)) {
      const { url, body, bulk, token, currentId, method, current } = versioned(route)!;
      const isComplaint = url.startsWith('/api/complaints/');
      const stale = (isComplaint ? complaint.version : refund.version) + 7;
      const res = await api.call(method ?? 'POST', url, {
        token: token ?? supervisor,
        body: bulk ? { ...body, items: [{ id: refund.id, version: stale }] } : { ...body, version: stale },
      });
      if (bulk) {
        expect(res.status, `${route}: ${res.text}`).toBe(200);
        expect((res.body as { results: unknown[] }).results, route).toEqual([
          expect.objectContaining({ id: refund.id, ok: false, status: 409 }),
        ]);
      } else {
        expect(res.status, `${route}: ${res.text}`).toBe(409);
        expect((res.body as { current?: object }).current, route).toMatchObject(
          current ?? { id: currentId ?? (isComplaint ? complaint.id : refund.id) },
        );
      }
    }
    expect(await state()).toBe(before);
  });

  it('refuses every plain write (PUT / PATCH / DELETE) with 405, a version or not', async () => {
    const before = await state();
    const refused = registeredWrites().filter((r) => r.startsWith('ALL ') || REFUSED.has(r));
    for (const route of refused) {
      const [method, path] = route.split(' ');
      const url = path.replace(':id', path.startsWith('/api/complaints') ? complaint.id : refund.id);
      for (const m of method === 'ALL' ? ['PUT', 'PATCH', 'DELETE'] : [method]) {
        for (const body of [{}, { version: refund.version }]) {
          const res = await api.call(m, url, { token: supervisor, body: m === 'DELETE' ? undefined : body });
          expect(res.status, `${m} ${url}`).toBe(405);
          expect(typeof (res.body as { message?: unknown }).message, `${m} ${url}`).toBe('string');
        }
      }
    }
    expect(await state()).toBe(before);
  });
});
