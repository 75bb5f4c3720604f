// The webhook outbox: the events a command's changes make (src/domain/webhookEvents.ts), written
// in the command's own transaction (SqlWriter.commit, db/sqlDesk.ts calls writeOutboxFor), one row
// per event and subscribed endpoint. The change and its events land together or not at all, so a
// crash can lose neither; the dispatcher (dispatcher.ts) delivers them afterwards, at least once.
// The seed writes through its own writer (seed/writer.ts), not this: it makes history, not live events.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEvent, Complaint, RefundRequest } from '../../src/domain/model';
import {
  coinEventsFor,
  complaintEventType,
  refundEventType,
  subscribes,
  webhookPayload,
  type CoinMovementLike,
  type WebhookEventType,
} from '../../src/domain/webhookEvents';
import type { Change } from '../deskData';
import { fromRow } from '../db/codecs';
import type { Database } from '../db/schema';
import { withWebhooks } from './tables';

interface PendingEvent {
  type: WebhookEventType;
  refundId: string;
  request?: RefundRequest;
  complaint?: Complaint;
  coins?: { kind: CoinMovementLike['kind']; coins: number };
  sentMessage?: string | null;
}

export interface ActiveEndpoint {
  id: string;
  events: string[];
}

/** The events of a command's changes, in the order of its changes (coin movements last). */
export function eventsOfChanges(
  changes: readonly Change[],
  movements: readonly CoinMovementLike[] = [],
): PendingEvent[] {
  const audit = changes.flatMap((c) => (c.c === 'events' ? [c.v] : []));
  const found: PendingEvent[] = [];
  for (const change of changes) {
    if (change.c === 'refunds') {
      // a versioned write (over) or a new record; a derived-field refresh (was, no over) tells nobody
      if (change.was && change.over === undefined) continue;
      const type = refundEventType(change.was, change.v);
      if (!type) continue;
      const event = audit.find((e) => e.subject === 'refund' && e.refundId === change.v.id);
      found.push({ type, refundId: change.v.id, request: change.v, sentMessage: event?.customerMessage });
    } else if (change.c === 'complaints') {
      if (change.was && change.over === undefined) continue;
      const type = complaintEventType(change.was, change.v);
      if (!type) continue;
      const event = audit.find((e) => e.complaintId === change.v.id);
      const sent = type === 'complaint.resolved' ? change.v.resolution?.customerMessage : undefined;
      found.push({
        type,
        refundId: change.v.refundId,
        complaint: change.v,
        sentMessage: sent ?? event?.customerMessage,
      });
    }
  }
  for (const coin of coinEventsFor(movements)) {
    found.push({ type: coin.type, refundId: coin.refundId, coins: coin.coins });
  }
  return found;
}

export async function activeEndpoints(db: Kysely<Database>): Promise<ActiveEndpoint[]> {
  const rows = await withWebhooks(db)
    .selectFrom('webhookEndpoints')
    .select(['id', 'events'])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, events: JSON.parse(r.events) as string[] }));
}

/** A new event id: `evt_` and 24 random hex digits (a receiver de-duplicates by it). */
export function newEventId(): string {
  return `evt_${crypto.randomBytes(12).toString('hex')}`;
}

/**
 * Writes the outbox rows of `changes` through `db`, the command's transaction. `movements`: the coin
 * ledger rows the command wrote (WIRING POINT for the coins piece: pass its coinMovements here).
 */
export async function writeOutboxFor(
  db: Kysely<Database>,
  changes: readonly Change[],
  movements: readonly CoinMovementLike[] = [],
): Promise<void> {
  const pending = eventsOfChanges(changes, movements);
  if (pending.length === 0) return;
  const endpoints = await activeEndpoints(db);
  if (endpoints.length === 0) return;
  const audit = changes.flatMap((c) => (c.c === 'events' ? [c.v] : []));
  const createdAt = audit.length > 0 ? audit[audit.length - 1].at : new Date().toISOString();
  const createdMs = Date.parse(createdAt);
  const requests = new Map<string, RefundRequest | undefined>();
  const eventsOf = new Map<string, AuditEvent[]>();
  for (const event of pending) {
    const wanted = endpoints.filter((e) => subscribes(e.events, event.type));
    if (wanted.length === 0) continue;
    const request = event.request ?? (await requestOf(db, event.refundId, changes, requests));
    if (!request) continue;
    let events = eventsOf.get(request.id);
    if (!events) {
      // written already in this transaction: the request's messages include this change's
      const rows = await db.selectFrom('events').selectAll().where('refundId', '=', request.id).execute();
      events = rows.map((row) => fromRow('events', row));
      eventsOf.set(request.id, events);
    }
    const id = newEventId();
    const body = JSON.stringify(
      webhookPayload({
        id,
        type: event.type,
        createdAt,
        request,
        events,
        complaint: event.complaint,
        coins: event.coins,
        sentMessage: event.sentMessage,
      }),
    );
    await withWebhooks(db)
      .insertInto('webhookOutbox')
      .values(
        wanted.map((endpoint) => ({
          id: `${id}.${endpoint.id}`,
          eventId: id,
          type: event.type,
          endpointId: endpoint.id,
          refundId: request.id,
          body,
          status: 'pending' as const,
          attempts: 0,
          createdAt,
          retryFromMs: createdMs,
          nextAttemptMs: createdMs,
          lastAttemptAt: null,
          lastStatus: null,
          lastError: null,
          deliveredAt: null,
        })),
      )
      .execute();
  }
}

async function requestOf(
  db: Kysely<Database>,
  refundId: string,
  changes: readonly Change[],
  cache: Map<string, RefundRequest | undefined>,
): Promise<RefundRequest | undefined> {
  const written = changes.find((c) => c.c === 'refunds' && c.v.id === refundId);
  if (written) return written.v as RefundRequest;
  if (!cache.has(refundId)) {
    const row = await db.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirst();
    cache.set(refundId, row ? fromRow('refunds', row) : undefined);
  }
  return cache.get(refundId);
}
