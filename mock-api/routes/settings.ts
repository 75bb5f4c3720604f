// The desk's clocks: GET /api/settings/sla (every signed-in staff member: their countdowns read the
// calendar), PUT /api/settings/sla (admins; `version` as last read, 409 when someone saved
// meanwhile) and GET /api/settings/sla/changes (every saved version and who saved it: the audit).
import type { Express } from 'express';
import { parseSlaSettings } from '../../src/domain/slaSettings';
import { requirePermission, type ApiContext } from '../appContext';
import {
  readSlaSettings,
  saveSlaSettings,
  slaSettingsChanges,
  type StoredSlaSettings,
} from '../db/deskSettings';
import { refusalError, route } from '../http';
import { fieldCode, fieldsRefusal, refusal } from '../../src/domain/refusal';
import { fieldRefusals } from '../../src/domain/validation';
import { z } from 'zod';

const versionField = z
  .number({ error: fieldCode('version_required') })
  .int({ error: fieldCode('version_whole') })
  .nonnegative({ error: fieldCode('version_negative') });

/** The wire shape of the stored settings: the settings themselves beside their version. */
const settingsReply = (stored: StoredSlaSettings) => ({
  ...stored.settings,
  version: stored.version,
  updatedAt: stored.updatedAt,
  updatedBy: stored.updatedBy,
});

export function registerSettingsRoutes(app: Express, ctx: ApiContext) {
  const db = ctx.database.db;
  app.get(
    '/api/settings/sla',
    route(async (req, res) => {
      requirePermission(req, 'sla-settings', 'show');
      res.json(settingsReply(await readSlaSettings(db)));
    }),
  );
  app.put(
    '/api/settings/sla',
    route(async (req, res) => {
      requirePermission(req, 'sla-settings', 'edit');
      const { version: rawVersion, ...body } = (req.body ?? {}) as Record<string, unknown>;
      const version = versionField.safeParse(rawVersion);
      if (!version.success)
        throw refusalError(fieldsRefusal({ version: fieldRefusals(version.error)._body }));
      const parsed = parseSlaSettings(body);
      if (!parsed.ok) throw refusalError(parsed);
      const nowIso = ctx.clock.nowIso();
      const saved = await saveSlaSettings(db, parsed.settings, version.data, req.user.id, nowIso);
      if (!saved) {
        // like every other 409, the refusal carries what is stored now, so the form can reload it
        const current = await readSlaSettings(db);
        throw refusalError(refusal(409, 'sla_settings_changed', { version: current.version }), {
          current: settingsReply(current),
        });
      }
      res.json(settingsReply(saved));
    }),
  );
  app.get(
    '/api/settings/sla/changes',
    route(async (req, res) => {
      requirePermission(req, 'sla-settings', 'edit');
      res.json(await slaSettingsChanges(db));
    }),
  );
}
