// The mock API: json-server 0.17 (used as a module) provides the Express app and its middlewares;
// our store, the simple-rest adapter and the workflow routes do the rest. Start: `npm run api`.
import express, { type ErrorRequestHandler, type Express, type Response } from 'express';
import jsonServer from 'json-server';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { StaffUser } from '../src/domain/model';
import { canAccess, type Action, type Resource } from '../src/domain/permissions';
import { LoginThrottle, TokenSigner, publicUser, verifyPassword } from './auth';
import { Clock } from './clock';
import { ApiError, type AuthedRequest, type AuthedUser, idParam, route, sendError } from './http';
import { EventIndex } from './eventIndex';
import { migrateLegacyNotes } from './noteService';
import { RefundIndex, refreshAllPolicyFlags } from './refundRecords';
import { READ_RESOURCES } from './resources';
import { registerMetricsRoutes } from './routes/metrics';
import { registerComplaintRoutes } from './routes/complaints';
import { registerRefundRoutes } from './routes/refunds';
import { CollectionViews } from './listViews';
import { BadRequest, contentRange, parseListQuery, runListQuery, type ListSource } from './simpleRest';
import { Store, type CollectionName } from './store';
import { startTimers, sweepAll } from './timers';

export interface ApiContext {
  store: Store;
  signer: TokenSigner;
  clock: Clock;
  throttle: LoginThrottle;
  refundIndex: RefundIndex;
  /** each request's classified decisions, for the list's `decided` filter (metrics click-through) */
  eventIndex: EventIndex;
}

