// Working time: a week of local opening hours in one time zone, less holidays. Due times count only
// this time, so "9 working hours" from Friday 17:00 on a Mon–Fri 09:00–18:00 calendar is Monday
// 17:00. Local wall times are turned into instants with Intl, so daylight-saving days are as long
// as they really are. Pure: instants in and out are epoch milliseconds.
import { timeZoneOffsetMs } from './metricsTime';
import { DAY_MS, HOUR_MS } from './sla';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** "HH:MM" local wall time; the end is after the start, "24:00" ends at midnight. */
export type WorkingSpan = [start: string, end: string];

export interface WorkingCalendar {
  timeZone: string;
  hours: Record<Weekday, WorkingSpan[]>;
  /** local dates ("YYYY-MM-DD") on which nothing is open */
  holidays: string[];
}

/** The calendar part of a settings object (its targets left behind). */
export const calendarOf = (settings: WorkingCalendar): WorkingCalendar => ({
  timeZone: settings.timeZone,
  hours: settings.hours,
  holidays: settings.holidays,
});

const ALL_DAY: WorkingSpan[] = [['00:00', '24:00']];

export const ALWAYS_OPEN_CALENDAR: WorkingCalendar = {
  timeZone: 'UTC',
  hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  holidays: [],
};

const MINUTE_MS = 60_000;
/** A calendar with no working time in this many days is refused rather than walked for ever. */
const MAX_DAYS_WALKED = 3_700;

/** Wall time as minutes since midnight: "09:30" → 570, "24:00" → 1440. */
export function spanMinutes(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) return Number.NaN;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return Number.NaN;
  return h * 60 + m;
}

/** Open all day every day with no holidays: working time is wall-clock time. */
export function isAlwaysOpen(calendar: WorkingCalendar): boolean {
  return (
    calendar.holidays.length === 0 &&
    WEEKDAYS.every((day) => {
      const spans = calendar.hours[day];
      return spans.length === 1 && spans[0][0] === '00:00' && spans[0][1] === '24:00';
    })
  );
}

/** The local wall time of an instant, written as if it were UTC (so Date's UTC getters read it). */
const wallClockMs = (timeZone: string, atMs: number): number =>
  Math.floor(atMs / 1000) * 1000 + timeZoneOffsetMs(atMs, timeZone);

/**
 * The instant of a local wall time. A wall time skipped by a daylight-saving jump maps to the
 * instant the clock jumped to; a repeated one to its first occurrence.
 */
function instantOfWallTime(timeZone: string, wallMs: number): number {
  const first = wallMs - timeZoneOffsetMs(wallMs, timeZone);
  const second = wallMs - timeZoneOffsetMs(first, timeZone);
  if (first === second) return first;
  // two candidates: keep one that reads back as the wall time, the earlier when both do
  const candidates = [first, second].sort((a, b) => a - b);
  const exact = candidates.find((c) => wallClockMs(timeZone, c) === wallMs);
  return exact ?? Math.max(...candidates);
}

