// Part 2 over real HTTP, the rules beyond the status × action × role table: a reassigned request,
// claim-next, stale versions, invalid bodies, the second approval and the policy override.
import { describe, expect, it } from 'vitest';
import { type RefundRequest, type RefundStatus } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { listQuery } from './harness';
import {
  type RoleName,
  type Body,
  api,
  token,
  userId,
  base,
  MSG,
  withRefundActionsApi,
  post,
  ok,
  getRefund,
  eventsOf,
  eventCount,
  totalEvents,
  newEvents,
  expectJsonError,
  pick,
  claim,
  approve,
  fixture,
  type Endpoint,
  bodyFor,
  send,
} from './refundActionsKit';

withRefundActionsApi();

describe('a pending request reassigned to someone', () => {
  it('can be claimed by that person only', async () => {
    const r = await fixture('pending');
    const assigned = await ok(send('reassign', 'supervisor', r));
    expect(assigned).toMatchObject({ status: 'pending', assigneeId: userId.reviewer3 });
    for (const who of ['reviewer', 'supervisor2'] as const) {
      const res = await post(who, `/api/refunds/${r.id}/claim`, { version: assigned.version });
      expectJsonError(res, 409, who);
      expect((res.body as { message: string }).message).toMatch(/already assigned/);
    }
    expect(await getRefund(r.id)).toEqual(assigned);
    const claimed = await claim(assigned, 'reviewer3');
    expect(claimed).toMatchObject({ status: 'in_review', assigneeId: userId.reviewer3 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('claim-next', () => {
  it('gives a reviewer the most urgent unassigned pending request, and records the claim', async () => {
    const queue = await api.call(
      'GET',
      `/api/refunds${listQuery({ sort: ['slaDueAt', 'ASC'], range: [0, 0], filter: { status: 'pending', assigneeId: 'unassigned' } })}`,
      { token: token.reviewer2 },
    );
    const head = (queue.body as RefundRequest[])[0];
    const eventsBefore = await eventsOf(head.id);
    const res = await post('reviewer2', '/api/refunds/claim-next');
    expect(res.status).toBe(200);
    const claimed = res.body as RefundRequest;
    expect(claimed).toMatchObject({
      id: head.id,
      status: 'in_review',
      assigneeId: userId.reviewer2,
      version: head.version + 1,
    });
    expect(await getRefund(head.id)).toEqual(claimed);
    const added = await newEvents(head.id, eventsBefore);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'claim',
      actorId: userId.reviewer2,
      statusBefore: 'pending',
      statusAfter: 'in_review',
    });
    // put it back for the other tests
    await ok(post('reviewer2', `/api/refunds/${head.id}/release`, { version: claimed.version }));
  });

  it('is refused to supervisors and managers (403: claim_next is a reviewer action in the table)', async () => {
    for (const who of ['supervisor', 'supervisor2', 'manager'] as const) {
      const events = await totalEvents();
      const res = await post(who, '/api/refunds/claim-next');
      expectJsonError(res, 403, who);
      expect(await totalEvents()).toBe(events);
    }
  });

  it('takes no body (422), and claims nothing then', async () => {
    const inReview = async () =>
      (
        await api.call(
          'GET',
          `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'in_review' } })}`,
          {
            token: token.reviewer,
          },
        )
      ).headers.get('content-range');
    const before = await inReview();
    for (const body of [{ id: base.pending.id }, [base.pending.id], [], { version: 1 }]) {
      const res = await post('reviewer', '/api/refunds/claim-next', body);
      expectJsonError(res, 422, JSON.stringify(body));
    }
    expect(await inReview()).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('stale versions', () => {
  const cases: [Endpoint, RefundStatus, RoleName][] = [
    ['claim', 'pending', 'reviewer'],
    ['release', 'in_review', 'reviewer'],
    ['release', 'in_review', 'supervisor'],
    ['approve', 'in_review', 'reviewer'],
    ['reject', 'in_review', 'reviewer'],
    ['request-info', 'in_review', 'reviewer'],
    ['second-approval', 'awaiting_second_approval', 'supervisor'],
    ['reassign', 'in_review', 'supervisor'],
    ['reassign', 'awaiting_info', 'supervisor2'],
  ];
  it.each(cases)('%s on a %s request by %s → 409 with the current record', async (endpoint, status, role) => {
    const before = await getRefund(base[status].id);
    const count = await eventCount(before.id);
    for (const version of [before.version - 1, before.version + 1, 0]) {
      const res = await send(endpoint, role, before, bodyFor(endpoint, before, { version }));
      expectJsonError(res, 409, `version ${version}`);
      expect((res.body as { message: string }).message).toMatch(/version/);
      expect((res.body as { current: unknown }).current).toEqual(before);
    }
    expect(await getRefund(before.id)).toEqual(before);
    expect(await eventCount(before.id)).toBe(count);
  });

  it('override with a stale version → 409 with the current record', async () => {
    const r = await claim(await pick('window'));
    const res = await send('override', 'supervisor', r, bodyFor('override', r, { version: r.version - 1 }));
    expectJsonError(res, 409);
    expect((res.body as { current: unknown }).current).toEqual(r);
    expect(await getRefund(r.id)).toEqual(r);
  });

  it('bulk items with a stale version fail on their own (409) while the others succeed', async () => {
    const fresh = await fixture('in_review');
    const stale = base.in_review;
    const res = await post('supervisor', '/api/refunds/bulk-reassign', {
      items: [
        { id: stale.id, version: stale.version + 5 },
        { id: fresh.id, version: fresh.version },
        { id: 'r99999999', version: 1 },
      ],
      assigneeId: userId.reviewer3,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      succeeded: 1,
      failed: 2,
      results: [
        { id: stale.id, ok: false, status: 409 },
        { id: fresh.id, ok: true },
        { id: 'r99999999', ok: false, status: 404 },
      ],
    });
    expect(await getRefund(stale.id)).toEqual(stale);
    expect((await getRefund(fresh.id)).assigneeId).toBe(userId.reviewer3);
  });
});

// ---------------------------------------------------------------------------------------------

describe('invalid bodies → 422 with errors per field, nothing changed', () => {
  /** Where each endpoint's bodies go: a request it could act on, sent by someone who could act. */
  const TARGET: Partial<Record<Endpoint, [RefundStatus, RoleName]>> = {
    claim: ['pending', 'reviewer'],
    release: ['in_review', 'reviewer'],
    approve: ['in_review', 'reviewer'],
    reject: ['in_review', 'reviewer'],
    'request-info': ['in_review', 'reviewer'],
    'customer-reply': ['awaiting_info', 'reviewer'],
    'second-approval': ['awaiting_second_approval', 'supervisor'],
    reassign: ['in_review', 'supervisor'],
    'bulk-reassign': ['in_review', 'supervisor'],
    'bulk-reject': ['in_review', 'reviewer'],
  };
  type Change = Body | ((r: RefundRequest) => Body);
  /** The valid body of the endpoint with some fields replaced (and some dropped). */
  const body =
    (endpoint: Endpoint, change: Change, ...drop: string[]) =>
    (r: RefundRequest): Body => {
      const out = bodyFor(endpoint, r, typeof change === 'function' ? change(r) : change);
      for (const key of drop) delete out[key];
      return out;
    };
  type Case = [label: string, endpoint: Endpoint, body: (r: RefundRequest) => Body, field: string];
  // prettier-ignore
  const cases: Case[] = [
    ['amount over the refundable', 'approve', body('approve', (r) => ({ amountFen: r.refundableFen + 1 })), 'amountFen'],
    ['amount 0', 'approve', body('approve', { amountFen: 0 }), 'amountFen'],
    ['negative amount', 'approve', body('approve', { amountFen: -100 }), 'amountFen'],
    ['fractional amount', 'approve', body('approve', { amountFen: 12.5 }), 'amountFen'],
    ['amount as a string', 'approve', body('approve', { amountFen: '100' }), 'amountFen'],
    ['amount null', 'approve', body('approve', { amountFen: null }), 'amountFen'],
    ['missing customerMessage', 'approve', body('approve', {}, 'customerMessage'), 'customerMessage'],
    ['blank customerMessage', 'approve', body('approve', { customerMessage: '   ' }), 'customerMessage'],
    ['customerMessage over 2,000 characters', 'approve', body('approve', { customerMessage: 'x'.repeat(2001) }), 'customerMessage'],
    ['unknown field', 'approve', body('approve', { approvedFen: 1 }), 'approvedFen'],
    ['status smuggled in', 'approve', body('approve', { status: 'refunded' }), 'status'],
    ['missing version', 'approve', body('approve', {}, 'version'), 'version'],
    ['version as a string', 'approve', body('approve', (r) => ({ version: String(r.version) })), 'version'],
    ['fractional version', 'approve', body('approve', (r) => ({ version: r.version + 0.5 })), 'version'],
    ['negative version', 'approve', body('approve', { version: -1 }), 'version'],
    ['unknown reasonCode', 'reject', body('reject', { reasonCode: 'bored' }), 'reasonCode'],
    ['missing reasonCode', 'reject', body('reject', {}, 'reasonCode'), 'reasonCode'],
    ['"other" without a note', 'reject', body('reject', { reasonCode: 'other' }, 'note'), 'note'],
    ['"other" with a blank note', 'reject', body('reject', { reasonCode: 'other', note: '  ' }), 'note'],
    ['reject without customerMessage', 'reject', body('reject', {}, 'customerMessage'), 'customerMessage'],
    ['reject against the suggestion, no reason', 'reject', body('reject', {}, 'againstSuggestionReason'), 'againstSuggestionReason'],
    ['empty missingItems', 'request-info', body('request-info', { missingItems: [] }), 'missingItems'],
    ['duplicates in missingItems', 'request-info', body('request-info', { missingItems: ['payment_proof', 'payment_proof'] }), 'missingItems'],
    ['missingItems as a string', 'request-info', body('request-info', { missingItems: 'payment_proof' }), 'missingItems'],
    ['unknown missing item', 'request-info', body('request-info', { missingItems: ['shoe_size'] }), 'missingItems.0'],
    ['claim with an assignee', 'claim', body('claim', () => ({ assigneeId: userId.reviewer2 })), 'assigneeId'],
    ['release with a status', 'release', body('release', { status: 'approved' }), 'status'],
    ['reply without a list of items', 'customer-reply', body('customer-reply', { suppliedItems: 'payment_proof' }), 'suppliedItems'],
    ['reply with a version (the customer has none)', 'customer-reply', body('customer-reply', (r) => ({ version: r.version })), 'version'],
    ['reply without a message', 'customer-reply', body('customer-reply', {}, 'message'), 'message'],
    ['second approval "maybe"', 'second-approval', body('second-approval', { decision: 'maybe' }), 'decision'],
    ['send back without a note', 'second-approval', body('second-approval', { decision: 'send_back' }, 'note'), 'note'],
    ['reassign to a manager', 'reassign', body('reassign', () => ({ assigneeId: userId.manager })), 'assigneeId'],
    ['reassign to nobody known', 'reassign', body('reassign', { assigneeId: 'u999' }), 'assigneeId'],
    ['reassign to the current assignee', 'reassign', body('reassign', () => ({ assigneeId: userId.reviewer })), 'assigneeId'],
    ['reassign to an empty id', 'reassign', body('reassign', { assigneeId: '' }), 'assigneeId'],
    ['bulk reassign without items', 'bulk-reassign', body('bulk-reassign', { items: [] }), 'items'],
    ['bulk reassign of 201 items', 'bulk-reassign', body('bulk-reassign', (r) => ({ items: Array.from({ length: 201 }, () => ({ id: r.id, version: r.version })) })), 'items'],
    ['bulk item with an unknown field', 'bulk-reassign', body('bulk-reassign', (r) => ({ items: [{ id: r.id, version: r.version, status: 'approved' }] })), 'items.0.status'],
    ['bulk reassign to a manager', 'bulk-reassign', body('bulk-reassign', () => ({ assigneeId: userId.manager })), 'assigneeId'],
    ['bulk reject with an unknown reasonCode', 'bulk-reject', body('bulk-reject', { reasonCode: 'bored' }), 'reasonCode'],
    ['bulk reject without customerMessage', 'bulk-reject', body('bulk-reject', {}, 'customerMessage'), 'customerMessage'],
    ['bulk reject with an unknown field', 'bulk-reject', body('bulk-reject', { approvedFen: 0 }), 'approvedFen'],
  ];
  it.each(cases)('%s', async (label, endpoint, makeBody, field) => {
    const [status, role] = TARGET[endpoint]!;
    const before = await getRefund(base[status].id);
    const count = await eventCount(before.id);
    const res = await send(endpoint, role, before, makeBody(before));
    expectJsonError(res, 422, label);
    const errors = (res.body as { errors?: Record<string, string> }).errors ?? {};
    expect(Object.keys(errors), label).toContain(field);
    expect(typeof errors[field]).toBe('string');
    expect(await getRefund(before.id)).toEqual(before);
    expect(await eventCount(before.id)).toBe(count);
  });

  it('approving against the policy suggestion needs a reason (422), and is recorded with it', async () => {
    const r = await claim(await pick('incomplete'));
    const res = await approve(r);
    expectJsonError(res, 422);
    expect(Object.keys((res.body as { errors: object }).errors)).toEqual(['againstSuggestionReason']);
    expect(await getRefund(r.id)).toEqual(r);
    const events = await eventsOf(r.id);
    const done = await ok(
      approve(r, 'reviewer', { againstSuggestionReason: 'Receipt seen on the phone call.' }),
    );
    expect(done.decision).toMatchObject({ againstSuggestion: true, suggestion: 'request_info' });
    const [event] = await newEvents(r.id, events);
    expect(event).toMatchObject({
      action: 'approve',
      note: 'Receipt seen on the phone call.',
      details: { againstSuggestion: true, againstSuggestionReason: 'Receipt seen on the phone call.' },
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('second approval', () => {
  it('an approval with tips waits for a supervisor', async () => {
    const r = await claim(await pick('tipping'));
    const events = await eventsOf(r.id);
    const after = await ok(approve(r));
    expect(after).toMatchObject({
      status: 'awaiting_second_approval',
      approvedFen: r.refundableFen,
      firstApproverId: userId.reviewer,
      decidedAt: null,
      expectedArrivalAt: null,
    });
    const added = await newEvents(r.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'approve',
      statusBefore: 'in_review',
      statusAfter: 'awaiting_second_approval',
      amountFen: r.refundableFen,
      customerMessage: MSG.approve,
      details: { secondApprovalRequired: true },
    });
  });

  it('an approval over ¥500 waits for a supervisor; ¥500 exactly does not', async () => {
    const over = await claim(await pick('big'));
    const a = await ok(approve(over, 'reviewer', { amountFen: SECOND_APPROVAL_THRESHOLD_FEN + 1 }));
    expect(a).toMatchObject({
      status: 'awaiting_second_approval',
      approvedFen: SECOND_APPROVAL_THRESHOLD_FEN + 1,
    });
    const at = await claim(await pick('big'));
    const b = await ok(approve(at, 'reviewer', { amountFen: SECOND_APPROVAL_THRESHOLD_FEN }));
    expect(b).toMatchObject({ status: 'partially_approved', approvedFen: SECOND_APPROVAL_THRESHOLD_FEN });
    expect(b.decidedAt).not.toBeNull();
  });

  it('the second approver cannot be the first (403), another supervisor confirms', async () => {
    const r = await claim(await pick('big'), 'supervisor');
    const waiting = await ok(approve(r, 'supervisor'));
    expect(waiting).toMatchObject({ status: 'awaiting_second_approval', firstApproverId: userId.supervisor });
    const count = await eventCount(r.id);
    const self = await send('second-approval', 'supervisor', waiting);
    expectJsonError(self, 403);
    expect((self.body as { message: string }).message).toMatch(/different supervisor/);
    expect(await getRefund(r.id)).toEqual(waiting);
    expect(await eventCount(r.id)).toBe(count);
    const events = await eventsOf(r.id);
    const done = await ok(send('second-approval', 'supervisor2', waiting));
    expect(done).toMatchObject({
      status: 'approved',
      approvedFen: r.refundableFen,
      version: waiting.version + 1,
    });
    const added = await newEvents(r.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'second_approval',
      actorId: userId.supervisor2,
      statusBefore: 'awaiting_second_approval',
      statusAfter: 'approved',
      amountFen: r.refundableFen,
      details: { decision: 'confirm', firstApproverId: userId.supervisor },
    });
  });

  it('send back returns the request to its reviewer with the note', async () => {
    const r = await fixture('awaiting_second_approval');
    const events = await eventsOf(r.id);
    const back = await ok(
      send('second-approval', 'supervisor', r, {
        version: r.version,
        decision: 'send_back',
        note: 'Check the tips.',
      }),
    );
    expect(back).toMatchObject({
      status: 'in_review',
      assigneeId: userId.reviewer,
      approvedFen: null,
      firstApproverId: null,
      decision: null,
    });
    const added = await newEvents(r.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'second_approval',
      statusAfter: 'in_review',
      amountFen: r.approvedFen,
      note: 'Check the tips.',
      details: { decision: 'send_back' },
    });
    // the reviewer decides again
    expect((await ok(approve(back))).status).toBe('awaiting_second_approval');
  });
});

// ---------------------------------------------------------------------------------------------

describe('policy blocks and the supervisor override', () => {
  it.each(['window', 'restricted'] as const)(
    'a %s request cannot be approved (422) until a supervisor overrides; then it can',
    async (kind) => {
      const r = await claim(await pick(kind));
      const count = await eventCount(r.id);
      const blocked = await approve(r, 'reviewer', { againstSuggestionReason: 'Goodwill.' });
      expectJsonError(blocked, 422);
      expect((blocked.body as { message: string }).message).toMatch(/blocked/i);
      const byReviewer = await send('override', 'reviewer', r);
      expectJsonError(byReviewer, 403);
      const noNote = await send('override', 'supervisor', r, bodyFor('override', r, { note: ' ' }));
      expectJsonError(noNote, 422);
      expect(await getRefund(r.id)).toEqual(r);
      expect(await eventCount(r.id)).toBe(count);

      const events = await eventsOf(r.id);
      const overridden = await ok(send('override', 'supervisor', r));
      expect(overridden).toMatchObject({
        status: 'in_review',
        assigneeId: userId.reviewer,
        overrideBy: userId.supervisor,
        overrideNote: 'Long-standing customer; goodwill exception.',
        version: r.version + 1,
      });
      const [override] = await newEvents(r.id, events);
      expect(override).toMatchObject({
        action: 'override',
        actorId: userId.supervisor,
        statusBefore: 'in_review',
        statusAfter: 'in_review',
        note: 'Long-standing customer; goodwill exception.',
        details: { blockers: [kind === 'window' ? 'outside_window' : 'account_restricted'] },
      });
      const again = await send('override', 'supervisor2', overridden);
      expectJsonError(again, 409);

      // the policy still suggests rejecting: approving needs a reason
      const noReason = await approve(overridden);
      expectJsonError(noReason, 422);
      expect(Object.keys((noReason.body as { errors: object }).errors)).toEqual(['againstSuggestionReason']);
      const approved = await ok(
        approve(overridden, 'reviewer', { againstSuggestionReason: 'Overridden: goodwill.' }),
      );
      expect(['approved', 'awaiting_second_approval']).toContain(approved.status);
      const added = await newEvents(r.id, [...events, override]);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({ action: 'approve', details: { overrideBy: userId.supervisor } });
    },
  );
});

// ---------------------------------------------------------------------------------------------
