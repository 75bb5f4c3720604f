// Part 8: four eyes on every path that moves money, and goodwill caps that hold across reopening.
// Over real HTTP: the overturn that waits for a second supervisor, the override then self-approval,
// the goodwill caps per complaint and per customer. The property over every path is in
// fourEyesProperty.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUSTOMER_GOODWILL_COINS_CAP,
  CUSTOMER_GOODWILL_PERIOD_MS,
  GOODWILL_COINS_CAP,
} from '../../src/domain/goodwill';
import type { AuditEvent, Complaint, RefundRequest } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { DAY_MS } from '../../src/domain/sla';
import { listQuery, startTestApi, type TestApi } from './harness';

const USERS = ['reviewer', 'supervisor', 'supervisor2', 'manager'] as const;
type UserName = (typeof USERS)[number];
type Body = Record<string, unknown>;
type Reply = Awaited<ReturnType<TestApi['call']>>;

let api: TestApi;
const token = {} as Record<UserName, string>;
const userId = {} as Record<UserName, string>;

beforeAll(async () => {
  api = await startTestApi({ count: 1500, seed: 31 });
  await api.signInStaff(USERS, { token, userId });
});
afterAll(() => api.close());

const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

async function ok<T>(reply: Promise<Reply> | Reply, status = 200): Promise<T> {
  const res = await reply;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res.body as T;
}

function refusal(res: Reply, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  const body = res.body as { message?: unknown; code?: unknown };
  expect(typeof body.message).toBe('string');
  if (code) expect(body.code).toBe(code);
  return body as { message: string; code?: string; errors?: Record<string, string> };
}

const getRefund = (id: string) =>
  ok<RefundRequest>(api.call('GET', `/api/refunds/${id}`, { token: token.supervisor }));
const getComplaint = (id: string) =>
  ok<Complaint>(api.call('GET', `/api/complaints/${id}`, { token: token.supervisor }));

async function events(filter: Body): Promise<AuditEvent[]> {
  const res = await api.call(
    'GET',
    `/api/events${listQuery({ range: [0, 999], filter, sort: ['at', 'ASC'] })}`,
    { token: token.supervisor },
  );
  return (res.body as AuditEvent[]).sort((a, b) => a.at.localeCompare(b.at) || seq(a.id) - seq(b.id));
}
const seq = (id: string) => Number(id.replace(/^\D+/, ''));

