// The customer's rating: its body, when a request may be rated (a final decision, once), the
// decision it is kept with, its audit event, and the CSAT figures the dashboard shows, checked
// against a plain recomputation from single ratings (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CSAT_OUTCOMES,
  csatAverage,
  csatFigures,
  type CsatGroup,
  type CsatOutcome,
} from '../../src/domain/csat';
import {
  RATING_COMMENT_MAX,
  customerRating,
  ratedDecisionBy,
  ratedOutcome,
  ratingBodySchema,
  ratingEvent,
  ratingOfEvent,
  ratingRefusal,
} from '../../src/domain/customerRatings';
import {
  OPEN_REFUND_STATUSES,
  REASON_CATEGORIES,
  type AuditEvent,
  type ReasonCategory,
  type RefundDecision,
} from '../../src/domain/model';
import { auditEvent, refundRequest } from '../../src/domain/records';
import { fieldRefusals } from '../../src/domain/validation';

const decision = (by: string): RefundDecision => ({
  action: 'approve',
  by,
  at: '2026-03-11T09:00:00.000Z',
  amountFen: 19_800,
  customerMessage: 'Approved.',
});
const approved = refundRequest({
  status: 'approved',
  decidedAt: '2026-03-11T09:00:00.000Z',
  decision: decision('u1'),
  approvedFen: 19_800,
});

describe('the rating body', () => {
  const parse = (body: unknown) => ratingBodySchema.safeParse(body);
  const fieldsOf = (body: unknown) => {
    const parsed = parse(body);
    if (parsed.success) throw new Error(`accepted ${JSON.stringify(body)}`);
    return fieldRefusals(parsed.error);
  };

  it('takes a whole score from 1 to 5, an optional comment and locale', () => {
    expect(parse({ score: 1 }).success).toBe(true);
    expect(parse({ score: 5, comment: '  Quick, thanks.  ', locale: 'zh-CN' }).data).toEqual({
      score: 5,
      comment: 'Quick, thanks.',
      locale: 'zh-CN',
    });
  });

  it('refuses any other score with its own field code', () => {
    for (const score of [0, 6, 4.5, -1, '4', null, true]) {
      expect(fieldsOf({ score }).score, JSON.stringify(score)).toEqual({
        code: 'rating_score_choice',
        params: { min: 1, max: 5 },
      });
    }
    expect(fieldsOf({}).score.code).toBe('rating_score_choice');
  });

  it('refuses a comment too long, of invisible characters only, or not text, and unknown fields', () => {
    expect(fieldsOf({ score: 3, comment: 'x'.repeat(RATING_COMMENT_MAX + 1) }).comment).toEqual({
      code: 'text_too_long',
      params: { what: 'rating_comment', max: RATING_COMMENT_MAX },
    });
    expect(fieldsOf({ score: 3, comment: '\u200b\u2066' }).comment.code).toBe('text_invisible');
    expect(fieldsOf({ score: 3, comment: 42 }).comment.code).toBe('text_required');
    expect(fieldsOf({ score: 3, stars: 3 }).stars.code).toBe('unknown_field');
    expect(parse({ score: 3, comment: '   ' }).success).toBe(true);
  });
});

describe('when a request may be rated', () => {
  it('only with a final decision: approved, partly approved, rejected, paid out', () => {
    for (const status of OPEN_REFUND_STATUSES) {
      expect(ratingRefusal({ ...approved, status, decidedAt: null }, null)).toMatchObject({
        status: 409,
        code: 'rating_not_decided',
        params: { status },
      });
    }
    for (const status of ['approved', 'partially_approved', 'rejected', 'refunded'] as const) {
      expect(ratingRefusal({ ...approved, status }, null), status).toBeNull();
    }
  });

  it('once: a second rating is refused with its own code, naming the first score', () => {
    expect(ratingRefusal(approved, { score: 4 })).toMatchObject({
      status: 409,
      code: 'rating_already_given',
      params: { score: 4 },
    });
  });

  it('tells a paid-out partial approval from a full one', () => {
    const paid = { ...approved, status: 'refunded' as const };
    expect(ratedOutcome(paid)).toBe('approved');
    expect(ratedOutcome({ ...paid, approvedFen: 9_900 })).toBe('partially_approved');
    expect(ratedOutcome({ ...approved, status: 'awaiting_second_approval' })).toBeNull();
  });
});

