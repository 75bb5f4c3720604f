// The platform's tables (migration 010): the clients that call /api/platform/* with a key, and the
// intakes that make a retried request land once. Kept beside the desk's schema (schema.ts) the way
// the metrics roll-ups are: read and written through `withPlatform(db)`, never as list resources.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface PlatformClientsTable {
  id: string;
  name: string;
  /** hex sha256 of the whole key; the key itself is never stored */
  keyHash: string;
  /** the key's first characters, to tell keys apart on screen ("rdk_AbCd…") */
  keyPrefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** One row per (client, Idempotency-Key): the request that key created and the body it was sent with. */
export interface PlatformIntakesTable {
  clientId: string;
  idempotencyKey: string;
  /** which route the key was used on ("intake", "resubmission:r12") */
  purpose: string;
  bodyHash: string;
  refundId: string;
  createdAt: string;
}

// a type (not an interface): Kysely's withTables wants an indexable record
export type PlatformTables = {
  platformClients: PlatformClientsTable;
  platformIntakes: PlatformIntakesTable;
};
export type PlatformDatabase = Database & PlatformTables;
export const PLATFORM_TABLES = [
  'platformClients',
  'platformIntakes',
] as const satisfies readonly (keyof PlatformTables)[];

export const withPlatform = (db: Kysely<Database>): Kysely<PlatformDatabase> =>
  db.withTables<PlatformTables>();
