// One reading of a time on the wire. Records write their times with toISOString(), and a time sent
// to the API (a list bound, a metrics period, an action body) must be written the same way: then
// text order is time order, and nothing is left for Date.parse to guess (a zone-less time read as
// local time, a "+010000" year whose text sorts before "2026").

/** YYYY-MM-DDTHH:mm:ssZ or YYYY-MM-DDTHH:mm:ss.sssZ: UTC, a four-digit year, an upper-case Z. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** What the API says when a time is not canonical (the caller names the parameter first). */
export const CANONICAL_UTC_HINT = 'a UTC time like 2026-11-01T00:00:00.000Z (milliseconds optional)';

/**
 * The instant of a canonical UTC time, or null for anything else: another shape, an offset, a
 * lower-case z, a six-digit year, or a date that does not exist (2026-02-30, 24:00).
 */
export function parseCanonicalUtc(text: unknown): number | null {
  if (typeof text !== 'string' || !CANONICAL_UTC.test(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  // round trip: a day or hour out of range parses (or rolls over) but does not write back the same
  const written = new Date(ms).toISOString();
  return written === (text.length === 20 ? `${text.slice(0, 19)}.000Z` : text) ? ms : null;
}

/**
 * "2026-11-25T12:00:00.000Z": the shape toISOString writes for years 0000–9999, checked fast (no
 * parse) for stored times, whose text order is then time order.
 */
export function isCanonicalUtc(text: string): boolean {
  return text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(10) === 84; /* T */
}

/** The length of a stored instant's text: toISOString of years 0000–9999. */
export const STORED_INSTANT_LENGTH = 24;

/**
 * The instant of the stored time (toISOString text) starting at `at` in `text`: digits read in
 * place, without a substring or Date.parse, for readers that take many stored times packed in one
 * text. Throws on anything else, so a malformed store is never read as a wrong time.
 */
export function storedInstantMsAt(text: string, at = 0): number {
  const month = digitsAt(text, at + 5, 2);
  const day = digitsAt(text, at + 8, 2);
  const hour = digitsAt(text, at + 11, 2);
  const minute = digitsAt(text, at + 14, 2);
  const second = digitsAt(text, at + 17, 2);
  const milli = digitsAt(text, at + 20, 3);
  const year = digitsAt(text, at, 4);
  let shaped = month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60;
  for (const [offset, code] of STORED_SEPARATORS) shaped &&= text.charCodeAt(at + offset) === code;
  if (!shaped || Number.isNaN(milli) || Number.isNaN(year)) {
    throw new RangeError(`not a stored instant at ${at}: ${JSON.stringify(text.slice(at, at + 24))}`);
  }
  const days = daysFromCivil(year, month, day);
  return days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
}

/** The decimal number written by `count` digits from `from`; NaN when one is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** "YYYY-MM-DDTHH:mm:ss.sssZ": where each separator of a stored instant stands. */
const STORED_SEPARATORS = [
  [4, 45],
  [7, 45],
  [10, 84],
  [13, 58],
  [16, 58],
  [19, 46],
  [23, 90],
] as const;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; every year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The canonical spelling of an instant (toISOString) for years 0000–9999, else null. */
export function canonicalUtc(text: unknown): string | null {
  const ms = parseCanonicalUtc(text);
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * The IANA name a time zone resolves to ("asia/shanghai", "PRC", "Asia/Chongqing" → "Asia/Shanghai"),
 * or null when the zone is unknown. One zone, one name: answers keyed by it are shared.
 */
export function canonicalTimeZone(tz: unknown): string | null {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
