// Delivers the webhook outbox (outbox.ts): polls the rows that are due, posts each to its endpoint
// as signed JSON (src/domain/webhookDelivery.ts) with a timeout, and records the answer. A row is
// delivered on a 2xx; anything else (a status, a refused connection, a timeout) is retried with
// exponential backoff until the retry horizon (24 h) has passed, then marked failed.
// - In order per request and endpoint: a row is due only while no earlier row of its request and
//   endpoint is still pending (a failed one no longer holds the later ones back).
// - One dispatcher at a time over a database, whichever the engine and however many API processes:
//   a lease row (webhookLeases) taken with one conditional upsert and renewed every tick; a process
//   killed holding it loses it when it expires.
// - At least once: a row is marked delivered after its 2xx, so a crash between the two sends it
//   again; receivers de-duplicate by the event id. Nothing lives only in memory: `kill -9` loses nothing.
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  DEFAULT_BACKOFF,
  SIGNATURE_HEADER,
  afterFailure,
  signatureHeader,
  type BackoffPolicy,
} from '../../src/domain/webhookDelivery';
import type { Database } from '../db/schema';
import { withWebhooks, type WebhookDatabase } from './tables';

export interface DispatcherOptions {
  /** false: no dispatcher in this process (WEBHOOKS=0) */
  enabled: boolean;
  /** how often due rows are looked for (WEBHOOK_POLL_MS) */
  pollMs: number;
  /** a delivery's answer is awaited this long (WEBHOOK_TIMEOUT_MS) */
  timeoutMs: number;
  /** rows delivered per tick at most (WEBHOOK_BATCH) */
  batch: number;
  /** how long the lease lasts unless renewed (WEBHOOK_LEASE_MS) */
  leaseMs: number;
  /** WEBHOOK_BACKOFF_BASE_MS, WEBHOOK_BACKOFF_MAX_MS, WEBHOOK_RETRY_HORIZON_MS */
  backoff: BackoffPolicy;
}

export const DEFAULT_DISPATCHER: DispatcherOptions = {
  enabled: true,
  pollMs: 1_000,
  timeoutMs: 10_000,
  batch: 50,
  leaseMs: 30_000,
  backoff: DEFAULT_BACKOFF,
};

function positive(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The dispatcher's settings from WEBHOOK_* (and WEBHOOKS=0 to turn it off). */
export function dispatcherOptionsFromEnv(env: NodeJS.ProcessEnv): DispatcherOptions {
  const d = DEFAULT_DISPATCHER;
  return {
    enabled: env.WEBHOOKS !== '0',
    pollMs: positive(env.WEBHOOK_POLL_MS, d.pollMs),
    timeoutMs: positive(env.WEBHOOK_TIMEOUT_MS, d.timeoutMs),
    batch: positive(env.WEBHOOK_BATCH, d.batch),
    leaseMs: positive(env.WEBHOOK_LEASE_MS, d.leaseMs),
    backoff: {
      baseMs: positive(env.WEBHOOK_BACKOFF_BASE_MS, d.backoff.baseMs),
      maxDelayMs: positive(env.WEBHOOK_BACKOFF_MAX_MS, d.backoff.maxDelayMs),
      horizonMs: positive(env.WEBHOOK_RETRY_HORIZON_MS, d.backoff.horizonMs),
      jitter: d.backoff.jitter,
    },
  };
}

const LEASE = 'webhook-dispatcher';

interface DueRow {
  id: string;
  eventId: string;
  type: string;
  body: string;
  attempts: number;
  retryFromMs: number;
  url: string;
  secret: string;
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export interface Dispatcher {
  /** one round: takes the lease, delivers what is due; answers how many rows it tried */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

export function startDispatcher(
  database: Kysely<Database>,
  now: () => number,
  options: DispatcherOptions = DEFAULT_DISPATCHER,
): Dispatcher {
  const db = withWebhooks(database);
  const holder = `${process.pid}-${crypto.randomUUID()}`;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  const tick = (): Promise<number> => {
    running ??= round(db, holder, now, options).finally(() => (running = null));
    return running;
  };
  const loop = () => {
    if (stopped) return;
    tick().then(
      (tried) => schedule(tried > 0 ? 0 : options.pollMs),
      (error: unknown) => {
        if (!stopped) console.error('webhook dispatcher:', error);
        schedule(options.pollMs);
      },
    );
  };
  const schedule = (ms: number) => {
    if (!stopped) timer = setTimeout(loop, ms);
  };
  if (options.enabled) schedule(0);
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      await releaseLease(db, holder).catch(() => undefined);
    },
  };
}

async function round(
  db: Kysely<WebhookDatabase>,
  holder: string,
  now: () => number,
  options: DispatcherOptions,
): Promise<number> {
  const nowMs = now();
  // a read first: an idle desk (no endpoint, nothing due) never writes the lease
  const any = await db
    .selectFrom('webhookOutbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('nextAttemptMs', '<=', nowMs)
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  if (!(await takeLease(db, holder, options.leaseMs))) return 0;
  const rows = await dueRows(db, nowMs, options.batch);
  await Promise.all(rows.map((row) => deliver(db, row, now, options)));
  return rows.length;
}

/** The lease for `holder`: taken when free or expired, renewed when already held. */
async function takeLease(db: Kysely<WebhookDatabase>, holder: string, leaseMs: number): Promise<boolean> {
  const wall = Date.now();
  await db
    .insertInto('webhookLeases')
    .values({ name: LEASE, holder, untilMs: wall + leaseMs })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, untilMs: wall + leaseMs })
        .where((eb) =>
          eb.or([eb('webhookLeases.untilMs', '<', wall), eb('webhookLeases.holder', '=', holder)]),
        ),
    )
    .execute();
  const lease = await db
    .selectFrom('webhookLeases')
    .select('holder')
    .where('name', '=', LEASE)
    .executeTakeFirst();
  return lease?.holder === holder;
}

