// Internal notes on refund requests, made durable: the note and its audit event in one commit, and
// nothing else (the request, its version and its holder's pending decision stay as they are). Used
// by the route, the seed and the start-up migration of notes stored the old way.
import type { AuditEvent, RefundNote, RefundRequest } from '../src/domain/model';
import { legacyNote, noteAdded, type LegacyNoteSource } from '../src/domain/refundNotes';
import type { Change, Store } from './store';

export function addRefundNote(
  store: Store,
  request: Pick<RefundRequest, 'id' | 'status'>,
  text: string,
  authorId: string,
  nowIso: string,
): { note: RefundNote; event: AuditEvent } {
  const drafts = noteAdded(request, text, authorId, nowIso);
  const note: RefundNote = { id: store.nextId('n'), ...drafts.note };
  const event: AuditEvent = { id: store.nextId('e'), ...drafts.event, details: { noteId: note.id } };
  store.commit([
    { c: 'notes', v: note },
    { c: 'events', v: event },
  ]);
  return { note, event };
}

/**
 * A database written before notes were separate records keeps each request's note in its
 * `internalNote` field. At start-up each such text becomes the request's first (legacy) note and the
 * field is dropped, in one commit (all or nothing on a crash); the request's version is not bumped,
 * since nothing anyone decided on has changed. Returns how many requests were migrated.
 */
export function migrateLegacyNotes(store: Store): number {
  const old: (RefundRequest & LegacyNoteSource)[] = [];
  for (const r of store.all('refunds')) if (Object.hasOwn(r, 'internalNote')) old.push(r);
  if (old.length === 0) return 0;
  // the old PATCH audited each edit as action "edit" carrying the new text
  const lastEdit = new Map<string, AuditEvent>();
  for (const e of store.all('events')) {
    if (e.action !== 'edit' || e.subject !== 'refund') continue;
    const seen = lastEdit.get(e.refundId);
    if (!seen || seen.at <= e.at) lastEdit.set(e.refundId, e);
  }
  const changes: Change[] = [];
  for (const request of old) {
    const note = legacyNote(request, lastEdit.get(request.id));
    if (note) changes.push({ c: 'notes', v: { id: store.nextId('n'), ...note } });
    const { internalNote: _dropped, ...rest } = request;
    changes.push({ c: 'refunds', v: rest });
  }
  store.commit(changes);
  return old.length;
}
