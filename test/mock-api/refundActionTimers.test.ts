// Part 2 over real HTTP: no plain write (PUT / PATCH / DELETE) that could bypass the workflow, the
// customer's profile and reply, the mock API's timers (information timeout, payout) and an empty queue.
import { describe, expect, it } from 'vitest';
import { idJitter } from '../../mock-api/refundService';
import { type RefundRequest } from '../../src/domain/model';
import { DAY_MS, FIRST_REVIEW_SLA_MS, INFO_TIMEOUT_MS, payoutAt, toIso, toMs } from '../../src/domain/sla';
import { listQuery, openRouting } from './harness';
import {
  type UserName,
  api,
  token,
  userId,
  base,
  withRefundActionsApi,
  post,
  ok,
  getRefund,
  eventsOf,
  eventCount,
  newEvents,
  advanceClock,
  serverNow,
  expectJsonError,
  pick,
  claim,
  approve,
  fixture,
  send,
} from './refundActionsKit';

withRefundActionsApi();

describe('no plain write bypasses the workflow', () => {
  const patch = (id: string, body: unknown, method = 'PATCH', who: UserName = 'reviewer') =>
    api.call(method, `/api/refunds/${id}`, { token: token[who], body });

  it.each([
    ['status', { status: 'approved' }],
    ['assigneeId', { assigneeId: 'u2' }],
    ['approvedFen', { approvedFen: 1 }],
    ['refundableFen', { refundableFen: 99_999_999 }],
    [
      'decision',
      { decision: { action: 'approve', by: 'u1', at: '2026-01-01T00:00:00.000Z', customerMessage: 'x' } },
    ],
    ['overrideBy', { overrideBy: 'u3' }],
    ['updatedBy', { updatedBy: 'u3' }],
    ['an unknown field', { secretFlag: true }],
    ['the old internal note', { internalNote: 'sneaky' }],
    ['nothing', {}],
  ])('PATCH and PUT changing %s → 405 refund_read_only, nothing stored', async (_label, changes) => {
    const r = await getRefund(base.in_review.id);
    const count = await eventCount(r.id);
    for (const who of ['reviewer', 'supervisor', 'manager'] as const) {
      for (const [method, body] of [
        ['PATCH', changes],
        ['PATCH', { ...changes, version: r.version }],
        ['PATCH', { ...changes, version: r.version - 1 }],
        ['PUT', { ...r, ...changes }],
      ] as const) {
        const res = await patch(r.id, body, method, who);
        expectJsonError(res, 405, `${who} ${method}`);
        expect(res.body).toMatchObject({ code: 'refund_read_only' });
        expect(res.headers.get('allow')).toBe('GET');
      }
    }
    expect(await getRefund(r.id)).toEqual(r);
    expect(await eventCount(r.id)).toBe(count);
  });

  it('DELETE and POST /api/refunds → 405, nothing removed or created', async () => {
    const r = await getRefund(base.rejected.id);
    const total = async () =>
      (
        await api.call('GET', `/api/refunds${listQuery({ range: [0, 0] })}`, { token: token.manager })
      ).headers.get('content-range');
    const before = await total();
    for (const who of ['reviewer', 'supervisor', 'manager'] as const) {
      expectJsonError(await api.call('DELETE', `/api/refunds/${r.id}`, { token: token[who] }), 405, who);
      expectJsonError(await post(who, '/api/refunds', { ...r, id: 'r424242' }), 405, who);
    }
    expect(await getRefund(r.id)).toEqual(r);
    expect(await total()).toBe(before);
    expectJsonError(await api.call('GET', '/api/refunds/r424242', { token: token.manager }), 404);
  });
});

// ---------------------------------------------------------------------------------------------

describe('profile', () => {
  it("summarises the customer's requests; unknown ids are 404", async () => {
    const res = await api.call('GET', `/api/refunds/${base.refunded.id}/profile`, { token: token.reviewer2 });
    expect(res.status).toBe(200);
    const profile = res.body as { customerId: string; requests90d: number; unusualRate: boolean };
    expect(profile.customerId).toBe(base.refunded.customerId);
    expect(profile.requests90d).toBeGreaterThanOrEqual(1);
    expect(typeof profile.unusualRate).toBe('boolean');
    expectJsonError(await api.call('GET', '/api/refunds/r99999999/profile', { token: token.reviewer }), 404);
  });
});

// ---------------------------------------------------------------------------------------------
// Time: these move the server clock, so they run last.

