// Webhooks over real HTTP (issue 16 item 6): an admin registers a receiver of this test, the desk's
// changes reach it signed (every signature checked by the receiver), in order per request; a
// receiver that fails and then recovers gets every event exactly once after de-duplication by id;
// a receiver down for longer than the retry horizon sees the delivery marked failed; redeliver
// sends it again. Runs on SQLite and, in the PostgreSQL run, on PostgreSQL.
process.env.WEBHOOK_POLL_MS = '40';
process.env.WEBHOOK_BACKOFF_BASE_MS = '60';
process.env.WEBHOOK_BACKOFF_MAX_MS = '300';
process.env.WEBHOOK_TIMEOUT_MS = '2000';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import { WEBHOOK_EVENT_TYPES, type WebhookPayload } from '../../src/domain/webhookEvents';
import { startReceiver, waitFor, type Receiver } from '../support/webhookReceiver';
import { listQuery, startTestApi, type TestApi } from './harness';

interface Delivery {
  id: string;
  eventId: string;
  type: string;
  refundId: string;
  status: string;
  attempts: number;
  endpointId: string;
}

let api: TestApi;
let admin: string;
let reviewer: string;

beforeAll(async () => {
  api = await startTestApi({ count: 600, seed: 12 });
  admin = await api.login('admin');
  reviewer = await api.login('reviewer');
});
afterAll(() => api?.close());

async function register(receiver: Receiver, events: string[] = ['*']) {
  const res = await api.call('POST', '/api/webhook-endpoints', {
    token: admin,
    body: { url: receiver.url, events },
  });
  expect(res.status).toBe(201);
  const body = res.body as { id: string; secret: string };
  expect(body.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
  receiver.secret = body.secret;
  return body.id;
}

async function disable(id: string) {
  expect((await api.call('DELETE', `/api/webhook-endpoints/${id}`, { token: admin })).status).toBe(200);
}

async function deliveries(filter: object): Promise<Delivery[]> {
  const res = await api.call(
    'GET',
    `/api/webhook-deliveries${listQuery({ filter, sort: ['createdAt', 'ASC'], range: [0, 999] })}`,
    {
      token: admin,
    },
  );
  expect(res.status).toBe(200);
  return res.body as Delivery[];
}

/** Claims and decides `n` requests (approve, reject, request info in turn; reject when approval is refused). */
async function decide(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const claimed = await api.call('POST', '/api/refunds/claim-next', { token: reviewer });
    expect(claimed.status).toBe(200);
    const r = claimed.body as RefundRequest;
    ids.push(r.id);
    const reject = {
      version: r.version,
      reasonCode: 'suspected_fraud',
      customerMessage: 'We could not confirm the payment.',
      againstSuggestionReason: 'Webhook test.',
    };
    const bodies = {
      approve: {
        version: r.version,
        customerMessage: 'Approved, money on its way.',
        againstSuggestionReason: 'Webhook test.',
      },
      reject,
      'request-info': {
        version: r.version,
        missingItems: ['payment_proof'],
        customerMessage: 'Please send the payment proof.',
        againstSuggestionReason: 'Webhook test.',
      },
    };
    const action = (['approve', 'reject', 'request-info'] as const)[i % 3];
    let res = await api.call('POST', `/api/refunds/${r.id}/${action}`, {
      token: reviewer,
      body: bodies[action],
    });
    if (res.status === 422)
      res = await api.call('POST', `/api/refunds/${r.id}/reject`, { token: reviewer, body: reject });
    expect(res.status, res.text).toBe(200);
  }
  return ids;
}

function inOrderPerRequest(accepted: WebhookPayload[], rows: Delivery[]) {
  const byRefund = (list: { refundId: string; eventId: string }[]) => {
    const map = new Map<string, string[]>();
    for (const e of list) map.set(e.refundId, [...(map.get(e.refundId) ?? []), e.eventId]);
    return map;
  };
  const got = byRefund(accepted.map((p) => ({ refundId: p.data.refundRequest.id, eventId: p.id })));
  const written = byRefund(rows);
  expect(got).toEqual(written);
}

