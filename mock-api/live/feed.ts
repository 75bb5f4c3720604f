// The changes every API process on one database sees: each process polls the audit events table
// by id number (both engines; PostgreSQL needs no LISTEN connection of its own) while at least one
// stream is open (live/seqPoller.ts), turns each new event into a stream event
// (src/domain/liveEvents.ts) and hands it to its streams.
import type { Kysely, Selectable } from 'kysely';
import { liveChangeFor, REPLAY_LIMIT, type LiveChange } from '../../src/domain/liveEvents';
import type { AuditEvent, Complaint, RefundRequest } from '../../src/domain/model';
import { fromRow } from '../db/codecs';
import type { Database } from '../db/schema';
import type { DeskReader } from '../deskData';
import { SeqPoller } from './seqPoller';

/** A change with what its read rule needs (the complaint and its request), for each stream to ask. */
export interface FedChange {
  change: LiveChange;
  complaint: Complaint | undefined;
  refund: RefundRequest | undefined;
}

export class LiveFeed {
  private readonly poller: SeqPoller<Selectable<Database['events']>, FedChange>;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly desk: DeskReader,
    pollMs = 250,
  ) {
    this.poller = new SeqPoller(
      {
        newestSeq: () => this.newestSeq(),
        seqsAfter: async (after) =>
          (await db.selectFrom('events').select('idNumber').where('idNumber', '>', after).execute()).map(
            (r) => Number(r.idNumber),
          ),
        rowsAfter: (after, limit) =>
          db
            .selectFrom('events')
            .selectAll()
            .where('idNumber', '>', after)
            .orderBy('idNumber')
            .limit(limit)
            .execute(),
        seqOf: (row) => Number(row.idNumber),
      },
      (rows) => this.fed(rows),
      { pollMs, pollLimit: REPLAY_LIMIT, label: 'live feed' },
    );
  }

  /** Resolves once the feed knows where the database stands (a stream replays up to there). */
  get started(): Promise<void> {
    return this.poller.started;
  }

  subscribe(listener: (fed: FedChange) => void): () => void {
    return this.poller.subscribe(listener);
  }

  stop(): void {
    this.poller.stop();
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
