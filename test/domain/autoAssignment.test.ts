// Automatic assignment (src/domain/autoAssignment.ts): who receives a new request, properties over
// any desk and any stream of arrivals (never an ineligible, away or inactive reviewer, never past a
// cap, always the least loaded), the desk's shift and the setting's validation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseAssignee,
  deskOnShift,
  mayReceive,
  parseAssignmentSettings,
  type AssignmentCandidate,
} from '../../src/domain/autoAssignment';
import { LOCALES, REVIEWER_SKILLS, ROLES } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import {
  claimCapOf,
  isEligible,
  reviewerProfileOf,
  type RoutedRequest,
} from '../../src/domain/reviewerRouting';
import { ALWAYS_OPEN_CALENDAR, type WorkingCalendar } from '../../src/domain/workingCalendar';

const requestArb: fc.Arbitrary<RoutedRequest> = fc.record({
  customerLocale: fc.constantFrom(...LOCALES),
  tipping: fc.boolean(),
  refundableFen: fc.oneof(
    fc.integer({ min: 0, max: 200_000 }),
    fc.constant(SECOND_APPROVAL_THRESHOLD_FEN + 1),
  ),
});

const candidateArb = (id: string): fc.Arbitrary<AssignmentCandidate> =>
  fc.record({
    id: fc.constant(id),
    role: fc.constantFrom(...ROLES, 'reviewer', 'reviewer'),
    active: fc.boolean(),
    away: fc.option(fc.boolean(), { nil: undefined }),
    languages: fc.option(fc.subarray([...LOCALES]), { nil: undefined }),
    skills: fc.option(fc.subarray([...REVIEWER_SKILLS]), { nil: undefined }),
    claimCap: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    held: fc.integer({ min: 0, max: 8 }),
  });

const deskArb: fc.Arbitrary<AssignmentCandidate[]> = fc
  .integer({ min: 0, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(`u${i + 1}`))));

const reviewer = (
  id: string,
  held: number,
  extra: Partial<AssignmentCandidate> = {},
): AssignmentCandidate => ({
  id,
  role: 'reviewer',
  active: true,
  held,
  ...extra,
});
const plain: RoutedRequest = { customerLocale: 'zh-CN', tipping: false, refundableFen: 600 };

describe('who receives a new request', () => {
  it('hands it to an active reviewer on the desk who is not away, reads the language and is under cap', () => {
    fc.assert(
      fc.property(deskArb, requestArb, (desk, request) => {
        const chosen = chooseAssignee(desk, request);
        if (chosen === null) {
          expect(desk.filter((c) => mayReceive(c, request))).toEqual([]);
          return;
        }
        expect(chosen.role).toBe('reviewer');
        expect(chosen.active).toBe(true);
        expect(chosen.away).not.toBe(true);
        expect(isEligible(reviewerProfileOf(chosen), request)).toBe(true);
        expect(chosen.held).toBeLessThan(claimCapOf(chosen));
        // nobody who could have received it holds fewer
        for (const other of desk.filter((c) => mayReceive(c, request)))
          expect(chosen.held).toBeLessThanOrEqual(other.held);
      }),
    );
  });

  it('never passes a cap and never hands out an ineligible request, over any stream of arrivals', () => {
    fc.assert(
      fc.property(deskArb, fc.array(requestArb, { maxLength: 60 }), (start, arrivals) => {
        const desk = start.map((c) => ({ ...c }));
        for (const request of arrivals) {
          const chosen = chooseAssignee(desk, request);
          if (chosen === null) continue;
          expect(mayReceive(chosen, request)).toBe(true);
          const wasOverCap = start.find((c) => c.id === chosen.id)!.held >= claimCapOf(chosen);
          expect(wasOverCap).toBe(false);
          chosen.held += 1;
        }
        for (const c of desk) {
          const before = start.find((s) => s.id === c.id)!;
          // what it was handed stopped at its cap (an account may have come in above it)
          if (c.held > before.held) expect(c.held).toBeLessThanOrEqual(claimCapOf(c));
        }
      }),
    );
  });

  it('spreads identical arrivals evenly over the reviewers who may take them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 40 }), (n, count) => {
        const desk = Array.from({ length: n }, (_, i) => reviewer(`u${i + 1}`, 0, { claimCap: 1000 }));
        for (let i = 0; i < count; i++) chooseAssignee(desk, plain)!.held += 1;
        const loads = desk.map((c) => c.held);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('between equal loads, takes the one with more room under their cap, then the smaller id', () => {
    expect(chooseAssignee([reviewer('u2', 3), reviewer('u1', 3, { claimCap: 4 })], plain)?.id).toBe('u2');
    expect(chooseAssignee([reviewer('u2', 3), reviewer('u1', 3)], plain)?.id).toBe('u1');
    expect(chooseAssignee([reviewer('u1', 4), reviewer('u2', 2)], plain)?.id).toBe('u2');
  });

  it('skips the away, the inactive, other roles, the wrong language, the non-senior and the full', () => {
    const tipping: RoutedRequest = { ...plain, tipping: true };
    const desk = [
      reviewer('u1', 0, { away: true }),
      reviewer('u2', 0, { active: false }),
      { ...reviewer('u3', 0), role: 'supervisor' as const },
      reviewer('u4', 0, { languages: ['en'] }),
      reviewer('u5', 10),
      reviewer('u6', 5),
      reviewer('u7', 7, { skills: ['senior'] }),
    ];
    expect(chooseAssignee(desk, plain)?.id).toBe('u6');
    expect(chooseAssignee(desk, tipping)?.id).toBe('u7');
    expect(chooseAssignee(desk.slice(0, 6), tipping)).toBeNull();
  });
});

describe('the desk on shift', () => {
  const weekdays: WorkingCalendar = {
    timeZone: 'Asia/Shanghai',
    hours: {
      mon: [['09:00', '18:00']],
      tue: [['09:00', '18:00']],
      wed: [['09:00', '18:00']],
      thu: [['09:00', '18:00']],
      fri: [['09:00', '18:00']],
      sat: [],
      sun: [],
    },
    holidays: ['2026-10-01'],
  };

  it('is on shift while its calendar is open, and off at night, at weekends and on holidays', () => {
    // 2026-12-04 is a Friday; Shanghai is UTC+8
    expect(deskOnShift(weekdays, Date.parse('2026-12-04T02:00:00Z'))).toBe(true); // 10:00
    expect(deskOnShift(weekdays, Date.parse('2026-12-04T10:00:00Z'))).toBe(false); // 18:00
    expect(deskOnShift(weekdays, Date.parse('2026-12-05T02:00:00Z'))).toBe(false); // Saturday
    expect(deskOnShift(weekdays, Date.parse('2026-10-01T02:00:00Z'))).toBe(false); // holiday
    expect(deskOnShift(ALWAYS_OPEN_CALENDAR, Date.parse('2026-12-05T20:00:00Z'))).toBe(true);
  });
});

describe('the setting', () => {
  it('is on or off, nothing else', () => {
    expect(parseAssignmentSettings({ automatic: true })).toEqual({ ok: true, settings: { automatic: true } });
    for (const bad of [{}, { automatic: 'yes' }, { automatic: true, extra: 1 }, null]) {
      const parsed = parseAssignmentSettings(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.status).toBe(422);
    }
    const wrong = parseAssignmentSettings({ automatic: 1 });
    expect(wrong.ok || wrong.fieldErrors).toMatchObject({
      automatic: { code: 'assignment_automatic_invalid' },
    });
  });
});
