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
