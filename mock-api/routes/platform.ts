// The platform API, /api/platform/*: what the wallet (the customer's side) calls with a platform key
// (`Authorization: Bearer rdk_…`, platformClients.ts). A staff token never reaches these routes and
// a platform key never reaches the staff's (server.ts). Refusals are answered in the customer's
// language: the body's `locale`, else Accept-Language.
//   POST /refund-requests                 intake (Idempotency-Key required)        201 public view
//   GET  /refund-requests/:id             the customer's view of a request         200 public view
//   POST /refund-requests/:id/replies     answer an information request            200 public view
//   POST /refund-requests/:id/resubmissions  a new request after a rejection (Idempotency-Key) 201
//   POST /refund-requests/:id/complaints  a complaint from the customer            201 complaint
//   POST /refund-requests/:id/rating      the customer's rating of the decision, once  201 rating
import type { Express, Request, RequestHandler } from 'express';
import { LOCALES, type Complaint, type Locale } from '../../src/domain/model';
import {
  isIdempotencyKey,
  intakeBodySchema,
  platformComplaintBodySchema,
  platformReplyBodySchema,
  resubmissionBodySchema,
} from '../../src/domain/platformIntake';
import type { Actor } from '../../src/domain/workflowEngine';
import type { ApiContext } from '../appContext';
import { complaintOrThrow, createComplaint } from '../complaintService';
import { rateRequest } from '../customerRatingService';
import { idParam, parseBody, refuse, route, sendRefusal } from '../http';
import { notifyAboutComplaint } from '../notifications/store';
import { authenticatePlatformKey, type PlatformClient } from '../platformClients';
import { idempotently, intake, platformRefund, publicViewOf, resubmit } from '../platformIntakeService';
import { executeRefundCommand, orThrow } from '../refundService';

const CUSTOMER: Actor = { kind: 'customer' };
const clients = new WeakMap<Request, PlatformClient>();

function clientOf(req: Request): PlatformClient {
  const client = clients.get(req);
  if (!client) throw refuse(401, 'platform_key_required');
  return client;
}

function idempotencyKey(req: Request): string {
  const key = req.headers['idempotency-key'];
  if (!isIdempotencyKey(key)) throw refuse(400, 'idempotency_key_required');
  return key;
}

/** The body's `locale` answers the refusals when it names one of ours (else Accept-Language does). */
function answerInBodyLocale(req: Request): void {
  const locale = (req.body as { locale?: unknown } | undefined)?.locale;
  if (typeof locale === 'string' && (LOCALES as readonly string[]).includes(locale)) {
    req.headers['accept-language'] = locale as Locale;
  }
}

/** What the customer is told of their complaint: no assignee, no internal notes. */
export function complaintPublicView(c: Complaint) {
  return {
    id: c.id,
    refundId: c.refundId,
    status: c.status,
    category: c.category,
    description: c.description,
    channel: c.channel,
    openedAt: c.openedAt,
    dueAt: c.dueAt,
    resolvedAt: c.resolvedAt,
    customerMessage: c.resolution?.customerMessage ?? null,
  };
}

export function registerPlatformRoutes(app: Express, ctx: ApiContext) {
  const db = ctx.database.db;
  // each route is registered on the app itself (so the route tables and the contract see it),
  // behind the platform key; the staff's token check (server.ts) comes after them all
  const platformKey: RequestHandler = (req, _res, next) => {
    answerInBodyLocale(req);
    authenticatePlatformKey(db, req.headers.authorization).then((client) => {
      clients.set(req, client);
      next();
    }, next);
  };
  const router = {
    get: (path: string, handler: RequestHandler) => app.get(`/api/platform${path}`, platformKey, handler),
    post: (path: string, handler: RequestHandler) => app.post(`/api/platform${path}`, platformKey, handler),
  };

  router.post(
    '/refund-requests',
    route(async (req, res) => {
      const client = clientOf(req);
      const key = idempotencyKey(req);
      const body = parseBody(intakeBodySchema, req.body);
      const nowIso = ctx.clock.nowIso();
      const { refund, created } = await idempotently(
        ctx.desk,
        { client, key, purpose: 'intake', body },
        nowIso,
        (tx) => intake(tx, client, body, nowIso),
      );
      res.status(created ? 201 : 200).json(await publicViewOf(db, refund));
    }),
  );

  router.get(
    '/refund-requests/:id',
    route(async (req, res) => {
      clientOf(req);
      const refund = await platformRefund(ctx.desk, idParam(req));
      res.json(await publicViewOf(db, refund));
    }),
  );

  router.post(
    '/refund-requests/:id/replies',
    route(async (req, res) => {
      clientOf(req);
      const id = idParam(req);
      const { locale: _locale, ...reply } = parseBody(platformReplyBodySchema, req.body);
      const refund = await ctx.desk.command(async (tx) => {
        const current = await platformRefund(tx, id);
        const outcome = await executeRefundCommand(
          tx,
          current,
          { action: 'customer_reply', ...reply },
          CUSTOMER,
          ctx.clock.nowIso(),
        );
        if (!outcome.ok && outcome.status === 409) throw refuse(409, outcome.code, outcome.params);
        return orThrow(outcome, current);
      });
      res.json(await publicViewOf(db, refund));
    }),
  );

  router.post(
    '/refund-requests/:id/resubmissions',
    route(async (req, res) => {
      const client = clientOf(req);
      const id = idParam(req);
      const key = idempotencyKey(req);
      const body = parseBody(resubmissionBodySchema, req.body);
      const nowIso = ctx.clock.nowIso();
      const { refund, created } = await idempotently(
        ctx.desk,
        { client, key, purpose: `resubmission:${id}`, body },
        nowIso,
        async (tx) => resubmit(tx, client, await platformRefund(tx, id), body, nowIso),
      );
      res.status(created ? 201 : 200).json(await publicViewOf(db, refund));
    }),
  );

  router.post(
    '/refund-requests/:id/complaints',
    route(async (req, res) => {
      clientOf(req);
      const id = idParam(req);
      const { category, description } = parseBody(platformComplaintBodySchema, req.body);
      const complaint = await ctx.desk.command(async (tx) => {
        const refund = await platformRefund(tx, id);
        const body = { refundId: refund.id, channel: 'in_app', category, description };
        const nowIso = ctx.clock.nowIso();
        const opened = complaintOrThrow(await createComplaint(tx, refund, body, CUSTOMER, nowIso));
        // the reviewer whose decision is disputed is told in the same transaction
        await notifyAboutComplaint(tx, opened, nowIso);
        return opened;
      });
      res.status(201).json(complaintPublicView(complaint));
    }),
  );

  router.post(
    '/refund-requests/:id/rating',
    route(async (req, res) => {
      const client = clientOf(req);
      res.status(201).json(await rateRequest(ctx.desk, client, idParam(req), req.body, ctx.clock.nowIso()));
    }),
  );

  // any other /api/platform/* path: a platform key's 404, never the staff's token check
  app.use('/api/platform', platformKey, (_req, res) => sendRefusal(res, 404, 'no_such_route'));
}
