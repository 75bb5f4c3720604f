// Where notifications are kept: inserted once per (recipient, kind, cause) whoever inserts them
// (the timers' derivation, or a command in its own transaction), read by their recipient only.
import type { Kysely, Selectable } from 'kysely';
import {
  complaintFact,
  complaintNotifications,
  isNotificationKind,
  notificationKey,
  NOTIFICATION_PAGE_MAX,
  type NotificationParams,
  type OwedNotification,
  type StaffNotification,
} from '../../src/domain/notifications';
import type { Complaint } from '../../src/domain/model';
import type { Database } from '../db/schema';
import { transactionDb } from '../db/sqlDesk';
import type { DeskWriter } from '../deskData';
import { withNotifications, type NotificationDatabase, type NotificationsTable } from './tables';

/** Rows per statement (SQLite allows 32,766 parameters; 9 a row). */
const CHUNK = 500;

type Row = Selectable<NotificationsTable>;

export function notificationView(row: Row): StaffNotification {
  const kind = row.kind;
  if (!isNotificationKind(kind)) throw new Error(`Unknown notification kind ${kind}.`);
  return {
    id: row.id,
    recipientId: row.recipientId,
    kind,
    causeKey: row.causeKey,
    params: JSON.parse(row.params) as NotificationParams,
    link: row.link,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Which of `owed` are kept already (one read per chunk, so only new ones take an id). */
async function alreadyKept(db: Kysely<NotificationDatabase>, owed: readonly OwedNotification[]) {
  const kept = new Set<string>();
  for (const part of chunks(owed)) {
    const rows = await db
      .selectFrom('notifications')
      .select(['recipientId', 'kind', 'causeKey'])
      .where('recipientId', 'in', [...new Set(part.map((n) => n.recipientId))])
      .where('causeKey', 'in', [...new Set(part.map((n) => n.causeKey))])
      .execute();
    for (const row of rows) kept.add(notificationKey(row));
  }
  return kept;
}

/**
 * Inserts the notifications not kept yet, in the transaction `tx`; answers those this call
 * inserted. Another process inserting the same one meanwhile leaves one row: the unique
 * (recipient, kind, cause) makes the second insert do nothing.
 */
export async function recordNotifications(
  tx: DeskWriter,
  owed: readonly OwedNotification[],
  nowIso: string,
): Promise<StaffNotification[]> {
  if (owed.length === 0) return [];
  const db = withNotifications(transactionDb(tx));
  const kept = await alreadyKept(db, owed);
  const fresh = owed.filter((n) => !kept.has(notificationKey(n)));
  const inserted: StaffNotification[] = [];
  for (const part of chunks(fresh)) {
    const values = [];
    for (const n of part) {
      values.push({
        id: await tx.nextId('nt'),
        recipientId: n.recipientId,
        kind: n.kind,
        causeKey: n.causeKey,
        params: JSON.stringify(n.params),
        link: n.link,
        createdAt: nowIso,
        readAt: null,
      });
    }
    const rows = await db
      .insertInto('notifications')
      .values(values)
      .onConflict((oc) => oc.columns(['recipientId', 'kind', 'causeKey']).doNothing())
      .returningAll()
      .execute();
    inserted.push(...rows.map(notificationView));
  }
  return inserted;
}

/** A complaint's notifications at once, in the command's transaction (opened, escalated). */
export async function notifyAboutComplaint(
  tx: DeskWriter,
  complaint: Complaint,
  nowIso: string,
): Promise<StaffNotification[]> {
  const staff = await tx.allUsers();
  return recordNotifications(
    tx,
    complaintNotifications(complaintFact(complaint), staff, Date.parse(nowIso)),
    nowIso,
  );
}

export interface NotificationPage {
  rows: StaffNotification[];
  total: number;
  unread: number;
}

/** A recipient's notifications, newest first, `range` inclusive as the list convention has it. */
export async function notificationsOf(
  base: Kysely<Database>,
  recipientId: string,
  range: [number, number],
  unreadOnly: boolean,
): Promise<NotificationPage> {
  const db = withNotifications(base);
  const mine = db.selectFrom('notifications').where('recipientId', '=', recipientId);
  const count = async (select: typeof mine) =>
    Number(
      (await select.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst())?.n ?? 0,
    );
  const listed = unreadOnly ? mine.where('readAt', 'is', null) : mine;
  const [total, unread] = await Promise.all([count(listed), count(mine.where('readAt', 'is', null))]);
  const limit = Math.min(NOTIFICATION_PAGE_MAX, range[1] - range[0] + 1);
  const rows = await listed.selectAll().orderBy('seq', 'desc').offset(range[0]).limit(limit).execute();
  return { rows: rows.map(notificationView), total, unread };
}

/** Marks one of the recipient's notifications read (kept as first read); undefined when not theirs. */
export async function markRead(
  base: Kysely<Database>,
  recipientId: string,
  id: string,
  nowIso: string,
): Promise<StaffNotification | undefined> {
  const db = withNotifications(base);
  await db
    .updateTable('notifications')
    .set({ readAt: nowIso })
    .where('id', '=', id)
    .where('recipientId', '=', recipientId)
    .where('readAt', 'is', null)
    .execute();
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('recipientId', '=', recipientId)
    .executeTakeFirst();
  return row && notificationView(row);
}

/** Marks every unread notification of the recipient read; answers how many it marked. */
export async function markAllRead(
  base: Kysely<Database>,
  recipientId: string,
  nowIso: string,
): Promise<number> {
  const result = await withNotifications(base)
    .updateTable('notifications')
    .set({ readAt: nowIso })
    .where('recipientId', '=', recipientId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
