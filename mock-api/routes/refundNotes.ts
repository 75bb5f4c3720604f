// POST /api/refunds/:id/notes: adds an internal note to a request (read them with GET /api/notes).
// No version is asked for and none changes: a note is appended beside the request, so a colleague's
// note can never void the decision of the reviewer who holds it.
import type { Express } from 'express';
import { addNoteBodySchema } from '../../src/domain/refundNotes';
import { fieldRefusals } from '../../src/domain/validation';
import { fieldsRefusal } from '../../src/domain/refusal';
import { idParam, refuse, refusalError, route } from '../http';
import { addRefundNote } from '../noteService';
import { requirePermission, type ApiContext } from '../appContext';

export function registerRefundNoteRoutes(app: Express, ctx: ApiContext) {
  app.post(
    '/api/refunds/:id/notes',
    route(async (req, res) => {
      requirePermission(req, 'refunds', 'note');
      const id = idParam(req);
      const { note } = await ctx.desk.command(async (tx) => {
        const request = await tx.get('refunds', id);
        if (!request) {
          throw refuse(404, 'refund_not_found', { id });
        }
        const parsed = addNoteBodySchema.safeParse(req.body ?? {});
        if (!parsed.success) {
          throw refusalError(fieldsRefusal(fieldRefusals(parsed.error), 'invalid_note'));
        }
        return addRefundNote(tx, request, parsed.data.text, req.user.id, ctx.clock.nowIso());
      });
      res.status(201).setHeader('Location', `/api/notes/${note.id}`);
      res.json(note);
    }),
  );
}
