// New notifications for the live stream (routes/live.ts): every API process polls the notifications
// table by `seq` while at least one stream is open, as the change feed polls the events table
// (live/feed.ts), both through live/seqPoller.ts, so a notification inserted by another process's
// timer reaches its recipient's stream here. What a stream missed while away it refetches (GET on
// `ready`).
import type { Kysely, Selectable } from 'kysely';
import type { StaffNotification } from '../../src/domain/notifications';
import type { Database } from '../db/schema';
import { SeqPoller } from '../live/seqPoller';
import { notificationView } from './store';
import { withNotifications, type NotificationsTable } from './tables';

type NotificationRow = Selectable<NotificationsTable>;

const POLL_LIMIT = 500;

export class NotificationFeed {
  private readonly poller: SeqPoller<NotificationRow, StaffNotification>;

  constructor(db: Kysely<Database>, pollMs = 250) {
    const notifications = withNotifications(db);
    this.poller = new SeqPoller(
      {
        newestSeq: async () => {
          const row = await notifications
            .selectFrom('notifications')
            .select((eb) => eb.fn.max('seq').as('n'))
            .executeTakeFirst();
          return Number(row?.n ?? 0);
        },
        seqsAfter: async (after) =>
          (
            await notifications.selectFrom('notifications').select('seq').where('seq', '>', after).execute()
          ).map((r) => Number(r.seq)),
        rowsAfter: (after, limit) =>
          notifications
            .selectFrom('notifications')
            .selectAll()
            .where('seq', '>', after)
            .orderBy('seq')
            .limit(limit)
            .execute(),
        seqOf: (row) => Number(row.seq),
      },
      (rows) => rows.map(notificationView),
      { pollMs, pollLimit: POLL_LIMIT, label: 'notification feed' },
    );
  }

  subscribe(listener: (notification: StaffNotification) => void): () => void {
    return this.poller.subscribe(listener);
  }

  stop(): void {
    this.poller.stop();
  }
}
