// The refund workflow's queries (the offered actions, the claim priority) and its properties over
// random requests, commands and actors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INFO_ITEMS, REFUND_STATUSES, type RefundRequest } from '../../src/domain/model';
import {
  applyRefundCommand,
  availableRefundActions,
  compareClaimPriority,
  isClaimable,
  type Actor,
  type RefundCommand,
} from '../../src/domain/refundWorkflow';
import { DAY_MS, HOUR_MS } from '../../src/domain/sla';
import {
  NOW,
  at,
  rev1,
  rev2,
  sup1,
  sup2,
  mgr,
  system,
  customer,
  makeRequest,
  policyFor,
  run,
  MSG,
  scenario,
  ACTIONS,
} from './refundWorkflowFixtures';

// ---------------------------------------------------------------------------------------------
// Queries

describe('availableRefundActions', () => {
  const actions = (r: RefundRequest, actor: Actor) => availableRefundActions(r, actor, policyFor(r));

  it('pending and unassigned: claim (and reassign for a supervisor)', () => {
    const r = makeRequest({ status: 'pending', assigneeId: null });
    expect(actions(r, rev1)).toEqual(['claim']);
    expect(actions(r, sup1)).toEqual(['claim', 'reassign']);
    expect(actions(r, mgr)).toEqual([]);
    expect(actions(r, customer)).toEqual([]);
  });

  it('in review: the assignee decides, others cannot', () => {
    const r = makeRequest();
    expect(actions(r, rev1)).toEqual(['release', 'approve', 'reject', 'request_info']);
    expect(actions(r, rev2)).toEqual([]);
    expect(actions(r, sup1)).toEqual(['release', 'reassign']);
    expect(actions(r, mgr)).toEqual([]);
  });

  it('a blocked approval is not offered; the supervisor is offered the override', () => {
    const r = makeRequest({ purchasedAt: at(-10 * DAY_MS) });
    expect(actions(r, rev1)).toEqual(['release', 'reject', 'request_info']);
    expect(actions(r, sup1)).toEqual(['release', 'override', 'reassign']);
    const overridden = { ...r, overrideBy: 'u-sup1' };
    expect(actions(overridden, rev1)).toContain('approve');
    expect(actions(overridden, sup1)).not.toContain('override');
  });

  it('nothing refundable: approve is not offered', () => {
    expect(actions(makeRequest({ coinsSpent: 680 }), rev1)).not.toContain('approve');
  });

  it('awaiting information: the customer replies, staff may simulate, the system may time out', () => {
    const r = makeRequest({ status: 'awaiting_info', awaitingInfoSince: NOW });
    expect(actions(r, customer)).toEqual(['customer_reply']);
    expect(actions(r, rev2)).toEqual(['customer_reply']);
    expect(actions(r, sup1)).toEqual(['customer_reply', 'reassign']);
    expect(actions(r, system)).toEqual(['info_timeout']);
    expect(actions(r, mgr)).toEqual([]);
  });

  it('awaiting second approval: any supervisor but the first approver', () => {
    const r = makeRequest({
      status: 'awaiting_second_approval',
      approvedFen: 6_800,
      firstApproverId: 'u-sup2',
    });
    expect(actions(r, sup1)).toEqual(['second_approval', 'reassign']);
    expect(actions(r, sup2)).toEqual(['reassign']);
    expect(actions(r, rev1)).toEqual([]);
  });

  it('approved: only the system pays out; closed requests offer nothing', () => {
    const r = makeRequest({ status: 'approved', approvedFen: 6_800, decidedAt: NOW });
    expect(actions(r, system)).toEqual(['payout']);
    expect(actions(r, sup1)).toEqual([]);
    for (const status of ['rejected', 'refunded'] as const) {
      for (const actor of [rev1, sup1, mgr, system, customer])
        expect(actions({ ...r, status }, actor)).toEqual([]);
    }
  });

  it('agrees with applyRefundCommand: an offered action never meets a 403 or a status 409', () => {
    const actors = [rev1, rev2, sup1, sup2, mgr, system, customer];
    for (const action of ACTIONS) {
      const s = scenario(action);
      for (const status of REFUND_STATUSES) {
        const r = { ...s.request, status };
        for (const actor of actors) {
          const offered = actions(r, actor).includes(action);
          const result = run(r, s.command, actor, { now: at(60 * DAY_MS) });
          if (offered)
            expect(result.ok || result.status === 422, `${action} ${status} ${JSON.stringify(actor)}`).toBe(
              true,
            );
          // overturn is offered on the complaint page, release_inactive / release_away / auto_assign /
          // auto_approve run by a deactivation / an away command / an intake, none among the request's actions
          else if (
            ![
              'approve',
              'overturn',
              'release_inactive',
              'release_away',
              'auto_assign',
              'auto_approve',
            ].includes(action)
          )
            expect(result.ok, `${action} ${status} ${JSON.stringify(actor)}`).toBe(false);
        }
      }
    }
  });
});

