// Platform clients and their keys: a key is `rdk_` + 32 random bytes (base64url), shown once when
// the client is created and stored only as its sha256, so a stolen database yields no key. A key
// authenticates /api/platform/* only; revoking the client stops its key at once.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { nextId } from './db/sequences';
import { withPlatform, type PlatformClientsTable } from './db/platformTables';
import type { Database } from './db/schema';
import { refuse } from './http';

export const PLATFORM_KEY_PREFIX = 'rdk_';
/** how much of the key is kept to tell keys apart on screen */
const SHOWN_PREFIX_LENGTH = PLATFORM_KEY_PREFIX.length + 6;

/** What the API answers about a client: never the key, nor its hash. */
export interface PlatformClient {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

export function hashPlatformKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newPlatformKey(): string {
  return PLATFORM_KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
}

export function looksLikePlatformKey(token: string): boolean {
  return token.startsWith(PLATFORM_KEY_PREFIX);
}

function publicClient(row: PlatformClientsTable): PlatformClient {
  const { keyHash: _hidden, ...rest } = row;
  return rest;
}

export async function createPlatformClient(
  db: Kysely<Database>,
  name: string,
  createdBy: string,
  nowIso: string,
): Promise<PlatformClient & { key: string }> {
  const key = newPlatformKey();
  const row: PlatformClientsTable = {
    id: await nextId(db, 'pc'),
    name,
    keyHash: hashPlatformKey(key),
    keyPrefix: `${key.slice(0, SHOWN_PREFIX_LENGTH)}…`,
    createdAt: nowIso,
    createdBy,
    revokedAt: null,
    revokedBy: null,
  };
  await withPlatform(db).insertInto('platformClients').values(row).execute();
  return { ...publicClient(row), key };
}

export async function listPlatformClients(db: Kysely<Database>): Promise<PlatformClient[]> {
  const rows = await withPlatform(db)
    .selectFrom('platformClients')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(publicClient);
}

export async function getPlatformClient(db: Kysely<Database>, id: string): Promise<PlatformClient> {
  const row = await withPlatform(db)
    .selectFrom('platformClients')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw refuse(404, 'platform_client_not_found', { id });
  return publicClient(row);
}

export async function revokePlatformClient(
  db: Kysely<Database>,
  id: string,
  by: string,
  nowIso: string,
): Promise<PlatformClient> {
  const current = await getPlatformClient(db, id);
  if (current.revokedAt !== null) throw refuse(409, 'platform_client_revoked');
  const result = await withPlatform(db)
    .updateTable('platformClients')
    .set({ revokedAt: nowIso, revokedBy: by })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw refuse(409, 'platform_client_revoked');
  return { ...current, revokedAt: nowIso, revokedBy: by };
}

/** The active client a key belongs to (the key compared by its hash), or a 401. */
export async function authenticatePlatformKey(
  db: Kysely<Database>,
  header: string | undefined,
): Promise<PlatformClient> {
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!looksLikePlatformKey(token)) throw refuse(401, 'platform_key_required');
  const row = await withPlatform(db)
    .selectFrom('platformClients')
    .selectAll()
    .where('keyHash', '=', hashPlatformKey(token))
    .executeTakeFirst();
  if (!row || row.revokedAt !== null) throw refuse(401, 'platform_key_unknown');
  return publicClient(row);
}
