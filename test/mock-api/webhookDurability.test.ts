// Webhooks survive a crash (issue 16 item 6): the API as a real child process, killed with SIGKILL
// in the middle of a burst of decisions while it is delivering them, then restarted on the same
// database. Every acknowledged customer-visible change must still reach the receiver (the outbox row
// was written in the change's own transaction), signed, in order per request; after de-duplication
// by event id each event arrives exactly once. SQLite, and PostgreSQL in the PostgreSQL run.
import { afterAll, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import {
  cleanUpChildren,
  client,
  kill,
  seededDatabase,
  startChild,
  type Reply,
} from '../support/apiProcesses';
import { startReceiver, waitFor } from '../support/webhookReceiver';
import { listQuery } from './harness';

afterAll(cleanUpChildren);

const ENV = {
  WEBHOOK_POLL_MS: '30',
  WEBHOOK_BACKOFF_BASE_MS: '50',
  WEBHOOK_BACKOFF_MAX_MS: '200',
  // the killed process's lease expires soon, so the restarted one takes over quickly
  WEBHOOK_LEASE_MS: '1000',
};

const EVENT_OF: Partial<Record<RefundRequest['status'], string>> = {
  awaiting_info: 'refund.info_requested',
  approved: 'refund.approved',
  partially_approved: 'refund.partially_approved',
  rejected: 'refund.rejected',
};

describe('webhooks and a crash', () => {
  it('lose no delivery when the API is killed during a burst', async () => {
    const database = await seededDatabase(2500, 41);
    const receiver = await startReceiver();
    // a slow receiver: deliveries are in flight when the process dies
    // until the crash every delivery is answered 503: whatever arrives afterwards was kept by the
    // outbox alone, through the SIGKILL, and sent by the restarted process
    let crashed = false;
    receiver.failing = () => !crashed;
    receiver.delayMs = 10;
    const first = await startChild(database, ENV);
    const api = client(first.url);
    const admin = await api.login('admin');
    const created = await api.call('POST', '/api/webhook-endpoints', admin, {
      url: receiver.url,
      events: ['*'],
    });
    expect(created.status).toBe(201);
    receiver.secret = (created.body as { secret: string }).secret;

    const reviewers = ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4'];
    const tokens = new Map<string, string>();
    for (const name of reviewers) tokens.set(name, await api.login(name));
    const acks: RefundRequest[] = [];
    const KILL_AFTER = 40;
    let killing: Promise<void> | null = null;
    const acknowledge = (res: Reply) => {
      if (res.status !== 200) return;
      acks.push(res.body as RefundRequest);
      if (acks.length >= KILL_AFTER && !killing) killing = kill(first);
    };
    const loop = async (name: string) => {
      const token = tokens.get(name)!;
      for (let i = 0; i < 60; i++) {
        const claimed = await api.call('POST', '/api/refunds/claim-next', token);
        if (claimed.status !== 200) return;
        const r = claimed.body as RefundRequest;
        const decision = ['approve', 'reject', 'request-info'][i % 3];
        const common = { version: r.version, againstSuggestionReason: 'Crash test.' };
        const reject = { ...common, reasonCode: 'suspected_fraud', customerMessage: 'Rejected.' };
        const body =
          decision === 'approve'
            ? { ...common, customerMessage: 'Approved.' }
            : decision === 'reject'
              ? reject
              : { ...common, missingItems: ['payment_proof'], customerMessage: 'Send the receipt.' };
        let res = await api.call('POST', `/api/refunds/${r.id}/${decision}`, token, body);
        if (res.status === 422) res = await api.call('POST', `/api/refunds/${r.id}/reject`, token, reject);
        acknowledge(res);
      }
    };
    await Promise.all(reviewers.map((n) => loop(n).catch(() => undefined)));
    if (!killing) killing = kill(first);
    await killing;
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);
    crashed = true;
    const arrivalsAtKill = receiver.arrivals.length;
    expect(receiver.accepted()).toEqual([]);

    const second = await startChild(database, ENV);
    const again = client(second.url);
    const adminAgain = await again.login('admin');
    type Row = { eventId: string; refundId: string; status: string };
    const rows = async () => {
      const res = await again.call(
        'GET',
        `/api/webhook-deliveries${listQuery({ sort: ['createdAt', 'ASC'], range: [0, 999] })}`,
        adminAgain,
      );
      expect(res.status).toBe(200);
      return res.body as Row[];
    };
    await waitFor(
      async () => (await rows()).every((r) => r.status === 'delivered'),
      'every delivery',
      60_000,
    );
    const written = await rows();
    const accepted = receiver.accepted();
    // the killed process was delivering (and failing); the restarted one delivered everything
    expect(arrivalsAtKill).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    expect(receiver.arrivals.every((a) => a.verified)).toBe(true);
    // every event written exactly once after de-duplication, nothing the outbox does not hold
    expect(accepted.map((p) => p.id).sort()).toEqual(written.map((r) => r.eventId).sort());
    // every acknowledged customer-visible decision among them
    for (const ack of acks) {
      const type = EVENT_OF[ack.status];
      if (!type) continue;
      expect(
        accepted.some((p) => p.type === type && p.data.refundRequest.id === ack.id),
        `${type} of ${ack.id}`,
      ).toBe(true);
    }
    // in order per request
    const order = (list: { refundId: string; eventId: string }[]) => {
      const map = new Map<string, string[]>();
      for (const e of list) map.set(e.refundId, [...(map.get(e.refundId) ?? []), e.eventId]);
      return map;
    };
    expect(order(accepted.map((p) => ({ refundId: p.data.refundRequest.id, eventId: p.id })))).toEqual(
      order(written),
    );
    await kill(second);
    await receiver.close();
  }, 120_000);
});
