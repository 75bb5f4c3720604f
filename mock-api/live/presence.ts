// Who is viewing a record (table presence, migration 013): a page's heartbeat writes its viewer's
// row with the time, and the viewers are the rows still fresh (presenceIsFresh), read by any process.
import type { Kysely } from 'kysely';
import { PRESENCE_TTL_MS, type PresenceResource } from '../../src/domain/liveEvents';
import type { Database } from '../db/schema';

export interface Viewer {
  userId: string;
  fullName: string;
  seenAt: string;
}

export async function markPresent(
  db: Kysely<Database>,
  where: { resource: PresenceResource; recordId: string; userId: string },
  now: { ms: number; iso: string },
): Promise<void> {
  await db
    .insertInto('presence')
    .values({ ...where, seenAt: now.iso, seenMs: now.ms })
    .onConflict((oc) =>
      oc.columns(['resource', 'recordId', 'userId']).doUpdateSet({ seenAt: now.iso, seenMs: now.ms }),
    )
    .execute();
}

export async function markLeft(
  db: Kysely<Database>,
  where: { resource: PresenceResource; recordId: string; userId: string },
): Promise<void> {
  await db
    .deleteFrom('presence')
    .where('resource', '=', where.resource)
    .where('recordId', '=', where.recordId)
    .where('userId', '=', where.userId)
    .execute();
}

export async function viewersOf(
  db: Kysely<Database>,
  resource: PresenceResource,
  recordId: string,
  nowMs: number,
): Promise<Viewer[]> {
  // rows long gone are removed as they are read past (one statement, any process)
  await db
    .deleteFrom('presence')
    .where('seenMs', '<', nowMs - 10 * PRESENCE_TTL_MS)
    .execute();
  const rows = await db
    .selectFrom('presence')
    .innerJoin('users', 'users.id', 'presence.userId')
    .select(['presence.userId', 'users.fullName', 'presence.seenAt'])
    .where('presence.resource', '=', resource)
    .where('presence.recordId', '=', recordId)
    .where('presence.seenMs', '>', nowMs - PRESENCE_TTL_MS)
    .orderBy('presence.seenAt')
    .orderBy('presence.userId')
    .execute();
  return rows;
}