describe('webhook endpoints', () => {
  it('answer the secret once; refuse a bad url or event list; admins only', async () => {
    const created = await api.call('POST', '/api/webhook-endpoints', {
      token: admin,
      body: { url: 'https://wallet.example/hooks', events: ['refund.approved', 'coins.held'] },
    });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    const shown = await api.call('GET', `/api/webhook-endpoints/${id}`, { token: admin });
    expect(shown.body).toMatchObject({ id, url: 'https://wallet.example/hooks', active: true });
    expect(shown.text).not.toContain('secret');
    const listed = await api.call('GET', '/api/webhook-endpoints', { token: admin });
    expect(listed.text).not.toContain('whsec_');
    for (const body of [
      { url: 'ftp://x.example/', events: ['*'] },
      { url: 'https://user:pw@x.example/', events: ['*'] },
      { url: 'https://x.example/', events: ['refund.nope'] },
      { url: 'https://x.example/', events: [] },
      { url: 'https://x.example/', events: ['*'], extra: 1 },
    ]) {
      const res = await api.call('POST', '/api/webhook-endpoints', {
        token: admin,
        body,
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((res.body as { code: string }).code).toMatch(/^webhook_/);
      expect((res.body as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    }
    const supervisor = await api.login('supervisor');
    expect((await api.call('GET', '/api/webhook-deliveries', { token: supervisor })).status).toBe(403);
    expect(
      (
        await api.call('POST', '/api/webhook-endpoints', {
          token: supervisor,
          body: { url: 'https://x.example/', events: ['*'] },
        })
      ).status,
    ).toBe(403);
    await disable(id);
  });
});

describe('webhook delivery', () => {
  it('delivers every change signed, once each, in order per request, with the customer view and message', async () => {
    const receiver = await startReceiver();
    const endpointId = await register(receiver);
    try {
      const ids = await decide(6);
      // a complaint about one of the rejections: complaint.opened
      let complained: string | null = null;
      for (const id of ids) {
        const r = await api.get<RefundRequest>(`/api/refunds/${id}`);
        if (r.status !== 'rejected') continue;
        const opened = await api.call('POST', '/api/complaints', {
          token: await api.login('supervisor'),
          body: {
            refundId: id,
            channel: 'phone',
            category: 'disputes_rejection',
            description: 'The customer disputes it.',
          },
        });
        expect(opened.status, opened.text).toBe(201);
        complained = id;
        break;
      }
      // the payout of the approved ones, and the information timeout of the others, by the clock
      await api.call('POST', '/api/test/advance-clock', { token: admin, body: { ms: 8 * 86_400_000 } });
      await waitFor(async () => {
        const rows = await deliveries({ endpointId });
        return rows.length > 0 && rows.every((r) => r.status === 'delivered');
      }, 'every delivery');
      const rows = await deliveries({ endpointId });
      expect(receiver.arrivals.every((a) => a.verified)).toBe(true);
      const accepted = receiver.accepted();
      expect(accepted.length).toBe(rows.length);
      expect(new Set(accepted.map((p) => p.id)).size).toBe(accepted.length);
      inOrderPerRequest(accepted, rows);
      const types = new Set(accepted.map((p) => p.type));
      expect([...types].every((t) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t))).toBe(true);
      expect(types.has('refund.rejected')).toBe(true);
      expect(types.has('refund.info_requested')).toBe(true);
      // an approval paid out by the clock's payout: refund.paid_out after refund.approved
      for (const approved of accepted.filter((p) => p.type === 'refund.approved')) {
        const id = approved.data.refundRequest.id;
        const paid = accepted.findIndex(
          (p) => p.type === 'refund.paid_out' && p.data.refundRequest.id === id,
        );
        expect(paid, `paid_out of ${id}`).toBeGreaterThan(accepted.indexOf(approved));
        expect(accepted[paid].data.refundRequest.status).toBe('refunded');
      }
      expect(types.has('refund.paid_out')).toBe(true);
      expect(complained).not.toBeNull();
      const complaint = accepted.find((p) => p.type === 'complaint.opened');
      expect(complaint?.data.refundRequest.id).toBe(complained);
      expect(complaint?.data.complaint).toMatchObject({ refundId: complained, status: 'open' });
      expect(complaint?.data.complaint).not.toHaveProperty('assigneeId');
      for (const id of ids) {
        if (accepted.some((p) => p.data.refundRequest.id === id)) continue;
        // no event: the customer was told nothing (an approval waiting for its second approver)
        const r = await api.get<RefundRequest>(`/api/refunds/${id}`);
        expect(r.status, id).toBe('awaiting_second_approval');
      }
      for (const p of accepted) {
        // the customer's view, never the staff record
        expect(p.data.refundRequest).not.toHaveProperty('assigneeId');
        expect(p.data.refundRequest).not.toHaveProperty('version');
        expect(p.createdAt).toMatch(/Z$/);
      }
      const info = accepted.find((p) => p.type === 'refund.info_requested')!;
      // the message the desk sent with the change, in the customer's language
      expect(info.data.message?.text).toBe('Please send the payment proof.');
      expect(info.data.refundRequest.missingItems).toEqual(['payment_proof']);
      expect(['en', 'zh-CN']).toContain(info.data.message?.locale);
    } finally {
      await disable(endpointId);
      await receiver.close();
    }
  });

  it('a receiver that fails, then recovers, gets every event exactly once after de-duplication, in order', async () => {
    const receiver = await startReceiver();
    // the first deliveries fail, and afterwards every third one still does
    receiver.failing = ({ count }) => count < 8 || count % 3 === 0;
    const endpointId = await register(receiver);
    try {
      await decide(6);
      await waitFor(async () => {
        const rows = await deliveries({ endpointId });
        return rows.length > 0 && rows.every((r) => r.status === 'delivered');
      }, 'every delivery after the failures');
      const rows = await deliveries({ endpointId });
      expect(receiver.arrivals.some((a) => a.status === 503)).toBe(true);
      expect(rows.some((r) => r.attempts > 1)).toBe(true);
      const accepted = receiver.accepted();
      expect(accepted.map((p) => p.id).sort()).toEqual(rows.map((r) => r.eventId).sort());
      inOrderPerRequest(accepted, rows);
    } finally {
      await disable(endpointId);
      await receiver.close();
    }
  });

  it('marks a delivery failed once the retry horizon has passed; redeliver sends it again', async () => {
    const receiver = await startReceiver();
    receiver.failing = () => true;
    const endpointId = await register(receiver, [
      'refund.rejected',
      'refund.approved',
      'refund.info_requested',
    ]);
    try {
      // an approval and a rejection: the approval may wait for a second approver and tell nobody
      // (which request is most urgent depends on what the clock handed back, e.g. idle claims)
      await decide(2);
      await waitFor(async () => (await deliveries({ endpointId })).some((r) => r.attempts >= 2), 'a retry');
      await api.call('POST', '/api/test/advance-clock', { token: admin, body: { ms: 25 * 3_600_000 } });
      await waitFor(async () => (await deliveries({ endpointId, status: 'failed' })).length > 0, 'failed');
      const [failed] = await deliveries({ endpointId, status: 'failed' });
      expect(failed.attempts).toBeGreaterThan(1);
      receiver.failing = () => false;
      const again = await api.call('POST', `/api/webhook-deliveries/${failed.id}/redeliver`, {
        token: admin,
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: failed.id, status: 'pending' });
      await waitFor(
        async () => (await deliveries({ endpointId, status: 'delivered' })).length > 0,
        'redelivered',
      );
      expect(receiver.accepted().map((p) => p.id)).toContain(failed.eventId);
      const shown = await api.call('GET', `/api/webhook-deliveries/${failed.id}`, { token: admin });
      expect((shown.body as { payload: WebhookPayload }).payload.id).toBe(failed.eventId);
    } finally {
      await disable(endpointId);
      await receiver.close();
    }
  });
});
