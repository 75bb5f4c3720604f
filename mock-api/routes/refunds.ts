// Refund request routes beyond plain reads: one endpoint per workflow action, bulk actions,
// the customer's refund profile, internal notes, and no plain write (PUT / PATCH / DELETE are 405).
import type { Express } from 'express';
import { z } from 'zod';
import { customerRefundProfile } from '../../src/domain/customerProfile';
import type { RefundRequest } from '../../src/domain/model';
import { refundActionBodySchemas, refundWorkflow, type RefundCommand } from '../../src/domain/refundWorkflow';
import type { DeskReader } from '../deskData';
import { fieldRefusal, refusal } from '../../src/domain/refusal';
import {
  type AuthedRequest,
  idParam,
  parseBody,
  refuse,
  refuseFields,
  refusalError,
  refusalFor,
  route,
} from '../http';
import { policyFor } from '../refundRecords';
import { claimNext, orThrow, routedRefundCommand } from '../refundService';
import { requirePermission, type ApiContext } from '../appContext';
import { registerExpectedDecisionRoutes } from './expectedDecisions';
import { registerRefundNoteRoutes } from './refundNotes';
import { registerWorkflowRoutes, staffActor } from './workflowRoutes';

const bulkReassignSchema = z
  .object({
    items: z
      .array(z.object({ id: z.string().min(1), version: z.number().int().nonnegative() }).strict())
      .min(1)
      .max(200),
    assigneeId: z.string().min(1),
  })
  .strict();

const bulkRejectSchema = z
  .object({
    items: z
      .array(z.object({ id: z.string().min(1), version: z.number().int().nonnegative() }).strict())
      .min(1)
      .max(200),
    reasonCode: refundActionBodySchemas.reject.shape.reasonCode,
    customerMessage: refundActionBodySchemas.reject.shape.customerMessage,
    note: refundActionBodySchemas.reject.shape.note,
    againstSuggestionReason: refundActionBodySchemas.reject.shape.againstSuggestionReason,
  })
  .strict();

