// Issue 16 item 4 over real HTTP: the customer's side of the workflow through the platform API. A
// reply answers an information request and restarts the SLA clock, as a staff-recorded reply does;
// a resubmission is a new request linked to the rejected one (once per rejection, idempotent); a
// complaint is opened by the customer through the same open rule as a phone complaint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import { HOUR_MS, slaDueAt } from '../../src/domain/sla';
import { startTestApi, type TestApi } from './harness';
import { asView, freshKey, intakeFor, platformCall, platformKey, requestsIn } from './platformKit';
import { auditTrail, storedRefund } from './storedState';

let api: TestApi;
let call: ReturnType<typeof platformCall>;
let free: RefundRequest[];
let reviewer: string;
let supervisor: string;

beforeAll(async () => {
  api = await startTestApi({ count: 400, seed: 17 });
  call = platformCall(api, (await platformKey(api)).key);
  reviewer = await api.login('reviewer');
  supervisor = await api.login('supervisor');
  const open = new Set(
    [...(await requestsIn(api, 'pending')), ...(await requestsIn(api, 'in_review'))].map((r) => r.orderId),
  );
  free = (await requestsIn(api, 'rejected')).filter((r) => !open.has(r.orderId) && r.refundableFen > 0);
  expect(free.length).toBeGreaterThan(4);
});
afterAll(() => api.close());

/** A new request from the platform on a free order, claimed by the reviewer. */
async function claimedIntake(extra: Record<string, unknown> = {}): Promise<RefundRequest> {
  const res = await call('POST', '/refund-requests', intakeFor(free.shift()!, extra), {
    'idempotency-key': freshKey(),
  });
  expect(res.status, res.text).toBe(201);
  const stored = await storedRefund(api, supervisor, asView(res).id);
  const claimed = await api.call('POST', `/api/refunds/${stored.id}/claim`, {
    token: reviewer,
    body: { version: stored.version },
  });
  expect(claimed.status, claimed.text).toBe(200);
  return claimed.body as RefundRequest;
}

async function rejectedIntake(): Promise<RefundRequest> {
  const r = await claimedIntake();
  const res = await api.call('POST', `/api/refunds/${r.id}/reject`, {
    token: reviewer,
    body: {
      version: r.version,
      reasonCode: 'suspected_fraud',
      customerMessage: 'We cannot refund this order.',
      againstSuggestionReason: 'The payment looks unusual.',
    },
  });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest;
}

const advance = async (ms: number) => {
  const res = await api.call('POST', '/api/test/advance-clock', { token: supervisor, body: { ms } });
  expect(res.status).toBe(200);
};

