// "Nothing is refundable" says why when a complaint would overturn a request: the coins are spent,
// or other requests on the same order hold the money, or both (read back from the stored request).
import { describe, expect, it } from 'vitest';
import { applyComplaintCommand } from '../../src/domain/complaintWorkflow';
import type { Complaint } from '../../src/domain/model';
import * as make from '../../src/domain/records';

const NOW = '2026-03-10T08:00:00.000Z';
const supervisor = { kind: 'staff', id: 'u-sup1', role: 'supervisor' } as const;

function complaint(): Complaint {
  return make.complaint({
    id: 'cp-1',
    refundId: 'r-1',
    customerId: 'c-1',
    customerName: 'Casey',
    orderNumber: 'CZ1',
    channel: 'phone',
    description: 'Why?',
    status: 'investigating',
    assigneeId: 'u-sup1',
    openedAt: '2026-03-10T00:00:00.000Z',
    openedBy: 'u-rev1',
    originalDecision: { status: 'rejected', reviewerId: 'u-rev1', amountFen: null },
    version: 5,
  });
}

function overturnMessage(refund: { paidFen: number; coins: number; coinsSpent: number }) {
  const result = applyComplaintCommand(
    complaint(),
    { action: 'resolve', version: 5, outcome: 'overturned', customerMessage: 'We refund it.' },
    {
      actor: supervisor,
      nowIso: NOW,
      refund: {
        id: 'r-1',
        status: 'rejected',
        refundableFen: 0,
        approvedFen: null,
        version: 7,
        tipping: false,
        overrideBy: null,
        outsideWindow: false,
        accountRestricted: false,
        ...refund,
      },
      staffName: () => 'Chen Jing',
      isSupervisor: () => true,
      otherActiveComplaintId: null,
    },
  );
  if (result.ok) throw new Error('expected a refusal');
  return result.errors?.amountFen ?? result.message;
}

describe('a complaint overturn with nothing refundable', () => {
  it('says the coins are spent only when they are', () => {
    expect(overturnMessage({ paidFen: 6_800, coins: 680, coinsSpent: 680 })).toBe(
      'Nothing is refundable for this request: all its coins have been spent.',
    );
    const held = overturnMessage({ paidFen: 6_800, coins: 680, coinsSpent: 0 });
    expect(held).not.toMatch(/spent/);
    expect(held).toMatch(/other requests on the same order already hold the whole refundable amount/);
    expect(overturnMessage({ paidFen: 6_800, coins: 680, coinsSpent: 300 })).toMatch(
      /some of its coins have been spent, and other requests on the same order already hold the price of the rest/,
    );
  });
});
