// Automatic approval decides only what the policy allows: over random requests and random policy
// versions, the system approves exactly the clean requests a plain reading of the rule names
// (inside the window, nothing spent, complete, account in good standing, no other open request,
// nothing held by another request, not tipping, refundable within the version's amount), and the
// workflow's auto_approve approves those in full, by the system, without a second approval.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayApproveAutomatically } from '../../src/domain/automaticApproval';
import { INFO_ITEMS, type InfoItem } from '../../src/domain/model';
import type { PolicyInForce } from '../../src/domain/policyVersions';
import { REQUIRED_INFO_ITEMS, evaluatePolicy, type PolicyInput } from '../../src/domain/refundPolicy';
import { makeRequest, run } from './refundWorkflowFixtures';

const DAY = 86_400_000;
const SUBMITTED = Date.parse('2026-11-20T10:00:00.000Z');

const inputs = fc.record({
  paidFen: fc.integer({ min: 0, max: 200_000 }),
  coins: fc.integer({ min: 1, max: 5_000 }),
  spentShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  tippedShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  ageMs: fc.integer({ min: -DAY, max: 30 * DAY }),
  providedItems: fc.subarray([...INFO_ITEMS] as InfoItem[]),
  accountStatus: fc.constantFrom('normal', 'restricted', 'banned') as fc.Arbitrary<
    'normal' | 'restricted' | 'banned'
  >,
  duplicate: fc.boolean(),
  committedFen: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000 })),
});
const versions = fc
  .record({
    refundWindowDays: fc.integer({ min: 1, max: 30 }),
    secondApprovalThresholdFen: fc.integer({ min: 0, max: 100_000 }),
    tippingNeedsSecondApproval: fc.boolean(),
    automaticShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  })
  .map(({ automaticShare, ...p }): PolicyInForce => ({
    version: 2,
    parameters: {
      ...p,
      automaticApprovalMaxFen:
        automaticShare === null
          ? null
          : Math.max(1, Math.floor(p.secondApprovalThresholdFen * automaticShare)),
    },
  }));

type RawInput = typeof inputs extends fc.Arbitrary<infer T> ? T : never;

function toInput(r: RawInput): PolicyInput {
  const coinsSpent = Math.floor(r.coins * r.spentShare);
  return {
    paidFen: r.paidFen,
    coins: r.coins,
    coinsSpent,
    coinsSpentOnTips: Math.floor(coinsSpent * r.tippedShare),
    purchasedAt: new Date(SUBMITTED - r.ageMs).toISOString(),
    submittedAt: new Date(SUBMITTED).toISOString(),
    providedItems: r.providedItems,
    accountStatus: r.accountStatus,
    otherOpenRequestIds: r.duplicate ? ['r-0'] : [],
    committedFenOnOrder: r.committedFen,
  };
}

describe('mayApproveAutomatically', () => {
  it('is true exactly for the clean requests within the version’s amount', () => {
    fc.assert(
      fc.property(inputs, versions, (raw, version) => {
        const input = toInput(raw);
        const policy = evaluatePolicy(input, version);
        const max = version.parameters.automaticApprovalMaxFen;
        const plain =
          max !== null &&
          input.coinsSpent === 0 &&
          input.coinsSpentOnTips === 0 &&
          raw.ageMs >= 0 &&
          raw.ageMs <= version.parameters.refundWindowDays * DAY &&
          REQUIRED_INFO_ITEMS.every((item) => input.providedItems.includes(item)) &&
          input.accountStatus === 'normal' &&
          !raw.duplicate &&
          raw.committedFen === 0 &&
          input.paidFen > 0 &&
          input.paidFen <= max;
        const request = {
          status: 'pending' as const,
          assigneeId: null,
          coinsSpentOnTips: input.coinsSpentOnTips,
        };
        expect(mayApproveAutomatically(request, policy)).toBe(plain);
        // never a request someone already holds, nor one past the queue
        expect(mayApproveAutomatically({ ...request, assigneeId: 'u-rev1' }, policy)).toBe(false);
        expect(mayApproveAutomatically({ ...request, status: 'in_review' }, policy)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('auto_approve in the refund workflow', () => {
  it('approves a clean request in full, by the system, with no second approval, under a version that allows it', () => {
    const request = makeRequest({ status: 'pending', assigneeId: null, policyVersion: 2 });
    const result = run(request, { action: 'auto_approve', customerMessage: 'Approved.' }, { kind: 'system' });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.request).toMatchObject({
      status: 'approved',
      approvedFen: request.refundableFen,
      decision: {
        action: 'approve',
        by: 'system',
        amountFen: request.refundableFen,
        againstSuggestion: false,
      },
    });
    expect(result.event).toMatchObject({ details: { secondApprovalRequired: false } });
  });

  it('refuses under a version that does not, and for a request that is not clean', () => {
    const firstVersion = makeRequest({ status: 'pending', assigneeId: null, policyVersion: 1 });
    const refused = run(
      firstVersion,
      { action: 'auto_approve', customerMessage: 'Approved.' },
      { kind: 'system' },
    );
    expect(refused).toMatchObject({ ok: false, status: 409, code: 'auto_approve_not_allowed' });
    const spent = makeRequest({ status: 'pending', assigneeId: null, policyVersion: 2, coinsSpent: 100 });
    expect(
      run(spent, { action: 'auto_approve', customerMessage: 'Approved.' }, { kind: 'system' }),
    ).toMatchObject({
      ok: false,
      code: 'auto_approve_not_allowed',
    });
  });
});
