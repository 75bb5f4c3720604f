// GET /api/refunds/expected-decisions?id=r1,r2: when the desk can be expected to decide each named
// request (src/domain/expectedDecision.ts), for the queue's visible page and the request page. A
// route of its own rather than columns of the list: the list's count and page stay the two indexed
// queries they are, and this answers a page's worth of ids with one count over the open requests.
import type { Express } from 'express';
import type { ExpectedDecisions } from '../../src/domain/expectedDecision';
import { readSlaSettings } from '../db/deskSettings';
import { expectedDecisionsOf } from '../expectedDecisions';
import { route } from '../http';
import { badQuery } from '../simpleRest';
import { requirePermission, type ApiContext } from '../appContext';

/** A list page's worth: react-admin's largest page choice. */
export const MAX_EXPECTED_DECISION_IDS = 100;

function idsOf(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const ids: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') throw badQuery('expected_decision_ids', { max: MAX_EXPECTED_DECISION_IDS });
    for (const id of part.split(',').map((s) => s.trim())) {
      if (id && id.length <= 64 && !ids.includes(id)) ids.push(id);
    }
  }
  if (ids.length === 0 || ids.length > MAX_EXPECTED_DECISION_IDS) {
    throw badQuery('expected_decision_ids', { max: MAX_EXPECTED_DECISION_IDS });
  }
  return ids;
}

export function registerExpectedDecisionRoutes(app: Express, ctx: ApiContext) {
  app.get(
    '/api/refunds/expected-decisions',
    route(async (req, res) => {
      requirePermission(req, 'refunds', 'list');
      const ids = idsOf((req.query as Record<string, unknown>).id);
      const db = ctx.database.db;
      const nowMs = ctx.clock.now();
      const requests = await db
        .selectFrom('refunds')
        .select(['id', 'status', 'slaDueAt'])
        .where('id', 'in', ids)
        .execute();
      const { settings } = await readSlaSettings(db);
      const { decisionsPerWorkingHour, expectations } = await expectedDecisionsOf(
        db,
        settings,
        requests,
        nowMs,
      );
      // in the order asked; ids that name no request are left out
      const byId = new Map(expectations.map((e) => [e.id, e]));
      const answer: ExpectedDecisions = {
        computedAt: new Date(nowMs).toISOString(),
        decisionsPerWorkingHour,
        data: ids.flatMap((id) => byId.get(id) ?? []),
      };
      res.json(answer);
    }),
  );
}
