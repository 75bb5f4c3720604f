// Red-team variation of part 8 items 4/5: the four-eyes threshold of goodwill is over everything
// the complaint has credited, not one resolution at a time. Resolve with goodwill under ¥500,
// reopen, resolve again under ¥500: the second credit brings the complaint over ¥500 and waits
// for another supervisor, as a single credit of the sum would.
import { describe, expect, it } from 'vitest';
import { checkResolution, type ComplaintRefundView } from '../../src/domain/complaintResolution';
import { goodwillValueFen } from '../../src/domain/fourEyes';
import { goodwillAllowance } from '../../src/domain/goodwill';
import type { GoodwillCredit } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { FIRST_POLICY_PARAMETERS } from '../../src/domain/policyVersions';

const NOW = '2026-12-01T10:00:00.000Z';
// 20 fen a coin: 2,000 coins are worth ¥400, 4,000 coins ¥800
const refund: ComplaintRefundView = {
  id: 'r-1',
  status: 'rejected',
  refundableFen: 0,
  approvedFen: null,
  version: 3,
  tipping: false,
  paidFen: 200_000,
  coins: 10_000,
  overrideBy: null,
  outsideWindow: false,
  accountRestricted: false,
};
const goodwill = (goodwillCoins: number) => ({
  outcome: 'goodwill' as const,
  goodwillCoins,
  customerMessage: '您好，我们为您补偿了金币。',
});

describe('goodwill four eyes over a complaint’s credits', () => {
  it('one credit under the threshold needs one pair of eyes', () => {
    expect(goodwillValueFen(2_000, refund)).toBeLessThanOrEqual(SECOND_APPROVAL_THRESHOLD_FEN);
    const complaint = { goodwillCredits: [] as GoodwillCredit[] };
    const check = checkResolution(
      goodwill(2_000),
      refund,
      goodwillAllowance(complaint, [], NOW),
      'u-sup1',
      FIRST_POLICY_PARAMETERS,
    );
    expect(check).toMatchObject({ ok: true, reasons: [] });
  });

  it('a second credit that brings the complaint over the threshold needs another supervisor', () => {
    const earlier: GoodwillCredit = { coins: 2_000, at: '2026-11-30T10:00:00.000Z', by: 'u-sup1' };
    const complaint = { goodwillCredits: [earlier] };
    const check = checkResolution(
      goodwill(2_000),
      refund,
      goodwillAllowance(complaint, [], NOW),
      'u-sup1',
      FIRST_POLICY_PARAMETERS,
    );
    expect(check).toMatchObject({ ok: true, reasons: ['over_threshold'] });
  });
});
