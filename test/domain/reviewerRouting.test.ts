// Routing rules (src/domain/reviewerRouting.ts): who may take which request, the query's conditions
// agreeing with the rule, and the cap holding over any sequence of claims and decisions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES, REVIEWER_SKILLS } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import {
  capReached,
  claimableBy,
  claimCapOf,
  DEFAULT_REVIEWER_CAP,
  isEligible,
  meetsConditions,
  offeredAssignee,
  requiredLanguage,
  requiredSkills,
  reviewerProfileOf,
  type ReviewerProfile,
  type RoutedRequest,
} from '../../src/domain/reviewerRouting';

const requestArb: fc.Arbitrary<RoutedRequest> = fc.record({
  customerLocale: fc.constantFrom(...LOCALES),
  tipping: fc.boolean(),
  refundableFen: fc.oneof(
    fc.integer({ min: 0, max: 200_000 }),
    fc.constantFrom(SECOND_APPROVAL_THRESHOLD_FEN, SECOND_APPROVAL_THRESHOLD_FEN + 1),
  ),
});
const reviewerArb: fc.Arbitrary<ReviewerProfile> = fc.record({
  languages: fc.subarray([...LOCALES]),
  skills: fc.subarray([...REVIEWER_SKILLS]),
});

describe('what a request needs', () => {
  it('needs a senior for tipping and for more than the second-approval threshold', () => {
    const base = { customerLocale: 'zh-CN', tipping: false, refundableFen: 600 } as const;
    expect(requiredSkills(base)).toEqual([]);
    expect(requiredSkills({ ...base, tipping: true })).toEqual(['senior']);
    expect(requiredSkills({ ...base, refundableFen: SECOND_APPROVAL_THRESHOLD_FEN })).toEqual([]);
    expect(requiredSkills({ ...base, refundableFen: SECOND_APPROVAL_THRESHOLD_FEN + 1 })).toEqual(['senior']);
  });

  it("needs the customer's language, or none on a record without one", () => {
    expect(requiredLanguage({ customerLocale: 'en' })).toBe('en');
    expect(requiredLanguage({})).toBeNull();
  });

  it('reads an account no administrator routed as every language and no skill, with the default cap', () => {
    expect(reviewerProfileOf({})).toEqual({ languages: LOCALES, skills: [] });
    expect(reviewerProfileOf({ languages: ['en'], skills: ['senior'] })).toEqual({
      languages: ['en'],
      skills: ['senior'],
    });
    expect(claimCapOf({})).toBe(DEFAULT_REVIEWER_CAP);
    expect(claimCapOf({ claimCap: null })).toBe(10);
    expect(claimCapOf({ claimCap: 3 })).toBe(3);
  });
});

describe('eligibility', () => {
  it('is never granted when a required skill or the language is missing', () => {
    fc.assert(
      fc.property(reviewerArb, requestArb, (reviewer, request) => {
        const missingSkill = requiredSkills(request).some((s) => !reviewer.skills.includes(s));
        const language = requiredLanguage(request);
        const missingLanguage = language !== null && !reviewer.languages.includes(language);
        if (missingSkill || missingLanguage) expect(isEligible(reviewer, request)).toBe(false);
        else expect(isEligible(reviewer, request)).toBe(true);
      }),
    );
  });

  it("the claim-next query's conditions pick exactly the requests isEligible grants", () => {
    fc.assert(
      fc.property(reviewerArb, requestArb, (reviewer, request) => {
        expect(meetsConditions(claimableBy(reviewer), request)).toBe(isEligible(reviewer, request));
      }),
    );
  });
});

describe('the cap', () => {
  it('is reached at the cap and not below', () => {
    expect(capReached(9, 10)).toBe(false);
    expect(capReached(10, 10)).toBe(true);
    expect(capReached(0, 0)).toBe(true);
  });

  it('a sequence of claims and decisions through the rules never holds more than the cap', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('claim' as const), request: requestArb }),
      fc.record({ kind: fc.constant('decide' as const) }),
    );
    fc.assert(
      fc.property(
        reviewerArb,
        fc.integer({ min: 0, max: 12 }),
        fc.array(step, { maxLength: 60 }),
        (reviewer, cap, steps) => {
          let held = 0;
          for (const s of steps) {
            if (s.kind === 'decide') held = Math.max(0, held - 1);
            else if (!capReached(held, cap) && isEligible(reviewer, s.request)) held++;
            expect(held).toBeLessThanOrEqual(cap);
          }
        },
      ),
    );
  });
});

describe('whom a reassignment offers', () => {
  const tippingInEnglish = { customerLocale: 'en', tipping: true, refundableFen: 1_000 } as const;
  it('offers supervisors always, and reviewers only when routing lets them take the request', () => {
    expect(offeredAssignee({ role: 'supervisor', languages: ['zh-CN'], skills: [] }, tippingInEnglish)).toBe(
      true,
    );
    expect(
      offeredAssignee({ role: 'reviewer', languages: ['en'], skills: ['senior'] }, tippingInEnglish),
    ).toBe(true);
    expect(offeredAssignee({ role: 'reviewer', languages: ['en'], skills: [] }, tippingInEnglish)).toBe(
      false,
    );
    expect(
      offeredAssignee({ role: 'reviewer', languages: ['zh-CN'], skills: ['senior'] }, tippingInEnglish),
    ).toBe(false);
    // an account no admin has routed reads every language, without a skill
    expect(offeredAssignee({ role: 'reviewer' }, { ...tippingInEnglish, tipping: false })).toBe(true);
  });
});
