// The changes every API process on one database sees: each process polls the audit events table
// by id number (both engines; PostgreSQL needs no LISTEN connection of its own) while at least one
// stream is open, turns each new event into a stream event (src/domain/liveEvents.ts) and hands it
// to its streams. PostgreSQL hands out event ids before the transaction commits, so an event may
// appear after a higher one: each poll looks back a little and skips the ids it has delivered.
import type { Kysely } from 'kysely';
import { liveChangeFor, REPLAY_LIMIT, type LiveChange } from '../../src/domain/liveEvents';
import type { AuditEvent, Complaint, RefundRequest } from '../../src/domain/model';
import { fromRow } from '../db/codecs';
import type { Database } from '../db/schema';
import type { DeskReader } from '../deskData';

/** A change with what its read rule needs (the complaint and its request), for each stream to ask. */
export interface FedChange {
  change: LiveChange;
  complaint: Complaint | undefined;
  refund: RefundRequest | undefined;
}

type Listener = (fed: FedChange) => void;

/** How far back (in event numbers) each poll looks for events committed after a higher one. */
const LOOK_BACK = 200;
const DELIVERED_KEPT = 2_000;

export class LiveFeed {
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | null = null;
  private cursor = -1;
  private readonly delivered = new Set<number>();
  private polling: Promise<void> | null = null;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly desk: DeskReader,
    private readonly pollMs = 250,
  ) {}

  /** Resolves once the feed knows where the database stands (a stream replays up to there). */
  started: Promise<void> = Promise.resolve();

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
    this.started = Promise.resolve();
  }

  /** The highest event number in the database (0 when none). */
  async newestSeq(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('idNumber').as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The changes after `after`, oldest first, at most `limit` (a reconnect's replay). */
  async changesAfter(after: number, limit = REPLAY_LIMIT + 1): Promise<FedChange[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('idNumber', '>', after)
      .orderBy('idNumber')
      .limit(limit)
      .execute();
    return this.fed(rows);
  }

  /** How many changes came after `after` (stops counting past the replay limit). */
  async countAfter(after: number): Promise<number> {
    const rows = await this.db
      .selectFrom('events')
      .select('id')
      .where('idNumber', '>', after)
      .limit(REPLAY_LIMIT + 1)
      .execute();
    return rows.length;
  }

  private poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .catch((error: unknown) => console.error('live feed:', error))
      .finally(() => {
        this.polling = null;
      });
    return this.polling;
  }

  /** Where the database stands: what is there already counts as delivered (streams replay it). */
  private async begin(): Promise<void> {
    const newest = await this.newestSeq();
    const rows = await this.db
      .selectFrom('events')
      .select('idNumber')
      .where('idNumber', '>', Math.max(0, newest - LOOK_BACK))
      .execute();
    for (const row of rows) this.delivered.add(Number(row.idNumber));
    this.cursor = Math.max(this.cursor, newest);
  }

  private async pollOnce(): Promise<void> {
    await this.started;
    if (this.cursor < 0) return;
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('idNumber', '>', Math.max(0, this.cursor - LOOK_BACK))
      .orderBy('idNumber')
      .limit(REPLAY_LIMIT)
      .execute();
    const fresh = rows.filter((row) => !this.delivered.has(Number(row.idNumber)));
    for (const fed of await this.fed(fresh)) {
      this.remember(fed.change.seq);
      for (const listener of this.listeners) listener(fed);
    }
    for (const row of fresh) this.remember(Number(row.idNumber));
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

  private async actorName(actorId: string | null): Promise<string | null> {
    if (!actorId) return null;
    const known = this.names.get(actorId);
    if (known !== undefined) return known;
    const user = await this.desk.get('users', actorId);
    const name = user?.fullName ?? null;
    if (name !== null) this.names.set(actorId, name);
    return name;
  }

  private async fed(rows: Record<string, unknown>[]): Promise<FedChange[]> {
    const out: FedChange[] = [];
    for (const row of rows) {
      const event: AuditEvent = fromRow('events', row);
      const seq = Number(row.idNumber);
      const refund = await this.desk.get('refunds', event.refundId);
      const complaint = event.complaintId ? await this.desk.get('complaints', event.complaintId) : undefined;
      const record = event.subject === 'complaint' ? complaint : refund;
      const change = liveChangeFor(seq, event, record, await this.actorName(event.actorId));
      if (change) out.push({ change, complaint, refund });
    }
    return out;
  }
}
