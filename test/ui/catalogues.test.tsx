// @vitest-environment jsdom
// The two catalogues stay in step: the same keys, the same placeholders, a label for every enum
// value, and a message for every reason the refund policy can give.
import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_STATUSES,
  INFO_ITEMS,
  LOCALES,
  PAYMENT_CHANNELS,
  POLICY_FLAGS,
  REASON_CATEGORIES,
  REFUND_STATUSES,
  REJECTION_REASONS,
  ROLES,
  SUBMISSION_CHANNELS,
  type AccountStatus,
} from '../../src/domain/model';
import { NOTIFICATION_KINDS } from '../../src/domain/notifications';
import { evaluatePolicy, type PolicyInput } from '../../src/domain/refundPolicy';
import { SLA_STATES } from '../../src/domain/sla';
import en from '../../src/i18n/en';
import { appMessages, messageAreas } from '../../src/i18n/messages';
import raChinese from '../../src/i18n/raChinese';
import zh from '../../src/i18n/zh';
import { createI18nProvider } from '../../src/providers/i18nProvider';
import { FIRST_POLICY } from '../../src/domain/policyVersions';

type Tree = { [key: string]: unknown };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object')
      for (const [k, v] of flatten(value as Tree, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (message: string) => [...new Set(message.match(/%\{\w+\}/g) ?? [])].sort();

function expectSameShape(a: Tree, b: Tree) {
  const fa = flatten(a);
  const fb = flatten(b);
  expect([...fb.keys()].sort()).toEqual([...fa.keys()].sort());
  for (const [key, message] of fa) {
    expect({ key, placeholders: placeholders(fb.get(key) ?? '') }).toEqual({
      key,
      placeholders: placeholders(message),
    });
    expect({ key, empty: (fb.get(key) ?? '').trim() === '' && message.trim() !== '' }).toEqual({
      key,
      empty: false,
    });
  }
}

describe('app message catalogues', () => {
  it.each(Object.entries(messageAreas))(
    '%s: en and zh have the same keys and placeholders',
    (_name, area) => {
      expectSameShape(area.en, area.zh);
    },
  );

  it('merged: en and zh have the same keys and placeholders', () => {
    expectSameShape(appMessages.en, appMessages.zh);
  });

  it('the app catalogue does not overwrite react-admin’s own keys', () => {
    const ra = flatten(englishMessages as Tree);
    const app = flatten(appMessages.en);
    expect([...app.keys()].filter((k) => ra.has(k))).toEqual([]);
  });

  it('react-admin’s own messages: raChinese has the keys of ra-language-english', () => {
    // (placeholders are checked by raChinese's own test: it drops one on purpose, see its header)
    expect([...flatten(raChinese as Tree).keys()].sort()).toEqual(
      [...flatten(englishMessages as Tree).keys()].sort(),
    );
  });

  it('full catalogues: en and zh have the same keys', () => {
    expect([...flatten(zh as Tree).keys()].sort()).toEqual([...flatten(en as Tree).keys()].sort());
  });
});

describe('labels for every enum value', () => {
  const enums: [string, readonly string[]][] = [
    ['refunds.status', REFUND_STATUSES],
    ['refunds.reason', REASON_CATEGORIES],
    ['refunds.paymentChannel', PAYMENT_CHANNELS],
    ['refunds.submissionChannel', SUBMISSION_CHANNELS],
    ['refunds.flags', POLICY_FLAGS],
    ['refunds.infoItem', INFO_ITEMS],
    ['refunds.rejectionReason', REJECTION_REASONS],
    ['refunds.sla.state', SLA_STATES],
    ['customers.accountStatus', ACCOUNT_STATUSES],
    ['roles', ROLES],
    ['locales', LOCALES],
    ['notifications.kinds', NOTIFICATION_KINDS],
  ];
  const catalogues = { en: flatten(en as Tree), zh: flatten(zh as Tree) };

  it.each(enums)('%s', (prefix, values) => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      for (const value of values) {
        expect({ locale, key: `${prefix}.${value}`, has: catalogue.has(`${prefix}.${value}`) }).toEqual({
          locale,
          key: `${prefix}.${value}`,
          has: true,
        });
      }
    }
  });

  it('every policy flag is also a field label (filters use it)', () => {
    for (const flag of POLICY_FLAGS) {
      expect(catalogues.en.has(`resources.refunds.fields.${flag}`)).toBe(true);
    }
  });
});

describe('policy reasons', () => {
  const base: PolicyInput = {
    paidFen: 10_000,
    coins: 100,
    coinsSpent: 0,
    coinsSpentOnTips: 0,
    purchasedAt: '2026-03-01T00:00:00.000Z',
    submittedAt: '2026-03-02T00:00:00.000Z',
    providedItems: ['order_number', 'purchase_time', 'reason_detail'],
    accountStatus: 'normal',
    otherOpenRequestIds: [],
  };
  const variants: Partial<PolicyInput>[] = [
    {},
    { coinsSpent: 40, coinsSpentOnTips: 10 },
    { coinsSpent: 100 },
    { submittedAt: '2026-03-20T00:00:00.000Z' },
    { purchasedAt: '2026-03-05T00:00:00.000Z' },
    { providedItems: [] },
    { otherOpenRequestIds: ['r2'] },
    { committedFenOnOrder: 3_000, committedByRequestIds: ['r3'] },
    { committedFenOnOrder: 10_000, committedByRequestIds: ['r3'] },
    { coinsSpent: 40, committedFenOnOrder: 3_000, committedByRequestIds: ['r3'] },
    { coinsSpent: 40, committedFenOnOrder: 6_000, committedByRequestIds: ['r3'] },
    ...ACCOUNT_STATUSES.map((accountStatus: AccountStatus) => ({ accountStatus })),
  ];
  const reasonKeys = [
    ...new Set(
      variants.flatMap((v) => evaluatePolicy({ ...base, ...v }, FIRST_POLICY).checks.map((c) => c.reasonKey)),
    ),
  ];

  it('covers every outcome of every check', () => {
    expect(reasonKeys.sort()).toEqual(
      [
        'account.banned',
        'account.normal',
        'account.restricted',
        'duplicate.no',
        'duplicate.yes',
        'information.complete',
        'information.missing',
        'refundable.all',
        'refundable.committed',
        'refundable.committed_none',
        'refundable.none',
        'refundable.part',
        'refundable.spent_committed',
        'refundable.spent_committed_none',
        'tipping.no',
        'tipping.yes',
        'window.inside',
        'window.outside',
        'window.purchase_after_submission',
      ].sort(),
    );
  });

  it.each(['en', 'zh-CN'] as const)('has a message for each in %s', (locale) => {
    const i18n = createI18nProvider(locale);
    for (const key of reasonKeys) {
      const text = i18n.translate(`policy.${key}`, { smart_count: 2, _: '__missing__' });
      expect({ key, text }).not.toEqual({ key, text: '__missing__' });
      expect(text).not.toContain(`policy.${key}`);
    }
  });
});
