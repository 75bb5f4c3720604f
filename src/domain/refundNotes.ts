// Internal notes on refund requests: who may add one, what a note may say, and what adding one
// records. A note is its own record (RefundNote), never part of the request: adding one leaves the
// request, its version and its holder's pending decision untouched, so a colleague's note can
// never void that decision with a 409. Notes are never edited or deleted; each one is audited.
// Who may add one is the permission table's `refunds: note` (everyone who may read requests).
import { z } from 'zod';
import type { AuditEvent, RefundNote, RefundRequest } from './model';

export const NOTE_MAX = 5000;

export const addNoteBodySchema = z
  .object({
    text: z
      .string({ error: 'Write the note as text.' })
      .trim()
      .min(1, { error: 'Write the note before adding it.' })
      .max(NOTE_MAX, { error: `A note can be at most ${NOTE_MAX.toLocaleString('en')} characters.` }),
  })
  .strict();
export type AddNoteBody = z.input<typeof addNoteBodySchema>;

/** The audit action of an added note. */
export const NOTE_ADDED = 'note_added';

/**
 * The note and its audit event, as one change (ids are the store's to give). The request is read
 * for the event's status only: neither the request nor its version changes.
 */
export function noteAdded(
  request: Pick<RefundRequest, 'id' | 'status'>,
  text: string,
  authorId: string,
  nowIso: string,
): { note: Omit<RefundNote, 'id'>; event: Omit<AuditEvent, 'id'> } {
  return {
    note: { refundId: request.id, at: nowIso, authorId, text },
    event: {
      subject: 'refund',
      refundId: request.id,
      complaintId: null,
      action: NOTE_ADDED,
      actorId: authorId,
      actorKind: 'staff',
      at: nowIso,
      statusBefore: request.status,
      statusAfter: request.status,
      note: text,
    },
  };
}

/** What a request stored before notes were separate records: one free text, overwritten by each edit. */
export interface LegacyNoteSource {
  id: string;
  internalNote?: unknown;
  updatedAt: string;
}

/**
 * The old free-text note of a request as a note, or null when it had none. Author and time are
 * those of the last audited edit of the note when there is one, else unknown author at the
 * request's last change (the old field kept neither).
 */
export function legacyNote(
  request: LegacyNoteSource,
  lastEdit: Pick<AuditEvent, 'actorId' | 'at'> | undefined,
): Omit<RefundNote, 'id'> | null {
  const text = typeof request.internalNote === 'string' ? request.internalNote.trim() : '';
  if (!text) return null;
  return {
    refundId: request.id,
    at: lastEdit?.at ?? request.updatedAt,
    authorId: lastEdit?.actorId ?? null,
    text,
    legacy: true,
  };
}