describe('replies', () => {
  it('answer an information request, restart the SLA clock and add the evidence', async () => {
    const { purchasedAt: _unknown, ...withoutTime } = intakeFor(free[0]);
    const r = await claimedIntake({ purchasedAt: undefined, ...withoutTime });
    const asked = await api.call('POST', `/api/refunds/${r.id}/request-info`, {
      token: reviewer,
      body: { version: r.version, missingItems: ['purchase_time'], customerMessage: 'When did you buy it?' },
    });
    expect(asked.status, asked.text).toBe(200);
    const waiting = asView(await call('GET', `/refund-requests/${r.id}`));
    expect(waiting).toMatchObject({
      status: 'awaiting_info',
      missingItems: ['purchase_time'],
      expectedDecisionAt: null,
      // the expectation told at submission no longer holds once the desk waits on the customer
      expectedDecisionBy: null,
    });
    // after the acknowledgement the customer was sent at submission
    expect(waiting.messages.map((m) => [m.action, m.text])).toEqual([
      ['submit', expect.any(String)],
      ['request_info', 'When did you buy it?'],
    ]);

    await advance(3 * HOUR_MS);
    const reply = await call('POST', `/refund-requests/${r.id}/replies`, {
      suppliedItems: ['purchase_time'],
      message: 'Yesterday at ten.',
      evidence: ['receipt.png'],
    });
    expect(reply.status, reply.text).toBe(200);
    expect(asView(reply)).toMatchObject({ status: 'received', missingItems: [] });
    const stored = await storedRefund(api, supervisor, r.id);
    expect(Date.parse(stored.slaStartAt)).toBeGreaterThanOrEqual(Date.parse(r.slaStartAt) + 3 * HOUR_MS);
    expect(stored.slaDueAt).toBe(slaDueAt(stored.slaStartAt));
    expect(asView(reply).expectedDecisionAt).toBe(stored.slaDueAt);
    expect(stored.providedItems).toContain('purchase_time');
    expect(stored.evidenceFiles).toContain('receipt.png');
    const last = (await auditTrail(api, supervisor, r.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'customer_reply', actorKind: 'customer', actorId: null });

    const again = await call('POST', `/refund-requests/${r.id}/replies`, {
      suppliedItems: [],
      message: 'Hello?',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'customer_reply_not_awaiting' });
    expect(again.body).not.toHaveProperty('current');
  });

  it('refuse a bad body with 422 field errors, and an unknown request with 404', async () => {
    const bad = await call('POST', '/refund-requests/r1/replies', {
      suppliedItems: ['nothing'],
      locale: 'zh-CN',
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-language')).toBe('zh-CN');
    expect(Object.keys((bad.body as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      'message',
      'suppliedItems.0',
    ]);
    const gone = await call('POST', '/refund-requests/r999999/replies', { suppliedItems: [], message: 'x' });
    expect(gone.status).toBe(404);
  });
});

describe('resubmissions', () => {
  it('make one new request linked to the rejected one, once, whatever the retries', async () => {
    const original = await rejectedIntake();
    const noKey = await call('POST', `/refund-requests/${original.id}/resubmissions`, {});
    expect(noKey.status).toBe(400);
    const key = freshKey('resubmit');
    const body = { providedItems: ['payment_proof'], evidence: ['bank-statement.pdf'] };
    const first = await call('POST', `/refund-requests/${original.id}/resubmissions`, body, {
      'idempotency-key': key,
    });
    expect(first.status, first.text).toBe(201);
    const view = asView(first);
    expect(view).toMatchObject({
      status: 'received',
      resubmissionOf: original.id,
      orderNumber: original.orderNumber,
    });
    const retry = await call('POST', `/refund-requests/${original.id}/resubmissions`, body, {
      'idempotency-key': key,
    });
    expect(retry.status).toBe(200);
    expect(asView(retry).id).toBe(view.id);
    const second = await call('POST', `/refund-requests/${original.id}/resubmissions`, body, {
      'idempotency-key': freshKey(),
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'already_resubmitted', params: { resubmissionId: view.id } });

    const stored = await storedRefund(api, supervisor, view.id);
    expect(stored).toMatchObject({ resubmissionOf: original.id, status: 'pending' });
    expect(stored.providedItems).toContain('payment_proof');
    expect(stored.evidenceFiles).toContain('bank-statement.pdf');
    expect((await auditTrail(api, supervisor, view.id)).map((e) => e.action)).toEqual(['resubmit']);
  });

  it('are refused for a request that is not rejected', async () => {
    const open = await claimedIntake();
    const res = await call(
      'POST',
      `/refund-requests/${open.id}/resubmissions`,
      {},
      { 'idempotency-key': freshKey() },
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'resubmission_not_rejected' });
  });
});

describe('complaints', () => {
  it('are opened by the customer through the complaint rule, one at a time', async () => {
    const rejected = await rejectedIntake();
    const res = await call('POST', `/refund-requests/${rejected.id}/complaints`, {
      category: 'disputes_rejection',
      description: 'I was charged for a pack I never got.',
    });
    expect(res.status, res.text).toBe(201);
    const opened = res.body as { id: string; status: string; channel: string };
    expect(opened).toMatchObject({ status: 'open', channel: 'in_app', refundId: rejected.id });
    expect(opened).not.toHaveProperty('assigneeId');
    const staffView = await api.call('GET', `/api/complaints/${opened.id}`, { token: supervisor });
    expect(staffView.status).toBe(200);
    expect(staffView.body as Complaint).toMatchObject({ openedBy: null, level: 1 });
    const events = await auditTrail(api, supervisor, rejected.id);
    expect(events.find((e) => e.complaintId === opened.id)).toMatchObject({
      action: 'open',
      actorKind: 'customer',
    });

    const twice = await call('POST', `/refund-requests/${rejected.id}/complaints`, {
      category: 'other',
      description: 'Again.',
    });
    expect(twice.status).toBe(409);
    const bad = await call('POST', `/refund-requests/${rejected.id}/complaints`, {
      category: 'angry',
      description: '',
    });
    expect([409, 422]).toContain(bad.status);
  });

  it('refuse a category that does not fit the request (422)', async () => {
    const open = await claimedIntake();
    const res = await call('POST', `/refund-requests/${open.id}/complaints`, {
      category: 'disputes_rejection',
      description: 'Why is this taking so long?',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ fieldErrors: { category: { code: 'category_not_rejected' } } });
  });
});
