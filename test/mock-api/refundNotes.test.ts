// Part 8 item 7 over real HTTP: internal notes are append-only, authored, audited records beside the
// request, so a colleague's note never voids the decision of the reviewer holding the request, two
// notes at once are both kept, and no plain write (PUT / PATCH / DELETE) can change a request. A
// note carried over from a request's old `internalNote` text is served as stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundNote, RefundRequest } from '../../src/domain/model';
import { NOTE_MAX, legacyNote } from '../../src/domain/refundNotes';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { approvableFilter, listQuery, startTestApi, type TestApi } from './harness';
import { auditTrail, storedRefund } from './storedState';

type Who = 'reviewer' | 'reviewer2' | 'supervisor' | 'manager';
let api: TestApi;
const token = {} as Record<Who, string>;
const userId = {} as Record<Who, string>;

beforeAll(async () => {
  api = await startTestApi({ count: 600, seed: 11 });
  await api.signInStaff(['reviewer', 'reviewer2', 'supervisor', 'manager'] as const, { token, userId });
});
afterAll(() => api.close());

const used = new Set<string>();

/** A pending, unassigned request a reviewer can approve in full on their own. */
async function approvable(): Promise<RefundRequest> {
  const filter = approvableFilter({ gte: 2, lte: SECOND_APPROVAL_THRESHOLD_FEN });
  const res = await api.call('GET', `/api/refunds${listQuery({ range: [0, 999], filter })}`, {
    token: token.manager,
  });
  expect(res.status).toBe(200);
  const found = (res.body as RefundRequest[]).find((r) => !used.has(r.id));
  if (!found) throw new Error('The seed has no approvable pending request left.');
  used.add(found.id);
  return found;
}

async function claimed(who: Who): Promise<RefundRequest> {
  const r = await approvable();
  const res = await api.call('POST', `/api/refunds/${r.id}/claim`, {
    token: token[who],
    body: { version: r.version },
  });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest;
}

const addNote = (who: Who, id: string, body: unknown) =>
  api.call('POST', `/api/refunds/${id}/notes`, { token: token[who], body });

async function notesOf(id: string, who: Who = 'manager'): Promise<RefundNote[]> {
  const res = await api.call(
    'GET',
    `/api/notes${listQuery({ range: [0, 999], filter: { refundId: id }, sort: ['at', 'ASC'] })}`,
    { token: token[who] },
  );
  expect(res.status, res.text).toBe(200);
  return res.body as RefundNote[];
}

function expectRefusal(res: { status: number; body: unknown; text: string }, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.body).toMatchObject({ message: expect.any(String), code });
}

describe('a colleague’s note', () => {
  it('does not void the holder’s decision: A claims, B adds a note, A approves with the version A read', async () => {
    const held = await claimed('reviewer');
    const added = await addNote('reviewer2', held.id, { text: 'Customer called; they confirm the charge.' });
    expect(added.status, added.text).toBe(201);
    // the request is exactly as A read it: same version, same last change
    expect(await storedRefund(api, token.manager, held.id)).toEqual(held);
    const approved = await api.call('POST', `/api/refunds/${held.id}/approve`, {
      token: token.reviewer,
      body: { version: held.version, customerMessage: 'Your refund is approved.' },
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', version: held.version + 1 });
    // and the note is still there, after the decision, and a note can follow the decision too
    expect((await notesOf(held.id)).map((n) => n.authorId)).toEqual([userId.reviewer2]);
    expect((await addNote('manager', held.id, { text: 'Seen.' })).status).toBe(201);
  });

  it('is authored by the caller, audited as note_added, and readable by every role', async () => {
    const held = await claimed('reviewer');
    const before = await auditTrail(api, token.manager, held.id);
    const res = await addNote('supervisor', held.id, { text: '  Checked the payment log.  ' });
    expect(res.status, res.text).toBe(201);
    const note = res.body as RefundNote;
    expect(note).toEqual({
      id: expect.stringMatching(/^n\d+$/),
      refundId: held.id,
      at: expect.any(String),
      authorId: userId.supervisor,
      text: 'Checked the payment log.',
    });
    expect(res.headers.get('location')).toBe(`/api/notes/${note.id}`);
    const after = await auditTrail(api, token.manager, held.id);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      expect.objectContaining({
        action: 'note_added',
        actorId: userId.supervisor,
        actorKind: 'staff',
        at: note.at,
        statusBefore: 'in_review',
        statusAfter: 'in_review',
        note: 'Checked the payment log.',
        details: { noteId: note.id },
      }),
    ]);
    for (const who of ['reviewer', 'reviewer2', 'supervisor', 'manager'] as const) {
      expect(await notesOf(held.id, who), who).toEqual([note]);
      const one = await api.call('GET', `/api/notes/${note.id}`, { token: token[who] });
      expect(one.body, who).toEqual(note);
    }
  });

  it('two notes posted at once are both kept, in order, each authored and audited', async () => {
    const held = await claimed('reviewer');
    const posts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        addNote(i % 2 ? 'reviewer2' : 'supervisor', held.id, { text: `parallel note ${i}` }),
      ),
    );
    for (const p of posts) expect(p.status, p.text).toBe(201);
    const created = posts.map((p) => p.body as RefundNote);
    const stored = await notesOf(held.id);
    expect(new Set(stored.map((n) => n.text))).toEqual(new Set(created.map((n) => n.text)));
    // in the order they were written: by time, then by id (on PostgreSQL concurrent commands take
    // their ids in any order, so an id alone does not say which came first)
    const byAddition = [...created].sort(
      (a, b) => a.at.localeCompare(b.at) || Number(a.id.slice(1)) - Number(b.id.slice(1)),
    );
    expect(stored).toEqual(byAddition);
    for (let i = 1; i < stored.length; i++) expect(stored[i].at >= stored[i - 1].at).toBe(true);
    for (const [i, p] of posts.entries()) {
      expect((p.body as RefundNote).authorId).toBe(i % 2 ? userId.reviewer2 : userId.supervisor);
    }
    const audited = (await auditTrail(api, token.manager, held.id)).filter((e) => e.action === 'note_added');
    expect(audited.map((e) => e.details?.noteId).sort()).toEqual(created.map((n) => n.id).sort());
    expect(await storedRefund(api, token.manager, held.id)).toEqual(held);
  });
});

