// The metrics' review-time segments and week heat map (src/domain/reviewSegments.ts), read from
// the database: the decided requests' waits (migration 022's covering index; their ends are the
// heat map's decisions) and the submissions, each as one packed text of stored instants rather than
// a row per request, counted per 15-minute UTC slot here (every time zone's local hours are whole
// slots); the local hours, peak ranking and percentiles are the domain's.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { SLOT_MS } from '../src/domain/metricsSlots';
import type { MetricsFilters } from '../src/domain/metrics';
import {
  countsByLocalHour,
  latencyBySegment,
  peakHours,
  weekHeatMap,
  type DecidedWait,
  type LatencyBySegment,
  type WeekHourCell,
} from '../src/domain/reviewSegments';
import { STORED_INSTANT_LENGTH, storedInstantMsAt } from '../src/domain/instant';
import { DAY_MS, toIso } from '../src/domain/sla';
import { calendarOf, type SlaSettings } from '../src/domain/slaSettings';
import { engineOf, type Engine } from './db/engine';
import { whereDecidedByStaff, whereListFilters } from './db/metricsFilters';
import type { Database } from './db/schema';

export interface ReviewSegments {
  latencyHoursBySegment: LatencyBySegment;
  heatMap: { tz: string; cells: WeekHourCell[] };
}

/** Peak hours are ranked over the period and before it, back to its oldest wait, at most this far. */
const PEAK_LOOKBACK_MS = 90 * DAY_MS;

/** The length of one waitText. */
const WAIT_TEXT_LENGTH = 2 * STORED_INSTANT_LENGTH + 1;

/**
 * Every matching row's `text` joined into one value (in no order). A 90-day period holds most of
 * the desk's requests, and one value crosses from the database far faster than a row per request.
 */
function packedTextSql(engine: Engine, text: RawBuilder<unknown>) {
  return engine === 'sqlite'
    ? sql<string | null>`group_concat(${text}, '')`
    : sql<string | null>`string_agg(${text}, '')`;
}

/** A wait as packed text: clock start, decision, and "1" when tipping, else "0". */
const waitText = (engine: Engine) =>
  engine === 'sqlite'
    ? sql`"slaStartAt" || "decidedAt" || "tipping"`
    : sql`"slaStartAt" || "decidedAt" || case when "tipping" then '1' else '0' end`;

type Refunds = SelectQueryBuilder<Database, 'refunds', object>;

/** Requests per 15-minute slot of their submission in [fromMs, toMs), as [slot start, count]. */
async function submissionsPerSlot(engine: Engine, query: Refunds, fromMs: number, toMs: number) {
  const packed = await query
    .select(packedTextSql(engine, sql.ref('submittedAt')).as('instants'))
    .where('submittedAt', '>=', toIso(fromMs))
    .where('submittedAt', '<', toIso(toMs))
    .executeTakeFirst();
  const text = packed?.instants ?? '';
  const perSlot = new Map<number, number>();
  for (let at = 0; at < text.length; at += STORED_INSTANT_LENGTH) {
    const ms = storedInstantMsAt(text, at);
    const slot = ms - (ms % SLOT_MS);
    perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
  }
  return [...perSlot];
}

export async function readReviewSegments(
  db: Kysely<Database>,
  settings: SlaSettings,
  question: { fromMs: number; toMs: number; tz: string; filters: MetricsFilters },
): Promise<ReviewSegments> {
  const { fromMs, toMs, tz, filters } = question;
  const engine = engineOf(db);
  const packed = await whereDecidedByStaff(db.selectFrom('refunds'), filters)
    .select(packedTextSql(engine, waitText(engine)).as('waits'))
    .where('decidedAt', '>=', toIso(fromMs))
    .where('decidedAt', '<', toIso(toMs))
    .executeTakeFirst();
  const text = packed?.waits ?? '';
  if (text.length % WAIT_TEXT_LENGTH !== 0) throw new RangeError('packed waits of an unexpected length');
  const waits = new Array<DecidedWait>(text.length / WAIT_TEXT_LENGTH);
  // the heat map's decisions are the waits' ends, counted per slot on the way
  const decisionsPerSlot = new Map<number, number>();
  for (let i = 0, at = 0; at < text.length; i++, at += WAIT_TEXT_LENGTH) {
    const decidedMs = storedInstantMsAt(text, at + STORED_INSTANT_LENGTH);
    const tipping = text.charCodeAt(at + 2 * STORED_INSTANT_LENGTH) === 49; /* "1" */
    waits[i] = { startMs: storedInstantMsAt(text, at), decidedMs, tipping };
    const slot = decidedMs - (decidedMs % SLOT_MS);
    decisionsPerSlot.set(slot, (decisionsPerSlot.get(slot) ?? 0) + 1);
  }
  const oldestStart = waits.reduce((min, w) => Math.min(min, w.startMs), fromMs);
  const peakFrom = Math.max(oldestStart, fromMs - PEAK_LOOKBACK_MS);
  const calendar = calendarOf(settings);
  // the desk's busiest hours are the whole desk's: the filters do not change what "peak" is
  const deskSubmissions = await submissionsPerSlot(engine, db.selectFrom('refunds'), peakFrom, toMs);
  const peak = peakHours(calendar, countsByLocalHour(calendar.timeZone, deskSubmissions), peakFrom, toMs);
  // the dashboard asks from local midnight to local midnight (slot edges): its slots are the desk's
  const onSlotEdges = fromMs % SLOT_MS === 0 && toMs % SLOT_MS === 0;
  const listFilter = Boolean(filters.reasonCategory || filters.paymentChannel || filters.submissionChannel);
  const submissions =
    onSlotEdges && !listFilter
      ? deskSubmissions.filter(([slot]) => slot >= fromMs)
      : await submissionsPerSlot(engine, whereListFilters(db.selectFrom('refunds'), filters), fromMs, toMs);
  return {
    latencyHoursBySegment: latencyBySegment(calendar, waits, peak),
    heatMap: { tz, cells: weekHeatMap(tz, submissions, decisionsPerSlot) },
  };
}
