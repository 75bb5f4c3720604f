// The refusal catalogue: every code, field code and word has English and Chinese text with the
// same placeholders; every code renders in both languages with no placeholder or key left and no
// English in the Chinese; the domain's English messages come from the same catalogue.
import { describe, expect, it } from 'vitest';
import refusals from '../../src/i18n/messages/refusals';
import {
  catalogueTranslate,
  englishRefusals,
  refusal,
  translateRefusal,
  type RefusalCode,
} from '../../src/domain/refusal';
import { negotiateLocale } from '../../src/i18n/acceptLanguage';
import { DAY_MS, REFUND_WINDOW_MS } from '../../src/domain/sla';
import { SAMPLE_FIELDS, englishLeftIn, leaves, placeholders, sampleParams } from '../support/refusalSamples';

type Tree = Parameters<typeof leaves>[0];
const en = new Map(leaves(refusals.en as unknown as Tree));
const zh = new Map(leaves(refusals.zh as unknown as Tree));
const zhTranslate = catalogueTranslate(refusals.zh);
const codes = Object.keys(refusals.en.refusals.codes) as RefusalCode[];

describe('the refusal catalogue', () => {
  it('has the same keys in en and zh-CN, and the same placeholders in each', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) {
      expect(placeholders(zh.get(key) ?? ''), key).toEqual(placeholders(text));
      if (!key.startsWith('refusals.list.')) expect(text.trim(), key).not.toBe('');
    }
  });

  it('has snake_case codes', () => {
    for (const code of [...codes, ...Object.keys(refusals.en.refusals.fields)]) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it.each(codes)('renders %s in both languages, fully, with no English left in the Chinese', (code) => {
    const template = refusals.en.refusals.codes[code];
    const params = sampleParams(template);
    const fieldErrors = template.includes('%{details}') ? SAMPLE_FIELDS : undefined;
    for (const translate of [englishRefusals, zhTranslate]) {
      const text = translateRefusal(translate, { code, params, fieldErrors });
      expect(text, code).not.toMatch(/%\{|refusals\.|undefined|\[object/);
      expect(text.length, code).toBeGreaterThan(0);
    }
    const chinese = translateRefusal(zhTranslate, { code, params, fieldErrors });
    expect(englishLeftIn(chinese, params), `${code}: ${chinese}`).toEqual([]);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(Object.keys(refusals.en.refusals.fields))(
    'renders the field code %s with no English in the Chinese',
    (code) => {
      const template = (refusals.en.refusals.fields as Record<string, string>)[code];
      const params = sampleParams(template);
      const chinese = translateRefusal(zhTranslate, { code: `fields.${code}`, params });
      expect(chinese).not.toMatch(/%\{|refusals\./);
      if (code !== 'field_message') expect(englishLeftIn(chinese, params), `${code}: ${chinese}`).toEqual([]);
    },
  );

  it('builds the domain English message from the same catalogue', () => {
    const r = refusal(409, 'wrong_status', { allowed: 'in_review', action: 'approve', status: 'pending' });
    expect(r).toMatchObject({ ok: false, status: 409, code: 'wrong_status' });
    expect(r.message).toBe('Only in-review requests can be approved; this one is pending.');
    expect(translateRefusal(zhTranslate, r)).toBe('只有审核中的申请可以被批准，此申请当前为待处理。');
  });

  it('names the refund window with the days the policy uses', () => {
    const r = refusal(422, 'approval_blocked', {
      blockers: ['outside_window', 'account_restricted'],
      windowDays: REFUND_WINDOW_MS / DAY_MS,
    });
    expect(r.message).toContain(
      `outside the ${REFUND_WINDOW_MS / DAY_MS}-day refund window and the customer's`,
    );
    expect(translateRefusal(zhTranslate, r)).toContain(
      `超出 ${REFUND_WINDOW_MS / DAY_MS} 天退款期限和客户账号`,
    );
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['en-GB', 'en'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR,zh-CN;q=0.5,en;q=0.4', 'zh-CN'],
    ['en;q=0.2, zh-CN;q=0.9', 'zh-CN'],
    ['fr, de', 'en'],
    ['*', 'en'],
    ['zh-CN;q=0, *', 'en'],
    ['en;q=0, *', 'zh-CN'],
    ['zh-cn;q=bogus, en-gb;q=0.1', 'en'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
