import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SECOND_APPROVAL_THRESHOLD_FEN,
  evaluatePolicy,
  nothingRefundableMessage,
  storedRefundableLimit,
  followsSuggestion,
  isInsideWindow,
  missingInfoItems,
  needsSecondApproval,
  refundableAmountFen,
  type PolicyInput,
} from '../../src/domain/refundPolicy';
import { FIRST_POLICY, FIRST_POLICY_PARAMETERS } from '../../src/domain/policyVersions';

const base: PolicyInput = {
  paidFen: 9_800,
  coins: 980,
  coinsSpent: 0,
  coinsSpentOnTips: 0,
  purchasedAt: '2026-11-20T10:00:00.000Z',
  submittedAt: '2026-11-22T10:00:00.000Z',
  providedItems: ['order_number', 'purchase_time', 'reason_detail'],
  accountStatus: 'normal',
  otherOpenRequestIds: [],
};

describe('refundable amount', () => {
  it('is the price of the unspent coins, rounded down to the fen', () => {
    expect(refundableAmountFen(9_800, 980, 0)).toBe(9_800);
    expect(refundableAmountFen(9_800, 980, 490)).toBe(4_900);
    expect(refundableAmountFen(1_000, 3, 1)).toBe(666); // 666.67 → 666, never more than paid
    expect(refundableAmountFen(9_800, 980, 980)).toBe(0);
    expect(refundableAmountFen(9_800, 980, 2_000)).toBe(0);
    expect(refundableAmountFen(0, 0, 0)).toBe(0);
  });

  it('never exceeds what was paid and never goes negative (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat(200_000),
        (paid, coins, spent) => {
          const r = refundableAmountFen(paid, coins, spent);
          return Number.isInteger(r) && r >= 0 && r <= paid && (spent >= coins ? r === 0 : true);
        },
      ),
    );
  });
});

describe('refund window', () => {
  it('is 7 days from purchase to submission, inclusive', () => {
    expect(isInsideWindow('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z', 7)).toBe(true);
    expect(isInsideWindow('2026-11-01T00:00:00Z', '2026-11-08T00:00:00.001Z', 7)).toBe(false);
  });
});

describe('evaluatePolicy', () => {
  it('suggests a full approval when every check passes, each with a reason', () => {
    const result = evaluatePolicy(base, FIRST_POLICY);
    expect(result.suggestion).toBe('approve');
    expect(result.refundableFen).toBe(9_800);
    expect(result.checks.map((c) => c.key)).toEqual([
      'window',
      'refundable',
      'tipping',
      'information',
      'account',
      'duplicate',
    ]);
    expect(result.checks.every((c) => c.ok)).toBe(true);
    expect(result.checks.find((c) => c.key === 'window')).toMatchObject({
      reasonKey: 'window.inside',
      params: { days: 2 },
    });
    expect(result.approvalBlockers).toEqual([]);
  });

  it('asks for missing information before anything else, never a silent reject', () => {
    const result = evaluatePolicy(
      {
        ...base,
        providedItems: ['order_number'],
        accountStatus: 'banned',
        purchasedAt: '2026-10-01T00:00:00Z',
      },
      FIRST_POLICY,
    );
    expect(result.suggestion).toBe('request_info');
    expect(result.suggestedMissingItems).toEqual(['purchase_time', 'reason_detail']);
    expect(result.flags.infoIncomplete).toBe(true);
  });

  it('suggests rejecting duplicates, restricted accounts and late requests, with the reason code', () => {
    expect(evaluatePolicy({ ...base, otherOpenRequestIds: ['r1'] }, FIRST_POLICY)).toMatchObject({
      suggestion: 'reject',
      suggestedRejection: 'duplicate',
    });
    const restricted = evaluatePolicy({ ...base, accountStatus: 'restricted' }, FIRST_POLICY);
    expect(restricted).toMatchObject({ suggestion: 'reject', suggestedRejection: 'account_restricted' });
    expect(restricted.approvalBlockers).toEqual(['account_restricted']);
    const late = evaluatePolicy({ ...base, purchasedAt: '2026-11-01T00:00:00Z' }, FIRST_POLICY);
    expect(late).toMatchObject({ suggestion: 'reject', suggestedRejection: 'outside_window' });
    expect(late.flags.outsideWindow).toBe(true);
    expect(late.checks[0]).toMatchObject({
      ok: false,
      reasonKey: 'window.outside',
      params: { days: 21, limit: 7 },
    });
  });

  it('suggests a partial approval when some coins are spent, and a rejection when all are', () => {
    const part = evaluatePolicy({ ...base, coinsSpent: 300, coinsSpentOnTips: 100 }, FIRST_POLICY);
    expect(part.suggestion).toBe('approve_partial');
    expect(part.refundableFen).toBe(6_800);
    expect(part.flags).toMatchObject({ hasSpentCoins: true, tipping: true });
    expect(part.checks[1]).toMatchObject({
      reasonKey: 'refundable.part',
      params: { spent: 300, unspent: 680 },
    });
    const all = evaluatePolicy({ ...base, coinsSpent: 980 }, FIRST_POLICY);
    expect(all).toMatchObject({ suggestion: 'reject', suggestedRejection: 'coins_spent', refundableFen: 0 });
  });
});

