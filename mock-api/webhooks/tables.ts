// The webhook tables (migration 012_webhooks) as Kysely sees them. Kept beside the webhook code,
// like the metrics roll-ups' tables (db/metricsRollups.ts): they hold no resource record of the
// desk, so the codecs and the list query never read them.
import type { Generated, Kysely } from 'kysely';
import type { BoolColumn, Database } from '../db/schema';

/** A webhook endpoint. `secret` signs its deliveries; it is answered once, at creation. */
export interface WebhookEndpointsTable {
  id: string;
  url: string;
  /** JSON list of event types, or ["*"] */
  events: string;
  secret: string;
  active: BoolColumn;
  createdAt: string;
  createdBy: string | null;
  disabledAt: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** One event for one endpoint, written with the change; delivered by dispatcher.ts. */
export interface WebhookOutboxTable {
  seq: Generated<number>;
  id: string;
  eventId: string;
  type: string;
  endpointId: string;
  refundId: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  /** when the retry window began: the event's writing, or the last redeliver; failed once the horizon has passed since */
  retryFromMs: number;
  nextAttemptMs: number;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** Who dispatches webhooks now (one process at a time), until when. */
export interface WebhookLeasesTable {
  name: string;
  holder: string;
  untilMs: number;
}

// a type (not an interface): Kysely's withTables wants an indexable record
export type WebhookTables = {
  webhookEndpoints: WebhookEndpointsTable;
  webhookOutbox: WebhookOutboxTable;
  webhookLeases: WebhookLeasesTable;
};
export type WebhookDatabase = Database & WebhookTables;
export const WEBHOOK_TABLES = ['webhookEndpoints', 'webhookOutbox', 'webhookLeases'] as const;

export const withWebhooks = (db: Kysely<Database>): Kysely<WebhookDatabase> => db.withTables<WebhookTables>();
