// Issue 13 item 7 on complaints, over real HTTP: a colleague's note never voids the holder's
// decision. A note is an authored, audited entry appended to the complaint's timeline; it neither
// asks for nor bumps the complaint's version, so the holder acts with the version they read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, Complaint, RefundRequest } from '../../src/domain/model';
import { listQuery, startTestApi, type TestApi } from './harness';

const USERS = ['supervisor', 'supervisor2', 'reviewer'] as const;
type UserName = (typeof USERS)[number];
type Body = Record<string, unknown>;

let api: TestApi;
const token = {} as Record<UserName, string>;
const userId = {} as Record<UserName, string>;
let requests: RefundRequest[] = [];

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 31 });
  await api.signInStaff(USERS, { token, userId });
  const res = await api.call('GET', `/api/refunds${listQuery({ range: [0, 999], sort: ['id', 'ASC'] })}`, {
    token: token.supervisor,
  });
  expect(res.status).toBe(200);
  requests = res.body as RefundRequest[];
});
afterAll(() => api.close());

const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

async function ok<T>(reply: Promise<Awaited<ReturnType<TestApi['call']>>>, status = 200): Promise<T> {
  const res = await reply;
  expect(res.status, res.text).toBe(status);
  return res.body as T;
}

const getComplaint = (id: string) =>
  ok<Complaint>(api.call('GET', `/api/complaints/${id}`, { token: token.supervisor }));

async function timeline(complaintId: string): Promise<AuditEvent[]> {
  const query = listQuery({ range: [0, 999], filter: { complaintId }, sort: ['at', 'ASC'] });
  const events = await ok<AuditEvent[]>(api.call('GET', `/api/events${query}`, { token: token.supervisor }));
  return events.sort((a, b) => a.at.localeCompare(b.at) || seq(a.id) - seq(b.id));
}
const seq = (id: string) => Number(id.replace(/^\D+/, ''));

/** A complaint on a request no other test used, opened and taken by `holder`. */
async function heldComplaint(holder: UserName): Promise<Complaint> {
  for (;;) {
    const refund = requests.shift();
    if (!refund) throw new Error('no refund request left');
    const opened = await post(holder, '/api/complaints', {
      refundId: refund.id,
      channel: 'phone',
      category: 'other',
      description: 'The customer wants to know why it takes so long.',
    });
    if (opened.status === 409) continue; // the seed already has a complaint open on it
    expect(opened.status, opened.text).toBe(201);
    const c = opened.body as Complaint;
    return ok<Complaint>(
      post(holder, `/api/complaints/${c.id}/assign`, { version: c.version, assigneeId: userId[holder] }),
    );
  }
}

const MSG = 'We checked your request again and keep our decision; the reasons are in your account.';

/** What the holder decides, with the version they read, after colleagues added notes. */
const HOLDER_ACTIONS: [string, Body][] = [
  ['resolve', { outcome: 'upheld', customerMessage: MSG }],
  ['escalate', { reason: 'The customer asks for a supervisor above me.' }],
  ['contact', { text: 'Called the customer back.', awaitingReply: true }],
];

