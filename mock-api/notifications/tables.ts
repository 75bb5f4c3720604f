// The notifications table (migration 017_notifications) as Kysely sees it. Kept beside the
// notification code, like the webhook tables: it holds no resource record of the desk, so the
// codecs and the list query never read it.
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface NotificationsTable {
  /** the order rows were written in (the live feed's cursor) */
  seq: Generated<number>;
  id: string;
  recipientId: string;
  kind: string;
  causeKey: string;
  /** JSON of the catalogue's placeholders */
  params: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

// a type (not an interface): Kysely's withTables wants an indexable record
export type NotificationTables = { notifications: NotificationsTable };
export type NotificationDatabase = Database & NotificationTables;

export const withNotifications = (db: Kysely<Database>): Kysely<NotificationDatabase> =>
  db.withTables<NotificationTables>();
