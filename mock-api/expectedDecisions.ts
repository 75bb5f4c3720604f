// The expected decision time of stored requests (src/domain/expectedDecision.ts), read in SQL: the
// queue ahead of each request is counted in the database (one scan of the open-requests index up to
// the latest due time asked about, never the whole queue per request), the desk's pace is one count
// of the week's decisions. Used by GET /api/refunds/expected-decisions (the queue and the request
// page), by intake (the expectation told to the customer) and by the metrics' accuracy card.
import { sql, type Kysely } from 'kysely';
import {
  AWAITING_DECISION_STATUSES,
  awaitsDecision,
  decisionsPerWorkingHour,
  expectationAccuracy,
  expectedDecisionBy,
  paceWindowStartMs,
  type ExpectedDecision,
} from '../src/domain/expectedDecision';
import type { ExpectationAccuracy, MetricsFilters } from '../src/domain/metrics';
import type { IsoDateTime, RefundStatus } from '../src/domain/model';
import { toIso } from '../src/domain/sla';
import type { SlaSettings } from '../src/domain/slaSettings';
import { whereDecidedByStaff } from './db/metricsFilters';
import type { Database } from './db/schema';

/** The desk's decisions per working hour over the pace window before `nowMs`. */
export async function recentPace(
  db: Kysely<Database>,
  settings: SlaSettings,
  nowMs: number,
): Promise<number> {
  const since = paceWindowStartMs(nowMs);
  const row = await db
    .selectFrom('refundDecisions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('atMs', '>=', since)
    .where('atMs', '<', nowMs)
    .executeTakeFirst();
  return decisionsPerWorkingHour(Number(row?.n ?? 0), settings, since, nowMs);
}

/**
 * The count behind requestsAheadOf: one read of the (status, slaDueAt) index up to the latest due
 * time, each due time counted as a column (`d0`, `d1`, … in sorted order).
 */
export function aheadQuery(
  db: Kysely<Database>,
  sortedDueTimes: readonly IsoDateTime[],
  latest: IsoDateTime,
) {
  return db
    .selectFrom('refunds')
    .select(
      sortedDueTimes.map((due, i) =>
        sql<number | string>`count(case when "slaDueAt" < ${due} then 1 end)`.as(`d${i}`),
      ),
    )
    .where('status', 'in', [...AWAITING_DECISION_STATUSES])
    .where('slaDueAt', '<', latest);
}

/**
 * For each due time, how many requests awaiting a decision are due strictly before it (claim-next
 * takes those first), in one query.
 */
export async function requestsAheadOf(
  db: Kysely<Database>,
  dueTimes: readonly IsoDateTime[],
): Promise<Map<IsoDateTime, number>> {
  const distinct = [...new Set(dueTimes)].sort();
  const latest = distinct.at(-1);
  if (latest === undefined) return new Map();
  const row = (await aheadQuery(db, distinct, latest).executeTakeFirst()) as
    Record<string, number | string> | undefined;
  return new Map(distinct.map((due, i) => [due, Number(row?.[`d${i}`] ?? 0)]));
}

/** The expected decision of each request (awaiting_info and decided ones have none). */
export async function expectedDecisionsOf(
  db: Kysely<Database>,
  settings: SlaSettings,
  requests: readonly { id: string; status: string; slaDueAt: IsoDateTime }[],
  nowMs: number,
): Promise<{ decisionsPerWorkingHour: number; expectations: ExpectedDecision[] }> {
  const waiting = requests.filter((r) => awaitsDecision(r.status as RefundStatus));
  const [pace, ahead] = await Promise.all([
    recentPace(db, settings, nowMs),
    requestsAheadOf(
      db,
      waiting.map((r) => r.slaDueAt),
    ),
  ]);
  const nowIso = toIso(nowMs);
  return {
    decisionsPerWorkingHour: pace,
    expectations: requests.map((r) => {
      const position = awaitsDecision(r.status as RefundStatus) ? (ahead.get(r.slaDueAt) ?? 0) : null;
      return {
        id: r.id,
        positionAhead: position,
        expectedDecisionBy: position === null ? null : expectedDecisionBy(position, pace, settings, nowIso),
      };
    }),
  };
}

/**
 * How often the expectation told at submission held, over the requests decided in [fromMs, toMs)
 * by staff (the 7-day timeout is no decision) whose clock never restarted: after a request for
 * information the customer's own wait is in it, and the public view stops showing that expectation.
 */
/** The rows behind readExpectationAccuracy, read from migration 020's partial index. */
export function accuracyQuery(db: Kysely<Database>, fromMs: number, toMs: number, filters: MetricsFilters) {
  const query = db
    .selectFrom('refunds')
    .select(['expectedDecisionGiven', 'decidedAt'])
    .where('expectedDecisionGiven', 'is not', null)
    .where('decidedAt', '>=', toIso(fromMs))
    .where('decidedAt', '<', toIso(toMs))
    .whereRef('slaStartAt', '=', 'submittedAt');
  return whereDecidedByStaff(query, filters);
}

export async function readExpectationAccuracy(
  db: Kysely<Database>,
  fromMs: number,
  toMs: number,
  filters: MetricsFilters,
): Promise<ExpectationAccuracy> {
  const rows = await accuracyQuery(db, fromMs, toMs, filters).execute();
  return expectationAccuracy(
    rows.map((r) => ({
      expectedDecisionBy: r.expectedDecisionGiven as string,
      decidedAt: r.decidedAt as string,
    })),
  );
}