export interface ServerOptions {
  dbFile: string;
  /** enables /api/test/* routes (clock control) for the test suites; never on in `npm start` */
  testRoutes?: boolean;
  /** how often the mock API runs its own timers (information timeout, payout) */
  sweepIntervalMs?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DB_FILE = path.join(here, 'data', 'db.json');

function serialize(resource: string, record: { id: string }): unknown {
  return resource === 'users' ? publicUser(record as StaffUser) : record;
}

export function requirePermission(req: AuthedRequest, resource: Resource, action: Action): void {
  if (!canAccess(req.user.role, { resource, action })) {
    throw new ApiError(403, `A ${req.user.role} may not ${action.replace(/_/g, ' ')} ${resource}.`);
  }
}

export function createApp(ctx: ApiContext, options: Pick<ServerOptions, 'testRoutes'> = {}): Express {
  const app = jsonServer.create();
  app.set('json spaces', 0);
  app.disable('x-powered-by');
  app.use(
    jsonServer.defaults({
      logger: process.env.API_LOG === '1',
      noCors: false,
      static: path.join(here, '..', 'dist'),
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, X-Total-Count');
    next();
  });
  // No answer leaves before the changes it reports are on disk (the store's group commit).
  app.use('/api', (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (!ctx.store.hasUndurableWrites()) return send(body);
      ctx.store.whenDurable().then(
        () => send(body),
        () => {
          res.status(503).type('application/json');
          send(
            JSON.stringify({ message: 'The change could not be saved to disk; it may not have been kept.' }),
          );
        },
      );
      return res;
    };
    next();
  });
  app.use('/api', express.json({ limit: '100kb', strict: true, type: () => true }));

  app.get(
    '/api/health',
    route((_req, res) => {
      res.json({ ok: true, now: ctx.clock.nowIso() });
    }),
  );

  app.post(
    '/api/auth/login',
    route(async (req, res) => {
      const body = req.body as unknown;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ApiError(400, 'Send { "username", "password" } as JSON.');
      }
      const { username, password, ...rest } = body as Record<string, unknown>;
      if (Object.keys(rest).length > 0) throw new ApiError(422, `Unknown field "${Object.keys(rest)[0]}".`);
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
        throw new ApiError(422, 'Username and password are required.');
      }
      if (username.length > 100 || password.length > 200)
        throw new ApiError(401, 'Wrong username or password.');
      const now = Date.now();
      const locked = ctx.throttle.lockedFor(username, now);
      if (locked > 0) {
        res.setHeader('Retry-After', String(Math.ceil(locked / 1000)));
        throw new ApiError(
          429,
          `Too many failed sign-ins for this user. Try again in ${Math.ceil(locked / 1000)} seconds.`,
        );
      }
      const user = [...ctx.store.all('users')].find((u) => u.username === username && u.active);
      // verify even for unknown users so timing does not reveal which usernames exist
      const ok = await verifyPasswordAsync(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        ctx.throttle.recordFailure(username, now);
        throw new ApiError(401, 'Wrong username or password.');
      }
      ctx.throttle.recordSuccess(username);
      res.json({ token: ctx.signer.sign(user, Date.now()), user: publicUser(user) });
    }),
  );

  // Every other /api route needs a valid token of an existing, active user.
  app.use('/api', (req, _res, next) => {
    try {
      (req as AuthedRequest).user = authenticate(ctx, req.headers.authorization);
      next();
    } catch (error) {
      next(error);
    }
  });

  app.get(
    '/api/auth/me',
    route((req, res) => {
      res.json(publicUser(ctx.store.get('users', req.user.id)!));
    }),
  );

  if (options.testRoutes) {
    // event-loop delay and memory of this process, for `npm run bench` (scripts/bench.ts); the delay
    // monitor starts on first use, so the test suites (which never ask) run no 1 ms timer per server
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    let monitoring = false;
    const startMonitoring = () => {
      if (!monitoring) loopDelay.enable();
      monitoring = true;
    };
    const nsToMs = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
    app.get(
      '/api/test/loop-stats',
      route((_req, res) => {
        startMonitoring();
        const memory = process.memoryUsage();
        res.json({
          maxMs: nsToMs(loopDelay.max),
          p99Ms: nsToMs(loopDelay.percentile(99)),
          meanMs: nsToMs(loopDelay.mean),
          rssBytes: memory.rss,
          heapUsedBytes: memory.heapUsed,
          peakRssBytes: process.resourceUsage().maxRSS * 1024,
        });
      }),
    );
    app.post(
      '/api/test/loop-stats/reset',
      route((_req, res) => {
        startMonitoring();
        loopDelay.reset();
        res.json({ ok: true });
      }),
    );
    app.post(
      '/api/test/advance-clock',
      route((req, res) => {
        const ms = (req.body as { ms?: unknown })?.ms;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
          throw new ApiError(422, 'ms must be ≥ 0.');
        ctx.clock.advance(ms);
        // run the timed rules at once so a test sees their effect without waiting for the interval
        const moved = sweepAll(ctx, ctx.clock.nowIso());
        res.json({ now: ctx.clock.nowIso(), moved });
      }),
    );
  }

  registerRefundRoutes(app, ctx);
  registerComplaintRoutes(app, ctx);
  registerMetricsRoutes(app, ctx);

  for (const [resource, spec] of Object.entries(READ_RESOURCES)) {
    const collection = resource as CollectionName;
    // the audit trail is large and rarely searched: its search text is computed per query, not kept
    const views = new CollectionViews(ctx.store, collection, resource === 'events' ? [] : spec.searchFields);
    app.get(
      `/api/${resource}`,
      route((req, res) => {
        requirePermission(req, resource as Resource, 'list');
        const query = parseListQuery(spec, req.query as Record<string, unknown>);
        const source: ListSource<{ id: string }> = {
          records: ctx.store.all(collection),
          views,
          visible: visibilityFor(ctx, req, resource),
        };
        const result = runListQuery(source, spec, query, {
          nowMs: ctx.clock.now(),
          userId: req.user.id,
          decisions: (refundId) => ctx.eventIndex.decisionsFor(refundId),
          searchText: resource === 'events' ? undefined : (id) => views.searchText(id),
        });
        res.setHeader('Content-Range', contentRange(resource, result));
        res.setHeader('X-Total-Count', String(result.total));
        res.json(result.rows.map((r) => serialize(resource, r)));
      }),
    );
    app.get(
      `/api/${resource}/:id`,
      route((req, res) => {
        requirePermission(req, resource as Resource, 'show');
        const id = idParam(req);
        const record = ctx.store.get(resource as 'refunds', id);
        if (!record || !isVisible(ctx, req, resource, record)) {
          throw new ApiError(404, `No ${resource.replace(/s$/, '')} with id "${id}".`);
        }
        res.json(serialize(resource, record));
      }),
    );
    // Only refund requests accept writes (workflow and note routes, refunds.ts); everything else is read-only here.
    if (resource !== 'refunds') {
      app.all(
        [`/api/${resource}`, `/api/${resource}/:id`],
        route((req, res) => {
          res.setHeader('Allow', 'GET');
          throw new ApiError(405, `${req.method} is not allowed on ${resource}.`);
        }),
      );
    }
  }

  app.use('/api', (_req, res) => sendError(res, 404, 'No such API route.'));
  app.use(errorHandler);
  return app;
}