describe('second approval and suggestions', () => {
  it('is needed above ¥500 or when tips are involved', () => {
    expect(needsSecondApproval(SECOND_APPROVAL_THRESHOLD_FEN, false, FIRST_POLICY_PARAMETERS)).toBe(false);
    expect(needsSecondApproval(SECOND_APPROVAL_THRESHOLD_FEN + 1, false, FIRST_POLICY_PARAMETERS)).toBe(true);
    expect(needsSecondApproval(100, true, FIRST_POLICY_PARAMETERS)).toBe(true);
  });

  it('reads a decision against the suggestion', () => {
    expect(followsSuggestion('approve_partial', 'approve')).toBe(true);
    expect(followsSuggestion('reject', 'approve')).toBe(false);
    expect(followsSuggestion('request_info', 'request_info')).toBe(true);
    expect(followsSuggestion('approve', 'reject')).toBe(false);
  });

  it('lists missing items in a stable order', () => {
    expect(missingInfoItems(['reason_detail'])).toEqual(['order_number', 'purchase_time']);
  });
});

describe('one order, refunded once', () => {
  it('subtracts what other requests for the same order already hold', () => {
    const second = evaluatePolicy({ ...base, committedFenOnOrder: 3_000 }, FIRST_POLICY);
    expect(second.refundableFen).toBe(6_800);
    expect(second.checks[1]).toMatchObject({
      ok: false,
      reasonKey: 'refundable.committed',
      params: { committedFen: 3_000 },
    });
    const spentOut = evaluatePolicy({ ...base, coinsSpent: 490, committedFenOnOrder: 4_900 }, FIRST_POLICY);
    expect(spentOut).toMatchObject({
      refundableFen: 0,
      suggestion: 'reject',
      // half spent, the other half held by another request: not "all the coins are spent"
      suggestedRejection: 'already_refunded',
    });
    expect(evaluatePolicy({ ...base, committedFenOnOrder: 20_000 }, FIRST_POLICY).refundableFen).toBe(0);
  });
});

describe('a purchase time after the submission', () => {
  const ACCOUNT = ['normal', 'restricted', 'banned'] as const;
  const policyInput = fc.record({
    paidFen: fc.nat(2_000_000),
    coins: fc.integer({ min: 1, max: 100_000 }),
    spentShare: fc.double({ min: 0, max: 1, noNaN: true }),
    tipShare: fc.double({ min: 0, max: 1, noNaN: true }),
    submittedMs: fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2027-01-01') }),
    // from one millisecond to a year after the submission
    laterMs: fc.integer({ min: 1, max: 365 * 86_400_000 }),
    providedItems: fc.subarray(['order_number', 'purchase_time', 'reason_detail', 'payment_proof'] as const),
    accountStatus: fc.constantFrom(...ACCOUNT),
    otherOpenRequestIds: fc.subarray(['r1', 'r2']),
    committedFenOnOrder: fc.nat(2_000_000),
  });

  it('is flagged as a data error, never suggested for approval, and asks for the time and proof (property)', () => {
    fc.assert(
      fc.property(policyInput, (p) => {
        const coinsSpent = Math.floor(p.coins * p.spentShare);
        const result = evaluatePolicy(
          {
            paidFen: p.paidFen,
            coins: p.coins,
            coinsSpent,
            coinsSpentOnTips: Math.floor(coinsSpent * p.tipShare),
            submittedAt: new Date(p.submittedMs).toISOString(),
            purchasedAt: new Date(p.submittedMs + p.laterMs).toISOString(),
            providedItems: p.providedItems,
            accountStatus: p.accountStatus,
            otherOpenRequestIds: p.otherOpenRequestIds,
            committedFenOnOrder: p.committedFenOnOrder,
          },
          FIRST_POLICY,
        );
        expect(result.flags.purchaseAfterSubmission).toBe(true);
        expect(result.suggestion).not.toBe('approve');
        expect(result.suggestion).not.toBe('approve_partial');
        expect(result.suggestion).toBe('request_info');
        expect(result.suggestedMissingItems).toEqual(
          expect.arrayContaining(['purchase_time', 'payment_proof']),
        );
        const window = result.checks.find((c) => c.key === 'window')!;
        expect(window).toMatchObject({ ok: false, reasonKey: 'window.purchase_after_submission' });
      }),
      { numRuns: 300 },
    );
  });

  it('is not raised for a purchase at or before the submission', () => {
    expect(evaluatePolicy(base, FIRST_POLICY).flags.purchaseAfterSubmission).toBe(false);
    const same = evaluatePolicy({ ...base, purchasedAt: base.submittedAt }, FIRST_POLICY);
    expect(same.flags.purchaseAfterSubmission).toBe(false);
    expect(same.suggestion).toBe('approve');
  });
});

