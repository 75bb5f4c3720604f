// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// refund requests: claim, information, decisions, second approval, override.
import type { StaffUser } from '../../../src/domain/model';
import { isEligible, reviewerProfileOf } from '../../../src/domain/reviewerRouting';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  encodeQuery,
  findRefunds,
  me,
  MESSAGE,
  need,
  NO_SUCH_ID,
  picked,
  REASON,
  type Refund,
  send,
  target,
  tokens,
} from '../contractClient';

export function describeRefundDecisions(): void {
  describe('refund requests and their workflow', () => {
    beforeAll(async () => {
      const staff = (
        await send(
          'get',
          `${target.baseUrl}/api/users${encodeQuery({ range: [0, 999], filter: { active: true } })}`,
          { as: 'supervisor' },
        )
      ).body as Pick<StaffUser, 'id' | 'role' | 'languages' | 'skills'>[];
      picked.managerId = staff.find((u) => u.role === 'manager')?.id;
      const candidates = await findRefunds(
        {
          status: 'pending',
          assigneeId: 'unassigned',
          outsideWindow: false,
          accountRestricted: false,
          refundableFen_gt: 0,
        },
        'reviewer',
        10,
      );
      [picked.p1, picked.p2, picked.p3] = candidates;
      // the colleague p3 is reassigned to must be one routing lets take it (reviewerRouting.ts)
      const p3 = picked.p3;
      picked.otherReviewerId = staff.find(
        (u) =>
          u.role === 'reviewer' && u.id !== me.reviewer?.id && (!p3 || isEligible(reviewerProfileOf(u), p3)),
      )?.id;
    });

    it('claims and releases (claimRefund, releaseRefund), with 404 / 409 / 422 refusals', async () => {
      if (!need(picked.p1, 'pending unassigned refund request')) return;
      // the workflow checks who (403), then the version and the status (409), then the body (422):
      // a body with the current version, in a status that allows the action, reaches its validation
      await call('claimRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: {},
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('claimRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: 'one' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const unknown = await call('claimRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: picked.p1.version, status: 'approved' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      expect((unknown.body as { errors?: Record<string, string> }).errors).toHaveProperty('status');
      const claimed = await call('claimRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: picked.p1.version },
        kind: 'valid',
      });
      expect(claimed.body).toMatchObject({ status: 'in_review', assigneeId: me.reviewer!.id });
      const stale = await call('claimRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: picked.p1.version },
        kind: 'invalid',
        expect: 409,
      });
      expect((stale.body as { current?: { id: string } }).current?.id).toBe(picked.p1.id);
      await call('claimRefund', {
        as: 'reviewer',
        id: NO_SUCH_ID,
        body: { version: 1 },
        kind: 'invalid',
        expect: 404,
      });
      if (tokens.manager) {
        await call('claimRefund', {
          as: 'manager',
          id: picked.p1.id,
          body: { version: 1 },
          kind: 'invalid',
          expect: 403,
        });
      }

      let current = claimed.body as Refund;
      const released = await call('releaseRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: current.version },
        kind: 'valid',
      });
      expect(released.body).toMatchObject({ status: 'pending', assigneeId: null });
      await call('releaseRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: -1 },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('releaseRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: (released.body as Refund).version },
        kind: 'invalid',
        expect: 409,
      });
      current = released.body as Refund;
      picked.p1 = (
        await call('claimRefund', {
          as: 'reviewer',
          id: picked.p1.id,
          body: { version: current.version },
          kind: 'valid',
        })
      ).body as Refund;
    });

    it('asks for information and records the reply (requestRefundInfo, recordCustomerReply)', async () => {
      if (!need(picked.p1, 'claimed refund request')) return;
      await call('requestRefundInfo', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: picked.p1.version, missingItems: [], customerMessage: MESSAGE },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('requestRefundInfo', {
        as: 'reviewer',
        id: picked.p1.id,
        body: {
          version: picked.p1.version,
          missingItems: ['payment_proof', 'payment_proof'],
          customerMessage: MESSAGE,
        },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const asked = await call('requestRefundInfo', {
        as: 'reviewer',
        id: picked.p1.id,
        body: {
          version: picked.p1.version,
          missingItems: ['payment_proof'],
          customerMessage: 'Please send a screenshot of the payment.',
          againstSuggestionReason: REASON,
        },
        kind: 'valid',
      });
      expect(asked.body).toMatchObject({ status: 'awaiting_info' });

      await call('recordCustomerReply', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { suppliedItems: 'payment_proof', message: 'Attached.' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const replied = await call('recordCustomerReply', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { suppliedItems: ['payment_proof'], message: 'Screenshot attached.' },
        kind: 'valid',
      });
      expect(replied.body).toMatchObject({ status: 'pending' });
      await call('recordCustomerReply', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { suppliedItems: [], message: 'Again.' },
        kind: 'invalid',
        expect: 409,
      });
      const again = replied.body as Refund;
      picked.p1 = (
        await call('claimRefund', {
          as: 'reviewer',
          id: picked.p1.id,
          body: { version: again.version },
          kind: 'valid',
        })
      ).body as Refund;
    });

    it('approves and rejects (approveRefund, rejectRefund)', async () => {
      if (!need(picked.p1, 'claimed refund request')) return;
      await call('approveRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: picked.p1.version, customerMessage: '' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('approveRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: picked.p1.version, amountFen: -100, customerMessage: MESSAGE },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('approveRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: {
          version: picked.p1.version,
          amountFen: picked.p1.refundableFen + 1,
          customerMessage: MESSAGE,
          againstSuggestionReason: REASON,
        },
        kind: 'invalid',
        expect: 422,
      });
      const approved = await call('approveRefund', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { version: picked.p1.version, customerMessage: MESSAGE, againstSuggestionReason: REASON },
        kind: 'valid',
      });
      expect(['approved', 'partially_approved', 'awaiting_second_approval']).toContain(
        (approved.body as Refund).status,
      );
      picked.p1 = approved.body as Refund;

      if (!need(picked.p2, 'second pending refund request')) return;
      const claimed = (
        await call('claimRefund', {
          as: 'reviewer',
          id: picked.p2.id,
          body: { version: picked.p2.version },
          kind: 'valid',
        })
      ).body as Refund;
      await call('rejectRefund', {
        as: 'reviewer',
        id: picked.p2.id,
        body: { version: claimed.version, reasonCode: 'because', customerMessage: MESSAGE },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('rejectRefund', {
        as: 'reviewer',
        id: picked.p2.id,
        body: { version: claimed.version + 7, reasonCode: 'other', customerMessage: MESSAGE },
        kind: 'invalid',
        expect: 409,
      });
      const rejected = await call('rejectRefund', {
        as: 'reviewer',
        id: picked.p2.id,
        body: {
          version: claimed.version,
          reasonCode: 'other',
          customerMessage: 'We cannot refund this purchase; please contact us with details.',
          note: 'contract test',
          againstSuggestionReason: REASON,
        },
        kind: 'valid',
      });
      expect(rejected.body).toMatchObject({ status: 'rejected' });
      picked.p2 = rejected.body as Refund;
    });

    it('gives a second approval (secondApproveRefund)', async () => {
      let waiting = (await findRefunds({ status: 'awaiting_second_approval' }, 'supervisor', 20)).find(
        (r) => (r as Refund & { firstApproverId: string | null }).firstApproverId !== me.supervisor!.id,
      );
      if (!waiting) {
        // make one: tipping requests and approvals above 500 yuan need a second approval
        const approvable = {
          status: 'pending',
          assigneeId: 'unassigned',
          outsideWindow: false,
          accountRestricted: false,
        };
        const [tip] = [
          ...(await findRefunds({ ...approvable, tipping: true, refundableFen_gt: 0 })),
          ...(await findRefunds({ ...approvable, refundableFen_gt: 50_000 })),
        ];
        if (!need(tip, 'tipping or large refund request to approve')) return;
        const claimed = (
          await call('claimRefund', {
            as: 'reviewer',
            id: tip.id,
            body: { version: tip.version },
            kind: 'valid',
          })
        ).body as Refund;
        waiting = (
          await call('approveRefund', {
            as: 'reviewer',
            id: tip.id,
            body: { version: claimed.version, customerMessage: MESSAGE, againstSuggestionReason: REASON },
            kind: 'valid',
          })
        ).body as Refund;
      }
      if (!need(waiting, 'request awaiting a second approval')) return;
      expect(waiting.status).toBe('awaiting_second_approval');
      await call('secondApproveRefund', {
        as: 'supervisor',
        id: waiting.id,
        body: { version: waiting.version, decision: 'maybe' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('secondApproveRefund', {
        as: 'reviewer',
        id: waiting.id,
        body: { version: waiting.version, decision: 'confirm' },
        kind: 'invalid',
        expect: 403,
      });
      const confirmed = await call('secondApproveRefund', {
        as: 'supervisor',
        id: waiting.id,
        body: { version: waiting.version, decision: 'confirm', note: 'Checked the tipping history.' },
        kind: 'valid',
      });
      expect(['approved', 'partially_approved']).toContain((confirmed.body as Refund).status);
    });

    it('overrides a policy block (overrideRefundPolicy)', async () => {
      const blocked = (
        await findRefunds(
          { status: 'pending', assigneeId: 'unassigned', outsideWindow: true },
          'supervisor',
          50,
        )
      ).find((r) => (r as Refund & { overrideBy: string | null }).overrideBy === null);
      if (!need(blocked, 'pending request outside the refund window')) return;
      const claimed = (
        await call('claimRefund', {
          as: 'supervisor',
          id: blocked.id,
          body: { version: blocked.version },
          kind: 'valid',
        })
      ).body as Refund;
      await call('overrideRefundPolicy', {
        as: 'supervisor',
        id: blocked.id,
        body: { version: claimed.version, note: '' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('overrideRefundPolicy', {
        as: 'reviewer',
        id: blocked.id,
        body: { version: claimed.version, note: 'Not mine to override.' },
        kind: 'invalid',
        expect: 403,
      });
      const overridden = await call('overrideRefundPolicy', {
        as: 'supervisor',
        id: blocked.id,
        body: { version: claimed.version, note: 'The customer was in hospital during the window.' },
        kind: 'valid',
      });
      expect((overridden.body as { overrideBy: string }).overrideBy).toBe(me.supervisor!.id);
      await call('releaseRefund', {
        as: 'supervisor',
        id: blocked.id,
        body: { version: (overridden.body as Refund).version },
        kind: 'valid',
      });
    });
  });
}
