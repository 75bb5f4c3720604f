// The admin's webhook routes: endpoints (POST answers the signing secret once; no other answer
// carries it), the deliveries (the outbox rows, a react-admin list with filters) and redeliver.
import crypto from 'node:crypto';
import type { Express } from 'express';
import { sql, type Kysely, type Selectable } from 'kysely';
import { newWebhookSecret } from '../../src/domain/webhookDelivery';
import { WEBHOOK_EVENT_TYPES, isDeliverableUrl, isWebhookEventType } from '../../src/domain/webhookEvents';
import { requirePermission, type ApiContext } from '../appContext';
import { idParam, refuse, route } from '../http';
import { badQuery, contentRange, parseListQuery, type ResourceSpec } from '../simpleRest';
import {
  withWebhooks,
  type WebhookDatabase,
  type WebhookEndpointsTable,
  type WebhookOutboxTable,
} from './tables';

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  createdBy: string | null;
  disabledAt: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  type: string;
  endpointId: string;
  refundId: string;
  status: WebhookOutboxTable['status'];
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

type EndpointRow = Selectable<WebhookEndpointsTable>;

function endpointView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    active: row.active === 1 || row.active === true,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    disabledAt: row.disabledAt,
  };
}

type OutboxRow = Omit<WebhookOutboxTable, 'seq' | 'body'> & { seq: number };

function deliveryView(row: OutboxRow): WebhookDeliveryView {
  return {
    id: row.id,
    eventId: row.eventId,
    type: row.type,
    endpointId: row.endpointId,
    refundId: row.refundId,
    status: row.status,
    attempts: Number(row.attempts),
    createdAt: row.createdAt,
    nextAttemptAt: row.status === 'pending' ? new Date(Number(row.nextAttemptMs)).toISOString() : null,
    lastAttemptAt: row.lastAttemptAt,
    lastStatus: row.lastStatus === null ? null : Number(row.lastStatus),
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
  };
}

/** Parses `{ url, events }`; a refusal in the reader's language otherwise. */
function parseEndpointBody(body: unknown): { url: string; events: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw refuse(422, 'webhook_body_invalid');
  const { url, events, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw refuse(422, 'webhook_body_invalid');
  if (!isDeliverableUrl(url)) throw refuse(422, 'webhook_url_invalid');
  const known = WEBHOOK_EVENT_TYPES.join(', ');
  if (!Array.isArray(events) || events.length === 0 || events.length > 50) {
    throw refuse(422, 'webhook_events_invalid', { known });
  }
  const all = events.length === 1 && events[0] === '*';
  if (!all && !events.every(isWebhookEventType)) throw refuse(422, 'webhook_events_invalid', { known });
  return { url, events: all ? ['*'] : [...new Set(events as string[])] };
}

const DELIVERY_SPEC: ResourceSpec<{ id: string }> = {
  name: 'webhook-deliveries',
  fields: {
    status: 'string',
    type: 'string',
    endpointId: 'string',
    eventId: 'string',
    refundId: 'string',
    createdAt: 'date',
    attempts: 'number',
  },
  searchFields: [],
  defaultSort: ['createdAt', 'DESC'],
};
const ENDPOINT_SPEC: ResourceSpec<{ id: string }> = {
  name: 'webhook-endpoints',
  fields: { url: 'string', createdAt: 'string', active: 'boolean' },
  searchFields: [],
  defaultSort: ['createdAt', 'DESC'],
};
const DELIVERY_FILTERS = ['status', 'type', 'endpointId', 'eventId', 'refundId'] as const;

/** One equality filter's values (a list means any of them), as text. */
function filterValues(key: string, value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((v) => typeof v === 'string'))
    throw badQuery('filter_unknown', { filter: key, resource: 'webhook-deliveries' });
  return values as string[];
}

async function listDeliveries(db: Kysely<WebhookDatabase>, query: Record<string, unknown>) {
  const list = parseListQuery(DELIVERY_SPEC, query);
  let select = db.selectFrom('webhookOutbox');
  for (const [key, value] of Object.entries(list.filter)) {
    const column = DELIVERY_FILTERS.find((f) => f === key);
    if (!column) throw badQuery('filter_unknown', { filter: key, resource: 'webhook-deliveries' });
    const values = filterValues(key, value);
    select = values.length === 0 ? select.where(sql.lit(false)) : select.where(column, 'in', values);
  }
  const total = Number(
    (await select.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst())?.n ?? 0,
  );
  const [field, direction] = list.sort;
  // createdAt and id read in the order the rows were written
  const column = field === 'createdAt' || field === 'id' ? 'seq' : (field as 'status' | 'type' | 'attempts');
  const order = direction === 'ASC' ? 'asc' : 'desc';
  const rows = await select
    .select([
      'seq',
      'id',
      'eventId',
      'type',
      'endpointId',
      'refundId',
      'status',
      'attempts',
      'createdAt',
      'retryFromMs',
      'nextAttemptMs',
      'lastAttemptAt',
      'lastStatus',
      'lastError',
      'deliveredAt',
    ])
    .orderBy(column, order)
    .orderBy('seq', order)
    .offset(list.range[0])
    .limit(list.range[1] - list.range[0] + 1)
    .execute();
  return { rows: rows.map((r) => deliveryView(r as OutboxRow)), total, start: list.range[0] };
}

