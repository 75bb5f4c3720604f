// Two locales, zh-CN and en. The first visit follows the browser; a choice made with the app bar's
// language menu is remembered by react-admin's store (key "locale") and restored on the next visit.
import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import type { Locale } from '../domain/model';
import en from '../i18n/en';
import zh from '../i18n/zh';

export const AVAILABLE_LOCALES: { locale: Locale; name: string }[] = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

const catalogues: Record<Locale, TranslationMessages> = { 'zh-CN': zh, en };

export function isLocale(value: string): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** Chinese for any zh-* browser language, English otherwise. */
export function browserLocale(language: string | undefined = globalThis.navigator?.language): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function getMessages(locale: string): TranslationMessages {
  return isLocale(locale) ? catalogues[locale] : en;
}

export function createI18nProvider(initialLocale: Locale = browserLocale()): I18nProvider {
  return polyglotI18nProvider(getMessages, initialLocale, AVAILABLE_LOCALES);
}

export const i18nProvider = createI18nProvider();