// Reviewers see the complaints about their own requests only, and only those complaints' notes
// in the audit trail; every other list is whole.
function visibilityFor(
  ctx: ApiContext,
  req: AuthedRequest,
  resource: string,
): ((record: { id: string }) => boolean) | undefined {
  if (req.user.role !== 'reviewer' || (resource !== 'complaints' && resource !== 'events')) return undefined;
  return (record) => isVisible(ctx, req, resource, record);
}

function isVisible(ctx: ApiContext, req: AuthedRequest, resource: string, record: { id: string }): boolean {
  if (req.user.role !== 'reviewer') return true;
  if (resource === 'events') {
    const event = record as unknown as { complaintId: string | null };
    if (!event.complaintId) return true;
    const complaint = ctx.store.get('complaints', event.complaintId);
    return complaint !== undefined && isVisible(ctx, req, 'complaints', complaint);
  }
  if (resource !== 'complaints') return true;
  const complaint = record as unknown as {
    refundId: string;
    originalDecision: { reviewerId: string | null } | null;
  };
  const refund = ctx.store.get('refunds', complaint.refundId);
  return (
    complaint.originalDecision?.reviewerId === req.user.id ||
    refund?.assigneeId === req.user.id ||
    refund?.decision?.by === req.user.id
  );
}

function authenticate(ctx: ApiContext, header: string | undefined): AuthedUser {
  if (!header || !header.startsWith('Bearer ')) {
    throw new ApiError(401, 'Sign in first: this route needs an "Authorization: Bearer" token.');
  }
  const verdict = ctx.signer.verify(header.slice(7).trim(), Date.now());
  if (!verdict.ok) throw new ApiError(401, verdict.reason);
  const user = ctx.store.get('users', verdict.claims.sub);
  if (!user || !user.active) throw new ApiError(401, 'This account no longer exists. Please sign in again.');
  return { id: user.id, role: user.role, username: user.username };
}

const DUMMY_HASH = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  return new Promise((resolve) => setImmediate(() => resolve(verifyPassword(password, stored))));
}

const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  if (res.headersSent) return;
  if (error instanceof ApiError) return sendError(res as Response, error.status, error.message, error.extra);
  if (error instanceof BadRequest) return sendError(res as Response, 400, error.message);
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed')
    return sendError(res as Response, 400, 'The request body is not valid JSON.');
  if (type === 'entity.too.large')
    return sendError(res as Response, 413, 'The request body is larger than 100 KB.');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return sendError(res as Response, 415, 'Send the body as UTF-8 JSON.');
  }
  const status = (error as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return sendError(res as Response, status, 'The request could not be read.');
  }
  console.error(error);
  sendError(res as Response, 500, 'Internal error in the mock API.');
};

export interface RunningServer {
  port: number;
  close(): Promise<void>;
  ctx: ApiContext;
}

export async function startServer(
  options: ServerOptions & { port: number; host?: string },
): Promise<RunningServer> {
  const store = Store.open(options.dbFile);
  // a database from before notes were separate records: each old internalNote becomes a first note
  migrateLegacyNotes(store);
  const ctx: ApiContext = {
    store,
    signer: TokenSigner.fromFile(`${options.dbFile}.secret`),
    clock: new Clock(),
    throttle: new LoginThrottle(),
    refundIndex: new RefundIndex(store),
    eventIndex: new EventIndex(store),
  };
  // derived fields (policy flags, refundable amount) are recomputed after recovery
  refreshAllPolicyFlags(store, ctx.refundIndex);
  const app = createApp(ctx, options);
  const stopTimers = startTimers(ctx, options.sweepIntervalMs ?? 30_000);
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  // Node answers oversized headers or garbled requests before Express runs: keep those JSON too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      message: tooLarge ? 'The request line or headers are too large.' : 'The request could not be parsed.',
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    ctx,
    close: () =>
      new Promise<void>((resolve) => {
        stopTimers();
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function main() {
  const dbFile = process.env.DB_FILE ?? DEFAULT_DB_FILE;
  if (!fs.existsSync(dbFile)) {
    console.error(`No database at ${dbFile}. Run "npm run seed" first (npm start does it for you).`);
    process.exit(1);
  }
  const running = await startServer({
    dbFile,
    port: Number(process.env.API_PORT ?? 3001),
    host: process.env.API_HOST ?? '127.0.0.1',
    testRoutes: process.env.ENABLE_TEST_ROUTES === '1',
    sweepIntervalMs: process.env.SWEEP_INTERVAL_MS ? Number(process.env.SWEEP_INTERVAL_MS) : undefined,
  });
  console.log(`Refund Desk mock API on http://127.0.0.1:${running.port}/api (database ${dbFile})`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  void main();
}
