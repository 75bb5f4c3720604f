// The refund policy's versions (src/domain/policyVersions.ts):
// - GET /api/policies (newest first) and GET /api/policies/:id (the version number): every staff
//   member, since each request page shows the version that judged it;
// - POST /api/policies {parameters, note, effectiveAt}: admins publish a new version (never edit one);
// - POST /api/policies/simulate {parameters, from, to}: managers and admins replay the requests
//   submitted in [from, to) under the proposal (src/domain/policySimulation.ts), off the event loop.
import type { Express } from 'express';
import { z } from 'zod';
import { parseCanonicalUtc } from '../../src/domain/instant';
import { MAX_SIMULATION_DAYS } from '../../src/domain/policySimulation';
import {
  parseNewPolicyVersion,
  parsePolicyParameters,
  type PolicyVersion,
} from '../../src/domain/policyVersions';
import { refusal } from '../../src/domain/refusal';
import { DAY_MS } from '../../src/domain/sla';
import { requirePermission, type ApiContext } from '../appContext';
import { insertPolicyVersion, readPolicyVersions } from '../db/policyVersions';
import { refuse, refusalError, route, sendWholeList } from '../http';

const asRecord = (v: PolicyVersion) => ({ id: v.version, ...v });

const simulationBody = z.object({ parameters: z.unknown(), from: z.unknown(), to: z.unknown() }).strict();

export function registerPolicyRoutes(app: Express, ctx: ApiContext) {
  const db = ctx.database.db;
  app.get(
    '/api/policies',
    route(async (req, res) => {
      requirePermission(req, 'policies', 'list');
      const versions = (await readPolicyVersions(db)).reverse().map(asRecord);
      sendWholeList(res, 'policies', versions);
    }),
  );
  app.post(
    '/api/policies/simulate',
    route(async (req, res) => {
      requirePermission(req, 'policies', 'simulate');
      const body = simulationBody.safeParse(req.body ?? {});
      const parameters = parsePolicyParameters(body.success ? body.data.parameters : undefined);
      if (!parameters.ok) throw refusalError(parameters);
      const fromMs = parseCanonicalUtc(body.data?.from);
      const toMs = parseCanonicalUtc(body.data?.to);
      if (
        fromMs === null ||
        toMs === null ||
        toMs <= fromMs ||
        toMs - fromMs > MAX_SIMULATION_DAYS * DAY_MS
      ) {
        throw refusalError(refusal(422, 'policy_simulation_period', { maxDays: MAX_SIMULATION_DAYS }));
      }
      res.json(
        await ctx.policySimulations.ask({
          parameters: parameters.parameters,
          from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(),
          nowIso: ctx.clock.nowIso(),
        }),
      );
    }),
  );
  app.get(
    '/api/policies/:id',
    route(async (req, res) => {
      requirePermission(req, 'policies', 'show');
      const version = (await readPolicyVersions(db)).find((v) => String(v.version) === req.params.id);
      if (!version) throw refuse(404, 'policy_version_not_found', { id: req.params.id });
      res.json(asRecord(version));
    }),
  );
  app.post(
    '/api/policies',
    route(async (req, res) => {
      requirePermission(req, 'policies', 'create');
      const nowIso = ctx.clock.nowIso();
      const versions = await readPolicyVersions(db);
      const latest = versions[versions.length - 1];
      const parsed = parseNewPolicyVersion(req.body ?? {}, latest, nowIso);
      if (!parsed.ok) throw refusalError(parsed);
      const stored = await insertPolicyVersion(db, latest, parsed.version, req.user.id, nowIso);
      if (!stored) {
        const current = await readPolicyVersions(db);
        throw refusalError(
          refusal(409, 'policy_version_published_meanwhile', {
            version: current[current.length - 1].version,
          }),
        );
      }
      res.status(201).json(asRecord(stored));
    }),
  );
}
