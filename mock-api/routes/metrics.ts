// GET /api/metrics: the dashboard's figures (src/domain/metrics.ts) over the whole store, and the
// refund list's `decided` filter (the click-through from a decision figure to its requests).
//
//   GET /api/metrics?from=2026-11-01&to=2026-12-01&granularity=day&tz=Asia/Shanghai
//       &reasonCategory=mistaken_purchase,other&paymentChannel=alipay&paymentChannel=wechat_pay
//       &submissionChannel=app&reviewerId=u1
//
// - from, to (required): a calendar date YYYY-MM-DD (local midnight in `tz`) or an ISO-8601
//   instant with a zone designator (2026-11-01T00:00:00Z, 2026-11-01T00:00:00+08:00); from < to,
//   at most 400 days apart. The period is [from, to).
// - granularity: day (default) or week (weeks start on Monday). tz: IANA zone, default UTC.
// - reasonCategory, paymentChannel, submissionChannel: list filters; repeat the parameter or
//   separate the values with commas (both work, and mix). reviewerId: one staff id.
// - Anything else is a 400. A reviewer always reads their own figures: reviewerId is forced to
//   them (asking for another reviewer is a 403).
import type { Express } from 'express';
import {
  GRANULARITIES,
  computeMetrics,
  type MetricsAnswer,
  isValidTimeZone,
  startOfLocalDay,
  type Granularity,
  type MetricsFilters,
} from '../../src/domain/metrics';
import { PAYMENT_CHANNELS, REASON_CATEGORIES, SUBMISSION_CHANNELS } from '../../src/domain/model';
import { DAY_MS } from '../../src/domain/sla';
import { ApiError, route } from '../http';
import type { ApiContext } from '../server';
import { requirePermission } from '../server';

export const MAX_METRICS_RANGE_DAYS = 400;

const LIST_PARAMS = {
  reasonCategory: REASON_CATEGORIES,
  paymentChannel: PAYMENT_CHANNELS,
  submissionChannel: SUBMISSION_CHANNELS,
} as const;
const SINGLE_PARAMS = ['from', 'to', 'granularity', 'tz', 'reviewerId'] as const;
const KNOWN_PARAMS = new Set<string>([...SINGLE_PARAMS, ...Object.keys(LIST_PARAMS)]);

const bad = (message: string) => new ApiError(400, message);

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(`Query parameter "${name}" must be given once, as text.`);
  return value.trim();
}

function list(query: Record<string, unknown>, name: keyof typeof LIST_PARAMS): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = Array.isArray(raw) ? raw : [raw];
  const allowed: readonly string[] = LIST_PARAMS[name];
  const values: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') throw bad(`Query parameter "${name}" must be text values.`);
    for (const v of part.split(',')) {
      const value = v.trim();
      if (!value) continue;
      if (!allowed.includes(value)) {
        throw bad(`Unknown ${name} "${value}"; use ${allowed.join(', ')}.`);
      }
      if (!values.includes(value)) values.push(value);
    }
  }
  return values;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function realCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A calendar date (local midnight in tz) or an ISO-8601 instant with its zone. */
export function parseMetricsInstant(name: string, value: string | undefined, tz: string): number {
  if (!value) throw bad(`Query parameter "${name}" is required (YYYY-MM-DD or an ISO-8601 date-time).`);
  const dateOnly = DATE_ONLY.exec(value);
  const dateTime = dateOnly ? null : DATE_TIME.exec(value);
  const match = dateOnly ?? dateTime;
  if (!match || !realCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw bad(
      `Query parameter "${name}" must be a date (YYYY-MM-DD) or an ISO-8601 date-time with a zone, e.g. 2026-11-01T00:00:00Z.`,
    );
  }
  const ms = dateOnly
    ? startOfLocalDay({ y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) }, tz)
    : Date.parse(value);
  if (Number.isNaN(ms)) throw bad(`Query parameter "${name}" is not a valid date.`);
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
      throw bad(`Unknown query parameter "${key}"; use ${[...KNOWN_PARAMS].join(', ')}.`);
    }
  }
  const tz = single(query, 'tz') || 'UTC';
  if (!isValidTimeZone(tz)) throw bad(`Unknown time zone "${tz}"; use an IANA name such as Asia/Shanghai.`);
  const granularity = (single(query, 'granularity') || 'day') as Granularity;
  if (!GRANULARITIES.includes(granularity)) {
    throw bad(`Query parameter "granularity" must be ${GRANULARITIES.join(' or ')}.`);
  }
  const fromMs = parseMetricsInstant('from', single(query, 'from'), tz);
  const toMs = parseMetricsInstant('to', single(query, 'to'), tz);
  if (fromMs >= toMs) throw bad('"from" must be before "to".');
  if (toMs - fromMs > MAX_METRICS_RANGE_DAYS * DAY_MS) {
    throw bad(`The period can be at most ${MAX_METRICS_RANGE_DAYS} days long.`);
  }
  const filters: MetricsFilters = {};
  for (const name of Object.keys(LIST_PARAMS) as (keyof typeof LIST_PARAMS)[]) {
    const values = list(query, name);
    if (values && values.length > 0) filters[name] = values;
  }
  const reviewerId = single(query, 'reviewerId');
  if (reviewerId !== undefined) {
    if (!reviewerId || reviewerId.length > 64) throw bad('Query parameter "reviewerId" must be a staff id.');
    filters.reviewerId = reviewerId;
  }
  return { fromMs, toMs, granularity, tz, filters };
}

/** How long an answer may be reused while the data has not changed. */
const ANSWER_TTL_MS = 10_000;

export function registerMetricsRoutes(app: Express, ctx: ApiContext) {
  const answers = new Map<string, { answer: MetricsAnswer; nowMs: number; changeCount: number }>();
  app.get(
    '/api/metrics',
    route((req, res) => {
      requirePermission(req, 'metrics', 'read');
      const query = parseMetricsQuery(req.query as Record<string, unknown>);
      if (req.user.role === 'reviewer') {
        if (query.filters.reviewerId && query.filters.reviewerId !== req.user.id) {
          throw new ApiError(403, 'A reviewer may read only their own metrics; leave out reviewerId.');
        }
        query.filters.reviewerId = req.user.id;
      }
      const nowMs = ctx.clock.now();
      const key = JSON.stringify(query);
      const cached = answers.get(key);
      // an identical question on unchanged data within a few seconds gets the same answer (asOf says when)
      if (cached && cached.changeCount === ctx.store.changeCount && nowMs - cached.nowMs < ANSWER_TTL_MS) {
        res.json(cached.answer);
        return;
      }
      const answer = computeMetrics({
        refunds: ctx.store.all('refunds'),
        events: ctx.eventIndex.metricsEvents(),
        decisionsFor: (refund) => ctx.eventIndex.decisionsFor(refund.id),
        complaints: ctx.store.all('complaints'),
        from: new Date(query.fromMs).toISOString(),
        to: new Date(query.toMs).toISOString(),
        granularity: query.granularity,
        tz: query.tz,
        filters: query.filters,
        nowMs,
      });
      answers.set(key, { answer, nowMs, changeCount: ctx.store.changeCount });
      if (answers.size > 50) answers.delete(answers.keys().next().value!);
      res.json(answer);
    }),
  );
}
