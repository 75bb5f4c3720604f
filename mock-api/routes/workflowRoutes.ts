// One way to serve a workflow's actions over HTTP: a POST route per action of its table that has a
// route of its own, `/api/<resource>/:id/<segment>`, guarded by the permission of the same name
// (which reads the table's roles). The body goes to the workflow unparsed, in the command's one
// transaction: the engine checks who (403), then the version and status (409), then the body (422),
// so a stale request is a 409 even when its body is also wrong.
import type { Express } from 'express';
import type { Action, Resource } from '../../src/domain/permissions';
import type { Actor } from '../../src/domain/workflowEngine';
import { requirePermission, type ApiContext } from '../appContext';
import type { DeskWriter } from '../deskData';
import { idParam, route, type AuthedRequest } from '../http';

export function staffActor(req: AuthedRequest): Actor & { kind: 'staff' } {
  return { kind: 'staff', id: req.user.id, role: req.user.role };
}

export interface WorkflowRoutes<A extends Action> {
  resource: Resource;
  /** the table's routed actions */
  actions: readonly A[];
  segment: (action: A) => string;
  /** the body as an object, or the resource's refusal of anything else */
  body: (raw: unknown) => Record<string, unknown>;
  /** runs the command on the record `id` in the transaction and answers the record as it now is */
  run: (
    tx: DeskWriter,
    id: string,
    command: Record<string, unknown> & { action: A },
    actor: Actor & { kind: 'staff' },
    nowIso: string,
  ) => Promise<unknown>;
}

export function registerWorkflowRoutes<A extends Action>(
  app: Express,
  ctx: ApiContext,
  spec: WorkflowRoutes<A>,
) {
  for (const action of spec.actions) {
    app.post(
      `/api/${spec.resource}/:id/${spec.segment(action)}`,
      route(async (req, res) => {
        requirePermission(req, spec.resource, action);
        const id = idParam(req);
        const command = { ...spec.body(req.body), action };
        const actor = staffActor(req);
        res.json(await ctx.desk.command((tx) => spec.run(tx, id, command, actor, ctx.clock.nowIso())));
      }),
    );
  }
}
