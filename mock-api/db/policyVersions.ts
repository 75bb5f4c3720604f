// The policy versions (migration 023, src/domain/policyVersions.ts) as the desk reads and publishes
// them. A version is never updated, so one read by number is kept for the desk's life
// (KnownPolicyVersions); the list is read fresh (intake asks which version is in force now, and
// another process may have published one).
import type { Kysely } from 'kysely';
import {
  parsePolicyParameters,
  type NewPolicyVersion,
  type PolicyInForce,
  type PolicyVersion,
} from '../../src/domain/policyVersions';
import type { Database, PolicyVersionsTable } from './schema';

function versionOf(row: PolicyVersionsTable): PolicyVersion {
  const parsed = parsePolicyParameters(JSON.parse(row.parameters));
  // a row only ever holds what the parser accepted; anything else is damage, never ignored
  if (!parsed.ok) throw new Error(`Policy version ${row.version} is damaged: ${parsed.message}`);
  return {
    version: Number(row.version),
    effectiveAt: row.effectiveAt,
    parameters: parsed.parameters,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** Every version, oldest first. */
export async function readPolicyVersions(db: Kysely<Database>): Promise<PolicyVersion[]> {
  const rows = await db.selectFrom('policyVersions').selectAll().orderBy('version').execute();
  return rows.map(versionOf);
}

/**
 * The versions a desk has read by number. A version never changes once stored, so each is read once
 * for the database's life, whichever command's transaction asks (the desk hands one of these to
 * every transaction it opens).
 */
export class KnownPolicyVersions {
  private readonly byNumber = new Map<number, PolicyInForce>();

  async get(db: Kysely<Database>, version: number): Promise<PolicyInForce> {
    const cached = this.byNumber.get(version);
    if (cached) return cached;
    const row = await db
      .selectFrom('policyVersions')
      .selectAll()
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw new Error(`A request names policy version ${version}, which does not exist.`);
    const policy = { version, parameters: versionOf(row).parameters };
    this.byNumber.set(version, policy);
    return policy;
  }
}

/**
 * Stores `next` as the version after `latest`, or answers null when someone published meanwhile
 * (the number or the effective time is taken: the caller answers 409).
 */
export async function insertPolicyVersion(
  db: Kysely<Database>,
  latest: PolicyVersion,
  next: NewPolicyVersion,
  actorId: string,
  nowIso: string,
): Promise<PolicyVersion | null> {
  const row: PolicyVersionsTable = {
    version: latest.version + 1,
    effectiveAt: next.effectiveAt,
    parameters: JSON.stringify(next.parameters),
    note: next.note,
    createdBy: actorId,
    createdAt: nowIso,
  };
  const inserted = await db
    .insertInto('policyVersions')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? versionOf(row) : null;
}
