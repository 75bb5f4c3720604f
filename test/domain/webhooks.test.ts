// The webhook rules: which change is which event, what it says, the retry schedule and the signature.
import { describe, expect, it } from 'vitest';
import { refundRequest } from '../../src/domain/records';
import type { Complaint } from '../../src/domain/model';
import {
  DEFAULT_BACKOFF,
  HOUR_MS,
  afterFailure,
  backoffSchedule,
  signatureHeader,
  verifySignature,
} from '../../src/domain/webhookDelivery';
import {
  coinEventsFor,
  complaintEventType,
  customerMessageFor,
  isDeliverableUrl,
  refundEventType,
  subscribes,
  webhookPayload,
} from '../../src/domain/webhookEvents';

describe('webhook event types', () => {
  it('name a new request received and each status the customer is told', () => {
    const pending = refundRequest({ status: 'pending' });
    expect(refundEventType(undefined, pending)).toBe('refund.received');
    expect(refundEventType(pending, { ...pending, status: 'in_review' })).toBeNull();
    expect(refundEventType(pending, pending)).toBeNull();
    const review = { ...pending, status: 'in_review' as const };
    expect(refundEventType(review, { ...review, status: 'awaiting_info' })).toBe('refund.info_requested');
    expect(refundEventType(review, { ...review, status: 'approved' })).toBe('refund.approved');
    expect(refundEventType(review, { ...review, status: 'partially_approved' })).toBe(
      'refund.partially_approved',
    );
    expect(refundEventType(review, { ...review, status: 'rejected' })).toBe('refund.rejected');
    expect(refundEventType(review, { ...review, status: 'awaiting_second_approval' })).toBeNull();
    expect(refundEventType({ ...review, status: 'approved' }, { ...review, status: 'refunded' })).toBe(
      'refund.paid_out',
    );
  });

  it('name a complaint opened and resolved (not while its resolution waits for a second supervisor)', () => {
    const open = { id: 'cp1', refundId: 'r1', status: 'open', resolution: null } as unknown as Complaint;
    expect(complaintEventType(undefined, open)).toBe('complaint.opened');
    expect(complaintEventType(open, { ...open, status: 'investigating' })).toBeNull();
    expect(complaintEventType(open, { ...open, status: 'resolved' })).toBe('complaint.resolved');
    expect(complaintEventType({ ...open, status: 'resolved' }, { ...open, status: 'closed' })).toBeNull();
  });

  it('turn coin movements into coins.* events', () => {
    expect(
      coinEventsFor([
        { refundId: 'r1', kind: 'held', coins: 60 },
        { refundId: 'r1', kind: 'revoked', coins: 40 },
        { refundId: 'r1', kind: 'released', coins: 20 },
        { refundId: 'r1', kind: 'released', coins: 0 },
      ]).map((e) => [e.type, e.coins.coins]),
    ).toEqual([
      ['coins.held', 60],
      ['coins.revoked', 40],
      ['coins.released', 20],
    ]);
  });

  it('subscribe by list or "*"; only http(s) URLs without credentials', () => {
    expect(subscribes(['*'], 'coins.held')).toBe(true);
    expect(subscribes(['refund.approved'], 'refund.approved')).toBe(true);
    expect(subscribes(['refund.approved'], 'refund.rejected')).toBe(false);
    expect(isDeliverableUrl('https://wallet.example/hooks')).toBe(true);
    expect(isDeliverableUrl('http://127.0.0.1:9000/x')).toBe(true);
    for (const bad of ['ftp://x.example/', 'https://u:p@x.example/', 'not a url', 42, '/relative']) {
      expect(isDeliverableUrl(bad), String(bad)).toBe(false);
    }
  });
});

