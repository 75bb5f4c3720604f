// GET /api/metrics: the dashboard's figures (src/domain/metrics.ts) over the whole store, and the
// refund list's `decided` filter (the click-through from a decision figure to its requests).
//
//   GET /api/metrics?from=2026-11-01&to=2026-12-01&granularity=day&tz=Asia/Shanghai
//       &reasonCategory=mistaken_purchase,other&paymentChannel=alipay&paymentChannel=wechat_pay
//       &submissionChannel=app&reviewerId=u1
//
// - from, to (required): a calendar date YYYY-MM-DD (local midnight in `tz`) or a canonical UTC
//   time (2026-11-01T00:00:00Z, milliseconds optional; no offsets); from < to, at most 400 days
//   apart. The period is [from, to).
// - granularity: day (default) or week (weeks start on Monday). tz: IANA zone, default UTC.
// - reasonCategory, paymentChannel, submissionChannel: list filters; repeat the parameter or
//   separate the values with commas (both work, and mix). reviewerId: one staff id.
// - Anything else is a 400. A reviewer always reads their own figures: reviewerId is forced to
//   them (asking for another reviewer is a 403, the rule of src/domain/permissions.ts).
// - Work is bounded by metricsScheduler.ts: one answer per normalised question (tz by its IANA
//   name, list values sorted), and a few questions in flight per user (429 beyond).
import type { Express } from 'express';
import { canonicalTimeZone, parseCanonicalUtc } from '../../src/domain/instant';
import {
  GRANULARITIES,
  type MetricsAnswer,
  startOfLocalDay,
  type Granularity,
  type MetricsFilters,
} from '../../src/domain/metrics';
import { PAYMENT_CHANNELS, REASON_CATEGORIES, SUBMISSION_CHANNELS } from '../../src/domain/model';
import { maySelectByStaff, ownFiguresOnly } from '../../src/domain/permissions';
import { DAY_MS } from '../../src/domain/sla';
import { refuse, route } from '../http';
import { badQuery as bad, timeProblem } from '../simpleRest';
import { requirePermission, type ApiContext } from '../appContext';
import { MAX_PENDING_PER_USER, MetricsScheduler } from '../metricsScheduler';
import { readableCondition } from '../visibility';
import { dataVersion } from '../metricsSource';
import { readExpectationAccuracy } from '../expectedDecisions';
import { readSlaSettings } from '../db/deskSettings';

export const MAX_METRICS_RANGE_DAYS = 400;

const LIST_PARAMS = {
  reasonCategory: REASON_CATEGORIES,
  paymentChannel: PAYMENT_CHANNELS,
  submissionChannel: SUBMISSION_CHANNELS,
} as const;
const SINGLE_PARAMS = ['from', 'to', 'granularity', 'tz', 'reviewerId'] as const;
const KNOWN_PARAMS = new Set<string>([...SINGLE_PARAMS, ...Object.keys(LIST_PARAMS)]);

function single(query: Record<string, unknown>, name: string, trim = true): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad('metrics_param_once', { name });
  return trim ? value.trim() : value;
}

function list(query: Record<string, unknown>, name: keyof typeof LIST_PARAMS): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = Array.isArray(raw) ? raw : [raw];
  const allowed: readonly string[] = LIST_PARAMS[name];
  const values: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') throw bad('metrics_param_values_text', { name });
    for (const v of part.split(',')) {
      const value = v.trim();
      if (!value) continue;
      if (!allowed.includes(value)) {
        throw bad('metrics_unknown_value', { name, value, choices: allowed });
      }
      if (!values.includes(value)) values.push(value);
    }
  }
  // in a fixed order, so the same filter spelt in another order is the same question
  return values.sort();
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function realCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A calendar date (local midnight in tz) or a canonical UTC time (src/domain/instant.ts). */
export function parseMetricsInstant(name: string, value: string | undefined, tz: string): number {
  if (!value) {
    throw bad('missing_period', { name });
  }
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly && realCalendarDate(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]))) {
    return startOfLocalDay({ y: Number(dateOnly[1]), m: Number(dateOnly[2]), d: Number(dateOnly[3]) }, tz);
  }
  const ms = dateOnly ? null : parseCanonicalUtc(value);
  if (ms === null) {
    throw bad('time_not_canonical_utc', { problem: timeProblem('metrics', { name }) });
  }
  return ms;
}

