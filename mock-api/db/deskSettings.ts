// The desk's settings rows (migration 015), one per kind: the SLA calendar and targets as an admin
// last saved them ("sla"), automatic assignment as a supervisor last switched it ("assignment").
// Read fresh by each command (several API processes may share the database) and written with an
// optimistic version, like every other record staff edit; every save is kept with who saved it.
import type { Kysely } from 'kysely';
import {
  DEFAULT_ASSIGNMENT_SETTINGS,
  parseAssignmentSettings,
  type AssignmentSettings,
} from '../../src/domain/autoAssignment';
import type { Refusal } from '../../src/domain/refusal';
import { DEFAULT_SLA_SETTINGS, parseSlaSettings, type SlaSettings } from '../../src/domain/slaSettings';
import type { Database } from './schema';

export interface StoredSetting<S> {
  settings: S;
  /** 0 while the defaults apply (no row yet) */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SettingChange<S> {
  version: number;
  settings: S;
  changedBy: string;
  changedAt: string;
}

/** One kind of setting: its row's key, its defaults and the parser every stored body passed. */
export interface DeskSettingKind<S> {
  kind: string;
  /** names the kind in the message when a stored row is damaged */
  label: string;
  defaults: S;
  parse: (body: unknown) => { ok: true; settings: S } | Refusal<422>;
}

export const SLA_SETTING: DeskSettingKind<SlaSettings> = {
  kind: 'sla',
  label: 'SLA settings',
  defaults: DEFAULT_SLA_SETTINGS,
  parse: parseSlaSettings,
};

export const ASSIGNMENT_SETTING: DeskSettingKind<AssignmentSettings> = {
  kind: 'assignment',
  label: 'assignment settings',
  defaults: DEFAULT_ASSIGNMENT_SETTINGS,
  parse: parseAssignmentSettings,
};

export async function readDeskSetting<S>(
  db: Kysely<Database>,
  of: DeskSettingKind<S>,
): Promise<StoredSetting<S>> {
  const row = await db.selectFrom('deskSettings').selectAll().where('kind', '=', of.kind).executeTakeFirst();
  if (!row) return { settings: of.defaults, version: 0, updatedAt: null, updatedBy: null };
  const parsed = of.parse(JSON.parse(row.body));
  // a row only ever holds what the parser accepted; anything else is damage, never ignored
  if (!parsed.ok) throw new Error(`The stored ${of.label} are invalid: ${parsed.message}`);
  return {
    settings: parsed.settings,
    version: Number(row.version),
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/**
 * Saves over `version` and records the change, in one transaction: the settings as stored, or null
 * when someone saved meanwhile (the caller answers 409). The versioned write comes first, so it
 * takes the write lock.
 */
export async function saveDeskSetting<S>(
  db: Kysely<Database>,
  of: DeskSettingKind<S>,
  settings: S,
  version: number,
  actorId: string,
  nowIso: string,
): Promise<StoredSetting<S> | null> {
  const body = JSON.stringify(settings);
  const stored = { settings, version: version + 1, updatedAt: nowIso, updatedBy: actorId };
  return db.transaction().execute(async (trx) => {
    if (!(await writeDeskSetting(trx, of.kind, body, stored))) return null;
    await trx
      .insertInto('deskSettingsChanges')
      .values({ kind: of.kind, version: stored.version, body, changedBy: actorId, changedAt: nowIso })
      .execute();
    return stored;
  });
}

/** The saved versions, newest first. */
export async function deskSettingChanges<S>(
  db: Kysely<Database>,
  of: DeskSettingKind<S>,
  limit = 50,
): Promise<SettingChange<S>[]> {
  const rows = await db
    .selectFrom('deskSettingsChanges')
    .selectAll()
    .where('kind', '=', of.kind)
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    version: Number(row.version),
    settings: JSON.parse(row.body) as S,
    changedBy: row.changedBy,
    changedAt: row.changedAt,
  }));
}

/** Writes `next` over the version before it; the first save inserts the row over the defaults. */
async function writeDeskSetting(
  db: Kysely<Database>,
  kind: string,
  body: string,
  next: { version: number; updatedAt: string; updatedBy: string },
): Promise<boolean> {
  const { version, updatedAt, updatedBy } = next;
  if (version === 1) {
    const inserted = await db
      .insertInto('deskSettings')
      .values({ kind, body, version, updatedAt, updatedBy })
      .onConflict((oc) => oc.column('kind').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('deskSettings')
    .set({ body, version, updatedAt, updatedBy })
    .where('kind', '=', kind)
    .where('version', '=', version - 1)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export type StoredSlaSettings = StoredSetting<SlaSettings>;

export const readSlaSettings = (db: Kysely<Database>): Promise<StoredSlaSettings> =>
  readDeskSetting(db, SLA_SETTING);

export const readAssignmentSettings = (db: Kysely<Database>): Promise<StoredSetting<AssignmentSettings>> =>
  readDeskSetting(db, ASSIGNMENT_SETTING);