async function releaseLease(db: Kysely<WebhookDatabase>, holder: string): Promise<void> {
  await db.deleteFrom('webhookLeases').where('name', '=', LEASE).where('holder', '=', holder).execute();
}

/** The due rows of active endpoints that are the first still pending of their request and endpoint. */
async function dueRows(db: Kysely<WebhookDatabase>, nowMs: number, batch: number): Promise<DueRow[]> {
  return db
    .selectFrom('webhookOutbox as o')
    .innerJoin('webhookEndpoints as e', 'e.id', 'o.endpointId')
    .select(['o.id', 'o.eventId', 'o.type', 'o.body', 'o.attempts', 'o.retryFromMs', 'e.url', 'e.secret'])
    .where('o.status', '=', 'pending')
    .where('o.nextAttemptMs', '<=', nowMs)
    .where('e.active', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('webhookOutbox as earlier')
            .select(sql.lit(1).as('one'))
            .whereRef('earlier.endpointId', '=', 'o.endpointId')
            .whereRef('earlier.refundId', '=', 'o.refundId')
            .where('earlier.status', '=', 'pending')
            .whereRef('earlier.seq', '<', 'o.seq'),
        ),
      ),
    )
    .orderBy('o.seq')
    .limit(batch)
    .execute();
}

async function post(row: DueRow, timeoutMs: number): Promise<Outcome> {
  try {
    const res = await fetch(row.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'RefundDesk-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(row.secret, row.body, Date.now()),
        'Refund-Desk-Event-Id': row.eventId,
        'Refund-Desk-Event-Type': row.type,
      },
      body: row.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // the answer's body is not needed; read it so the connection is freed
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (error) {
    const name = (error as { name?: string }).name;
    const message =
      name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : String((error as Error).message ?? error);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, status: null, error: cause ? `${message} (${cause})` : message };
  }
}

async function deliver(
  db: Kysely<WebhookDatabase>,
  row: DueRow,
  now: () => number,
  options: DispatcherOptions,
): Promise<void> {
  const outcome = await post(row, options.timeoutMs);
  const atMs = now();
  const at = new Date(atMs).toISOString();
  const attempts = row.attempts + 1;
  const base = { attempts, lastAttemptAt: at, lastStatus: outcome.status };
  const update = db.updateTable('webhookOutbox').where('id', '=', row.id).where('status', '=', 'pending');
  if (outcome.ok) {
    await update.set({ ...base, status: 'delivered', deliveredAt: at, lastError: null }).execute();
    return;
  }
  const next = afterFailure(
    { attempts, createdMs: row.retryFromMs, nowMs: atMs, random01: Math.random() },
    options.backoff,
  );
  await update
    .set({
      ...base,
      lastError: outcome.error.slice(0, 500),
      ...(next.kind === 'retry' ? { nextAttemptMs: next.atMs } : { status: 'failed' as const }),
    })
    .execute();
}
