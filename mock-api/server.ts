// The mock API: json-server 0.17 (used as a module) provides the Express app and its middlewares;
// the database (db/: SQLite or PostgreSQL through Kysely), the simple-rest list translated to SQL
// and the workflow routes do the rest. Start: `npm run api`.
import crypto from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type Response } from 'express';
import jsonServer from 'json-server';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { StaffUser } from '../src/domain/model';
import type { Resource } from '../src/domain/permissions';
import { refusal } from '../src/domain/refusal';
import { SignInThrottle } from '../src/domain/signInThrottle';
import { publicUser, tokenRefusalCode } from './auth';
import { requirePermission, type ApiContext } from './appContext';
import { Clock } from './clock';
import { connect, targetFromEnv, type DatabaseHandle, type DatabaseTarget } from './db/connect';
import { assertDatabaseUsable, backgroundCheckNeeded, startBackgroundIntegrityCheck } from './db/health';
import { migrateToLatest } from './db/migrate';
import { startWalCheckpointer } from './db/walCheckpoints';
import type { ResourceTable } from './db/schema';
import { SqlDesk } from './db/sqlDesk';
import { ListReaders } from './listReaders';
import { MetricsWorkers } from './metricsWorker';
import { PolicySimulationWorkers } from './policySimulationWorker';
import { collectGarbageWhenIdle } from './idleMemory';
import {
  ApiError,
  type AuthedRequest,
  type AuthedUser,
  idParam,
  refuse,
  route,
  sendError,
  sendRefusal,
} from './http';
import { PasswordChecks } from './passwordChecks';
import { oneRequestPerTurn } from './requestTurns';
import { isJsonMediaType, originPolicy, parseAllowedOrigins, requireJsonBody } from './requestPolicy';
import { READ_RESOURCES, resourcePath } from './resources';
import { registerComplaintRoutes } from './routes/complaints';
import { registerLiveRoutes } from './routes/live';
import { registerNotificationRoutes } from './routes/notifications';
import { registerMetricsRoutes } from './routes/metrics';
import { registerRefundRoutes } from './routes/refunds';
import { registerSignInRoute } from './routes/signIn';
import { registerUserRoutes } from './routes/users';
import { registerPlatformRoutes } from './routes/platform';
import { registerPlatformClientRoutes } from './routes/platformClients';
import { looksLikePlatformKey } from './platformClients';
import { DATA_DIR, PROJECT_ROOT } from './projectRoot';
import { filesOutsideApi, privateFileGuard } from './servedFiles';
import { contentRange, parseListQuery } from './simpleRest';
import { startTimers, sweepAll } from './timers';
import { openTokenSigner } from './tokenSecret';
import { isReadable } from './visibility';
import { dispatcherOptionsFromEnv, startDispatcher, type DispatcherOptions } from './webhooks/dispatcher';
import { registerSettingsRoutes } from './routes/settings';
import { registerPolicyRoutes } from './routes/policies';
import { registerWebhookRoutes } from './webhooks/routes';

export interface ServerOptions {
  /** SQLite file or PostgreSQL database (targetFromEnv: DB_FILE / DATABASE_URL) */
  database: DatabaseTarget;
  /** enables /api/test/* routes (clock control) for the test suites; never on in `npm start` */
  testRoutes?: boolean;
  /** how often the mock API runs its own timers (information timeout, payout) */
  sweepIntervalMs?: number;
  /**
   * Express's `trust proxy` (e.g. 1 = one proxy in front): only then is X-Forwarded-For taken
   * as the client's address for the sign-in throttle. Off by default: anyone can send that header.
   */
  trustProxy?: boolean | number | string;
  /** browser origins other than its own that may call the API (env CORS_ORIGINS); none by default */
  corsOrigins?: readonly string[];
  /** where the token-signing secret is kept (env TOKEN_SECRET_FILE); see tokenSecret.ts */
  tokenSecretFile?: string;
  /** from which SQLite file size lists are read on worker threads (listReaders.ts; 0: always) */
  listWorkersFromBytes?: number;
  /** the webhook dispatcher's settings (webhooks/dispatcher.ts); from WEBHOOK_* when not given */
  webhooks?: DispatcherOptions;
}

