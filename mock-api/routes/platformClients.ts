// The platform clients, for admins: POST /api/platform-clients {name} answers the new client with
// its key, the only time the key is ever shown; GET lists them and shows one (never the key);
// POST /api/platform-clients/:id/revoke stops its key at once.
import type { Express } from 'express';
import { z } from 'zod';
import { fieldCode } from '../../src/domain/refusal';
import { requirePermission, type ApiContext } from '../appContext';
import { idParam, parseBody, route, sendWholeList } from '../http';
import {
  createPlatformClient,
  getPlatformClient,
  listPlatformClients,
  revokePlatformClient,
} from '../platformClients';

export const CLIENT_NAME_MAX = 100;

const createBody = z
  .object({
    name: z
      .string({ error: fieldCode('client_name_required') })
      .trim()
      .min(1, { error: fieldCode('client_name_required') })
      .max(CLIENT_NAME_MAX, { error: fieldCode('client_name_required') }),
  })
  .strict();

export function registerPlatformClientRoutes(app: Express, ctx: ApiContext) {
  const db = ctx.database.db;
  app.get(
    '/api/platform-clients',
    route(async (req, res) => {
      requirePermission(req, 'platform-clients', 'list');
      const clients = await listPlatformClients(db);
      sendWholeList(res, 'platform-clients', clients);
    }),
  );
  app.post(
    '/api/platform-clients',
    route(async (req, res) => {
      requirePermission(req, 'platform-clients', 'create');
      const { name } = parseBody(createBody, req.body);
      res.status(201).json(await createPlatformClient(db, name, req.user.id, ctx.clock.nowIso()));
    }),
  );
  app.get(
    '/api/platform-clients/:id',
    route(async (req, res) => {
      requirePermission(req, 'platform-clients', 'show');
      res.json(await getPlatformClient(db, idParam(req)));
    }),
  );
  app.post(
    '/api/platform-clients/:id/revoke',
    route(async (req, res) => {
      requirePermission(req, 'platform-clients', 'revoke');
      res.json(await revokePlatformClient(db, idParam(req), req.user.id, ctx.clock.nowIso()));
    }),
  );
}