export function registerRefundRoutes(app: Express, ctx: ApiContext) {
  const load = async (data: DeskReader, id: string): Promise<RefundRequest> => {
    const request = await data.get('refunds', id);
    if (!request) throw refuse(404, 'refund_not_found', { id });
    return request;
  };

  const checkAssignee = async (data: DeskReader, assigneeId: string) => {
    const assignee = await data.get('users', assigneeId);
    if (!assignee || !assignee.active || assignee.role === 'manager') {
      throw refuseFields(
        422,
        'assignee_not_active',
        { assigneeId },
        { assigneeId: fieldRefusal('assignee_inactive') },
      );
    }
  };

  // before any `/api/refunds/:id` route, which would read "expected-decisions" as an id
  registerExpectedDecisionRoutes(app, ctx);

  app.post(
    '/api/refunds/claim-next',
    route(async (req, res) => {
      requirePermission(req, 'refunds', 'claim_next');
      // no body arrives as {}; anything else (an array included) is a body
      const body = req.body as unknown;
      if (Array.isArray(body) || (body && Object.keys(body as object).length > 0)) {
        throw refuse(422, 'claim_next_no_body');
      }
      const outcome = await ctx.desk.command((tx) => claimNext(tx, staffActor(req), ctx.clock.nowIso()));
      if (!outcome) {
        res.status(204).end();
        return;
      }
      if (!outcome.ok) throw refusalError(outcome);
      res.json(outcome.request);
    }),
  );

  app.post(
    '/api/refunds/bulk-reassign',
    route(async (req, res) => {
      requirePermission(req, 'refunds', 'reassign');
      const body = parseBody(bulkReassignSchema, req.body);
      await checkAssignee(ctx.desk, body.assigneeId);
      res.json(
        await runBulk(ctx, req, body.items, (version) => ({
          action: 'reassign',
          version,
          assigneeId: body.assigneeId,
        })),
      );
    }),
  );

  app.post(
    '/api/refunds/bulk-reject',
    route(async (req, res) => {
      requirePermission(req, 'refunds', 'reject');
      const body = parseBody(bulkRejectSchema, req.body);
      res.json(
        await runBulk(ctx, req, body.items, (version) => ({
          action: 'reject',
          version,
          reasonCode: body.reasonCode,
          customerMessage: body.customerMessage,
          note: body.note,
          againstSuggestionReason: body.againstSuggestionReason,
        })),
      );
    }),
  );

  registerWorkflowRoutes(app, ctx, {
    resource: 'refunds',
    actions: refundWorkflow.routedActions,
    segment: (action) => refundWorkflow.segment(action),
    body: (raw) => {
      const body: unknown = raw ?? {};
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw refuseFields(422, 'action_not_object', {}, { _body: fieldRefusal('expected_object') });
      }
      return body as Record<string, unknown>;
    },
    run: async (tx, id, command, actor, nowIso) => {
      const request = await load(tx, id);
      const { version, assigneeId } = command;
      if (command.action === 'reassign' && version === request.version && typeof assigneeId === 'string') {
        await checkAssignee(tx, assigneeId);
      }
      return orThrow(
        await routedRefundCommand(tx, request, command as RefundCommand, actor, nowIso),
        request,
      );
    },
  });

  // The policy as the server applies it, so the request page explains exactly what the actions enforce.
  app.get(
    '/api/refunds/:id/policy',
    route(async (req, res) => {
      requirePermission(req, 'refunds', 'show');
      res.json(await policyFor(ctx.desk, await load(ctx.desk, idParam(req))));
    }),
  );

  app.get(
    '/api/refunds/:id/profile',
    route(async (req, res) => {
      requirePermission(req, 'refunds', 'show');
      const request = await load(ctx.desk, idParam(req));
      const customer = await ctx.desk.get('customers', request.customerId);
      const linkedCustomers = customer
        ? (await ctx.desk.customersOnPaymentAccount(customer.paymentAccountId)).filter(
            (c) => c.id !== customer.id,
          )
        : [];
      res.json(
        customerRefundProfile({
          customerId: request.customerId,
          requests: await ctx.desk.refundsForCustomer(request.customerId),
          linkedCustomers: linkedCustomers.map((c) => ({ id: c.id, name: c.name })),
          nowMs: ctx.clock.now(),
        }),
      );
    }),
  );

  // No plain write: a request changes only through the workflow actions above, each checked
  // against the version the caller read, and internal notes are records of their own
  // (routes/refundNotes.ts). A PUT or PATCH would be a write that bypasses both.
  const readOnly = route((req, res) => {
    res.setHeader('Allow', 'GET');
    const why = req.method === 'DELETE' ? 'words.read_only.delete' : 'words.read_only.write';
    throw refuse(405, 'refund_read_only', { why: { code: why, params: {} } });
  });
  app.put('/api/refunds/:id', readOnly);
  app.patch('/api/refunds/:id', readOnly);
  app.delete('/api/refunds/:id', readOnly);
  registerRefundNoteRoutes(app, ctx);
  app.post(
    '/api/refunds',
    route((_req, res) => {
      res.setHeader('Allow', 'GET');
      throw refuse(405, 'refunds_not_created');
    }),
  );
}

interface BulkItemResult {
  id: string;
  ok: boolean;
  status?: number;
  message?: string;
  record?: RefundRequest;
}

/** Applies one command per item, each its own transaction: it succeeds or fails alone, and says why. */
async function runBulk(
  ctx: ApiContext,
  req: AuthedRequest,
  items: { id: string; version: number }[],
  commandFor: (version: number) => RefundCommand,
): Promise<{ results: BulkItemResult[]; succeeded: number; failed: number }> {
  const results: BulkItemResult[] = [];
  for (const { id, version } of items) {
    const result = await ctx.desk.command(async (tx): Promise<BulkItemResult> => {
      const request = await tx.get('refunds', id);
      if (!request)
        return { id, ok: false, status: 404, ...refusalFor(req, refusal(404, 'refund_not_found', { id })) };
      const outcome = await routedRefundCommand(
        tx,
        request,
        commandFor(version),
        staffActor(req),
        ctx.clock.nowIso(),
      );
      return outcome.ok
        ? { id, ok: true, record: outcome.request }
        : { id, ok: false, status: outcome.status, ...refusalFor(req, outcome) };
    });
    results.push(result);
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}
