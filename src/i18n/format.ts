// Locale-aware display formatting. Pure functions: the locale (and, for tests, the time zone) come in
// as arguments. Money stays integer fen everywhere else and is only turned into yuan here.
import type { Fen, IsoDateTime } from '../domain/model';

const isChinese = (locale: string): boolean => locale.toLowerCase().startsWith('zh');

/** The BCP 47 tag Intl should use for one of our locales ('zh-CN' | 'en'). */
const intlLocale = (locale: string): string => (isChinese(locale) ? 'zh-CN' : 'en-US');

/**
 * One Intl formatter per (kind, locale, options): constructing one costs ≈ 0.5 ms, and a queue page
 * formats a few values in each of its 25–100 rows.
 */
function cached<F>(cache: Map<string, F>, key: string, create: () => F): F {
  let format = cache.get(key);
  if (!format) {
    format = create();
    cache.set(key, format);
  }
  return format;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
const integerFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** `¥1,234.50` from 123450 fen. The narrow symbol keeps English from printing "CN¥". */
export function formatFen(fen: Fen, locale: string): string {
  const tag = intlLocale(locale);
  const format = cached(
    moneyFormats,
    tag,
    () =>
      new Intl.NumberFormat(tag, {
        style: 'currency',
        currency: 'CNY',
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
  );
  return format.format(fen / 100);
}

/** Integers with grouping (coins). */
export function formatInteger(value: number, locale: string): string {
  const tag = intlLocale(locale);
  return cached(integerFormats, tag, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 })).format(
    value,
  );
}

/** A date and time in the viewer's time zone (or the one given), e.g. "Jan 5, 2026, 3:04 PM" / "2026年1月5日 15:04". */
export function formatDateTime(iso: IsoDateTime, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const tag = intlLocale(locale);
  const format = cached(
    dateTimeFormats,
    `datetime ${tag} ${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(tag, {
        dateStyle: 'medium',
        timeStyle: 'short',
        hourCycle: isChinese(locale) ? 'h23' : undefined,
        timeZone,
      }),
  );
  return format.format(date);
}

/** A calendar date only. */
export function formatDate(iso: IsoDateTime, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const tag = intlLocale(locale);
  const format = cached(
    dateTimeFormats,
    `date ${tag} ${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone }),
  );
  return format.format(date);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3_600_000],
  ['month', 30 * 24 * 3_600_000],
  ['week', 7 * 24 * 3_600_000],
  ['day', 24 * 3_600_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "3 hours ago", "in 2 days", "刚刚"/"now" under a minute. */
export function formatRelative(iso: IsoDateTime, nowMs: number, locale: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const diff = at - nowMs;
  const tag = intlLocale(locale);
  const format = cached(relativeFormats, tag, () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }));
  const abs = Math.abs(diff);
  if (abs < 60_000) return format.format(0, 'second');
  for (const [unit, size] of RELATIVE_STEPS) {
    if (abs >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return format.format(0, 'second');
}

const DURATION_UNITS = {
  en: { d: 'd', h: 'h', min: 'min', s: 's' },
  zh: { d: '天', h: '小时', min: '分', s: '秒' },
} as const;

/**
 * A length of time in its two largest units: "2 h 15 min" / "2 小时 15 分", "1 d 3 h" / "1 天 3 小时",
 * "4 min 05 s" under an hour when seconds are asked for. The sign is dropped: callers say "overdue"
 * or "left" around it.
 */
export function formatDuration(ms: number, locale: string, options: { seconds?: boolean } = {}): string {
  const units = isChinese(locale) ? DURATION_UNITS.zh : DURATION_UNITS.en;
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const part = (value: number, unit: string) => `${value} ${unit}`;
  if (days > 0) return hours > 0 ? `${part(days, units.d)} ${part(hours, units.h)}` : part(days, units.d);
  if (hours > 0) return `${part(hours, units.h)} ${part(minutes, units.min)}`;
  if (options.seconds) {
    if (minutes > 0) return `${part(minutes, units.min)} ${part(seconds, units.s)}`;
    return part(seconds, units.s);
  }
  return part(minutes, units.min);
}

/** Yuan typed in a form (12.5) to fen (1250), or null when empty/invalid. */
export function yuanToFen(yuan: number | string | null | undefined): Fen | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const value = typeof yuan === 'number' ? yuan : Number(yuan);
  return Number.isFinite(value) ? Math.round(value * 100) : null;
}

/** Fen to the plain yuan string a number input shows ("12.5"). */
export function fenToYuanInput(fen: Fen | null | undefined): string {
  return fen === null || fen === undefined || !Number.isFinite(fen) ? '' : String(fen / 100);
}