export { DEFAULT_DB_FILE } from './db/connect';

const DIST_DIR = path.join(PROJECT_ROOT, 'dist');

function serialize(resource: string, record: { id: string }): unknown {
  return resource === 'users' ? publicUser(record as StaffUser) : record;
}

export function createApp(
  ctx: ApiContext,
  options: Pick<ServerOptions, 'testRoutes' | 'trustProxy' | 'corsOrigins'> = {},
): Express {
  const app = jsonServer.create();
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('json spaces', 0);
  app.disable('x-powered-by');
  // the built app from dist/, and nothing private or outside it (servedFiles.ts)
  app.use(privateFileGuard(DIST_DIR, { dotfiles: false }));
  app.use(
    filesOutsideApi(
      jsonServer.defaults({ logger: process.env.API_LOG === '1', noCors: true, static: DIST_DIR }),
    ),
  );
  app.use('/api', originPolicy(options.corsOrigins ?? []));
  app.use('/api', requireJsonBody);
  app.use(
    '/api',
    express.json({
      limit: '100kb',
      strict: true,
      type: (req) => isJsonMediaType(req.headers['content-type']),
    }),
  );

  // each request's work in a turn of the event loop of its own (requestTurns.ts)
  app.use('/api', oneRequestPerTurn());

  app.get(
    '/api/health',
    route((_req, res) => {
      res.json({ ok: true, now: ctx.clock.nowIso() });
    }),
  );

  registerSignInRoute(app, ctx);
  // /api/platform/*: platform keys only, never a staff token (routes/platform.ts)
  registerPlatformRoutes(app, ctx);

  // Every other /api route needs a valid token of an existing, active user.
  app.use('/api', (req, _res, next) => {
    try {
      authenticate(ctx, req.headers.authorization).then((user) => {
        (req as AuthedRequest).user = user;
        next();
      }, next);
    } catch (error) {
      next(error);
    }
  });

  app.get(
    '/api/auth/me',
    route(async (req, res) => {
      const user = await ctx.desk.get('users', req.user.id);
      if (!user) throw refuse(401, 'account_gone');
      res.json(publicUser(user));
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
          heapTotalBytes: memory.heapTotal,
          externalBytes: memory.external,
          arrayBuffersBytes: memory.arrayBuffers,
          metricsWorkerAlive: ctx.metricsWorkers.worker !== null,
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
      route(async (req, res) => {
        const ms = (req.body as { ms?: unknown })?.ms;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw refuse(422, 'test_clock_ms');
        ctx.clock.advance(ms);
        // run the timed rules at once so a test sees their effect without waiting for the interval
        const moved = await sweepAll(ctx.desk, ctx.clock.nowIso(), { db: ctx.database.db });
        res.json({ now: ctx.clock.nowIso(), moved });
      }),
    );
  }

  registerRefundRoutes(app, ctx);
  registerComplaintRoutes(app, ctx);
  registerMetricsRoutes(app, ctx, options);
  registerUserRoutes(app, ctx);
  registerPlatformClientRoutes(app, ctx);
  registerLiveRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerPolicyRoutes(app, ctx);

  for (const [name, spec] of Object.entries(READ_RESOURCES)) {
    const table = name as ResourceTable;
    // the URL and permission name: the table's, or its kebab-case ("coinMovements" → "coin-movements")
    const resource = resourcePath(name);
    app.get(
      `/api/${resource}`,
      route(async (req, res) => {
        requirePermission(req, resource as Resource, 'list');
        const result = await ctx.listReaders.read({
          resource: table,
          query: parseListQuery(spec, req.query as Record<string, unknown>),
          nowMs: ctx.clock.now(),
          viewer: req.user,
        });
        res.setHeader('Content-Range', contentRange(resource, result));
        res.setHeader('X-Total-Count', String(result.total));
        res.json(result.rows.map((r) => serialize(resource, r)));
      }),
    );
    app.get(
      `/api/${resource}/:id`,
      route(async (req, res) => {
        requirePermission(req, resource as Resource, 'show');
        const id = idParam(req);
        const record = await ctx.desk.get(table, id);
        if (!record || !(await isReadable(ctx.desk, req.user, resource, record))) {
          throw refuse(404, 'record_not_found', { resource, id });
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
          throw refuse(405, 'method_not_allowed', { method: req.method, resource });
        }),
      );
    }
  }

  app.use('/api', (_req, res) => sendRefusal(res, 404, 'no_such_route'));
  app.use(errorHandler);
  return app;
}

async function authenticate(ctx: ApiContext, header: string | undefined): Promise<AuthedUser> {
  if (!header || !header.startsWith('Bearer ')) {
    throw refuse(401, 'sign_in_required');
  }
  if (looksLikePlatformKey(header.slice(7).trim())) throw refuse(401, 'platform_key_not_staff');
  const verdict = ctx.signer.verify(header.slice(7).trim(), Date.now());
  if (!verdict.ok) throw refuse(401, tokenRefusalCode(verdict));
  const user = await ctx.desk.get('users', verdict.claims.sub);
  if (!user || !user.active) throw refuse(401, 'account_gone');
  return { id: user.id, role: user.role, username: user.username };
}

const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  if (res.headersSent) return;
  if (error instanceof ApiError) return sendError(res as Response, error.status, error.message, error.extra);
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') return sendRefusal(res as Response, 400, 'body_not_json');
  if (type === 'entity.too.large') return sendRefusal(res as Response, 413, 'body_too_large');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return sendRefusal(res as Response, 415, 'body_not_utf8');
  }
  const status = (error as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return sendRefusal(res as Response, status, 'request_unreadable');
  }
  console.error(error);
  sendRefusal(res as Response, 500, 'internal_error');
};

