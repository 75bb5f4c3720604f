// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// complaints.
import { describe, expect, it } from 'vitest';
import {
  call,
  type ComplaintRecord,
  findRefunds,
  me,
  MESSAGE,
  need,
  NO_SUCH_ID,
  picked,
  tokens,
  type Who,
} from '../contractClient';

export function describeComplaints(): void {
  describe('complaints', () => {
    let complaint: ComplaintRecord | undefined;

    const act = async (operationId: string, body: Record<string, unknown>, as: Who = 'supervisor') => {
      const res = await call(operationId, {
        as,
        id: complaint!.id,
        body: { version: complaint!.version, ...body },
        kind: 'valid',
      });
      complaint = res.body as ComplaintRecord;
      return complaint;
    };

    it('opens a complaint (createComplaint) and refuses a second one on the same request', async () => {
      if (!need(picked.p2, 'rejected refund request')) return;
      const body = {
        refundId: picked.p2.id,
        channel: 'phone',
        category: 'disputes_rejection',
        description: 'The customer disputes the rejection.',
      };
      await call('createComplaint', {
        as: 'supervisor',
        body: { ...body, channel: 'fax' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('createComplaint', {
        as: 'supervisor',
        body: {},
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('createComplaint', {
        as: 'supervisor',
        body: { ...body, refundId: NO_SUCH_ID },
        kind: 'invalid',
        expect: 422,
      });
      if (picked.p3) {
        await call('createComplaint', {
          as: 'supervisor',
          body: { ...body, refundId: picked.p3.id },
          kind: 'invalid',
          expect: 422,
        });
      }
      if (tokens.manager)
        await call('createComplaint', { as: 'manager', body, kind: 'invalid', expect: 403 });
      const created = await call('createComplaint', { as: 'supervisor', body, kind: 'valid', expect: 201 });
      complaint = created.body as ComplaintRecord;
      expect(created.body).toMatchObject({ refundId: picked.p2.id, status: 'open', level: 1 });
      const twice = await call('createComplaint', { as: 'supervisor', body, kind: 'invalid', expect: 409 });
      expect((twice.body as { existingComplaintId?: string }).existingComplaintId).toBe(complaint.id);

      // reviewers log complaints too (about a request they decided)
      if (picked.p1) {
        await call('createComplaint', {
          as: 'reviewer',
          body: {
            refundId: picked.p1.id,
            channel: 'online_chat',
            category: 'other',
            description: 'Asked about the payout.',
          },
          kind: 'valid',
          expect: 201,
        });
      }
    });

    it('reads complaints (listComplaints, getComplaint)', async () => {
      if (!need(complaint, 'complaint')) return;
      await call('getComplaint', { as: 'supervisor', id: complaint.id, kind: 'valid' });
      await call('getComplaint', { as: 'reviewer', id: complaint.id, kind: 'valid' });
      await call('getComplaint', { as: 'supervisor', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
      await call('listComplaints', { as: 'reviewer', kind: 'valid', query: { range: [0, 999] } });
      await call('listComplaints', {
        as: 'supervisor',
        kind: 'valid',
        query: { range: [0, 999], filter: { assigneeId: 'unassigned' } },
      });
    });

    it('works a complaint through every action', async () => {
      if (!need(complaint, 'complaint')) return;
      const id = complaint.id;
      const supervisorId = me.supervisor!.id;
      await call('assignComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('assignComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, assigneeId: me.reviewer!.id },
        kind: 'invalid',
        expect: 422,
      });
      await call('assignComplaint', {
        as: 'reviewer',
        id,
        body: { version: complaint.version, assigneeId: supervisorId },
        kind: 'invalid',
        expect: 403,
      });
      await call('assignComplaint', {
        as: 'supervisor',
        id: NO_SUCH_ID,
        body: { version: 1, assigneeId: supervisorId },
        kind: 'invalid',
        expect: 404,
      });
      await call('assignComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version + 5, assigneeId: supervisorId },
        kind: 'invalid',
        expect: 409,
      });
      expect(await act('assignComplaint', { assigneeId: supervisorId })).toMatchObject({
        status: 'investigating',
      });

      await call('addComplaintNote', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, text: '' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      // a note needs no version and changes none: a colleague's, or one with a stale version, neither
      const beforeNotes = complaint!;
      for (const [as, body] of [
        [tokens.supervisor2 ? 'supervisor2' : 'supervisor', { text: 'Called the payment provider.' }],
        ['supervisor', { version: beforeNotes.version + 3, text: 'The provider confirms the payout.' }],
      ] as const) {
        const noted = await call('addComplaintNote', { as, id, body, kind: 'valid' });
        expect(noted.body).toMatchObject({ version: beforeNotes.version, updatedAt: beforeNotes.updatedAt });
      }

      await call('logComplaintContact', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, text: 'x', awaitingReply: 'yes' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      expect(
        await act('logComplaintContact', {
          text: 'Asked the customer for the receipt.',
          awaitingReply: true,
        }),
      ).toMatchObject({
        status: 'awaiting_customer',
      });

      await call('escalateComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      expect(
        await act('escalateComplaint', { reason: 'The customer threatens a regulator referral.' }),
      ).toMatchObject({ level: 2 });
      await call('escalateComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, reason: 'again' },
        kind: 'invalid',
        expect: 409,
      });

      await call('resolveComplaint', {
        as: 'supervisor',
        id,
        body: {
          version: complaint.version,
          outcome: 'goodwill',
          customerMessage: MESSAGE,
          goodwillCoins: 99_999,
        },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('resolveComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, outcome: 'goodwill', customerMessage: MESSAGE },
        kind: 'invalid',
        expect: 422,
      });
      let resolved = await act('resolveComplaint', {
        outcome: 'goodwill',
        customerMessage: 'We are sorry; 100 coins are on their way.',
        goodwillCoins: 100,
      });
      if (resolved.pendingResolution && tokens.supervisor2) {
        // four eyes (a tipping order): another supervisor confirms
        resolved = await act('secondApproveComplaint', { decision: 'confirm' }, 'supervisor2');
      }
      expect(resolved).toMatchObject({ status: 'resolved' });

      await call('closeComplaint', {
        as: 'supervisor',
        id,
        body: { note: 'done' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      expect(await act('closeComplaint', { note: 'Customer confirmed.' })).toMatchObject({
        status: 'closed',
      });

      await call('reopenComplaint', {
        as: 'supervisor',
        id,
        body: { version: 'latest' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('reopenComplaint', {
        as: 'reviewer',
        id,
        body: { version: complaint.version },
        kind: 'invalid',
        expect: 403,
      });
      expect(await act('reopenComplaint', { note: 'The coins did not arrive.' })).toMatchObject({
        status: 'escalated',
      });
      await call('closeComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version },
        kind: 'invalid',
        expect: 409,
      });
    });

    it('a goodwill credit on a tipping order waits for another supervisor (secondApproveComplaint)', async () => {
      const allowanceOf = async (id: string) =>
        (await call('getComplaintGoodwillAllowance', { as: 'supervisor', id, kind: 'valid' })).body as {
          leftCoins: number;
        };
      await call('getComplaintGoodwillAllowance', {
        as: 'supervisor',
        id: NO_SUCH_ID,
        kind: 'invalid',
        expect: 404,
      });
      if (tokens.manager) {
        await call('getComplaintGoodwillAllowance', {
          as: 'manager',
          id: complaint?.id ?? NO_SUCH_ID,
          kind: 'invalid',
          expect: 403,
        });
      }
      if (!tokens.supervisor2) return;
      const complaints = (
        await call('listComplaints', { as: 'supervisor', kind: 'valid', query: { range: [0, 999] } })
      ).body as ComplaintRecord[];
      const taken = new Set(complaints.map((c) => c.refundId));
      const tipped = (await findRefunds({ tipping: true, status: 'refunded' }, 'supervisor', 50)).find(
        (r) => !taken.has(r.id),
      );
      if (!need(tipped, 'refunded tipping request without a complaint')) return;
      const opened = await call('createComplaint', {
        as: 'supervisor2',
        body: { refundId: tipped.id, channel: 'phone', category: 'other', description: 'Wants goodwill.' },
        kind: 'valid',
        expect: 201,
      });
      complaint = opened.body as ComplaintRecord;
      await act('assignComplaint', { assigneeId: me.supervisor2!.id }, 'supervisor2');
      expect((await allowanceOf(complaint.id)).leftCoins).toBeGreaterThan(0);
      const pending = await act(
        'resolveComplaint',
        { outcome: 'goodwill', customerMessage: MESSAGE, goodwillCoins: 10 },
        'supervisor2',
      );
      expect(pending).toMatchObject({ status: 'investigating', resolution: null });
      expect(pending.pendingResolution).toMatchObject({ outcome: 'goodwill', reasons: ['tipping'] });
      const id = complaint.id;
      const body = { version: complaint.version, decision: 'confirm' };
      // the one who resolved it cannot approve it; a reviewer has no such right; a broken body is a 422
      const self = await call('secondApproveComplaint', {
        as: 'supervisor2',
        id,
        body,
        kind: 'invalid',
        expect: 403,
      });
      expect(self.body).toMatchObject({ code: 'second_approver_must_differ' });
      await call('secondApproveComplaint', { as: 'reviewer', id, body, kind: 'invalid', expect: 403 });
      await call('secondApproveComplaint', {
        as: 'supervisor',
        id,
        body: { ...body, decision: 'yes' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const confirmed = await act('secondApproveComplaint', { decision: 'confirm' }, 'supervisor');
      expect(confirmed).toMatchObject({
        status: 'resolved',
        pendingResolution: null,
        resolution: { goodwillCoins: 10, by: me.supervisor2!.id, secondApproverId: me.supervisor!.id },
      });
      await call('secondApproveComplaint', {
        as: 'supervisor',
        id,
        body: { version: confirmed.version, decision: 'confirm' },
        kind: 'invalid',
        expect: 409,
      });
    });

    it('never edits or deletes complaints directly (405)', async () => {
      const id = complaint?.id ?? NO_SUCH_ID;
      for (const operationId of [
        'putComplaintsCollection',
        'patchComplaintsCollection',
        'deleteComplaintsCollection',
      ]) {
        await call(operationId, { as: 'supervisor', body: {}, kind: 'invalid', expect: 405 });
      }
      for (const operationId of ['postComplaint', 'putComplaint', 'patchComplaint', 'deleteComplaint']) {
        await call(operationId, { as: 'supervisor', id, body: {}, kind: 'invalid', expect: 405 });
      }
    });
  });
}
