// The API contract inside `npm test`: the shared suite of test/contract/contract.test.ts against a
// mock API it starts itself (whatever API_URL says), plus what only the mock's code can show:
// every route the app registers is in openapi.yaml (and nothing else is), and the documented
// request bodies are the domain's zod schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { complaintActionBodySchemas, complaintWorkflow } from '../../src/domain/complaintWorkflow';
import { isComplaintStaffAction } from '../../src/domain/complaintWorkflowRoles';
import { addNoteBodySchema } from '../../src/domain/refundNotes';
import { refundActionBodySchemas, refundWorkflow } from '../../src/domain/refundWorkflow';
import {
  complaintSpec,
  customerSpec,
  eventSpec,
  noteSpec,
  orderSpec,
  refundSpec,
  userSpec,
} from '../../mock-api/resources';
import { createApp } from '../../mock-api/server';
// importing the shared suite registers it in this file; it starts its target in beforeAll
import { loadOpenApi, setContractTarget, type JsonSchema } from '../contract/contract.test';
import { startTestApi, type TestApi } from './harness';

setContractTarget('mock');

const spec = loadOpenApi();

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** METHOD /api/path/{id} of every route the app registers without test routes (ALL for app.all). */
function registeredRoutes(api: TestApi): Set<string> {
  const app = createApp(api.server.ctx, {}) as unknown as { _router: { stack: RouterLayer[] } };
  const routes = new Set<string>();
  for (const layer of app._router.stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods);
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const p of paths) {
      const documented = p.replace(/:(\w+)/g, '{$1}');
      if (methods.length > 5) routes.add(`ALL ${documented}`);
      else for (const m of methods) routes.add(`${m.toUpperCase()} ${documented}`);
    }
  }
  return routes;
}

/** Drops what does not constrain a body: annotations, $schema, and zod's safe-integer bound. */
function normalize(schema: unknown, resolve: (s: JsonSchema) => JsonSchema): unknown {
  if (Array.isArray(schema)) return schema.map((s) => normalize(s, resolve));
  if (typeof schema !== 'object' || schema === null) return schema;
  let node = schema as Record<string, unknown>;
  if (typeof node.$ref === 'string') {
    const { $ref: _ref, ...siblings } = node;
    node = { ...(resolve(node as JsonSchema) as Record<string, unknown>), ...siblings };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (['description', 'title', '$schema', 'uniqueItems'].includes(key)) continue;
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    out[key] = key === 'required' && Array.isArray(value) ? [...value].sort() : normalize(value, resolve);
  }
  return out;
}

describe('openapi.yaml against the mock API code', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ count: 10, seed: 1 });
  });
  afterAll(() => api.close());

  it('documents every route the app registers, and no route it does not', () => {
    const registered = registeredRoutes(api);
    const documented = new Set(spec.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const missing: string[] = [];
    for (const route of registered) {
      if (route.startsWith('ALL ')) {
        const p = route.slice(4);
        for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
          if (!documented.has(`${m} ${p}`)) missing.push(`${m} ${p} (app.all)`);
        }
      } else if (!documented.has(route)) missing.push(route);
    }
    expect(missing, 'registered in the app but missing from openapi.yaml').toEqual([]);
    const extra = [...documented].filter(
      (d) => !registered.has(d) && !registered.has(`ALL ${d.slice(d.indexOf(' ') + 1)}`),
    );
    expect(extra, 'in openapi.yaml but not registered in the app').toEqual([]);
    expect(registered.size).toBeGreaterThan(40);
  });

  it('documents the sortable fields of each list as mock-api/resources.ts defines them', () => {
    const specs = {
      listRefunds: refundSpec,
      listComplaints: complaintSpec,
      listEvents: eventSpec,
      listUsers: userSpec,
      listCustomers: customerSpec,
      listOrders: orderSpec,
      listNotes: noteSpec,
    };
    for (const [operationId, resource] of Object.entries(specs)) {
      const sort = spec.byId.get(operationId)!.parameters.find((p) => p.name === 'sort') as {
        content: { 'application/json': { schema: { prefixItems: { enum: string[] }[] } } };
      };
      const documented = sort.content['application/json'].schema.prefixItems[0].enum;
      expect([...documented].sort(), operationId).toEqual(['id', ...Object.keys(resource.fields)].sort());
    }
  });

  it('documents the request bodies exactly as the zod schemas of the domain define them', () => {
    const documentedAt = (path: string) =>
      spec.operations.find((o) => o.method === 'post' && o.path === path)?.operationId ??
      `POST ${path} (not documented)`;
    const refundSchemas: Record<string, z.ZodType | undefined> = refundActionBodySchemas;
    const bodies: [string, z.ZodType][] = [
      // every action the refund table routes, found by its URL: a new action or field fails here
      ...refundWorkflow.routedActions.map((action): [string, z.ZodType] => {
        const schema = refundSchemas[action];
        expect(schema, `${action} has a body schema`).toBeDefined();
        return [documentedAt(`/api/refunds/{id}/${refundWorkflow.segment(action)}`), schema!];
      }),
      ['addRefundNote', addNoteBodySchema],
      ['createComplaint', complaintActionBodySchemas.create],
      // every staff action of the complaint table, found by its route: a new one or a new field fails here
      ...complaintWorkflow.actions.filter(isComplaintStaffAction).map((action): [string, z.ZodType] => {
        const path = `/api/complaints/{id}/${complaintWorkflow.segment(action)}`;
        const documented = spec.operations.find((o) => o.method === 'post' && o.path === path);
        return [documented?.operationId ?? `POST ${path} (${action})`, complaintActionBodySchemas[action]];
      }),
    ];
    const resolve = (s: JsonSchema) => spec.resolve(s as never) as JsonSchema;
    for (const [operationId, schema] of bodies) {
      const op = spec.byId.get(operationId);
      expect(op, operationId).toBeDefined();
      const requestBody = spec.resolve(op!.op.requestBody as never) as {
        content: { 'application/json': { schema: JsonSchema } };
      };
      const documented = normalize(requestBody.content['application/json'].schema, resolve);
      const fromZod = normalize(z.toJSONSchema(schema, { io: 'input' }), resolve);
      expect(documented, `${operationId}: openapi.yaml vs zod`).toEqual(fromZod);
    }
    // the bulk bodies reuse the reject fields
    const bulkReject = normalize({ $ref: '#/components/schemas/BulkRejectBody' }, resolve) as {
      properties: Record<string, unknown>;
    };
    const reject = normalize(z.toJSONSchema(refundActionBodySchemas.reject, { io: 'input' }), resolve) as {
      properties: Record<string, unknown>;
    };
    for (const field of ['reasonCode', 'customerMessage', 'note']) {
      expect(bulkReject.properties[field], `BulkRejectBody.${field}`).toEqual(reject.properties[field]);
    }
  });
});
