// Which of the app's two languages an `Accept-Language` header asks for (RFC 9110 §12.5.4):
// the highest q-value wins, a tie goes to the earlier entry; any zh (zh, zh-CN, zh-Hans-CN,
// zh-TW …) means Simplified Chinese, any en (en-GB …) English, `*` the default; q=0 refuses.
import type { Locale } from '../domain/model';

export const DEFAULT_LOCALE: Locale = 'en';

function localeOfTag(tag: string): Locale | '*' | null {
  const primary = tag.trim().toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  if (primary === '*') return '*';
  return null;
}

export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  const refused = new Set<Locale>();
  for (const part of header.slice(0, 1000).split(',')) {
    const [tag, ...options] = part.split(';');
    const locale = localeOfTag(tag);
    if (!locale) continue;
    let q = 1;
    for (const option of options) {
      const [name, value] = option.split('=').map((x) => x.trim());
      if (name?.toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
      }
    }
    const candidates: Locale[] = locale === '*' ? ['en', 'zh-CN'] : [locale];
    for (const candidate of candidates) {
      if (q === 0) {
        if (locale !== '*') refused.add(candidate);
        continue;
      }
      if (refused.has(candidate)) continue;
      if (!best || q > best.q) best = { locale: candidate, q };
    }
  }
  if (best && !refused.has(best.locale)) return best.locale;
  return refused.has(DEFAULT_LOCALE) && !refused.has('zh-CN') ? 'zh-CN' : DEFAULT_LOCALE;
}
