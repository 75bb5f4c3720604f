// The bell's routes: GET /api/notifications (the signed-in user's own, newest first, a react-admin
// list: Content-Range and X-Total-Count, plus X-Unread-Count), POST /api/notifications/:id/read and
// POST /api/notifications/read-all. Anyone signed in has notifications; nobody reads another's (their
// ids answer 404, as an unknown one does). Rows are derived by the timers (notifications/derive.ts).
import type { Express } from 'express';
import type { ApiContext } from '../appContext';
import { idParam, refuse, route } from '../http';
import { markAllRead, markRead, notificationsOf } from '../notifications/store';
import { badQuery, contentRange, parseListQuery, type ResourceSpec } from '../simpleRest';

const NOTIFICATION_SPEC: ResourceSpec<{ id: string }> = {
  name: 'notifications',
  fields: { createdAt: 'date', unread: 'boolean' },
  searchFields: [],
  defaultSort: ['createdAt', 'DESC'],
};

/** The list's query: only the default order (newest first) and an `unread` filter. */
function parseQuery(query: Record<string, unknown>) {
  const list = parseListQuery(NOTIFICATION_SPEC, query);
  if (list.sort[0] !== 'createdAt' || list.sort[1] !== 'DESC') {
    throw badQuery('list_sort_unknown', { resource: 'notifications', field: list.sort[0] });
  }
  let unreadOnly = false;
  for (const [key, value] of Object.entries(list.filter)) {
    if (key !== 'unread') throw badQuery('filter_unknown', { filter: key, resource: 'notifications' });
    if (typeof value !== 'boolean') throw badQuery('filter_true_or_false', { filter: 'unread' });
    unreadOnly = value;
  }
  return { range: list.range, unreadOnly };
}

export function registerNotificationRoutes(app: Express, ctx: ApiContext): void {
  const db = ctx.database.db;

  app.get(
    '/api/notifications',
    route(async (req, res) => {
      const { range, unreadOnly } = parseQuery(req.query as Record<string, unknown>);
      const page = await notificationsOf(db, req.user.id, range, unreadOnly);
      const end = range[0] + page.rows.length - 1;
      res.setHeader('Content-Range', contentRange('notifications', { ...page, start: range[0], end }));
      res.setHeader('X-Total-Count', String(page.total));
      res.setHeader('X-Unread-Count', String(page.unread));
      res.json(page.rows);
    }),
  );

  // registered before /:id/read so "read-all" is never taken for an id
  app.post(
    '/api/notifications/read-all',
    route(async (req, res) => {
      const marked = await markAllRead(db, req.user.id, ctx.clock.nowIso());
      res.json({ marked, unread: 0 });
    }),
  );

  app.post(
    '/api/notifications/:id/read',
    route(async (req, res) => {
      const id = idParam(req);
      const notification = await markRead(db, req.user.id, id, ctx.clock.nowIso());
      if (!notification) throw refuse(404, 'record_not_found', { resource: 'notifications', id });
      res.json(notification);
    }),
  );
}
