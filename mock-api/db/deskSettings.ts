// The desk's settings rows (migration 015): the SLA calendar and targets as an admin last saved
// them, read fresh by each command (several API processes may share the database) and written with
// an optimistic version, like every other record an admin edits.
import type { Kysely } from 'kysely';
import { DEFAULT_SLA_SETTINGS, parseSlaSettings, type SlaSettings } from '../../src/domain/slaSettings';
import type { Database } from './schema';

export interface StoredSlaSettings {
  settings: SlaSettings;
  /** 0 while the defaults apply (no row yet) */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function readSlaSettings(db: Kysely<Database>): Promise<StoredSlaSettings> {
  const row = await db.selectFrom('deskSettings').selectAll().where('kind', '=', 'sla').executeTakeFirst();
  if (!row) return { settings: DEFAULT_SLA_SETTINGS, version: 0, updatedAt: null, updatedBy: null };
  const parsed = parseSlaSettings(JSON.parse(row.body));
  // a row only ever holds what parseSlaSettings accepted; anything else is damage, never ignored
  if (!parsed.ok) throw new Error(`The stored SLA settings are invalid: ${parsed.message}`);
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
export async function saveSlaSettings(
  db: Kysely<Database>,
  settings: SlaSettings,
  version: number,
  actorId: string,
  nowIso: string,
): Promise<StoredSlaSettings | null> {
  const body = JSON.stringify(settings);
  const stored = { settings, version: version + 1, updatedAt: nowIso, updatedBy: actorId };
  return db.transaction().execute(async (trx) => {
    if (!(await writeSlaSettings(trx, body, stored))) return null;
    await trx
      .insertInto('deskSettingsChanges')
      .values({ kind: 'sla', version: stored.version, body, changedBy: actorId, changedAt: nowIso })
      .execute();
    return stored;
  });
}

export interface SlaSettingsChange {
  version: number;
  settings: SlaSettings;
  changedBy: string;
  changedAt: string;
}

/** The saved versions, newest first. */
export async function slaSettingsChanges(db: Kysely<Database>, limit = 50): Promise<SlaSettingsChange[]> {
  const rows = await db
    .selectFrom('deskSettingsChanges')
    .selectAll()
    .where('kind', '=', 'sla')
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    version: Number(row.version),
    settings: JSON.parse(row.body) as SlaSettings,
    changedBy: row.changedBy,
    changedAt: row.changedAt,
  }));
}

/** Writes `next` over the version before it; the first save inserts the row over the defaults. */
async function writeSlaSettings(
  db: Kysely<Database>,
  body: string,
  next: { version: number; updatedAt: string; updatedBy: string },
): Promise<boolean> {
  const { version, updatedAt, updatedBy } = next;
  if (version === 1) {
    const inserted = await db
      .insertInto('deskSettings')
      .values({ kind: 'sla', body, version, updatedAt, updatedBy })
      .onConflict((oc) => oc.column('kind').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('deskSettings')
    .set({ body, version, updatedAt, updatedBy })
    .where('kind', '=', 'sla')
    .where('version', '=', version - 1)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