export interface RunningServer {
  port: number;
  /** where this server's token-signing secret is kept */
  secretFile: string;
  close(): Promise<void>;
  ctx: ApiContext;
}

export async function startServer(
  options: ServerOptions & { port: number; host?: string },
): Promise<RunningServer> {
  const { signer, secretFile } = openTokenSigner(secretKeyPath(options.database), {
    secretFile: options.tokenSecretFile,
  });
  const database = await openDatabase(options.database);
  // the log's checkpoints off the event loop (walCheckpoints.ts)
  const checkpoints =
    options.database.engine === 'sqlite' && options.database.file !== ':memory:' && database.sqlite
      ? startWalCheckpointer(options.database.file, database.sqlite)
      : null;
  // a file too large to check page by page before listening is checked meanwhile (health.ts)
  const integrity = backgroundCheckNeeded(options.database)
    ? startBackgroundIntegrityCheck(options.database)
    : null;
  const metricsWorkers = new MetricsWorkers(options.database);
  const policySimulations = new PolicySimulationWorkers(options.database);
  const listReaders = new ListReaders(options.database, database.db, {
    fromBytes: options.listWorkersFromBytes,
  });
  const ctx: ApiContext = {
    desk: new SqlDesk(database.db, database.ids),
    database,
    metricsWorkers,
    policySimulations,
    listReaders,
    signer,
    clock: new Clock(),
    throttle: new SignInThrottle(),
    passwordChecks: new PasswordChecks(),
  };
  const app = createApp(ctx, options);
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  }).catch(async (error: unknown) => {
    // nothing was written: a failed start leaves the database as the running process has it
    await checkpoints?.stop();
    await Promise.all([
      database.close(),
      metricsWorkers.close(),
      policySimulations.close(),
      listReaders.close(),
      integrity?.stop(),
    ]);
    throw error;
  });
  // the timers' first sweep reads every waiting request: once listening, not before the first answer
  const timersStopped = startTimers(ctx, options.sweepIntervalMs ?? 30_000);
  const dispatcher = startDispatcher(
    database.db,
    () => ctx.clock.now(),
    options.webhooks ?? dispatcherOptionsFromEnv(process.env),
  );
  const stopTimers = () => Promise.all([timersStopped(), dispatcher.stop()]).then(() => undefined);
  server.keepAliveTimeout = 5_000;
  // the garbage of a burst of requests is collected once the API goes quiet (idleMemory.ts)
  const idleCollector = collectGarbageWhenIdle();
  server.on('request', idleCollector.busy);
  // Node answers oversized headers or garbled requests before Express runs: keep those JSON too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    // its headers were never read, so no Accept-Language: English, with the code a client translates
    const code = tooLarge ? 'headers_too_large' : 'request_unparseable';
    const body = JSON.stringify({ message: refusal(tooLarge ? 431 : 400, code).message, code });
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
    secretFile,
    ctx,
    close: () =>
      new Promise<void>((resolve) => {
        const timersStopped = stopTimers();
        idleCollector.stop();
        server.close(() => {
          void timersStopped
            .then(() => checkpoints?.stop())
            .then(() =>
              Promise.all([
                database.close(),
                metricsWorkers.close(),
                policySimulations.close(),
                listReaders.close(),
                integrity?.stop(),
              ]),
            )
            .then(
              () => resolve(),
              () => resolve(),
            );
        });
        server.closeAllConnections();
      }),
  };
}