describe('why less is refundable: spent coins, or money held by other requests on the order', () => {
  const held = { committedFenOnOrder: 9_800, committedByRequestIds: ['r7'] };

  it('never says the coins are spent when another request holds the money', () => {
    const result = evaluatePolicy({ ...base, ...held }, FIRST_POLICY);
    expect(result).toMatchObject({
      refundableFen: 0,
      refundableLimit: 'held',
      heldByRequestIds: ['r7'],
      suggestion: 'reject',
      suggestedRejection: 'already_refunded',
    });
    expect(result.checks[1]).toMatchObject({
      ok: false,
      reasonKey: 'refundable.committed_none',
      params: { heldBy: 'r7', committedFen: 9_800 },
    });
    const message = nothingRefundableMessage(result.refundableLimit, result.heldByRequestIds);
    expect(message).not.toMatch(/spent/);
    expect(message).toContain('request r7 on the same order');
  });

  it('names both causes when some coins are spent and another request holds the rest', () => {
    const result = evaluatePolicy(
      {
        ...base,
        coinsSpent: 490,
        committedFenOnOrder: 4_900,
        committedByRequestIds: ['r7', 'r9'],
      },
      FIRST_POLICY,
    );
    expect(result).toMatchObject({
      refundableLimit: 'spent_and_held',
      suggestedRejection: 'already_refunded',
    });
    expect(result.checks[1]!.reasonKey).toBe('refundable.spent_committed_none');
    const message = nothingRefundableMessage(result.refundableLimit, result.heldByRequestIds);
    expect(message).toContain('some of its coins have been spent');
    expect(message).toContain('requests r7, r9 on the same order');
    const partly = evaluatePolicy(
      {
        ...base,
        coinsSpent: 490,
        committedFenOnOrder: 1_000,
        committedByRequestIds: ['r7'],
      },
      FIRST_POLICY,
    );
    expect(partly).toMatchObject({
      refundableFen: 3_900,
      refundableLimit: 'spent_and_held',
      suggestion: 'approve_partial',
    });
    expect(partly.checks[1]!.reasonKey).toBe('refundable.spent_committed');
  });

  it('says the coins are spent only when they are (property)', () => {
    fc.assert(
      fc.property(
        // a coin costs at least one fen, as every order does
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.nat(12_000),
        fc.nat(1_000_000),
        (fenPerCoin, coins, coinsSpent, committed) => {
          const paidFen = fenPerCoin * coins;
          const result = evaluatePolicy(
            {
              ...base,
              paidFen,
              coins,
              coinsSpent,
              committedFenOnOrder: committed,
              committedByRequestIds: committed > 0 ? ['r2'] : [],
            },
            FIRST_POLICY,
          );
          const allSpent = coinsSpent >= coins;
          const reason = result.checks[1]!.reasonKey;
          expect(reason === 'refundable.none').toBe(allSpent);
          if (result.suggestedRejection === 'coins_spent') expect(allSpent).toBe(true);
          if (!allSpent && committed > 0) {
            expect(result.refundableLimit).toMatch(/held/);
            expect(result.heldByRequestIds).toEqual(['r2']);
            expect(reason).toMatch(/committed/);
          }
          // what the stored request says agrees with the full evaluation
          expect(storedRefundableLimit({ ...result, paidFen, coins, coinsSpent })).toBe(
            result.refundableLimit,
          );
        },
      ),
    );
  });
});