const used = new Set<string>();
async function freshRefund(filter: Body, pred: (r: RefundRequest) => boolean = () => true) {
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ range: [0, 999], filter, sort: ['id', 'ASC'] })}`,
    { token: token.supervisor },
  );
  const complaints = await ok<Complaint[]>(
    api.call('GET', `/api/complaints${listQuery({ range: [0, 999] })}`, { token: token.supervisor }),
  );
  const taken = new Set(complaints.map((c) => c.refundId));
  const found = (res.body as RefundRequest[]).find((r) => !used.has(r.id) && !taken.has(r.id) && pred(r));
  if (!found) throw new Error(`no fresh refund request for ${JSON.stringify(filter)}`);
  used.add(found.id);
  return found;
}

const MSG = '您好，经复核，我们决定退款。';

async function openAndTake(refund: RefundRequest, who: UserName = 'supervisor'): Promise<Complaint> {
  const c = await ok<Complaint>(
    post(who, '/api/complaints', {
      refundId: refund.id,
      channel: 'phone',
      category: refund.status === 'rejected' ? 'disputes_rejection' : 'other',
      description: 'The customer disputes the decision.',
    }),
    201,
  );
  return act(who, c, 'assign', { assigneeId: userId[who] });
}

const act = (who: UserName, c: Complaint, action: string, body: Body = {}) =>
  ok<Complaint>(post(who, `/api/complaints/${c.id}/${action}`, { version: c.version, ...body }));

const refundAct = (who: UserName, r: RefundRequest, segment: string, body: Body = {}) =>
  ok<RefundRequest>(post(who, `/api/refunds/${r.id}/${segment}`, { version: r.version, ...body }));

const CLEAN = { outsideWindow: false, accountRestricted: false, infoIncomplete: false, duplicate: false };
const BIG = { ...CLEAN, tipping: false, refundableFen_gte: SECOND_APPROVAL_THRESHOLD_FEN + 1 };

// ---------------------------------------------------------------------------------------------

describe('a complaint overturn that moves more than ¥500 waits for another supervisor', () => {
  it('resolve holds it; the resolver, a reviewer or a manager cannot confirm it; a second supervisor can', async () => {
    const refund = await freshRefund({ status: 'rejected', ...BIG });
    let c = await openAndTake(refund);
    c = await act('supervisor', c, 'resolve', { outcome: 'overturned', customerMessage: MSG });
    // nothing moved: the complaint is still being worked, the request still rejected
    expect(c).toMatchObject({
      status: 'investigating',
      resolution: null,
      pendingResolution: {
        outcome: 'overturned',
        amountFen: refund.refundableFen,
        by: userId.supervisor,
        reasons: ['over_threshold'],
      },
    });
    expect(await getRefund(refund.id)).toMatchObject({ status: 'rejected', version: refund.version });

    // the holder cannot resolve it again while it waits (409), nor approve it (403)
    refusal(
      await post('supervisor', `/api/complaints/${c.id}/resolve`, {
        version: c.version,
        outcome: 'upheld',
        customerMessage: MSG,
      }),
      409,
      'resolution_pending',
    );
    const self = refusal(
      await post('supervisor', `/api/complaints/${c.id}/second-approval`, {
        version: c.version,
        decision: 'confirm',
      }),
      403,
      'second_approver_must_differ',
    );
    expect(self.message).toBe(
      'You resolved this complaint; a different supervisor must give the second approval.',
    );
    for (const who of ['reviewer', 'manager'] as const) {
      refusal(
        await post(who, `/api/complaints/${c.id}/second-approval`, {
          version: c.version,
          decision: 'confirm',
        }),
        403,
      );
    }
    // 403 comes before the version check, 409 (stale) before the body (422)
    refusal(
      await post('supervisor2', `/api/complaints/${c.id}/second-approval`, {
        version: c.version - 1,
        decision: 'maybe',
      }),
      409,
    );
    expect(await getComplaint(c.id)).toEqual(c);

    c = await act('supervisor2', c, 'second-approval', {
      decision: 'confirm',
      note: 'Checked the call log.',
    });
    expect(c).toMatchObject({
      status: 'resolved',
      pendingResolution: null,
      resolution: {
        outcome: 'overturned',
        by: userId.supervisor,
        secondApproverId: userId.supervisor2,
        amountFen: refund.refundableFen,
      },
    });
    expect(await getRefund(refund.id)).toMatchObject({
      status: 'approved',
      overturned: true,
      approvedFen: refund.refundableFen,
    });
    // the audit trail names both supervisors
    const trail = await events({ complaintId: c.id });
    expect(trail.map((e) => `${e.subject}:${e.action}`).slice(-3)).toEqual([
      'complaint:resolve',
      'complaint:second_approval',
      'refund:overturn',
    ]);
    const [resolved, confirmed, overturn] = trail.slice(-3);
    expect(resolved).toMatchObject({
      actorId: userId.supervisor,
      details: { pendingSecondApproval: true, secondApprovalReasons: ['over_threshold'] },
    });
    expect(confirmed).toMatchObject({
      actorId: userId.supervisor2,
      details: { decision: 'confirm', requestedBy: userId.supervisor, secondApproverId: userId.supervisor2 },
    });
    expect(overturn).toMatchObject({
      actorId: userId.supervisor2,
      statusAfter: 'approved',
      details: { requestedBy: userId.supervisor, secondApproverId: userId.supervisor2 },
    });
  });

  it('the supervisor who logged the complaint cannot approve what another resolved; send back reopens the work', async () => {
    const refund = await freshRefund({ status: 'rejected', ...CLEAN, tipping: true, refundableFen_gte: 2 });
    // supervisor2 logs it, supervisor takes and resolves (a partial overturn on a tipping order)
    let c = await ok<Complaint>(
      post('supervisor2', '/api/complaints', {
        refundId: refund.id,
        channel: 'phone',
        category: 'disputes_rejection',
        description: 'Called in.',
      }),
      201,
    );
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    c = await act('supervisor', c, 'resolve', {
      outcome: 'partially_overturned',
      amountFen: 1,
      customerMessage: MSG,
    });
    expect(c.pendingResolution).toMatchObject({ reasons: ['tipping'], amountFen: 1 });
    const logged = refusal(
      await post('supervisor2', `/api/complaints/${c.id}/second-approval`, {
        version: c.version,
        decision: 'confirm',
      }),
      403,
      'second_approver_must_differ',
    );
    expect(logged.message).toMatch(/^You logged this complaint/);
    // handing the complaint to supervisor2 does not help: the holder is not the second approver either
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor2 });
    refusal(
      await post('supervisor2', `/api/complaints/${c.id}/second-approval`, {
        version: c.version,
        decision: 'confirm',
      }),
      403,
      'second_approver_must_differ',
    );
    refusal(
      await post('supervisor', `/api/complaints/${c.id}/second-approval`, {
        version: c.version,
        decision: 'confirm',
      }),
      403,
      'second_approver_must_differ',
    );
    expect((await getRefund(refund.id)).status).toBe('rejected');
  });

  it('a second supervisor sends it back with a reason: nothing moves, the holder resolves again', async () => {
    const refund = await freshRefund({ status: 'rejected', ...BIG });
    let c = await openAndTake(refund);
    c = await act('supervisor', c, 'resolve', { outcome: 'overturned', customerMessage: MSG });
    refusal(
      await post('supervisor2', `/api/complaints/${c.id}/second-approval`, {
        version: c.version,
        decision: 'send_back',
      }),
      422,
    );
    c = await act('supervisor2', c, 'second-approval', { decision: 'send_back', note: 'Not convinced.' });
    expect(c).toMatchObject({ status: 'investigating', pendingResolution: null, resolution: null });
    expect((await getRefund(refund.id)).status).toBe('rejected');
    refusal(
      await post('supervisor2', `/api/complaints/${c.id}/second-approval`, {
        version: c.version,
        decision: 'confirm',
      }),
      409,
      'no_pending_resolution',
    );
    c = await act('supervisor', c, 'resolve', { outcome: 'upheld', customerMessage: MSG });
    expect(c.status).toBe('resolved');
  });

  it('a policy-blocked rejection overturned by one supervisor waits too, whatever the amount', async () => {
    const refund = await freshRefund({
      status: 'rejected',
      outsideWindow: true,
      tipping: false,
      refundableFen_gte: 2,
      refundableFen_lte: SECOND_APPROVAL_THRESHOLD_FEN,
    });
    let c = await openAndTake(refund);
    c = await act('supervisor', c, 'resolve', { outcome: 'overturned', customerMessage: MSG });
    expect(c.pendingResolution?.reasons).toEqual(['self_override']);
    expect((await getRefund(refund.id)).status).toBe('rejected');
    c = await act('supervisor2', c, 'second-approval', { decision: 'confirm' });
    expect((await getRefund(refund.id)).status).toBe('approved');
  });
});

describe('approvals: the overrider and the first approver are not the second approver', () => {
  async function claimed(filter: Body, who: UserName) {
    const r = await freshRefund({ status: 'pending', assigneeId: 'unassigned', ...filter }, (x) =>
      x.providedItems.includes('reason_detail'),
    );
    return refundAct(who, r, 'claim');
  }

  it('a supervisor who overrides a policy block and approves it themselves needs a second supervisor', async () => {
    let r = await claimed(
      {
        outsideWindow: true,
        accountRestricted: false,
        infoIncomplete: false,
        duplicate: false,
        tipping: false,
        refundableFen_gte: 2,
        refundableFen_lte: SECOND_APPROVAL_THRESHOLD_FEN,
      },
      'supervisor',
    );
    r = await refundAct('supervisor', r, 'override', { note: 'Long-standing customer.' });
    r = await refundAct('supervisor', r, 'approve', {
      customerMessage: MSG,
      againstSuggestionReason: 'Exception granted.',
    });
    expect(r).toMatchObject({ status: 'awaiting_second_approval', firstApproverId: userId.supervisor });
    const self = refusal(
      await post('supervisor', `/api/refunds/${r.id}/second-approval`, {
        version: r.version,
        decision: 'confirm',
      }),
      403,
      'second_approver_must_differ',
    );
    expect(self.message).toMatch(/^You gave the first approval of this request/);
    r = await refundAct('supervisor2', r, 'second-approval', { decision: 'confirm' });
    expect(r.status).toMatch(/approved/);
    const [approve] = (await events({ refundId: r.id, action: 'approve' })).slice(-1);
    expect(approve.details).toMatchObject({ secondApprovalReasons: ['self_override'] });
  });

  it('a reviewer approves more than ¥500 after an override: the overrider cannot give the second approval', async () => {
    let r = await claimed({ ...BIG, outsideWindow: true }, 'reviewer');
    r = await refundAct('supervisor', r, 'override', { note: 'Exception.' });
    r = await refundAct('reviewer', r, 'approve', {
      customerMessage: MSG,
      againstSuggestionReason: 'Exception granted.',
    });
    expect(r.status).toBe('awaiting_second_approval');
    const overrider = refusal(
      await post('supervisor', `/api/refunds/${r.id}/second-approval`, {
        version: r.version,
        decision: 'confirm',
      }),
      403,
      'second_approver_must_differ',
    );
    expect(overrider.message).toMatch(/^You overrode the policy on this request/);
    r = await refundAct('supervisor2', r, 'second-approval', { decision: 'confirm' });
    expect(r.status).toBe('approved');
  });
});

// ---------------------------------------------------------------------------------------------

describe('the goodwill caps', () => {
  it(`per complaint: ${GOODWILL_COINS_CAP} coins over all its resolutions, reopen or not`, async () => {
    const refund = await freshRefund({ status: 'refunded', ...CLEAN, tipping: false });
    let c = await openAndTake(refund);
    const allowance = async () =>
      ok<{ leftCoins: number; complaintCreditedCoins: number }>(
        api.call('GET', `/api/complaints/${c.id}/goodwill-allowance`, { token: token.supervisor }),
      );
    expect(await allowance()).toMatchObject({ leftCoins: GOODWILL_COINS_CAP, complaintCreditedCoins: 0 });
    c = await act('supervisor', c, 'resolve', {
      outcome: 'goodwill',
      goodwillCoins: 3_000,
      customerMessage: MSG,
    });
    expect(c.status).toBe('resolved');
    c = await act('supervisor', c, 'reopen', { note: 'Still unhappy.' });
    expect(await allowance()).toMatchObject({ leftCoins: 2_000, complaintCreditedCoins: 3_000 });
    const over = refusal(
      await post('supervisor', `/api/complaints/${c.id}/resolve`, {
        version: c.version,
        outcome: 'goodwill',
        goodwillCoins: 3_000,
        customerMessage: MSG,
      }),
      422,
    );
    expect(over.errors?.goodwillCoins).toBe(
      'This complaint has already credited 3,000 of its 5,000 goodwill coins; at most 2,000 coins are left.',
    );
    c = await act('supervisor', c, 'resolve', {
      outcome: 'goodwill',
      goodwillCoins: 2_000,
      customerMessage: MSG,
    });
    c = await act('supervisor', c, 'reopen', {});
    const none = refusal(
      await post('supervisor', `/api/complaints/${c.id}/resolve`, {
        version: c.version,
        outcome: 'goodwill',
        goodwillCoins: 1,
        customerMessage: MSG,
      }),
      422,
    );
    expect(none.errors?.goodwillCoins).toMatch(/5,000 of its 5,000 goodwill coins; nothing is left\.$/);
    expect((await getComplaint(c.id)).goodwillCredits?.map((g) => g.coins)).toEqual([3_000, 2_000]);
  });

  it(`per customer: ${CUSTOMER_GOODWILL_COINS_CAP} coins in any ${CUSTOMER_GOODWILL_PERIOD_MS / DAY_MS} days, across complaints`, async () => {
    const all = await ok<RefundRequest[]>(
      api.call(
        'GET',
        `/api/refunds${listQuery({ range: [0, 999], filter: { ...CLEAN, tipping: false, status: 'refunded' } })}`,
        { token: token.supervisor },
      ),
    );
    const byCustomer = new Map<string, RefundRequest[]>();
    for (const r of all)
      if (!used.has(r.id)) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
    const pair = [...byCustomer.values()].find((rs) => rs.length >= 3)!;
    expect(pair, 'a customer with three refunded requests').toBeDefined();
    pair.forEach((r) => used.add(r.id));
    // two complaints of this customer credit 5,000 each
    for (const r of pair.slice(0, 2)) {
      const c = await openAndTake(r);
      await act('supervisor', c, 'resolve', {
        outcome: 'goodwill',
        goodwillCoins: 5_000,
        customerMessage: MSG,
      });
    }
    const third = await openAndTake(pair[2]);
    const res = refusal(
      await post('supervisor', `/api/complaints/${third.id}/resolve`, {
        version: third.version,
        outcome: 'goodwill',
        goodwillCoins: 1,
        customerMessage: MSG,
      }),
      422,
    );
    expect(res.errors?.goodwillCoins).toBe(
      'This customer has received 10,000 of the 10,000 goodwill coins allowed in 30 days; nothing is left.',
    );
    // 31 days later the old credits no longer count
    await ok(post('supervisor', '/api/test/advance-clock', { ms: 31 * DAY_MS }));
    const later = await act('supervisor', await getComplaint(third.id), 'resolve', {
      outcome: 'goodwill',
      goodwillCoins: 5_000,
      customerMessage: MSG,
    });
    expect(later.status).toBe('resolved');
  });
});