/** The local calendar day (as UTC midnight of that date) holding an instant. */
function localDayOf(timeZone: string, atMs: number): number {
  const wall = wallClockMs(timeZone, atMs);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

function weekdayOfDay(dayMs: number): Weekday {
  // getUTCDay: 0 = Sunday
  return WEEKDAYS[(new Date(dayMs).getUTCDay() + 6) % 7];
}

function isoDate(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

/** The working intervals [start, end) of one local day, as instants. */
function intervalsOfDay(calendar: WorkingCalendar, dayMs: number): [number, number][] {
  if (calendar.holidays.includes(isoDate(dayMs))) return [];
  return calendar.hours[weekdayOfDay(dayMs)].map(([start, end]) => [
    instantOfWallTime(calendar.timeZone, dayMs + spanMinutes(start) * MINUTE_MS),
    instantOfWallTime(calendar.timeZone, dayMs + spanMinutes(end) * MINUTE_MS),
  ]);
}

/** Walks the working intervals that end after `fromMs`, in order, until `visit` answers true. */
function walkIntervals(
  calendar: WorkingCalendar,
  fromMs: number,
  visit: (start: number, end: number) => boolean,
): void {
  // start a day early: a local day's intervals are computed from its own date
  let day = localDayOf(calendar.timeZone, fromMs) - DAY_MS;
  for (let walked = 0; walked < MAX_DAYS_WALKED; walked++, day += DAY_MS) {
    for (const [start, end] of intervalsOfDay(calendar, day)) {
      if (end <= fromMs) continue;
      if (visit(Math.max(start, fromMs), end)) return;
    }
  }
  throw new Error(`The working calendar has no working time within ${MAX_DAYS_WALKED} days.`);
}

export function isWorkingTime(calendar: WorkingCalendar, atMs: number): boolean {
  if (isAlwaysOpen(calendar)) return true;
  return intervalsOfDay(calendar, localDayOf(calendar.timeZone, atMs)).some(
    ([start, end]) => start <= atMs && atMs < end,
  );
}

/** `fromMs` when the calendar is open then, else the instant it next opens. */
export function nextWorkingStart(calendar: WorkingCalendar, fromMs: number): number {
  if (isAlwaysOpen(calendar)) return fromMs;
  let found = fromMs;
  walkIntervals(calendar, fromMs, (start) => {
    found = start;
    return true;
  });
  return found;
}

/** The instant at which `durationMs` of working time has passed since `fromMs`. */
export function addWorkingTime(calendar: WorkingCalendar, fromMs: number, durationMs: number): number {
  if (durationMs <= 0) return fromMs;
  if (isAlwaysOpen(calendar)) return fromMs + durationMs;
  let left = durationMs;
  let due = fromMs;
  walkIntervals(calendar, fromMs, (start, end) => {
    if (left <= end - start) {
      due = start + left;
      return true;
    }
    left -= end - start;
    return false;
  });
  return due;
}

/** The working time inside [fromMs, toMs). */
export function workingMsBetween(calendar: WorkingCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  if (isAlwaysOpen(calendar)) return toMs - fromMs;
  let total = 0;
  walkIntervals(calendar, fromMs, (start, end) => {
    if (start >= toMs) return true;
    total += Math.min(end, toMs) - start;
    return end >= toMs;
  });
  return total;
}

/** The local weekday and hour of an instant (the dashboard's hour-of-the-week cells). */
export function localWeekHour(timeZone: string, atMs: number): { weekday: Weekday; hour: number } {
  return {
    weekday: weekdayOfDay(localDayOf(timeZone, atMs)),
    hour: new Date(wallClockMs(timeZone, atMs)).getUTCHours(),
  };
}

/** The start of the local hour holding an instant (in a half-hour zone, on the half hour UTC). */
export function localHourStart(timeZone: string, atMs: number): number {
  return localHourStarts(timeZone)(atMs);
}

const OFFSET_SLOT_MS = 15 * MINUTE_MS;

/**
 * A zone's UTC offset at many instants, with Intl asked twice per UTC day rather than per instant:
 * a day whose two ends have the same offset has it throughout (no zone changes its offset and back
 * within a day); a day of change is looked up per 15-minute slot (every zone changes on a slot edge).
 */
export function zoneOffsets(timeZone: string): (atMs: number) => number {
  const byDay = new Map<number, number | Map<number, number>>();
  const atDayStart = (day: number) => timeZoneOffsetMs(day * DAY_MS, timeZone);
  return (atMs) => {
    const day = Math.floor(atMs / DAY_MS);
    let known = byDay.get(day);
    if (known === undefined) {
      const start = atDayStart(day);
      known = start === atDayStart(day + 1) ? start : new Map<number, number>();
      byDay.set(day, known);
    }
    if (typeof known === 'number') return known;
    const slot = Math.floor(atMs / OFFSET_SLOT_MS);
    let offset = known.get(slot);
    if (offset === undefined) {
      offset = timeZoneOffsetMs(slot * OFFSET_SLOT_MS, timeZone);
      known.set(slot, offset);
    }
    return offset;
  };
}

/** localHourStart for many instants of one zone (offsets from zoneOffsets). */
export function localHourStarts(timeZone: string): (atMs: number) => number {
  const offsetAt = zoneOffsets(timeZone);
  return (atMs) => {
    const offset = offsetAt(atMs);
    return atMs - ((((atMs + offset) % HOUR_MS) + HOUR_MS) % HOUR_MS);
  };
}

/** localWeekHour for many instants of one zone, as the index 0 (Monday 00:00) … 167 of the hour. */
export function localWeekHourIndexes(timeZone: string): (atMs: number) => number {
  const offsetAt = zoneOffsets(timeZone);
  return (atMs) => {
    const wall = Math.floor(atMs / 1000) * 1000 + offsetAt(atMs);
    const day = Math.floor(wall / DAY_MS);
    // 1970-01-01 was a Thursday: index 3 of a week that starts on Monday
    const weekday = (((day + 3) % 7) + 7) % 7;
    return weekday * 24 + Math.floor((wall - day * DAY_MS) / HOUR_MS);
  };
}

/** The working intervals [start, end) that overlap [fromMs, toMs), in order (not clipped). */
export function workingIntervalsBetween(
  calendar: WorkingCalendar,
  fromMs: number,
  toMs: number,
): [number, number][] {
  if (toMs <= fromMs) return [];
  if (isAlwaysOpen(calendar)) return [[fromMs, toMs]];
  const out: [number, number][] = [];
  const lastDay = localDayOf(calendar.timeZone, toMs);
  for (let day = localDayOf(calendar.timeZone, fromMs) - DAY_MS; day <= lastDay; day += DAY_MS) {
    for (const [start, end] of intervalsOfDay(calendar, day)) {
      if (end > fromMs && start < toMs) out.push([start, end]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}
