// The metrics' review-time segments and week heat map (src/domain/reviewSegments.ts), read in SQL:
// submissions are counted per 15-minute UTC slot by the database (every time zone's local hours
// are whole slots), the decided requests' waits are read from migration 022's covering index (and
// their ends are the heat map's decisions); the local hours, peak ranking and percentiles are the
// domain's.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { MetricsFilters } from '../src/domain/metrics';
import {
  countsByLocalHour,
  latencyBySegment,
  peakHours,
  weekHeatMap,
  type LatencyBySegment,
  type WeekHourCell,
} from '../src/domain/reviewSegments';
import { DAY_MS, toIso } from '../src/domain/sla';
import { calendarOf, type SlaSettings } from '../src/domain/slaSettings';
import { whereDecidedByStaff, whereListFilters } from './db/metricsFilters';
import type { Database } from './db/schema';

export interface ReviewSegments {
  latencyHoursBySegment: LatencyBySegment;
  heatMap: { tz: string; cells: WeekHourCell[] };
}

/** Peak hours are ranked over the period and before it, back to its oldest wait, at most this far. */
const PEAK_LOOKBACK_MS = 90 * DAY_MS;

const QUARTER_MS = 15 * 60_000;

type Refunds = SelectQueryBuilder<Database, 'refunds', object>;

/** Rows per 15-minute slot of `column` in [fromMs, toMs), as [slot start, count]. */
async function countsPerSlot(query: Refunds, column: 'submittedAt', fromMs: number, toMs: number) {
  // canonical ISO text: "2026-12-07T09:45:00.000Z" → hour "2026-12-07T09", quarter 3
  const hour = sql<string>`substr(${sql.ref(column)}, 1, 13)`;
  const quarter = sql<number>`cast(substr(${sql.ref(column)}, 15, 2) as integer) / 15`;
  const rows = await query
    .select([hour.as('hour'), quarter.as('quarter'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .where(column, '>=', toIso(fromMs))
    .where(column, '<', toIso(toMs))
    .groupBy([hour, quarter])
    .execute();
  return rows.map(
    (r) => [Date.parse(`${r.hour}:00:00.000Z`) + Number(r.quarter) * QUARTER_MS, Number(r.n)] as const,
  );
}

export async function readReviewSegments(
  db: Kysely<Database>,
  settings: SlaSettings,
  question: { fromMs: number; toMs: number; tz: string; filters: MetricsFilters },
): Promise<ReviewSegments> {
  const { fromMs, toMs, tz, filters } = question;
  const waits = (
    await whereDecidedByStaff(db.selectFrom('refunds'), filters)
      .select(['slaStartAt', 'decidedAt', 'tipping'])
      .where('decidedAt', '>=', toIso(fromMs))
      .where('decidedAt', '<', toIso(toMs))
      .execute()
  ).map((r) => ({
    startMs: Date.parse(r.slaStartAt),
    decidedMs: Date.parse(r.decidedAt as string),
    tipping: r.tipping === true || r.tipping === 1,
  }));
  const oldestStart = waits.reduce((min, w) => Math.min(min, w.startMs), fromMs);
  const peakFrom = Math.max(oldestStart, fromMs - PEAK_LOOKBACK_MS);
  const calendar = calendarOf(settings);
  // the desk's busiest hours are the whole desk's: the filters do not change what "peak" is
  const deskSubmissions = await countsPerSlot(db.selectFrom('refunds'), 'submittedAt', peakFrom, toMs);
  const peak = peakHours(calendar, countsByLocalHour(calendar.timeZone, deskSubmissions), peakFrom, toMs);
  // the dashboard asks from local midnight to local midnight (slot edges): its slots are the desk's
  const onSlotEdges = fromMs % QUARTER_MS === 0 && toMs % QUARTER_MS === 0;
  const listFilter = Boolean(filters.reasonCategory || filters.paymentChannel || filters.submissionChannel);
  const submissions =
    onSlotEdges && !listFilter
      ? deskSubmissions.filter(([slot]) => slot >= fromMs)
      : await countsPerSlot(whereListFilters(db.selectFrom('refunds'), filters), 'submittedAt', fromMs, toMs);
  // the decisions of the heat map are the waits' ends: the same rows, no second query
  const decisions = waits.map((w) => [w.decidedMs, 1] as const);
  return {
    latencyHoursBySegment: latencyBySegment(calendar, waits, peak),
    heatMap: { tz, cells: weekHeatMap(tz, submissions, decisions) },
  };
}
