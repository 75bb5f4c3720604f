// The staff-account audit's rule: which fields a change is recorded for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StaffUser } from '../../src/domain/model';
import { accountFieldChanges } from '../../src/domain/staffAccountChanges';

const reviewer: StaffUser = {
  id: 'u9',
  username: 'mei.lin',
  fullName: 'Mei Lin',
  role: 'reviewer',
  passwordHash: 'scrypt$…',
  active: true,
  version: 3,
  languages: ['zh-CN'],
  skills: [],
  claimCap: 10,
};

describe('accountFieldChanges', () => {
  it('records every field a new account has, and never its password hash or version', () => {
    expect(accountFieldChanges(null, reviewer)).toEqual([
      { field: 'username', from: null, to: 'mei.lin' },
      { field: 'fullName', from: null, to: 'Mei Lin' },
      { field: 'role', from: null, to: 'reviewer' },
      { field: 'active', from: null, to: true },
      { field: 'languages', from: null, to: ['zh-CN'] },
      { field: 'skills', from: null, to: [] },
      { field: 'claimCap', from: null, to: 10 },
    ]);
  });

  it('records only what changed, an absent value as null (the default applies)', () => {
    expect(accountFieldChanges(reviewer, { ...reviewer, role: 'supervisor', version: 4 })).toEqual([
      { field: 'role', from: 'reviewer', to: 'supervisor' },
    ]);
    expect(
      accountFieldChanges(reviewer, {
        ...reviewer,
        skills: ['senior'],
        claimCap: null,
        passwordHash: 'other',
      }),
    ).toEqual([
      { field: 'skills', from: [], to: ['senior'] },
      { field: 'claimCap', from: 10, to: null },
    ]);
    const { languages: _dropped, ...everyLanguage } = reviewer;
    expect(accountFieldChanges(reviewer, everyLanguage)).toEqual([
      { field: 'languages', from: ['zh-CN'], to: null },
    ]);
  });

  it('compares lists as sets, and a change and its reverse list the same fields', () => {
    expect(
      accountFieldChanges(
        { ...reviewer, languages: ['en', 'zh-CN'] },
        { ...reviewer, languages: ['zh-CN', 'en'] },
      ),
    ).toEqual([]);
    const variant = fc.record({
      role: fc.constantFrom('reviewer' as const, 'supervisor' as const, 'manager' as const),
      active: fc.boolean(),
      languages: fc.subarray(['zh-CN' as const, 'en' as const]),
      skills: fc.subarray(['senior' as const]),
      claimCap: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    });
    fc.assert(
      fc.property(variant, variant, (a, b) => {
        const there = accountFieldChanges({ ...reviewer, ...a }, { ...reviewer, ...b });
        const back = accountFieldChanges({ ...reviewer, ...b }, { ...reviewer, ...a });
        expect(back.map((c) => c.field)).toEqual(there.map((c) => c.field));
        for (const c of there) expect(c.from).not.toEqual(c.to);
      }),
    );
  });
});
