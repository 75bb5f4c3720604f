// Display formats of the dashboard in the current locale and the dashboard's time zone: rates as
// percentages, hours, money from fen, average ratings, bucket labels; and the change against the previous period.
import { useMemo } from 'react';
import { useTranslate } from 'react-admin';
import { formatFen, formatInteger } from '../i18n/format';
import { useLocale } from '../i18n/fields';

const intlTag = (locale: string) => (locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US');

export type DeltaKind = 'count' | 'rate' | 'hours' | 'money';
/** Which way is good news: up, down, or neither (volume is neither). */
export type Better = 'up' | 'down' | 'neutral';

export interface Delta {
  /** current − previous (rates: in percentage points) */
  value: number;
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

export function computeDelta(
  current: number | null,
  previous: number | null,
  kind: DeltaKind,
): number | null {
  if (current === null || previous === null) return null;
  const diff = current - previous;
  return kind === 'rate' ? diff * 100 : diff;
}

export function deltaTone(value: number, better: Better): Delta['tone'] {
  if (better === 'neutral' || Math.abs(value) < 1e-9) return 'neutral';
  return value > 0 === (better === 'up') ? 'good' : 'bad';
}

export function useDashboardFormat(tz: string) {
  const locale = useLocale();
  const translate = useTranslate();
  return useMemo(() => {
    const tag = intlTag(locale);
    const percentFormat = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
    const oneDecimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    const twoDecimals = new Intl.NumberFormat(tag, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
    const signed = new Intl.NumberFormat(tag, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const dayFormat = new Intl.DateTimeFormat(tag, { month: 'numeric', day: 'numeric', timeZone: tz });
    const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: tz });
    const none = translate('common.none');
    const fmt = {
      none,
      int: (n: number) => formatInteger(n, locale),
      percent: (v: number | null) => (v === null ? none : percentFormat.format(v)),
      hours: (v: number | null) =>
        v === null ? none : translate('dashboard.units.hours', { value: oneDecimal.format(v) }),
      money: (fen: number) => formatFen(fen, locale),
      /** an average rating, "4.32 / 5" */
      score: (v: number | null) =>
        v === null ? none : translate('dashboard.units.score', { value: twoDecimals.format(v) }),
      /** short label of a bucket start, "3/2" / "3月2日" */
      bucketLabel: (iso: string) => dayFormat.format(new Date(iso)),
      date: (iso: string) => dateFormat.format(new Date(iso)),
      /** "2 Mar 2026 – 8 Mar 2026" for [start, end) */
      interval: (start: string, end: string) => {
        const last = new Date(Date.parse(end) - 1).toISOString();
        const a = dateFormat.format(new Date(start));
        const b = dateFormat.format(new Date(last));
        return a === b ? a : `${a} – ${b}`;
      },
      delta(current: number | null, previous: number | null, kind: DeltaKind, better: Better): Delta | null {
        const value = computeDelta(current, previous, kind);
        if (value === null) return null;
        let amount: string;
        if (kind === 'rate') amount = translate('dashboard.units.pp', { value: signed.format(value) });
        else if (kind === 'hours')
          amount = translate('dashboard.units.hours', { value: signed.format(value) });
        else if (kind === 'money')
          amount = (value > 0 ? '+' : value < 0 ? '−' : '') + formatFen(Math.abs(value), locale);
        else amount = signed.format(value);
        return {
          value,
          text: translate('dashboard.kpi.delta', { delta: amount }),
          tone: deltaTone(value, better),
        };
      },
    };
    return fmt;
  }, [locale, translate, tz]);
}

export type DashboardFormat = ReturnType<typeof useDashboardFormat>;
