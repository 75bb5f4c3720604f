// Live updates: GET /api/stream (Server-Sent Events of the desk's changes, read by the client with a
// fetch reader so the token goes in the Authorization header) and "who is viewing" (/api/presence).
// The rules are in src/domain/liveEvents.ts; every process's feed polls the same events table.
// A stream also carries its viewer's own new notifications (`event: notification`, no id: they are
// not replayed; the bell refetches its list on `ready`), from the notifications feed.
import type { Express, Response } from 'express';
import {
  HEARTBEAT_MS,
  isPresenceResource,
  mayFollowLive,
  mayReceive,
  replayPlan,
  type PresenceResource,
} from '../../src/domain/liveEvents';
import type { ApiContext } from '../appContext';
import { refuse, route, type AuthedRequest } from '../http';
import { LiveFeed, type FedChange } from '../live/feed';
import { NotificationFeed } from '../notifications/feed';
import { markLeft, markPresent, viewersOf } from '../live/presence';
import { isReadable } from '../visibility';

export interface LiveOptions {
  heartbeatMs?: number;
  pollMs?: number;
}

function sendEvent(res: Response, event: string, data: unknown, id?: number): void {
  res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function requireLive(req: AuthedRequest): void {
  if (!mayFollowLive(req.user.role)) {
    throw refuse(403, 'role_may_not', { role: req.user.role, permission: 'read', resource: 'refunds' });
  }
}

export function registerLiveRoutes(app: Express, ctx: ApiContext, options: LiveOptions = {}): LiveFeed {
  const feed = new LiveFeed(ctx.database.db, ctx.desk, options.pollMs);
  const notifications = new NotificationFeed(ctx.database.db, options.pollMs);

  app.get(
    '/api/stream',
    route(async (req, res) => {
      requireLive(req);
      const viewer = { id: req.user.id, role: req.user.role };
      const header = req.headers['last-event-id'];
      const lastEventId = typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
      res.status(200);
      // no-transform: the compression middleware leaves the stream unbuffered
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache, no-transform');
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      req.socket.setNoDelay(true);
      res.write(': connected\n\n');

      const sent = new Set<number>();
      let replaying = true;
      const held: FedChange[] = [];
      const deliver = (fed: FedChange) => {
        if (sent.has(fed.change.seq)) return;
        sent.add(fed.change.seq);
        if (!mayReceive(viewer, fed.change, fed.complaint, fed.refund)) return;
        sendEvent(res, fed.change.type, fed.change.data, fed.change.seq);
      };
      const unsubscribe = feed.subscribe((fed) => (replaying ? held.push(fed) : deliver(fed)));
      // only the recipient's own stream is told
      const unsubscribeNotifications = notifications.subscribe((n) => {
        if (n.recipientId === viewer.id) sendEvent(res, 'notification', n);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
      let closed = false;
      res.on('close', () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeNotifications();
      });

      await feed.started;
      const newest = await feed.newestSeq();
      const after = lastEventId !== undefined && /^\d+$/.test(lastEventId) ? Number(lastEventId) : newest;
      const plan = replayPlan(
        lastEventId,
        newest,
        lastEventId === undefined ? 0 : await feed.countAfter(after),
      );
      if (closed) return;
      if (plan === 'reset') {
        sendEvent(res, 'reset', { newest }, newest);
      } else {
        if (plan === 'replay') for (const fed of await feed.changesAfter(after)) deliver(fed);
        sendEvent(res, 'ready', { newest }, Math.max(after, ...sent));
      }
      replaying = false;
      for (const fed of held.splice(0)) deliver(fed);
    }),
  );

  const target = async (req: AuthedRequest, resource: unknown, id: unknown): Promise<PresenceResource> => {
    if (!isPresenceResource(resource) || typeof id !== 'string' || id === '' || id.length > 64) {
      throw refuse(422, 'presence_body');
    }
    const record = await ctx.desk.get(resource, id);
    if (!record || !(await isReadable(ctx.desk, req.user, resource, record))) {
      throw refuse(404, 'record_not_found', { resource, id });
    }
    return resource;
  };

  app.get(
    '/api/presence',
    route(async (req, res) => {
      requireLive(req);
      const q = req.query as Record<string, unknown>;
      const resource = await target(req, q.resource, q.id);
      res.json({ viewers: await viewersOf(ctx.database.db, resource, q.id as string, ctx.clock.now()) });
    }),
  );

  app.post(
    '/api/presence',
    route(async (req, res) => {
      requireLive(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const keys = Object.keys(body);
      if (keys.some((k) => k !== 'resource' && k !== 'id' && k !== 'leaving'))
        throw refuse(422, 'presence_body');
      if (body.leaving !== undefined && typeof body.leaving !== 'boolean') throw refuse(422, 'presence_body');
      const resource = await target(req, body.resource, body.id);
      const where = { resource, recordId: body.id as string, userId: req.user.id };
      if (body.leaving === true) await markLeft(ctx.database.db, where);
      else await markPresent(ctx.database.db, where, { ms: ctx.clock.now(), iso: ctx.clock.nowIso() });
      res.json({ viewers: await viewersOf(ctx.database.db, resource, where.recordId, ctx.clock.now()) });
    }),
  );

  return feed;
}
