// Red-team variation of part 8 item 7 (edits never void a decision): logging a customer contact
// changes a complaint's status and version, so a colleague who does not hold the complaint may not
// log one; otherwise the holder's resolution fails with 409. Over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import { listQuery, startTestApi, type TestApi } from './harness';

const USERS = ['supervisor', 'supervisor2'] as const;
type UserName = (typeof USERS)[number];

let api: TestApi;
const token = {} as Record<UserName, string>;
const userId = {} as Record<UserName, string>;

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 5 });
  await api.signInStaff(USERS, { token, userId });
});
afterAll(() => api.close());

const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

let nextRefund = 0;
async function heldComplaint(): Promise<Complaint> {
  const refunds = (
    await api.call('GET', `/api/refunds${listQuery({ range: [0, 99], filter: { status: 'rejected' } })}`, {
      token: token.supervisor,
    })
  ).body as RefundRequest[];
  const opened = await post('supervisor', '/api/complaints', {
    refundId: refunds[nextRefund++]!.id,
    channel: 'phone',
    category: 'disputes_rejection',
    description: 'The customer disputes the rejection.',
  });
  expect(opened.status, opened.text).toBe(201);
  const c = opened.body as Complaint;
  const taken = await post('supervisor', `/api/complaints/${c.id}/assign`, {
    version: c.version,
    assigneeId: userId.supervisor,
  });
  expect(taken.status, taken.text).toBe(200);
  return taken.body as Complaint;
}

describe('a customer contact is logged by the complaint holder only', () => {
  it('refuses a colleague (403, complaint_held_by_other); the holder still resolves with their version', async () => {
    const c = await heldComplaint();
    for (const awaitingReply of [false, true]) {
      const res = await post('supervisor2', `/api/complaints/${c.id}/contact`, {
        version: c.version,
        text: 'Called the customer back.',
        awaitingReply,
      });
      expect(res.status, res.text).toBe(403);
      expect(res.body).toMatchObject({ code: 'complaint_held_by_other' });
    }
    const resolved = await post('supervisor', `/api/complaints/${c.id}/resolve`, {
      version: c.version,
      outcome: 'upheld',
      customerMessage: '您好，经复核，我们维持原决定。',
    });
    expect(resolved.status, resolved.text).toBe(200);
  });

  it('the holder logs contacts as before', async () => {
    const c = await heldComplaint();
    const res = await post('supervisor', `/api/complaints/${c.id}/contact`, {
      version: c.version,
      text: 'Called the customer back.',
      awaitingReply: true,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'awaiting_customer' });
  });
});