describe('claim priority', () => {
  const q = (id: string, dueH: number, submittedH: number) =>
    makeRequest({
      id,
      status: 'pending',
      assigneeId: null,
      slaDueAt: at(dueH * HOUR_MS),
      submittedAt: at(submittedH * HOUR_MS),
    });

  it('orders by SLA due time, then submission, then id', () => {
    const list = [q('r-c', 5, -1), q('r-b', 2, -3), q('r-a', 5, -1), q('r-d', 5, -4), q('r-e', -1, -30)];
    expect(list.sort(compareClaimPriority).map((r) => r.id)).toEqual(['r-e', 'r-b', 'r-d', 'r-a', 'r-c']);
  });

  it('is 0 only for the same request', () => {
    expect(compareClaimPriority(q('r-a', 1, 1), q('r-a', 1, 1))).toBe(0);
  });

  it('isClaimable: pending and unassigned only', () => {
    expect(isClaimable(makeRequest({ status: 'pending', assigneeId: null }))).toBe(true);
    expect(isClaimable(makeRequest({ status: 'pending', assigneeId: 'u-rev1' }))).toBe(false);
    for (const status of REFUND_STATUSES.filter((s) => s !== 'pending')) {
      expect(isClaimable(makeRequest({ status, assigneeId: null }))).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Property

describe('properties', () => {
  const staffIds = ['u-rev1', 'u-rev2', 'u-sup1', 'u-sup2'];
  const actorArb: fc.Arbitrary<Actor> = fc.oneof(
    fc.constantFrom(rev1, rev2, sup1, sup2, mgr),
    fc.constant(system),
    fc.constant(customer),
  );
  const maybeStaff = fc.option(fc.constantFrom(...staffIds), { nil: null });
  const text = fc.oneof(
    fc.constant(''),
    fc.constant('  '),
    fc.string({ maxLength: 20 }),
    fc.constant('x'.repeat(2001)),
  );

  const requestArb = fc
    .record({
      status: fc.constantFrom(...REFUND_STATUSES),
      assigneeId: maybeStaff,
      version: fc.nat({ max: 4 }),
      paidFen: fc.integer({ min: 1, max: 200_000 }),
      coins: fc.integer({ min: 1, max: 20_000 }),
      spentRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      tipRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      purchasedDaysAgo: fc.integer({ min: 0, max: 20 }),
      providedItems: fc.subarray([...INFO_ITEMS]),
      accountRestricted: fc.boolean(),
      duplicate: fc.boolean(),
      approvedRatio: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      firstApproverId: maybeStaff,
      overrideBy: maybeStaff,
      awaitingDaysAgo: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      decidedHoursAgo: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    })
    .map((g) => {
      const coinsSpent = Math.floor(g.coins * g.spentRatio);
      const base = makeRequest({
        status: g.status,
        assigneeId: g.assigneeId,
        version: g.version,
        paidFen: g.paidFen,
        coins: g.coins,
        coinsSpent,
        coinsSpentOnTips: Math.floor(coinsSpent * g.tipRatio),
        purchasedAt: at(-g.purchasedDaysAgo * DAY_MS - HOUR_MS),
        providedItems: g.providedItems,
        accountRestricted: g.accountRestricted,
        duplicate: g.duplicate,
        firstApproverId: g.firstApproverId,
        overrideBy: g.overrideBy,
        awaitingInfoSince: g.awaitingDaysAgo === null ? null : at(-g.awaitingDaysAgo * DAY_MS),
        decidedAt: g.decidedHoursAgo === null ? null : at(-g.decidedHoursAgo * HOUR_MS),
      });
      const approvedFen =
        g.approvedRatio === null || base.refundableFen === 0
          ? null
          : Math.max(1, Math.floor(base.refundableFen * g.approvedRatio));
      return { ...base, approvedFen };
    });

  const commandArb = (version: number): fc.Arbitrary<RefundCommand> => {
    const v = fc.oneof(fc.constant(version), fc.constant(version + 1), fc.constant(Math.max(0, version - 1)));
    const msg = fc.oneof(fc.constant(MSG), text);
    const reason = fc.option(fc.oneof(fc.constant('理由'), text), { nil: undefined });
    const note = fc.option(fc.oneof(fc.constant('备注'), text), { nil: undefined });
    const items = fc.subarray([...INFO_ITEMS]);
    const cmd = fc.oneof(
      fc.record({ action: fc.constant('claim'), version: v }),
      fc.record({ action: fc.constant('release'), version: v }),
      fc.record(
        {
          action: fc.constant('approve'),
          version: v,
          amountFen: fc.option(fc.integer({ min: -10, max: 250_000 }), { nil: undefined }),
          customerMessage: msg,
          againstSuggestionReason: reason,
        },
        { requiredKeys: ['action', 'version', 'customerMessage'] },
      ),
      fc.record(
        {
          action: fc.constant('reject'),
          version: v,
          reasonCode: fc.constantFrom('outside_window', 'coins_spent', 'duplicate', 'other', 'nonsense'),
          customerMessage: msg,
          note,
          againstSuggestionReason: reason,
        },
        { requiredKeys: ['action', 'version', 'reasonCode', 'customerMessage'] },
      ),
      fc.record(
        {
          action: fc.constant('request_info'),
          version: v,
          missingItems: items,
          customerMessage: msg,
          againstSuggestionReason: reason,
        },
        { requiredKeys: ['action', 'version', 'missingItems', 'customerMessage'] },
      ),
      fc.record({ action: fc.constant('customer_reply'), suppliedItems: items, message: text }),
      fc.record(
        {
          action: fc.constant('second_approval'),
          version: v,
          decision: fc.constantFrom('confirm', 'send_back'),
          note,
        },
        { requiredKeys: ['action', 'version', 'decision'] },
      ),
      fc.record({ action: fc.constant('override'), version: v, note: fc.oneof(fc.constant('备注'), text) }),
      fc.record({
        action: fc.constant('reassign'),
        version: v,
        assigneeId: fc.oneof(fc.constantFrom(...staffIds), text),
      }),
      fc.constant({ action: 'info_timeout' }),
      fc.constant({ action: 'payout' }),
    );
    return cmd as unknown as fc.Arbitrary<RefundCommand>;
  };

  it('success ⇒ version + 1, approvedFen ≤ refundable, consistent event; failure ⇒ no request, input untouched', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(
        requestArb.chain((r) =>
          fc.tuple(
            fc.constant(r),
            commandArb(r.version),
            actorArb,
            fc.integer({ min: 0, max: 10 * DAY_MS }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
        ),
        ([request, command, actor, laterMs, jitter]) => {
          const policy = policyFor(request);
          const frozen = structuredClone(request);
          const now = at(laterMs);
          const result = applyRefundCommand(request, command, {
            actor,
            nowIso: now,
            policy,
            payoutJitter01: jitter,
          });
          expect(request).toEqual(frozen);
          if (result.ok) {
            seen.ok++;
            expect(result.request.version).toBe(request.version + 1);
            expect(result.request.updatedAt).toBe(now);
            expect(REFUND_STATUSES).toContain(result.request.status);
            if (result.request.approvedFen !== null) {
              expect(result.request.approvedFen).toBeGreaterThan(0);
              expect(result.request.approvedFen).toBeLessThanOrEqual(policy.refundableFen);
            }
            if (result.request.status === 'approved')
              expect(result.request.approvedFen).toBe(policy.refundableFen);
            if (result.request.status === 'partially_approved') {
              expect(result.request.approvedFen).toBeLessThan(policy.refundableFen);
            }
            expect(result.event).toMatchObject({
              action: command.action,
              refundId: request.id,
              at: now,
              statusBefore: request.status,
              statusAfter: result.request.status,
              actorKind: actor.kind,
            });
          } else {
            seen.refused++;
            expect(result).not.toHaveProperty('request');
            expect([403, 409, 422]).toContain(result.status);
            expect(result.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 3000, seed: 20250602 },
    );
    // the generators reach both outcomes
    expect(seen.ok).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});