describe('a note that cannot be added', () => {
  it('is refused with { message, code } and leaves no trace', async () => {
    const held = await claimed('reviewer');
    const events = await auditTrail(api, token.manager, held.id);
    for (const body of [
      {},
      { text: '' },
      { text: '   ' },
      { text: 5 },
      { text: 'x'.repeat(NOTE_MAX + 1) },
      { text: 'ok', version: held.version },
      { text: 'ok', authorId: 'u1' },
      ['text'],
    ]) {
      expectRefusal(await addNote('reviewer2', held.id, body), 422, 'invalid_note');
    }
    expectRefusal(await addNote('reviewer', 'r99999999', { text: 'x' }), 404, 'refund_not_found');
    expect(await notesOf(held.id)).toEqual([]);
    expect(await auditTrail(api, token.manager, held.id)).toEqual(events);
    expect(await storedRefund(api, token.manager, held.id)).toEqual(held);
  });

  it('is never edited or deleted: every write on /api/notes is 405', async () => {
    const held = await claimed('reviewer');
    const note = (await addNote('reviewer', held.id, { text: 'Original.' })).body as RefundNote;
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      for (const route of [`/api/notes/${note.id}`, '/api/notes']) {
        const res = await api.call(method, route, {
          token: token.supervisor,
          body: method === 'DELETE' ? undefined : { refundId: held.id, text: 'Rewritten.' },
        });
        expect(res.status, `${method} ${route}`).toBe(405);
      }
    }
    expect(await notesOf(held.id)).toEqual([note]);
  });
});

describe('no plain write changes a request', () => {
  it('PUT / PATCH / DELETE are 405 { message, code } with or without a version, and change nothing', async () => {
    const held = await claimed('reviewer');
    const events = await auditTrail(api, token.manager, held.id);
    const whole = held as unknown as Record<string, unknown>;
    const bodies = [
      { internalNote: 'overwrite' },
      { internalNote: 'overwrite', version: held.version },
      { internalNote: 'overwrite', version: held.version - 1 },
      { ...whole, internalNote: 'overwrite' },
      { status: 'approved', version: held.version },
      {},
    ];
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      for (const who of ['reviewer', 'supervisor', 'manager'] as const) {
        for (const body of method === 'DELETE' ? [undefined] : bodies) {
          const res = await api.call(method, `/api/refunds/${held.id}`, { token: token[who], body });
          expectRefusal(res, 405, 'refund_read_only');
          expect(res.headers.get('allow')).toBe('GET');
        }
      }
    }
    expect(await storedRefund(api, token.manager, held.id)).toEqual(held);
    expect(await auditTrail(api, token.manager, held.id)).toEqual(events);
    expect(await notesOf(held.id)).toEqual([]);
  });
});

describe('a note carried over from before notes were records', () => {
  it('is served as stored: flagged legacy, author unknown, first in the list; the request untouched', async () => {
    const r = await approvable();
    const events = await auditTrail(api, token.manager, r.id);
    const carried = legacyNote({ id: r.id, internalNote: ' Old text. ', updatedAt: r.updatedAt }, undefined)!;
    const id = await api.server.ctx.desk.command(async (tx) => {
      const note: RefundNote = { id: await tx.nextId('n'), ...carried };
      await tx.commit([{ c: 'notes', v: note }]);
      return note.id;
    });
    expect((await addNote('reviewer', r.id, { text: 'New text.' })).status).toBe(201);
    const notes = await notesOf(r.id);
    expect(notes).toEqual([
      { id, refundId: r.id, at: r.updatedAt, authorId: null, text: 'Old text.', legacy: true },
      expect.objectContaining({ refundId: r.id, authorId: userId.reviewer, text: 'New text.' }),
    ]);
    expect(Object.hasOwn(notes[1], 'legacy')).toBe(false);
    expect((await storedRefund(api, token.manager, r.id)).version).toBe(r.version);
    expect((await auditTrail(api, token.manager, r.id)).slice(0, events.length)).toEqual(events);
  });
});
