// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// refund requests: reassignment, bulk, claim next, policy, notes, no plain writes.
import { describe, expect, it } from 'vitest';
import {
  call,
  findRefunds,
  fresh,
  me,
  MESSAGE,
  need,
  NO_SUCH_ID,
  picked,
  type Refund,
  tokens,
} from '../contractClient';

export function describeRefundTeam(): void {
  describe('refund requests and their workflow', () => {
    it('reassigns one and many (reassignRefund, bulkReassignRefunds)', async () => {
      if (
        !need(picked.p3, 'third pending refund request') ||
        !need(picked.otherReviewerId, 'second reviewer')
      )
        return;
      await call('reassignRefund', {
        as: 'supervisor',
        id: picked.p3.id,
        body: { version: picked.p3.version },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('reassignRefund', {
        as: 'reviewer',
        id: picked.p3.id,
        body: { version: picked.p3.version, assigneeId: picked.otherReviewerId },
        kind: 'invalid',
        expect: 403,
      });
      if (picked.managerId) {
        await call('reassignRefund', {
          as: 'supervisor',
          id: picked.p3.id,
          body: { version: picked.p3.version, assigneeId: picked.managerId },
          kind: 'invalid',
          expect: 422,
        });
      }
      const moved = await call('reassignRefund', {
        as: 'supervisor',
        id: picked.p3.id,
        body: { version: picked.p3.version, assigneeId: picked.otherReviewerId },
        kind: 'valid',
      });
      expect((moved.body as Refund).assigneeId).toBe(picked.otherReviewerId);
      picked.p3 = moved.body as Refund;

      const bulk = await call('bulkReassignRefunds', {
        as: 'supervisor',
        body: {
          items: [
            { id: picked.p3.id, version: picked.p3.version + 100 },
            { id: NO_SUCH_ID, version: 1 },
          ],
          assigneeId: me.reviewer!.id,
        },
        kind: 'valid',
      });
      expect(bulk.body).toMatchObject({ succeeded: 0, failed: 2 });
      expect((bulk.body as { results: { status: number }[] }).results.map((r) => r.status)).toEqual([
        409, 404,
      ]);
      const done = await call('bulkReassignRefunds', {
        as: 'supervisor',
        body: { items: [{ id: picked.p3.id, version: picked.p3.version }], assigneeId: me.reviewer!.id },
        kind: 'valid',
      });
      expect(done.body).toMatchObject({ succeeded: 1, failed: 0 });
      await call('bulkReassignRefunds', {
        as: 'supervisor',
        body: { items: [], assigneeId: me.reviewer!.id },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('bulkReassignRefunds', {
        as: 'reviewer',
        body: { items: [{ id: picked.p3.id, version: 1 }], assigneeId: me.reviewer!.id },
        kind: 'invalid',
        expect: 403,
      });
    });

    it('rejects in bulk (bulkRejectRefunds)', async () => {
      const res = await call('bulkRejectRefunds', {
        as: 'reviewer',
        body: { items: [{ id: NO_SUCH_ID, version: 1 }], reasonCode: 'duplicate', customerMessage: MESSAGE },
        kind: 'valid',
      });
      expect(res.body).toMatchObject({ succeeded: 0, failed: 1 });
      await call('bulkRejectRefunds', {
        as: 'reviewer',
        body: { items: [{ id: NO_SUCH_ID, version: 1 }], customerMessage: MESSAGE },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('bulkRejectRefunds', {
        as: 'reviewer',
        body: {
          items: [{ id: NO_SUCH_ID, version: 1, status: 'x' }],
          reasonCode: 'other',
          customerMessage: MESSAGE,
        },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      if (tokens.manager) {
        await call('bulkRejectRefunds', {
          as: 'manager',
          body: { items: [{ id: NO_SUCH_ID, version: 1 }], reasonCode: 'other', customerMessage: MESSAGE },
          kind: 'invalid',
          expect: 403,
        });
      }
    });

    it('claims the next request (claimNextRefund)', async () => {
      await call('claimNextRefund', {
        as: 'reviewer',
        body: { any: 1 },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      if (tokens.manager) await call('claimNextRefund', { as: 'manager', kind: 'invalid', expect: 403 });
      const next = await call('claimNextRefund', { as: 'reviewer', kind: 'valid', expect: [200, 204] });
      if (next.status === 200)
        expect(next.body).toMatchObject({ status: 'in_review', assigneeId: me.reviewer!.id });
    });

    it("shows the policy and the customer's refund profile (getRefundPolicy, getRefundProfile)", async () => {
      if (!need(picked.p1, 'refund request')) return;
      const res = await call('getRefundProfile', { as: 'reviewer', id: picked.p1.id, kind: 'valid' });
      expect(res.body).toHaveProperty('customerId');
      await call('getRefundProfile', { as: 'reviewer', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
      for (const r of await findRefunds({}, 'manager' in tokens ? 'manager' : 'supervisor', 25)) {
        const policy = await call('getRefundPolicy', { as: 'reviewer', id: r.id, kind: 'valid' });
        expect((policy.body as { refundableFen: number }).refundableFen).toBe(r.refundableFen);
      }
      await call('getRefundPolicy', { as: 'reviewer', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
    });

    it('tells when each request of a page can expect its decision (getExpectedDecisions)', async () => {
      const page = await findRefunds({ status: ['pending', 'in_review', 'awaiting_info'] }, 'supervisor', 25);
      if (!need(page[0], 'open refund request')) return;
      const res = await call('getExpectedDecisions', {
        as: 'reviewer',
        kind: 'valid',
        query: { id: page.map((r) => r.id).join(',') },
      });
      const answer = res.body as {
        decisionsPerWorkingHour: number;
        data: { id: string; positionAhead: number | null; expectedDecisionBy: string | null }[];
      };
      expect(answer.data.map((e) => e.id)).toEqual(page.map((r) => r.id));
      for (const e of answer.data) {
        const status = page.find((r) => r.id === e.id)!.status;
        expect(e.expectedDecisionBy === null, `${e.id} (${status})`).toBe(status === 'awaiting_info');
      }
      await call('getExpectedDecisions', { as: 'reviewer', kind: 'invalid', query: { id: '' }, expect: 400 });
    });

    it('adds internal notes that change no version (addRefundNote, listNotes, getNote)', async () => {
      if (!need(picked.p1, 'refund request')) return;
      const current = await fresh(picked.p1.id);
      const added = await call('addRefundNote', {
        as: 'reviewer',
        id: picked.p1.id,
        body: { text: 'Contract test note.' },
        kind: 'valid',
        expect: 201,
      });
      const note = added.body as { id: string; refundId: string; authorId: string; text: string };
      expect(note).toMatchObject({
        refundId: picked.p1.id,
        authorId: me.reviewer!.id,
        text: 'Contract test note.',
      });
      // a colleague's note too; neither touches the request
      await call('addRefundNote', {
        as: 'supervisor',
        id: picked.p1.id,
        body: { text: 'Second contract test note.' },
        kind: 'valid',
        expect: 201,
      });
      expect(await fresh(picked.p1.id)).toEqual(current);
      const listed = await call('listNotes', {
        as: 'reviewer',
        kind: 'valid',
        query: { filter: { refundId: picked.p1.id }, sort: ['at', 'ASC'], range: [0, 99] },
      });
      const texts = (listed.body as { text: string }[]).map((n) => n.text);
      expect(texts.slice(-2)).toEqual(['Contract test note.', 'Second contract test note.']);
      const one = await call('getNote', {
        as: 'manager' in tokens ? 'manager' : 'reviewer',
        id: note.id,
        kind: 'valid',
      });
      expect(one.body).toEqual(note);

      // a blank text is refused by the rule (texts are trimmed), the others by the schema itself
      for (const body of [{}, { text: '   ' }, { text: 42 }, { text: 'x', version: current.version }]) {
        const refused = await call('addRefundNote', {
          as: 'reviewer',
          id: picked.p1.id,
          body,
          kind: 'invalid',
          schemaInvalid: typeof body.text !== 'string' || body.text.trim() !== '',
          expect: 422,
        });
        expect(refused.body).toMatchObject({ code: 'invalid_note' });
      }
      await call('addRefundNote', {
        as: 'reviewer',
        id: NO_SUCH_ID,
        body: { text: 'x' },
        kind: 'invalid',
        expect: 404,
      });
      await call('addRefundNote', {
        as: 'reviewer',
        id: picked.p1.id,
        rawBody: '[]',
        kind: 'invalid',
        schemaInvalid: true,
        expect: [400, 422],
      });
      expect(await fresh(picked.p1.id)).toEqual(current);
    });

    it('has no plain write on a request (updateRefund, replaceRefund: 405)', async () => {
      if (!need(picked.p1, 'refund request')) return;
      const current = await fresh(picked.p1.id);
      for (const operationId of ['updateRefund', 'replaceRefund']) {
        for (const body of [
          { internalNote: 'overwrite' },
          { internalNote: 'overwrite', version: current.version },
          { ...current, status: 'refunded' },
        ]) {
          const res = await call(operationId, {
            as: 'supervisor',
            id: picked.p1.id,
            body,
            kind: 'invalid',
            expect: 405,
          });
          expect(res.body).toMatchObject({ code: 'refund_read_only' });
        }
      }
      expect(await fresh(picked.p1.id)).toEqual(current);
    });

    it('never creates or deletes refund requests (createRefund, deleteRefund: 405)', async () => {
      if (!need(picked.p1, 'refund request')) return;
      await call('deleteRefund', { as: 'supervisor', id: picked.p1.id, kind: 'invalid', expect: 405 });
      await call('createRefund', { as: 'supervisor', body: { orderId: 'o1' }, kind: 'invalid', expect: 405 });
      expect((await fresh(picked.p1.id)).id).toBe(picked.p1.id);
    });
  });
}
