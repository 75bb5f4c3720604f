// Complaint routes beyond plain reads (GET /api/complaints[/:id] is the generic simple-rest
// reader in server.ts, scoped for reviewers): opening a complaint and one endpoint per staff action
// of the workflow table, POST /api/complaints/:id/<segment>, each guarded by its own permission.
// Each answers the updated complaint; refusals are 403 / 404 / 409 / 422 JSON like the refund routes.
import type { Express } from 'express';
import {
  complaintWorkflow,
  parseComplaintActionBody,
  type ComplaintCommand,
} from '../../src/domain/complaintWorkflow';
import { isComplaintStaffAction } from '../../src/domain/complaintWorkflowRoles';
import type { Complaint } from '../../src/domain/model';
import {
  complaintGoodwillAllowance,
  complaintOrThrow,
  createComplaint,
  executeComplaintCommand,
} from '../complaintService';
import type { DeskReader } from '../deskData';
import { fieldRefusal } from '../../src/domain/refusal';
import { idParam, refuse, refuseFields, route } from '../http';
import { notifyAboutComplaint } from '../notifications/store';
import { requirePermission, type ApiContext } from '../appContext';
import { registerWorkflowRoutes, staffActor } from './workflowRoutes';

/** The actions staff ask for over HTTP (the system's run from the clockwork, timers.ts). */
const STAFF_ACTIONS = complaintWorkflow.actions.filter(isComplaintStaffAction);

function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw refuseFields(422, 'body_not_object', {}, { _body: fieldRefusal('send_object') });
  }
  return body as Record<string, unknown>;
}

export function registerComplaintRoutes(app: Express, ctx: ApiContext) {
  const load = async (data: DeskReader, id: string): Promise<Complaint> => {
    const complaint = await data.get('complaints', id);
    if (!complaint) throw refuse(404, 'complaint_not_found', { id });
    return complaint;
  };

  app.post(
    '/api/complaints',
    route(async (req, res) => {
      requirePermission(req, 'complaints', 'create');
      const body = asObject(req.body);
      const refundId = typeof body.refundId === 'string' ? body.refundId.trim() : '';
      const complaint = await ctx.desk.command(async (tx) => {
        const refund = refundId ? await tx.get('refunds', refundId) : undefined;
        if (!refund) {
          // the body's own problems first; a well-formed body naming no known request is a 422 too
          const parsed = parseComplaintActionBody('create', body);
          if (!parsed.ok) complaintOrThrow(parsed);
          throw refuseFields(
            422,
            'complaint_refund_unknown',
            { refundId },
            {
              refundId: fieldRefusal('refund_unknown', { refundId }),
            },
          );
        }
        const nowIso = ctx.clock.nowIso();
        const opened = complaintOrThrow(await createComplaint(tx, refund, body, staffActor(req), nowIso));
        // the reviewer whose decision is disputed is told in the same transaction
        await notifyAboutComplaint(tx, opened, nowIso);
        return opened;
      });
      res.status(201).json(complaint);
    }),
  );

  // what the resolve dialog's goodwill field may still credit (both caps, the same rule as resolve)
  app.get(
    '/api/complaints/:id/goodwill-allowance',
    route(async (req, res) => {
      requirePermission(req, 'complaints', 'resolve');
      const complaint = await load(ctx.desk, idParam(req));
      res.json(await complaintGoodwillAllowance(ctx.desk, complaint, ctx.clock.nowIso()));
    }),
  );

  registerWorkflowRoutes(app, ctx, {
    resource: 'complaints',
    actions: STAFF_ACTIONS,
    segment: (action) => complaintWorkflow.segment(action),
    body: asObject,
    run: async (tx, id, command, actor, nowIso) => {
      const complaint = await load(tx, id);
      const outcome = await executeComplaintCommand(
        tx,
        complaint,
        command as ComplaintCommand,
        actor,
        nowIso,
      );
      const changed = complaintOrThrow(outcome, complaint);
      // an escalation is told to the supervisors in the same transaction
      if (changed.level === 2 && complaint.level !== 2) await notifyAboutComplaint(tx, changed, nowIso);
      return changed;
    },
  });
}
