// The seed's review-time factors, measured: how long a request waits for its decision when its wait
// began off-hours, at peak times or for tipping, and where in the week submissions outrun decisions.
//
// - A wait begins at the request's clock start (submission, or the customer's reply that restarted
//   it) and ends when the decision took effect: a tipping or large approval ends at the
//   supervisor's second approval, so the second-approval wait is in it. Wall-clock hours.
// - In hours / off hours: whether the desk's working calendar was open when the wait began.
// - Peak: the busiest tenth of the calendar's working hours by submissions (local hours of the
//   calendar's zone, ties to the earlier hour, hours without submissions never peak).
// - The heat map: submissions and decisions per local hour of the week in the dashboard's zone.
import { percentilesBySelection } from './metricsPercentiles';
import { HOUR_MS } from './sla';
import {
  WEEKDAYS,
  localHourStarts,
  localWeekHourIndexes,
  workingIntervalsBetween,
  type Weekday,
  type WorkingCalendar,
} from './workingCalendar';

export const LATENCY_SEGMENTS = ['inHours', 'offHours', 'peak', 'offPeak', 'tipping', 'notTipping'] as const;
export type LatencySegment = (typeof LATENCY_SEGMENTS)[number];

/** Nearest-rank percentiles of the waits of one segment, in hours; null when n is 0. */
export interface SegmentLatency {
  p50: number | null;
  p90: number | null;
  n: number;
}
export type LatencyBySegment = Record<LatencySegment, SegmentLatency>;

/** One decided request's wait for its decision. */
export interface DecidedWait {
  startMs: number;
  decidedMs: number;
  tipping: boolean;
}

/** The share of working hours that counts as peak. */
export const PEAK_SHARE = 0.1;

/** Counts per local hour start of `timeZone`, from counts per instant (e.g. 15-minute slots). */
export function countsByLocalHour(
  timeZone: string,
  counts: Iterable<readonly [atMs: number, n: number]>,
): Map<number, number> {
  const byHour = new Map<number, number>();
  const hourOf = localHourStarts(timeZone);
  for (const [atMs, n] of counts) {
    const hour = hourOf(atMs);
    byHour.set(hour, (byHour.get(hour) ?? 0) + n);
  }
  return byHour;
}

/**
 * The peak hours of [fromMs, toMs): of the calendar's working local hours (an hour is working when
 * the calendar is open at its start), the ⌈10 %⌉ with the most submissions.
 */
export function peakHours(
  calendar: WorkingCalendar,
  submissionsByHour: ReadonlyMap<number, number>,
  fromMs: number,
  toMs: number,
): Set<number> {
  const working: { hour: number; n: number }[] = [];
  const first = localHourStarts(calendar.timeZone)(fromMs);
  const isOpen = openAt(workingIntervalsBetween(calendar, first, toMs));
  for (let hour = first; hour < toMs; hour += HOUR_MS) {
    if (isOpen(hour)) working.push({ hour, n: submissionsByHour.get(hour) ?? 0 });
  }
  const take = Math.ceil(working.length * PEAK_SHARE);
  working.sort((a, b) => b.n - a.n || a.hour - b.hour);
  return new Set(
    working
      .slice(0, take)
      .filter((h) => h.n > 0)
      .map((h) => h.hour),
  );
}

/** Whether an instant is inside one of these ordered intervals (binary search, no Intl). */
function openAt(intervals: readonly (readonly [number, number])[]): (atMs: number) => boolean {
  return (atMs) => {
    let lo = 0;
    let hi = intervals.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end] = intervals[mid];
      if (atMs < start) hi = mid - 1;
      else if (atMs >= end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** The waits' percentiles per segment; `peak` holds local hour starts of the calendar's zone. */
export function latencyBySegment(
  calendar: WorkingCalendar,
  waits: readonly DecidedWait[],
  peak: ReadonlySet<number>,
): LatencyBySegment {
  // typed buffers sized for every wait, filled per segment; percentiles by selection, not a sort
  const hours = Object.fromEntries(
    LATENCY_SEGMENTS.map((segment) => [segment, { values: new Float64Array(waits.length), n: 0 }]),
  ) as Record<LatencySegment, { values: Float64Array; n: number }>;
  const add = (segment: LatencySegment, h: number) => {
    const bucket = hours[segment];
    bucket.values[bucket.n++] = h;
  };
  let earliest = Infinity;
  let latest = -Infinity;
  for (const wait of waits) {
    earliest = Math.min(earliest, wait.startMs);
    latest = Math.max(latest, wait.startMs);
  }
  const isOpen = openAt(waits.length ? workingIntervalsBetween(calendar, earliest, latest + 1) : []);
  const hourOf = localHourStarts(calendar.timeZone);
  for (const wait of waits) {
    const h = (wait.decidedMs - wait.startMs) / HOUR_MS;
    add(isOpen(wait.startMs) ? 'inHours' : 'offHours', h);
    add(peak.has(hourOf(wait.startMs)) ? 'peak' : 'offPeak', h);
    add(wait.tipping ? 'tipping' : 'notTipping', h);
  }
  const out = {} as LatencyBySegment;
  for (const segment of LATENCY_SEGMENTS) {
    const { values, n } = hours[segment];
    const [p50, p90] = percentilesBySelection(values.subarray(0, n), [50, 90]);
    out[segment] = { p50, p90, n };
  }
  return out;
}

export interface WeekHourCell {
  weekday: Weekday;
  /** 0–23, local */
  hour: number;
  submissions: number;
  decisions: number;
}

/** All 168 hours of the week (Monday 00:00 first) in `timeZone`, from counts per instant. */
export function weekHeatMap(
  timeZone: string,
  submissions: Iterable<readonly [atMs: number, n: number]>,
  decisions: Iterable<readonly [atMs: number, n: number]>,
): WeekHourCell[] {
  const cells: WeekHourCell[] = WEEKDAYS.flatMap((weekday) =>
    Array.from({ length: 24 }, (_, hour) => ({ weekday, hour, submissions: 0, decisions: 0 })),
  );
  const weekHourOf = localWeekHourIndexes(timeZone);
  const add = (counts: Iterable<readonly [number, number]>, field: 'submissions' | 'decisions') => {
    for (const [atMs, n] of counts) cells[weekHourOf(atMs)][field] += n;
  };
  add(submissions, 'submissions');
  add(decisions, 'decisions');
  return cells;
}
