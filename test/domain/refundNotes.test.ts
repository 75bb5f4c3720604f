// The rules of internal notes: who may add one (everyone who may read requests), what a note may
// say, what adding one records (a note and an audit event, never a change to the request), and how
// the old free-text note of a request is read.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/model';
import { PERMISSION_TABLE, canAccess } from '../../src/domain/permissions';
import { NOTE_ADDED, NOTE_MAX, addNoteBodySchema, legacyNote, noteAdded } from '../../src/domain/refundNotes';

describe('who may add a note', () => {
  it('is everyone who may read a request, and nobody may edit a request or a note', () => {
    const readers = ROLES.filter((role) => canAccess(role, { resource: 'refunds', action: 'show' }));
    // every case-working role reads requests; the admin runs staff and connections, not cases
    expect(readers).toEqual(ROLES.filter((role) => role !== 'admin'));
    for (const role of ROLES) {
      const reads = readers.includes(role);
      expect(canAccess(role, { resource: 'refunds', action: 'note' }), role).toBe(reads);
      expect(canAccess(role, { resource: 'notes', action: 'list' }), role).toBe(reads);
      expect(canAccess(role, { resource: 'refunds', action: 'edit' }), role).toBe(false);
      expect(PERMISSION_TABLE.notes[role], role).toEqual(reads ? ['list', 'show'] : []);
    }
  });
});

describe('the note body', () => {
  it('is a trimmed, non-blank text of at most NOTE_MAX characters, and nothing else', () => {
    expect(addNoteBodySchema.parse({ text: '  Called the customer.  ' })).toEqual({
      text: 'Called the customer.',
    });
    expect(addNoteBodySchema.safeParse({ text: 'x'.repeat(NOTE_MAX) }).success).toBe(true);
    for (const body of [
      {},
      { text: '' },
      { text: ' \n ' },
      { text: 1 },
      { text: 'x'.repeat(NOTE_MAX + 1) },
      { text: 'x', version: 3 },
      { text: 'x', authorId: 'u1' },
      [],
      null,
    ]) {
      expect(addNoteBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });
});

describe('adding a note', () => {
  it('records the note and a note_added event at the request’s status, and nothing about the request', () => {
    const { note, event } = noteAdded(
      { id: 'r7', status: 'in_review' },
      'Checked.',
      'u2',
      '2026-11-30T08:00:00.000Z',
    );
    expect(note).toEqual({
      refundId: 'r7',
      at: '2026-11-30T08:00:00.000Z',
      authorId: 'u2',
      text: 'Checked.',
    });
    expect(event).toEqual({
      subject: 'refund',
      refundId: 'r7',
      complaintId: null,
      action: NOTE_ADDED,
      actorId: 'u2',
      actorKind: 'staff',
      at: '2026-11-30T08:00:00.000Z',
      statusBefore: 'in_review',
      statusAfter: 'in_review',
      note: 'Checked.',
    });
  });
});

describe('the old free-text note', () => {
  const request = { id: 'r9', updatedAt: '2026-11-01T00:00:00.000Z' };

  it('becomes a legacy note by the last recorded editor, or of unknown author at the last change', () => {
    expect(
      legacyNote({ ...request, internalNote: ' Old. ' }, { actorId: 'u5', at: '2026-10-01T00:00:00.000Z' }),
    ).toEqual({ refundId: 'r9', at: '2026-10-01T00:00:00.000Z', authorId: 'u5', text: 'Old.', legacy: true });
    expect(legacyNote({ ...request, internalNote: 'Old.' }, undefined)).toEqual({
      refundId: 'r9',
      at: request.updatedAt,
      authorId: null,
      text: 'Old.',
      legacy: true,
    });
  });

  it('is no note when it was empty, blank, absent or not text', () => {
    for (const internalNote of ['', '  ', undefined, 5, null]) {
      expect(legacyNote({ ...request, internalNote }, undefined), String(internalNote)).toBeNull();
    }
  });
});