describe('what an event tells the customer', () => {
  it('the message the desk sent, else the template in the customer’s language', () => {
    const zh = refundRequest({
      status: 'awaiting_info',
      customerLocale: 'zh-CN',
      orderNumber: 'CO-1',
      decision: {
        action: 'request_info',
        by: 'u1',
        at: '2026-03-10T11:00:00.000Z',
        missingItems: ['payment_proof'],
        customerMessage: '',
      },
    });
    expect(customerMessageFor('refund.info_requested', zh, 'Send it.')).toEqual({
      locale: 'zh-CN',
      text: 'Send it.',
    });
    const template = customerMessageFor('refund.info_requested', zh, null);
    expect(template?.locale).toBe('zh-CN');
    expect(template?.text).toContain('付款凭证');
    const en = { ...zh, customerLocale: 'en' as const, status: 'rejected' as const };
    expect(
      customerMessageFor(
        'refund.rejected',
        { ...en, decision: { ...en.decision!, reasonCode: 'outside_window' } },
        '',
      )?.text,
    ).toMatch(/^Hello, .*CO-1/);
    expect(customerMessageFor('refund.received', en, null)).toBeNull();
  });

  it('the payload is the public view, the complaint’s public side and the coins', () => {
    const request = refundRequest({ status: 'in_review', assigneeId: 'u-secret' });
    const complaint = {
      id: 'cp1',
      refundId: request.id,
      status: 'open',
      category: 'decision_dispute',
      openedAt: '2026-03-10T11:00:00.000Z',
      resolvedAt: null,
      resolution: null,
      assigneeId: 'u-other',
    } as unknown as Complaint;
    const payload = webhookPayload({
      id: 'evt_1',
      type: 'complaint.opened',
      createdAt: '2026-03-10T11:00:00.000Z',
      request,
      events: [],
      complaint,
    });
    expect(payload).toMatchObject({
      id: 'evt_1',
      type: 'complaint.opened',
      data: {
        refundRequest: { id: request.id, status: 'in_review' },
        complaint: { id: 'cp1', status: 'open' },
      },
    });
    expect(JSON.stringify(payload)).not.toContain('u-secret');
    expect(JSON.stringify(payload)).not.toContain('u-other');
  });
});

describe('webhook retries', () => {
  it('back off exponentially for at least 24 hours, then fail', () => {
    const delays = backoffSchedule();
    expect(delays[0]).toBe(DEFAULT_BACKOFF.baseMs);
    expect(delays[1]).toBe(2 * DEFAULT_BACKOFF.baseMs);
    expect(Math.max(...delays)).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxDelayMs);
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24 * HOUR_MS);
    // jitter stays within ±20 %
    for (const r of [0, 0.5, 1]) {
      const next = afterFailure({ attempts: 3, createdMs: 0, nowMs: 1000, random01: r });
      expect(next.kind).toBe('retry');
      const delay = next.kind === 'retry' ? next.atMs - 1000 : 0;
      expect(delay).toBeGreaterThanOrEqual(0.8 * 40_000);
      expect(delay).toBeLessThanOrEqual(1.2 * 40_000);
    }
    expect(afterFailure({ attempts: 30, createdMs: 0, nowMs: 24 * HOUR_MS - 1, random01: 0.5 }).kind).toBe(
      'retry',
    );
    expect(afterFailure({ attempts: 30, createdMs: 0, nowMs: 24 * HOUR_MS, random01: 0.5 })).toEqual({
      kind: 'failed',
    });
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1"}';
  const now = Date.parse('2026-03-10T11:00:00.000Z');

  it('sign "<t>.<body>" with HMAC-SHA256 and verify it', () => {
    const header = signatureHeader(secret, body, now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(header.startsWith(`t=${Math.floor(now / 1000)},`)).toBe(true);
    expect(verifySignature(secret, body, header, now)).toEqual({
      ok: true,
      timestamp: Math.floor(now / 1000),
    });
  });

  it('refuse another body, another secret, an old timestamp and a malformed header', () => {
    const header = signatureHeader(secret, body, now);
    expect(verifySignature(secret, `${body} `, header, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('whsec_other', body, header, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, body, header, now + 10 * 60_000)).toEqual({ ok: false, reason: 'stale' });
    for (const bad of [undefined, '', 't=1', 'v1=00', 'garbage']) {
      expect(verifySignature(secret, body, bad, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
