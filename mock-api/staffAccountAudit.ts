// The staff-account audit's table (migration 021): written by every account change in its own
// transaction (routes/users.ts writeUser), read by GET /api/users/:id/changes. The table holds no
// resource record of the desk, so it is typed beside its code, like the notifications table.
import type { Kysely } from 'kysely';
import type { StaffUser } from '../src/domain/model';
import {
  accountFieldChanges,
  type AccountFieldChange,
  type StaffAccountChange,
} from '../src/domain/staffAccountChanges';
import type { Database } from './db/schema';
import { transactionDb } from './db/sqlDesk';
import type { DeskWriter } from './deskData';

interface StaffAccountChangesTable {
  userId: string;
  version: number;
  changedBy: string;
  changedAt: string;
  fields: string;
  releasedRefundIds: string;
}
type AuditTables = { staffAccountChanges: StaffAccountChangesTable };

const withAudit = (db: Kysely<Database>): Kysely<Database & AuditTables> => db.withTables<AuditTables>();

/** What one change of an account records: who, when, and the requests it handed back. */
export interface AccountChangeCause {
  actorId: string;
  nowIso: string;
  releasedRefundIds?: readonly string[];
}

/** Records `next` (the account's new version) against `was` (null: a new account), in `tx`. */
export async function recordAccountChange(
  tx: DeskWriter,
  was: StaffUser | null,
  next: StaffUser,
  cause: AccountChangeCause,
): Promise<void> {
  await withAudit(transactionDb(tx))
    .insertInto('staffAccountChanges')
    .values({
      userId: next.id,
      version: next.version ?? 1,
      changedBy: cause.actorId,
      changedAt: cause.nowIso,
      fields: JSON.stringify(accountFieldChanges(was, next)),
      releasedRefundIds: JSON.stringify(cause.releasedRefundIds ?? []),
    })
    .execute();
}

/** An account's recorded changes, newest first. */
export async function accountChanges(
  db: Kysely<Database>,
  userId: string,
  limit = 100,
): Promise<StaffAccountChange[]> {
  const rows = await withAudit(db)
    .selectFrom('staffAccountChanges')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    userId: row.userId,
    version: Number(row.version),
    changedBy: row.changedBy,
    changedAt: row.changedAt,
    fields: JSON.parse(row.fields) as AccountFieldChange[],
    releasedRefundIds: JSON.parse(row.releasedRefundIds) as string[],
  }));
}