/** TRUST_PROXY: unset or "0" off, a number of proxy hops, or Express's list of trusted addresses. */
function trustProxySetting(value: string | undefined): ServerOptions['trustProxy'] {
  if (!value || value === '0' || value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * Opens the database and brings its schema up to date (migrations are applied once, under a lock).
 * A damaged or foreign database is refused before anything is written to it (health.ts).
 */
async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  await assertDatabaseUsable(target);
  const database = connect(target);
  try {
    await migrateToLatest(database.db);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The path the token secret's default place is derived from (tokenSecret.ts). */
function secretKeyPath(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return target.file;
  // one secret per PostgreSQL database, in the per-user state folder (never in the project)
  const where = new URL(target.url);
  const key = crypto.createHash('sha256').update(`${where.host}${where.pathname}`).digest('hex').slice(0, 12);
  return path.join(DATA_DIR, `postgres-${key}`);
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return `SQLite ${target.file}`;
  const where = new URL(target.url);
  return `PostgreSQL ${where.host || where.searchParams.get('host') || 'localhost'}${where.pathname}`;
}

async function main() {
  const database = targetFromEnv();
  if (database.engine === 'sqlite' && !fs.existsSync(database.file)) {
    console.error(`No database at ${database.file}. Run "npm run seed" first (npm start does it for you).`);
    process.exit(1);
  }
  const running = await startServer({
    database,
    port: Number(process.env.API_PORT ?? 3001),
    host: process.env.API_HOST ?? '127.0.0.1',
    testRoutes: process.env.ENABLE_TEST_ROUTES === '1',
    sweepIntervalMs: process.env.SWEEP_INTERVAL_MS ? Number(process.env.SWEEP_INTERVAL_MS) : undefined,
    trustProxy: trustProxySetting(process.env.TRUST_PROXY),
    corsOrigins: parseAllowedOrigins(process.env.CORS_ORIGINS),
    listWorkersFromBytes: process.env.LIST_WORKERS_FROM_BYTES
      ? Number(process.env.LIST_WORKERS_FROM_BYTES)
      : undefined,
  });
  console.log(`Refund Desk mock API on http://127.0.0.1:${running.port}/api (${describeTarget(database)})`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    // a refused database (health.ts) or a port in use: say so and stop, having written nothing
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