describe('a colleague’s note on a complaint', () => {
  it('B notes (sending the version B read, as older clients do); A resolves with the version A read: 200', async () => {
    const read = await heldComplaint('supervisor');
    const seenByB = await getComplaint(read.id);
    await ok(
      post('supervisor2', `/api/complaints/${read.id}/note`, { version: seenByB.version, text: 'FYI' }),
    );
    const resolved = await ok<Complaint>(
      post('supervisor', `/api/complaints/${read.id}/resolve`, {
        version: read.version,
        outcome: 'upheld',
        customerMessage: MSG,
      }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', version: read.version + 1 });
    expect(resolved.resolution).toMatchObject({ outcome: 'upheld', by: userId.supervisor });
  });

  it.each(HOLDER_ACTIONS)(
    'never voids the holder’s %s: it needs no version and bumps none',
    async (action, body) => {
      const read = await heldComplaint('supervisor');
      // notes from a colleague, with no version, a stale one and a future one: all ignored
      for (const version of [undefined, read.version - 1, read.version + 5]) {
        const note = { text: `Colleague note, sent with version ${String(version)}.`, version };
        expect(await ok<Complaint>(post('supervisor2', `/api/complaints/${read.id}/note`, note))).toEqual(
          read,
        );
      }
      // the holder also annotates, then decides with the version read before any note
      await ok(post('supervisor', `/api/complaints/${read.id}/note`, { text: 'My own note.' }));
      expect(await getComplaint(read.id)).toEqual(read);
      const decided = await ok<Complaint>(
        post('supervisor', `/api/complaints/${read.id}/${action}`, { ...body, version: read.version }),
      );
      expect(decided.version).toBe(read.version + 1);

      const events = await timeline(read.id);
      expect(events.map((e) => [e.action, e.actorId])).toEqual([
        ['open', userId.supervisor],
        ['assign', userId.supervisor],
        ['note', userId.supervisor2],
        ['note', userId.supervisor2],
        ['note', userId.supervisor2],
        ['note', userId.supervisor],
        [action, userId.supervisor],
      ]);
      expect(events[2]).toMatchObject({
        subject: 'complaint',
        complaintId: read.id,
        refundId: read.refundId,
        actorKind: 'staff',
        note: 'Colleague note, sent with version undefined.',
        statusBefore: 'investigating',
        statusAfter: 'investigating',
      });
    },
  );

  it('25 simultaneous notes from two supervisors: every one kept, one audit event each, no version change', async () => {
    const read = await heldComplaint('supervisor');
    const before = await timeline(read.id);
    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        post(i % 2 ? 'supervisor2' : 'supervisor', `/api/complaints/${read.id}/note`, {
          text: `parallel note ${i}`,
          ...(i % 3 === 0 ? { version: read.version } : {}),
        }),
      ),
    );
    for (const r of replies) expect(r.status, r.text).toBe(200);
    expect(await getComplaint(read.id)).toEqual(read);
    const added = (await timeline(read.id)).slice(before.length);
    expect(added).toHaveLength(25);
    expect(new Set(added.map((e) => e.id)).size).toBe(25);
    expect(added.map((e) => e.note).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => `parallel note ${i}`).sort(),
    );
    for (const e of added) {
      const i = Number(/\d+$/.exec(e.note ?? '')![0]);
      expect(e).toMatchObject({
        action: 'note',
        actorId: i % 2 ? userId.supervisor2 : userId.supervisor,
        statusAfter: read.status,
      });
    }
    // and the holder still resolves with the version read before them all
    await ok(
      post('supervisor', `/api/complaints/${read.id}/resolve`, {
        version: read.version,
        outcome: 'upheld',
        customerMessage: MSG,
      }),
    );
  });

  it('is still refused where it was: a reviewer (403), an empty note (422), a closed complaint (409); none writes an event', async () => {
    const c = await heldComplaint('supervisor');
    const refuse = async (who: UserName, body: Body, status: number, current: Complaint) => {
      const count = (await timeline(c.id)).length;
      const res = await post(who, `/api/complaints/${c.id}/note`, body);
      expect(res.status, res.text).toBe(status);
      expect(typeof (res.body as { message?: unknown }).message).toBe('string');
      expect(await getComplaint(c.id)).toEqual(current);
      expect(await timeline(c.id)).toHaveLength(count);
    };
    await refuse('reviewer', { text: 'x' }, 403, c);
    await refuse('supervisor2', { text: '   ' }, 422, c);
    await refuse('supervisor2', { text: 'x', version: 'old' }, 422, c);
    const resolved = await ok<Complaint>(
      post('supervisor', `/api/complaints/${c.id}/resolve`, {
        version: c.version,
        outcome: 'upheld',
        customerMessage: MSG,
      }),
    );
    const closed = await ok<Complaint>(
      post('supervisor', `/api/complaints/${c.id}/close`, { version: resolved.version }),
    );
    await refuse('supervisor2', { text: 'too late' }, 409, closed);
  });
});
