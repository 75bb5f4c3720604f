// When the desk can be expected to decide a request: the requests ahead of it in claim-next's order
// (more urgent by due time, still waiting on the desk) and the request itself, worked off at the
// desk's recent pace, counted in the admin's working hours. Pure: the API counts the queue and the
// recent decisions in SQL and calls these; the UI, the customer's view and the metrics read the
// same rule. Also how often the expectation given to the customer held (the dashboard's card).
import type { IsoDateTime, RefundStatus } from './model';
import type { ExpectationAccuracy } from './metricsModel';
import { percentilesNearestRank, ratio } from './metricsPercentiles';
import { DAY_MS, HOUR_MS, toIso, toMs } from './sla';
import type { SlaSettings } from './slaSettings';
import { addWorkingTime, calendarOf, workingMsBetween } from './workingCalendar';

/**
 * The statuses in which the desk owes a decision: the queue ahead of a request is counted over
 * these. awaiting_info waits on the customer, so it is neither ahead of anyone nor given a time.
 */
export const AWAITING_DECISION_STATUSES: readonly RefundStatus[] = [
  'pending',
  'in_review',
  'awaiting_second_approval',
];

export function awaitsDecision(status: RefundStatus): boolean {
  return AWAITING_DECISION_STATUSES.includes(status);
}

/**
 * The pace is measured over the last 7 days of wall-clock time, divided by the working hours in
 * them: a week holds every weekday and shift once, so a quiet night or a holiday does not swing it,
 * and it still follows a change of staffing within days.
 */
export const PACE_WINDOW_MS = 7 * DAY_MS;

/**
 * The pace is never taken below one decision per working hour: a desk that decided nothing all
 * week (a fresh install, a long holiday) would otherwise promise "never". One an hour is what a
 * single reviewer does on a slow shift.
 */
export const MIN_DECISIONS_PER_WORKING_HOUR = 1;

/** Where the pace window starts for a computation at `nowMs`. */
export const paceWindowStartMs = (nowMs: number): number => nowMs - PACE_WINDOW_MS;

/**
 * The desk's recent pace: `decisions` taken in [windowStartMs, nowMs), per working hour of the
 * calendar in that window, no lower than MIN_DECISIONS_PER_WORKING_HOUR.
 */
export function decisionsPerWorkingHour(
  decisions: number,
  settings: SlaSettings,
  windowStartMs: number,
  nowMs: number,
): number {
  const workingHours = workingMsBetween(calendarOf(settings), windowStartMs, nowMs) / HOUR_MS;
  if (!(workingHours > 0) || !(decisions > 0)) return MIN_DECISIONS_PER_WORKING_HOUR;
  return Math.max(MIN_DECISIONS_PER_WORKING_HOUR, decisions / workingHours);
}

/**
 * When a request with `positionAhead` requests ahead of it can expect its decision: those and
 * itself, at `perWorkingHour` decisions an hour, counted in working time from now. Always after
 * now, later the further back in the queue, and never in closed hours (at most at a shift's end).
 */
export function expectedDecisionBy(
  positionAhead: number,
  perWorkingHour: number,
  settings: SlaSettings,
  nowIso: IsoDateTime,
): IsoDateTime {
  const ahead = Number.isFinite(positionAhead) ? Math.max(0, Math.floor(positionAhead)) : 0;
  const pace = Number.isFinite(perWorkingHour)
    ? Math.max(MIN_DECISIONS_PER_WORKING_HOUR, perWorkingHour)
    : MIN_DECISIONS_PER_WORKING_HOUR;
  const workMs = Math.ceil(((ahead + 1) / pace) * HOUR_MS);
  return toIso(addWorkingTime(calendarOf(settings), toMs(nowIso), workMs));
}

/** A request's expected decision as GET /api/refunds/expected-decisions answers it. */
export interface ExpectedDecision {
  id: string;
  /** requests ahead of it in claim-next's order; null when the desk owes no decision */
  positionAhead: number | null;
  expectedDecisionBy: IsoDateTime | null;
}

export interface ExpectedDecisions {
  computedAt: IsoDateTime;
  /** the pace the times were computed at */
  decisionsPerWorkingHour: number;
  data: ExpectedDecision[];
}

/** One expectation given to a customer and when the decision came. */
export interface GivenExpectation {
  expectedDecisionBy: IsoDateTime;
  decidedAt: IsoDateTime;
}

const roundTo = (value: number | null, places: number): number | null =>
  value === null ? null : Math.round(value * 10 ** places) / 10 ** places;

/** How often the expectation held, and by how much the missed ones missed it. */
export function expectationAccuracy(given: readonly GivenExpectation[]): ExpectationAccuracy {
  const misses: number[] = [];
  for (const g of given) {
    const lateMs = toMs(g.decidedAt) - toMs(g.expectedDecisionBy);
    if (lateMs > 0) misses.push(lateMs / HOUR_MS);
  }
  const [p50, p90] = percentilesNearestRank(misses, [50, 90]);
  const held = given.length - misses.length;
  return {
    n: given.length,
    held,
    heldShare: roundTo(ratio(held, given.length), 4),
    missHours: { p50: roundTo(p50, 2), p90: roundTo(p90, 2), n: misses.length },
  };
}
