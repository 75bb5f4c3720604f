// The desk's settings, each kind with the same three routes:
// - /api/settings/sla, the clocks: GET for every signed-in staff member (their countdowns read the
//   calendar), PUT for admins;
// - /api/settings/assignment, automatic assignment: GET for every staff member (the queue says
//   whether it is on), PUT for supervisors and admins.
// PUT takes `version` as last read (409 with what is stored now when someone saved meanwhile);
// GET …/changes lists every saved version and who saved it: the audit.
import type { Express } from 'express';
import { z } from 'zod';
import type { Resource } from '../../src/domain/permissions';
import { fieldCode, fieldsRefusal, refusal, type RefusalCode } from '../../src/domain/refusal';
import { fieldRefusals } from '../../src/domain/validation';
import { requirePermission, type ApiContext } from '../appContext';
import {
  ASSIGNMENT_SETTING,
  SLA_SETTING,
  deskSettingChanges,
  readDeskSetting,
  saveDeskSetting,
  type DeskSettingKind,
  type StoredSetting,
} from '../db/deskSettings';
import { refusalError, route } from '../http';

const versionField = z
  .number({ error: fieldCode('version_required') })
  .int({ error: fieldCode('version_whole') })
  .nonnegative({ error: fieldCode('version_negative') });

/** The wire shape of stored settings: the settings themselves beside their version. */
const settingsReply = <S extends object>(stored: StoredSetting<S>) => ({
  ...stored.settings,
  version: stored.version,
  updatedAt: stored.updatedAt,
  updatedBy: stored.updatedBy,
});

interface SettingRoutes<S> {
  path: string;
  of: DeskSettingKind<S>;
  resource: Resource;
  /** the 409 when someone saved over the version sent */
  changedCode: RefusalCode;
}

function registerSettingRoutes<S extends object>(app: Express, ctx: ApiContext, routes: SettingRoutes<S>) {
  const db = ctx.database.db;
  const { path, of, resource } = routes;
  app.get(
    path,
    route(async (req, res) => {
      requirePermission(req, resource, 'show');
      res.json(settingsReply(await readDeskSetting(db, of)));
    }),
  );
  app.put(
    path,
    route(async (req, res) => {
      requirePermission(req, resource, 'edit');
      const { version: rawVersion, ...body } = (req.body ?? {}) as Record<string, unknown>;
      const version = versionField.safeParse(rawVersion);
      if (!version.success)
        throw refusalError(fieldsRefusal({ version: fieldRefusals(version.error)._body }));
      const parsed = of.parse(body);
      if (!parsed.ok) throw refusalError(parsed);
      const nowIso = ctx.clock.nowIso();
      const saved = await saveDeskSetting(db, of, parsed.settings, version.data, req.user.id, nowIso);
      if (!saved) {
        // like every other 409, the refusal carries what is stored now, so the form can reload it
        const current = await readDeskSetting(db, of);
        throw refusalError(refusal(409, routes.changedCode, { version: current.version }), {
          current: settingsReply(current),
        });
      }
      res.json(settingsReply(saved));
    }),
  );
  app.get(
    `${path}/changes`,
    route(async (req, res) => {
      requirePermission(req, resource, 'edit');
      res.json(await deskSettingChanges(db, of));
    }),
  );
}

export function registerSettingsRoutes(app: Express, ctx: ApiContext) {
  registerSettingRoutes(app, ctx, {
    path: '/api/settings/sla',
    of: SLA_SETTING,
    resource: 'sla-settings',
    changedCode: 'sla_settings_changed',
  });
  registerSettingRoutes(app, ctx, {
    path: '/api/settings/assignment',
    of: ASSIGNMENT_SETTING,
    resource: 'assignment-settings',
    changedCode: 'assignment_settings_changed',
  });
}
