// Money (integer fen) and times as the wallet page shows them, in the page's language.
import type { Locale } from '../domain/model';

export function formatFen(fen: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

export function formatWhen(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The page's language: the one chosen before, else the browser's (Chinese for any zh). */
export function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem('wallet.locale');
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return (globalThis.navigator?.language ?? 'zh-CN').toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}
