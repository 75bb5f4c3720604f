// New notifications for the live stream (routes/live.ts): every API process polls the notifications
// table by `seq` while at least one stream is open, as the change feed polls the events table
// (live/feed.ts), so a notification inserted by another process's timer reaches its recipient's
// stream here. PostgreSQL hands out identity values before the commit: each poll looks back a little
// and skips the rows it has delivered. What a stream missed while away it refetches (GET on `ready`).
import type { Kysely } from 'kysely';
import type { StaffNotification } from '../../src/domain/notifications';
import type { Database } from '../db/schema';
import { notificationView } from './store';
import { withNotifications, type NotificationDatabase } from './tables';

type Listener = (notification: StaffNotification) => void;

const LOOK_BACK = 200;
const POLL_LIMIT = 500;
const DELIVERED_KEPT = 2_000;

export class NotificationFeed {
  private readonly listeners = new Set<Listener>();
  private readonly db: Kysely<NotificationDatabase>;
  private timer: NodeJS.Timeout | null = null;
  private cursor = -1;
  private readonly delivered = new Set<number>();
  private polling: Promise<void> | null = null;
  private started: Promise<void> = Promise.resolve();

  constructor(
    db: Kysely<Database>,
    private readonly pollMs = 250,
  ) {
    this.db = withNotifications(db);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.started = this.begin();
      this.timer = setInterval(() => void this.poll(), this.pollMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.cursor = -1;
    this.delivered.clear();
  }

  /** What is there already counts as delivered: a stream opened now fetches the list itself. */
  private async begin(): Promise<void> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.max('seq').as('n'))
      .executeTakeFirst();
    const newest = Number(row?.n ?? 0);
    const rows = await this.db
      .selectFrom('notifications')
      .select('seq')
      .where('seq', '>', Math.max(0, newest - LOOK_BACK))
      .execute();
    for (const r of rows) this.delivered.add(Number(r.seq));
    this.cursor = Math.max(this.cursor, newest);
  }

  private poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .catch((error: unknown) => console.error('notification feed:', error))
      .finally(() => {
        this.polling = null;
      });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    await this.started;
    if (this.cursor < 0) return;
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('seq', '>', Math.max(0, this.cursor - LOOK_BACK))
      .orderBy('seq')
      .limit(POLL_LIMIT)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (this.delivered.has(seq)) continue;
      this.remember(seq);
      const notification = notificationView(row);
      for (const listener of this.listeners) listener(notification);
    }
  }

  private remember(seq: number): void {
    this.delivered.add(seq);
    if (seq > this.cursor) this.cursor = seq;
    if (this.delivered.size > DELIVERED_KEPT) {
      for (const old of this.delivered) {
        if (old > this.cursor - LOOK_BACK) break;
        this.delivered.delete(old);
      }
    }
  }
}
