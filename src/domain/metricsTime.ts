// Local days and weeks of an IANA time zone, and the dashboard's bucket boundaries.
import { DAY_MS } from './sla';

// here, not in metricsModel.ts, so that the calendar (which reads local time here) and the answer
// shape (which names the calendar's segments) do not import each other
export const GRANULARITIES = ['day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

// ---------------------------------------------------------------------------------------------
// Time zones (Intl.DateTimeFormat only)

export interface LocalDate {
  y: number;
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function localParts(ms: number, tz: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    y: parts.year,
    m: parts.month,
    d: parts.day,
    h: parts.hour === 24 ? 0 : parts.hour,
    mi: parts.minute,
    s: parts.second,
  };
}

/** Offset of `tz` from UTC at the instant `ms`, in ms (Asia/Shanghai: +8 h). */
export function timeZoneOffsetMs(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  const wall = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The calendar date in `tz` at the instant `ms`. */
export function localDateOf(ms: number, tz: string): LocalDate {
  const { y, m, d } = localParts(ms, tz);
  return { y, m, d };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
function isoWeekday(date: LocalDate): number {
  return (new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7;
}

/**
 * The first instant of the local calendar day `date` in `tz`: local midnight, or the end of the
 * DST gap where midnight does not exist (e.g. America/Sao_Paulo on 2018-11-04 starts at 01:00).
 * Probes the offsets a day either side, and keeps the earliest candidate that falls on `date`.
 */
export function startOfLocalDay(date: LocalDate, tz: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d);
  let best: number | null = null;
  for (const probe of [wall - DAY_MS, wall, wall + DAY_MS]) {
    const t = wall - timeZoneOffsetMs(probe, tz);
    const p = localParts(t, tz);
    if (p.y === date.y && p.m === date.m && p.d === date.d && (best === null || t < best)) best = t;
  }
  return best ?? wall - timeZoneOffsetMs(wall, tz);
}

/** Start of the bucket (local day, or local week from Monday) that contains the instant `ms`. */
export function bucketStartOf(ms: number, granularity: Granularity, tz: string): number {
  let date = localDateOf(ms, tz);
  if (granularity === 'week') date = addDays(date, -isoWeekday(date));
  return startOfLocalDay(date, tz);
}

/**
 * The bucket boundaries of [fromMs, toMs): starts[i] ≤ t < starts[i+1] (the last bucket ends at
 * toMs). The first start is clipped to fromMs; every following start is a local midnight.
 */
export function bucketStarts(fromMs: number, toMs: number, granularity: Granularity, tz: string): number[] {
  if (!(fromMs < toMs)) return [];
  let date = localDateOf(fromMs, tz);
  if (granularity === 'week') date = addDays(date, -isoWeekday(date));
  const step = granularity === 'week' ? 7 : 1;
  const starts = [fromMs];
  for (;;) {
    date = addDays(date, step);
    const s = startOfLocalDay(date, tz);
    if (s >= toMs) break;
    if (s > starts[starts.length - 1]) starts.push(s);
  }
  return starts;
}
