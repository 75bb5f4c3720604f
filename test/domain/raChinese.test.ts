import { describe, it, expect } from 'vitest';
import englishMessages from 'ra-language-english';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import raChineseMessages, { raChineseMessages as namedRaChineseMessages } from '../../src/i18n/raChinese';

type Catalogue = { [key: string]: unknown };

/** Flattens a nested message catalogue to `{ 'ra.action.save': 'Save', ... }`. */
function flatten(messages: Catalogue, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(out, flatten(value as Catalogue, path));
    } else {
      out[path] = value;
    }
  }
  return out;
}

const placeholders = (text: string): Set<string> =>
  new Set(Array.from(text.matchAll(/%\{(\w+)\}/g), (match) => match[1]));

/** True when the string has nothing translatable: only placeholders, whitespace, punctuation or symbols. */
const isPunctuationOrPlaceholdersOnly = (text: string): boolean =>
  /^[\s\p{P}\p{S}]*$/u.test(text.replace(/%\{\w+\}/g, ''));

/**
 * Placeholders that are intentionally absent from the zh string.
 *
 * With a single plural form, these two messages serve both <UpdateWithConfirmButton>
 * (passes recordRepresentation, smart_count 1) and <BulkUpdateWithConfirmButton>
 * (passes only name and smart_count). Keeping %{recordRepresentation} would print the
 * raw token in the bulk dialog, so the zh wording uses %{smart_count} %{name} only.
 */
const INTENTIONALLY_DROPPED: Record<string, string[]> = {
  'ra.message.bulk_update_content': ['recordRepresentation'],
  'ra.message.bulk_update_title': ['recordRepresentation'],
};

const en = flatten(englishMessages as Catalogue);
const zh = flatten(raChineseMessages as Catalogue);
const enKeys = Object.keys(en).sort();

describe('raChineseMessages (zh-CN react-admin catalogue)', () => {
  it('is exported both as default and as a named export', () => {
    expect(namedRaChineseMessages).toBe(raChineseMessages);
  });

  it('has exactly the same key set as ra-language-english', () => {
    expect(enKeys.length).toBeGreaterThan(100);
    expect(Object.keys(zh).sort()).toEqual(enKeys);
  });

  it('has a non-empty string for every key', () => {
    for (const key of enKeys) {
      const value = zh[key];
      expect(typeof value, key).toBe('string');
      expect((value as string).length, key).toBeGreaterThan(0);
      // Whitespace-only values are only allowed where English is whitespace-only too (ra.boolean.null).
      if ((value as string).trim() === '') {
        expect((en[key] as string).trim(), key).toBe('');
      }
    }
  });

  it('keeps every %{var} placeholder of the English string', () => {
    for (const key of enKeys) {
      const zhVars = placeholders(zh[key] as string);
      const dropped = INTENTIONALLY_DROPPED[key] ?? [];
      for (const variable of placeholders(en[key] as string)) {
        if (dropped.includes(variable)) {
          expect(zhVars.has(variable), `${key} should not use %{${variable}}`).toBe(false);
        } else {
          expect(zhVars.has(variable), `${key} is missing %{${variable}}`).toBe(true);
        }
      }
    }
  });

  it('uses only the documented placeholder exemptions', () => {
    for (const [key, variables] of Object.entries(INTENTIONALLY_DROPPED)) {
      for (const variable of variables) {
        expect(placeholders(en[key] as string).has(variable), `${key} / ${variable}`).toBe(true);
      }
    }
  });

  it('introduces no placeholder unknown to the English string', () => {
    for (const key of enKeys) {
      const enVars = placeholders(en[key] as string);
      for (const variable of placeholders(zh[key] as string)) {
        expect(enVars.has(variable), `${key} uses unknown %{${variable}}`).toBe(true);
      }
    }
  });

  it('uses a single plural form but keeps %{smart_count}', () => {
    for (const key of enKeys) {
      const zhValue = zh[key] as string;
      expect(zhValue.includes('||||'), key).toBe(false);
    }
  });

  it('translates every value unless it is only punctuation or placeholders', () => {
    for (const key of enKeys) {
      const enValue = en[key] as string;
      if (zh[key] === enValue) {
        expect(isPunctuationOrPlaceholdersOnly(enValue), `${key} is untranslated`).toBe(true);
      }
    }
  });

  describe('rendered through ra-i18n-polyglot with locale zh-CN', () => {
    const i18nProvider = polyglotI18nProvider(() => raChineseMessages, 'zh-CN');

    it('leaves no unresolved placeholder when English variables are supplied', () => {
      for (const key of enKeys) {
        const options: Record<string, unknown> = {};
        for (const variable of placeholders(en[key] as string)) options[variable] = `<${variable}>`;
        for (const smartCount of [1, 3]) {
          const rendered = i18nProvider.translate(key, { ...options, smart_count: smartCount });
          expect(rendered, key).not.toMatch(/%\{|\|\|\|\|/);
        }
      }
    });

    it('renders plural messages with the count', () => {
      expect(i18nProvider.translate('ra.action.bulk_actions', { smart_count: 3 })).toBe('已选择 3 项');
      expect(i18nProvider.translate('ra.notification.deleted', { smart_count: 1 })).toBe('已删除 1 条记录');
      expect(
        i18nProvider.translate('ra.navigation.page_range_info', {
          offsetBegin: 1,
          offsetEnd: 25,
          total: 120,
        }),
      ).toBe('第 1-25 条，共 120 条');
    });

    it('renders the bulk update dialog without recordRepresentation (BulkUpdateWithConfirmButton)', () => {
      const options = { name: '退款申请', smart_count: 4 };
      expect(i18nProvider.translate('ra.message.bulk_update_title', options)).toBe('更新 4 条退款申请记录');
      expect(i18nProvider.translate('ra.message.bulk_update_content', options)).not.toContain('%{');
    });
  });
});