export interface MetricsQuery {
  fromMs: number;
  toMs: number;
  granularity: Granularity;
  tz: string;
  filters: MetricsFilters;
}

/** Validates the query string of GET /api/metrics (400 with a message for anything wrong). */
export function parseMetricsQuery(query: Record<string, unknown>): MetricsQuery {
  for (const key of Object.keys(query)) {
    if (!KNOWN_PARAMS.has(key)) {
      throw bad('metrics_param_unknown', { name: key, choices: [...KNOWN_PARAMS] });
    }
  }
  // one zone, one name ("PRC", "asia/shanghai" → "Asia/Shanghai"): the answer's key and its echo
  const asked = single(query, 'tz') || 'UTC';
  const tz = canonicalTimeZone(asked);
  if (tz === null) {
    throw bad('unknown_time_zone', { tz: asked });
  }
  const granularity = (single(query, 'granularity') || 'day') as Granularity;
  if (!GRANULARITIES.includes(granularity)) {
    // the catalogue names day and week: a new granularity needs its words there too
    throw bad('metrics_granularity');
  }
  const fromMs = parseMetricsInstant('from', single(query, 'from', false), tz);
  const toMs = parseMetricsInstant('to', single(query, 'to', false), tz);
  if (fromMs >= toMs) throw bad('metrics_period_order');
  if (toMs - fromMs > MAX_METRICS_RANGE_DAYS * DAY_MS) {
    throw bad('metrics_period_too_long', { days: MAX_METRICS_RANGE_DAYS });
  }
  const filters: MetricsFilters = {};
  for (const name of Object.keys(LIST_PARAMS) as (keyof typeof LIST_PARAMS)[]) {
    const values = list(query, name);
    if (values && values.length > 0) filters[name] = values;
  }
  const reviewerId = single(query, 'reviewerId');
  if (reviewerId !== undefined) {
    if (!reviewerId || reviewerId.length > 64) throw bad('metrics_reviewer_id');
    filters.reviewerId = reviewerId;
  }
  return { fromMs, toMs, granularity, tz, filters };
}

export function registerMetricsRoutes(app: Express, ctx: ApiContext, options: { testRoutes?: boolean } = {}) {
  const scheduler = new MetricsScheduler<MetricsAnswer>();
  app.get(
    '/api/metrics',
    route(async (req, res) => {
      requirePermission(req, 'metrics', 'read');
      const query = parseMetricsQuery(req.query as Record<string, unknown>);
      const viewer = { id: req.user.id, role: req.user.role };
      if (!maySelectByStaff(viewer, query.filters.reviewerId ?? null)) {
        throw refuse(403, 'other_staff_figures', { parameter: 'reviewerId' });
      }
      const own = ownFiguresOnly(viewer);
      if (own) query.filters.reviewerId = own;
      const nowMs = ctx.clock.now();
      const complaintsReadBy = readableCondition(viewer, 'complaints') ? viewer.id : null;
      // the segments (computed on the worker) read the desk's calendar: a new calendar is a new question
      const sla = await readSlaSettings(ctx.database.db);
      const answer = await scheduler.answer({
        userId: req.user.id,
        // whose complaints are counted is part of the question (a manager's reviewerId=u1 is not u1's)
        key: JSON.stringify({ ...query, complaintsReadBy, slaVersion: sla.version }),
        changeCount: await dataVersion(ctx.database.db),
        nowMs,
        // on a worker thread with its own read connection (metricsWorker.ts): the event loop stays free
        compute: async () => ({
          ...(await ctx.metricsWorkers.compute({ ...query, nowMs, viewer })),
          // the requests told an expectation, from their own partial index (migration 020)
          expectationAccuracy: await readExpectationAccuracy(
            ctx.database.db,
            query.fromMs,
            query.toMs,
            query.filters,
          ),
        }),
      });
      if (answer === null) {
        res.setHeader('Retry-After', '1');
        throw refuse(429, 'metrics_busy', { max: MAX_PENDING_PER_USER });
      }
      res.json(answer);
    }),
  );
  if (options.testRoutes) {
    // how much work the metrics did, for the tests of its bounds (test routes only)
    app.get(
      '/api/test/metrics-stats',
      route((_req, res) => {
        res.json(scheduler.stats);
      }),
    );
  }
}