describe('the customer reply', () => {
  it('restarts the SLA: due 24 h after the reply', async () => {
    const waiting = await fixture('awaiting_info');
    await advanceClock(5 * 3_600_000);
    const events = await eventsOf(waiting.id);
    const before = await serverNow();
    const after = await ok(send('customer-reply', 'reviewer2', waiting));
    const [event] = await newEvents(waiting.id, events);
    expect(toMs(event.at)).toBeGreaterThanOrEqual(toMs(before));
    expect(after).toMatchObject({
      status: 'pending',
      slaStartAt: event.at,
      slaDueAt: toIso(toMs(event.at) + FIRST_REVIEW_SLA_MS),
      awaitingInfoSince: null,
      // the reviewer who asked keeps the request
      assigneeId: userId.reviewer,
    });
    expect(after.slaDueAt > waiting.slaDueAt).toBe(true);
    expect(after.providedItems).toEqual(expect.arrayContaining([...waiting.providedItems, 'payment_proof']));
  });
});

describe('timers', () => {
  it('pays out an approval after its channel delay (refunded, with a system event)', async () => {
    const r = await claim(await pick('plain', { paymentChannel: 'wechat_pay' }));
    const approved = await ok(approve(r));
    expect(approved.status).toBe('approved');
    const due = toMs(payoutAt('wechat_pay', approved.decidedAt!, idJitter(approved.id)));
    const events = await eventsOf(r.id);
    const now = toMs(await serverNow());
    await advanceClock(Math.max(0, due - now - 30_000));
    expect((await getRefund(r.id)).status).toBe('approved');
    await advanceClock(60_000);
    const paid = await getRefund(r.id);
    expect(paid.status).toBe('refunded');
    expect(toMs(paid.refundedAt!)).toBeGreaterThanOrEqual(due);
    expect(toMs(paid.refundedAt!)).toBeLessThanOrEqual(toMs(approved.expectedArrivalAt!) + 60_000);
    const added = await newEvents(r.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'payout',
      actorKind: 'system',
      actorId: null,
      statusBefore: 'approved',
      statusAfter: 'refunded',
      amountFen: approved.approvedFen,
    });
  });

  it('pays out a bank card refund within its 3 days', async () => {
    const r = await claim(await pick('plain', { paymentChannel: 'bank_card' }));
    const approved = await ok(approve(r));
    await advanceClock(DAY_MS - 60_000);
    expect((await getRefund(r.id)).status).toBe('approved');
    await advanceClock(2 * DAY_MS + 120_000);
    expect((await getRefund(r.id)).status).toBe('refunded');
    expect(approved.expectedArrivalAt).toBe(toIso(toMs(approved.decidedAt!) + 3 * DAY_MS));
  });

  it('rejects a request after 7 days without the information (information_missing, system event)', async () => {
    const waiting = await fixture('awaiting_info');
    const events = await eventsOf(waiting.id);
    const since = toMs(waiting.awaitingInfoSince!);
    await advanceClock(Math.max(0, since + INFO_TIMEOUT_MS - toMs(await serverNow()) - 60_000));
    expect(await getRefund(waiting.id)).toEqual(waiting);
    await advanceClock(120_000);
    const rejected = await getRefund(waiting.id);
    expect(rejected).toMatchObject({
      status: 'rejected',
      awaitingInfoSince: null,
      version: waiting.version + 1,
      decision: {
        action: 'reject',
        by: 'system',
        reasonCode: 'information_missing',
        missingItems: ['payment_proof'],
      },
    });
    const added = await newEvents(waiting.id, events);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'info_timeout',
      actorKind: 'system',
      actorId: null,
      statusBefore: 'awaiting_info',
      statusAfter: 'rejected',
      details: { reasonCode: 'information_missing', missingItems: ['payment_proof'] },
    });
    expect(typeof added[0].customerMessage).toBe('string');
  });
});

describe('an empty queue', () => {
  it('claim-next answers 204 once every pending request is taken', async () => {
    // both may take every request, as many as there are (routing is reviewerRouting.test.ts's)
    await openRouting(api, ['reviewer', 'reviewer2']);
    const pendingCount = async () =>
      Number(
        /\/(\d+)$/.exec(
          (
            await api.call(
              'GET',
              `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'pending', assigneeId: 'unassigned' } })}`,
              { token: token.reviewer },
            )
          ).headers.get('content-range') ?? '',
        )?.[1],
      );
    const queued = await pendingCount();
    expect(queued).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (;;) {
      const res = await post(ids.size % 2 ? 'reviewer' : 'reviewer2', '/api/refunds/claim-next');
      if (res.status === 204) {
        expect(res.text).toBe('');
        break;
      }
      expect(res.status).toBe(200);
      ids.add((res.body as RefundRequest).id);
      expect(ids.size).toBeLessThanOrEqual(queued);
    }
    expect(ids.size).toBe(queued);
    expect(await pendingCount()).toBe(0);
  });
});
