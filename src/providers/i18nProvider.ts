// Two locales, zh-CN and en. The first visit follows the browser; a choice made with the app bar's
// language menu is remembered by react-admin's store (key "locale") and restored on the next visit.
//
// The refusal catalogue (both languages) is not in the first page's code: the HTTP client loads it
// when a refusal is first to be said (src/providers/refusalText.ts, awaited on the error path),
// which adds it to every provider made here; until then a `refusals.*` key is missing like any other.
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import type { Locale } from '../domain/model';
import { deepMerge } from '../i18n/deepMerge';
import { firstPageMessages } from '../i18n/firstPage';
import type { MessageTree } from '../i18n/messages/types';
import raChinese from '../i18n/raChinese';

export const AVAILABLE_LOCALES: { locale: Locale; name: string }[] = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

const catalogues: Record<Locale, TranslationMessages> = {
  'zh-CN': deepMerge(raChinese, firstPageMessages.zh) as TranslationMessages,
  en: deepMerge(englishMessages, firstPageMessages.en) as TranslationMessages,
};

export function isLocale(value: string): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** Chinese for any zh-* browser language, English otherwise. */
export function browserLocale(language: string | undefined = globalThis.navigator?.language): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The first page's messages of a locale (English for an unknown one). */
export function getMessages(locale: string): TranslationMessages {
  return isLocale(locale) ? catalogues[locale] : catalogues.en;
}

/** The keys whose messages load after the first page. */
const LAZY_PREFIX = 'refusals.';

let lazyPhrases: Record<Locale, I18nProvider> | null = null;

/** Adds a lazily loaded area (the refusals: `{ en, zh }` with `refusals.*` trees) to the providers. */
export function addLazyMessages(area: { en: MessageTree; zh: MessageTree }): void {
  if (lazyPhrases) return;
  lazyPhrases = {
    en: polyglotI18nProvider(() => area.en as TranslationMessages, 'en'),
    'zh-CN': polyglotI18nProvider(() => area.zh as TranslationMessages, 'zh-CN'),
  };
}

export function createI18nProvider(initialLocale: Locale = browserLocale()): I18nProvider {
  const base = polyglotI18nProvider(getMessages, initialLocale, AVAILABLE_LOCALES);
  return {
    ...base,
    translate: (key, options) => {
      if (lazyPhrases && key.startsWith(LAZY_PREFIX)) {
        const locale = base.getLocale();
        return lazyPhrases[isLocale(locale) ? locale : 'en'].translate(key, options);
      }
      return base.translate(key, options);
    },
  };
}

export const i18nProvider = createI18nProvider();
