// Internal notes on refund requests: the note and its audit event in one commit, and nothing else
// (the request, its version and its holder's pending decision stay as they are). Used by the route
// and the seed.
import type { AuditEvent, RefundNote, RefundRequest } from '../src/domain/model';
import { noteAdded } from '../src/domain/refundNotes';
import type { DeskWriter } from './deskData';

export async function addRefundNote(
  tx: DeskWriter,
  request: Pick<RefundRequest, 'id' | 'status'>,
  text: string,
  authorId: string,
  nowIso: string,
): Promise<{ note: RefundNote; event: AuditEvent }> {
  const drafts = noteAdded(request, text, authorId, nowIso);
  const note: RefundNote = { id: await tx.nextId('n'), ...drafts.note };
  const event: AuditEvent = { id: await tx.nextId('e'), ...drafts.event, details: { noteId: note.id } };
  await tx.commit([
    { c: 'notes', v: note },
    { c: 'events', v: event },
  ]);
  return { note, event };
}