export function registerWebhookRoutes(app: Express, ctx: ApiContext): void {
  const db = withWebhooks(ctx.database.db);
  const endpointRow = async (id: string) => {
    const row = await db.selectFrom('webhookEndpoints').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw refuse(404, 'record_not_found', { resource: 'webhook-endpoints', id });
    return row;
  };
  const deliveryRow = async (id: string) => {
    const row = await db.selectFrom('webhookOutbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw refuse(404, 'record_not_found', { resource: 'webhook-deliveries', id });
    return row as WebhookOutboxTable & { seq: number };
  };

  app.post(
    '/api/webhook-endpoints',
    route(async (req, res) => {
      requirePermission(req, 'webhook-endpoints', 'create');
      const { url, events } = parseEndpointBody(req.body);
      const row = {
        id: `we_${crypto.randomBytes(8).toString('hex')}`,
        url,
        events: JSON.stringify(events),
        secret: newWebhookSecret(),
        active: 1 as number,
        createdAt: ctx.clock.nowIso(),
        createdBy: req.user.id,
        disabledAt: null,
      };
      await db.insertInto('webhookEndpoints').values(row).execute();
      // the only answer that carries the secret
      res.status(201).json({ ...endpointView(row), secret: row.secret });
    }),
  );

  app.get(
    '/api/webhook-endpoints',
    route(async (req, res) => {
      requirePermission(req, 'webhook-endpoints', 'list');
      const list = parseListQuery(ENDPOINT_SPEC, req.query as Record<string, unknown>);
      const rows = (
        await db
          .selectFrom('webhookEndpoints')
          .selectAll()
          .orderBy('createdAt', 'desc')
          .orderBy('id')
          .execute()
      )
        .map(endpointView)
        .filter((e) => list.filter.active === undefined || e.active === list.filter.active)
        // react-admin's getMany (a ReferenceField to an endpoint)
        .filter(
          (e) => list.filter.id === undefined || ([] as unknown[]).concat(list.filter.id).includes(e.id),
        );
      const page = rows.slice(list.range[0], list.range[1] + 1);
      const end = list.range[0] + page.length - 1;
      res.setHeader(
        'Content-Range',
        contentRange('webhook-endpoints', { rows: page, total: rows.length, start: list.range[0], end }),
      );
      res.setHeader('X-Total-Count', String(rows.length));
      res.json(page);
    }),
  );

  app.get(
    '/api/webhook-endpoints/:id',
    route(async (req, res) => {
      requirePermission(req, 'webhook-endpoints', 'show');
      res.json(endpointView(await endpointRow(idParam(req))));
    }),
  );

  // delete disables: its deliveries stay listed; nothing more is written or sent to it
  app.delete(
    '/api/webhook-endpoints/:id',
    route(async (req, res) => {
      requirePermission(req, 'webhook-endpoints', 'delete');
      const id = idParam(req);
      const row = await endpointRow(id);
      const disabledAt = row.disabledAt ?? ctx.clock.nowIso();
      await db.updateTable('webhookEndpoints').set({ active: 0, disabledAt }).where('id', '=', id).execute();
      res.json(endpointView({ ...row, active: 0, disabledAt }));
    }),
  );

  app.get(
    '/api/webhook-deliveries',
    route(async (req, res) => {
      requirePermission(req, 'webhook-deliveries', 'list');
      const { rows, total, start } = await listDeliveries(db, req.query as Record<string, unknown>);
      res.setHeader(
        'Content-Range',
        contentRange('webhook-deliveries', { rows, total, start, end: start + rows.length - 1 }),
      );
      res.setHeader('X-Total-Count', String(total));
      res.json(rows);
    }),
  );

  app.get(
    '/api/webhook-deliveries/:id',
    route(async (req, res) => {
      requirePermission(req, 'webhook-deliveries', 'show');
      const row = await deliveryRow(idParam(req));
      res.json({ ...deliveryView(row), payload: JSON.parse(row.body) as unknown });
    }),
  );

  // sends it again from now, with a fresh retry window: a failed delivery is pending once more
  app.post(
    '/api/webhook-deliveries/:id/redeliver',
    route(async (req, res) => {
      requirePermission(req, 'webhook-deliveries', 'redeliver');
      const id = idParam(req);
      await deliveryRow(id);
      const nowMs = ctx.clock.now();
      await db
        .updateTable('webhookOutbox')
        .set({ status: 'pending', nextAttemptMs: nowMs, retryFromMs: nowMs, deliveredAt: null })
        .where('id', '=', id)
        .execute();
      res.json(deliveryView(await deliveryRow(id)));
    }),
  );
}