describe('the rated decision', () => {
  const overturn = (actorId: string, at: string) =>
    auditEvent({ refundId: approved.id, action: 'overturn', actorId, at });

  it('is the reviewer’s, the overturning supervisor’s after a complaint, nobody’s after the timeout', () => {
    expect(ratedDecisionBy(approved, [])).toBe('u1');
    const events = [overturn('u4', '2026-03-12T00:00:00.000Z'), overturn('u5', '2026-03-13T00:00:00.000Z')];
    expect(ratedDecisionBy({ ...approved, overturned: true }, events)).toBe('u5');
    expect(ratedDecisionBy(approved, events)).toBe('u1');
    expect(ratedDecisionBy({ ...approved, decision: { ...decision('system'), action: 'reject' } }, [])).toBe(
      null,
    );
  });

  it('is kept with the rating, and the audit event carries it back', () => {
    const rating = customerRating(approved, { score: 4, comment: '  ' }, 'u1', '2026-03-12T08:00:00.000Z');
    expect(rating).toEqual({
      refundId: 'r1',
      score: 4,
      comment: null,
      ratedAt: '2026-03-12T08:00:00.000Z',
      decidedAt: '2026-03-11T09:00:00.000Z',
      decidedBy: 'u1',
      outcome: 'approved',
      reasonCategory: 'mistaken_purchase',
      paymentChannel: 'wechat_pay',
      submissionChannel: 'app',
    });
    const event: AuditEvent = { ...ratingEvent({ ...rating, comment: 'Fast' }, 'approved', 'pc1'), id: 'e9' };
    expect(event).toMatchObject({
      action: 'customer_rating',
      actorKind: 'customer',
      statusBefore: 'approved',
      statusAfter: 'approved',
      details: { score: 4, comment: 'Fast', platformClientId: 'pc1', decidedBy: 'u1', outcome: 'approved' },
    });
    const { reasonCategory: _r, paymentChannel: _p, submissionChannel: _s, ...fromEvent } = rating;
    expect(ratingOfEvent(event)).toEqual({ ...fromEvent, comment: 'Fast' });
    expect(ratingOfEvent({ ...event, action: 'approve' })).toBeNull();
    expect(() => customerRating({ ...approved, status: 'pending' }, { score: 3 }, null, 'x')).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// CSAT figures

interface OneRating {
  decidedBy: string | null;
  reasonCategory: ReasonCategory;
  outcome: CsatOutcome;
  score: number;
}

const oneRating = fc.record({
  decidedBy: fc.constantFrom<string | null>('u1', 'u2', 'u10', 'u3', null),
  reasonCategory: fc.constantFrom(...REASON_CATEGORIES),
  outcome: fc.constantFrom(...CSAT_OUTCOMES),
  score: fc.integer({ min: 1, max: 5 }),
});

const single = (r: OneRating): CsatGroup => ({ ...r, n: 1, scoreSum: r.score });

/** The ratings grouped by (reviewer, reason, outcome), as the SQL reader groups them. */
function grouped(ratings: readonly OneRating[]): CsatGroup[] {
  const groups = new Map<string, CsatGroup>();
  for (const r of ratings) {
    const key = JSON.stringify([r.decidedBy, r.reasonCategory, r.outcome]);
    const g = groups.get(key) ?? { ...single(r), n: 0, scoreSum: 0 };
    g.n += 1;
    g.scoreSum += r.score;
    groups.set(key, g);
  }
  return [...groups.values()].reverse();
}

/** The plain way: the mean of the scores in hundredths, rounded half up in whole numbers. */
function mean(scores: number[]): number | null {
  if (scores.length === 0) return null;
  const sum = scores.reduce((s, x) => s + x, 0);
  return Math.floor((200 * sum + scores.length) / (2 * scores.length)) / 100;
}

describe('CSAT figures', () => {
  it('averages to two decimals, null without ratings', () => {
    expect(csatAverage(0, 0)).toBeNull();
    expect(csatAverage(13, 3)).toBe(4.33);
    expect(csatAverage(14, 3)).toBe(4.67);
    expect(csatAverage(5, 1)).toBe(5);
    // 1.025 exactly: half up, where the nearest double of 41 / 40 would round down
    expect(csatAverage(41, 40)).toBe(1.03);
  });

  it('lists every outcome and the reasons asked for, reviewers by ratings, the timeout last', () => {
    const { csat, csatBy } = csatFigures(
      [
        { decidedBy: null, reasonCategory: 'other', outcome: 'rejected', n: 5, scoreSum: 6 },
        { decidedBy: 'u2', reasonCategory: 'other', outcome: 'approved', n: 1, scoreSum: 5 },
        { decidedBy: 'u10', reasonCategory: 'other', outcome: 'approved', n: 2, scoreSum: 9 },
        { decidedBy: 'u9', reasonCategory: 'other', outcome: 'approved', n: 2, scoreSum: 8 },
      ],
      ['other', 'duplicate_charge'],
    );
    expect(csat).toEqual({ average: 2.8, n: 10 });
    expect(csatBy.reviewer.map((r) => r.reviewerId)).toEqual(['u9', 'u10', 'u2', null]);
    expect(csatBy.reasonCategory).toEqual([
      { reasonCategory: 'other', average: 2.8, n: 10 },
      { reasonCategory: 'duplicate_charge', average: null, n: 0 },
    ]);
    expect(csatBy.outcome).toEqual([
      { outcome: 'approved', average: 4.4, n: 5 },
      { outcome: 'partially_approved', average: null, n: 0 },
      { outcome: 'rejected', average: 1.2, n: 5 },
    ]);
  });

  it('grouped as the SQL groups them, equal to the plain mean of single ratings', () => {
    fc.assert(
      fc.property(fc.array(oneRating, { maxLength: 60 }), (ratings) => {
        const answer = csatFigures(grouped(ratings));
        expect(answer).toEqual(csatFigures(ratings.map(single)));
        expect(answer.csat).toEqual({ average: mean(ratings.map((r) => r.score)), n: ratings.length });
        for (const row of answer.csatBy.reviewer) {
          const own = ratings.filter((r) => r.decidedBy === row.reviewerId).map((r) => r.score);
          expect(row).toEqual({ reviewerId: row.reviewerId, average: mean(own), n: own.length });
        }
        for (const row of answer.csatBy.outcome) {
          expect(row.average).toBe(
            mean(ratings.filter((r) => r.outcome === row.outcome).map((r) => r.score)),
          );
        }
      }),
    );
  });

  it('each breakdown counts every rating once, and every average lies within the scores', () => {
    fc.assert(
      fc.property(fc.array(oneRating, { minLength: 1, maxLength: 60 }), (ratings) => {
        const { csat, csatBy } = csatFigures(grouped(ratings));
        for (const rows of [csatBy.reviewer, csatBy.reasonCategory, csatBy.outcome]) {
          expect(rows.reduce((s, r) => s + r.n, 0)).toBe(csat.n);
          for (const r of rows) {
            if (r.n === 0) expect(r.average).toBeNull();
            else expect(r.average! >= 1 && r.average! <= 5).toBe(true);
          }
        }
        const scores = ratings.map((r) => r.score);
        expect(csat.average! >= Math.min(...scores) && csat.average! <= Math.max(...scores)).toBe(true);
      }),
    );
  });
});
