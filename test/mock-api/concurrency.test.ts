// Part 7 item 2 over real HTTP: simultaneous writers. One approval wins and every other gets a 409;
// simultaneous claim-next calls never hand out the same request; racing actions lose no update
// (each success is one version step and one audit event, nothing more, nothing less).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, RefundNote, RefundRequest } from '../../src/domain/model';
import { compareClaimPriority } from '../../src/domain/refundWorkflow';
import { approvableFilter, listQuery, openRouting, startTestApi, type TestApi } from './harness';
import { auditTrail, storedRefund } from './storedState';

const USERS = ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4', 'supervisor', 'supervisor2'] as const;
type UserName = (typeof USERS)[number];
type Reply = Awaited<ReturnType<TestApi['call']>>;

let api: TestApi;
const token = {} as Record<UserName, string>;
const userId = {} as Record<UserName, string>;

beforeAll(async () => {
  api = await startTestApi({ count: 2500, seed: 23 });
  await api.signInStaff(USERS, { token, userId });
  // the storms here are about distinct requests and lost updates, not routing (reviewerRouting.test.ts)
  await openRouting(api, ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4']);
});
afterAll(() => api.close());

const post = (who: UserName, route: string, body?: unknown) =>
  api.call('POST', route, { token: token[who], body });

const getRefund = (id: string) => storedRefund(api, token.supervisor, id);
const eventsOf = (id: string) => auditTrail(api, token.supervisor, id);

async function pendingQueue(): Promise<RefundRequest[]> {
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ range: [0, 999], filter: { status: 'pending', assigneeId: 'unassigned' } })}`,
    { token: token.supervisor },
  );
  expect(res.status).toBe(200);
  return res.body as RefundRequest[];
}

const taken = new Set<string>();

/** Pending, unassigned requests the reviewer can approve in full (no blocker, no second approval). */
async function claimFresh(n: number, who: UserName = 'reviewer'): Promise<RefundRequest[]> {
  const filter = approvableFilter({ gte: 1, lte: 50_000 });
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ range: [0, 999], sort: ['submittedAt', 'DESC'], filter })}`,
    { token: token.supervisor },
  );
  const free = (res.body as RefundRequest[]).filter((r) => !taken.has(r.id)).slice(0, n);
  if (free.length < n) throw new Error(`the seed has only ${free.length} approvable pending requests left`);
  const claimed: RefundRequest[] = [];
  for (const r of free) {
    taken.add(r.id);
    const c = await post(who, `/api/refunds/${r.id}/claim`, { version: r.version });
    expect(c.status, c.text).toBe(200);
    claimed.push(c.body as RefundRequest);
  }
  return claimed;
}

const approveBody = (r: RefundRequest) => ({ version: r.version, customerMessage: 'Approved in full.' });

function tally(replies: Reply[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of replies) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe('simultaneous writers', () => {
  it('50 simultaneous approvals of one request: one 200, 49 × 409, one audit event', async () => {
    const [r] = await claimFresh(1);
    const before = await eventsOf(r.id);
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => post('reviewer', `/api/refunds/${r.id}/approve`, approveBody(r))),
    );
    expect(tally(replies)).toEqual({ 200: 1, 409: 49 });
    const winner = replies.find((x) => x.status === 200)!.body as RefundRequest;
    expect(winner).toMatchObject({
      status: 'approved',
      version: r.version + 1,
      approvedFen: r.refundableFen,
    });
    for (const loser of replies.filter((x) => x.status === 409)) {
      const body = loser.body as { message: string; current: RefundRequest };
      expect(body.message).toMatch(/version/);
      expect(body.current).toEqual(winner);
    }
    expect(await getRefund(r.id)).toEqual(winner);
    const added = (await eventsOf(r.id)).slice(before.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: 'approve', actorId: userId.reviewer, statusAfter: 'approved' });
  });

  it('30 simultaneous internal notes: every one is kept, none changes the request', async () => {
    const [r] = await claimFresh(1);
    const before = await eventsOf(r.id);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(i % 2 ? 'reviewer' : 'supervisor', `/api/refunds/${r.id}/notes`, { text: `note ${i}` }),
      ),
    );
    expect(tally(replies)).toEqual({ 201: 30 });
    expect(await getRefund(r.id)).toEqual(r);
    const added = (await eventsOf(r.id)).slice(before.length);
    expect(added).toHaveLength(30);
    expect(new Set(added.map((e) => e.note))).toEqual(
      new Set(replies.map((x) => (x.body as RefundNote).text)),
    );
    for (const e of added) expect(e).toMatchObject({ action: 'note_added', statusAfter: 'in_review' });
  });

  it('20 simultaneous claim-next calls (4 reviewers × 5) hand out 20 distinct requests, the most urgent', async () => {
    const queue = (await pendingQueue()).sort(compareClaimPriority);
    expect(queue.length).toBeGreaterThanOrEqual(20);
    const callers: UserName[] = (['reviewer', 'reviewer2', 'reviewer3', 'reviewer4'] as const).flatMap((u) =>
      Array<UserName>(5).fill(u),
    );
    const replies = await Promise.all(callers.map((who) => post(who, '/api/refunds/claim-next')));
    expect(tally(replies)).toEqual({ 200: 20 });
    const claimed = replies.map((x) => x.body as RefundRequest);
    const ids = claimed.map((r) => r.id);
    expect(new Set(ids).size).toBe(20);
    // each was pending and unassigned, and the 20 handed out are the 20 most urgent
    expect([...ids].sort()).toEqual(
      queue
        .slice(0, 20)
        .map((r) => r.id)
        .sort(),
    );
    const byId = new Map(queue.map((r) => [r.id, r]));
    for (const [i, r] of claimed.entries()) {
      expect(r).toMatchObject({ status: 'in_review', assigneeId: userId[callers[i]] });
      expect(r.version).toBe(byId.get(r.id)!.version + 1);
      expect(await getRefund(r.id)).toEqual(r);
      const claims = (await eventsOf(r.id)).filter((e) => e.action === 'claim' && e.at === r.updatedAt);
      expect(claims).toHaveLength(1);
      expect(claims[0].actorId).toBe(userId[callers[i]]);
      taken.add(r.id);
    }
  });

  it('a bulk reassign racing with approvals loses no update', async () => {
    const requests = await claimFresh(20);
    const initial = new Map(requests.map((r) => [r.id, r]));
    const eventsBefore = new Map<string, number>();
    for (const r of requests) eventsBefore.set(r.id, (await eventsOf(r.id)).length);

    const approvals = requests.map((r) => post('reviewer', `/api/refunds/${r.id}/approve`, approveBody(r)));
    const bulk = post('supervisor', '/api/refunds/bulk-reassign', {
      items: requests.map((r) => ({ id: r.id, version: r.version })),
      assigneeId: userId.reviewer3,
    });
    // approvals on both sides of the bulk call, all in flight at once
    const [bulkReply, ...approvalReplies] = await Promise.all([bulk, ...approvals]);
    expect(bulkReply.status).toBe(200);
    const results = (bulkReply.body as { results: { id: string; ok: boolean; status?: number }[] }).results;
    expect(results).toHaveLength(20);

    for (const [i, r] of requests.entries()) {
      const approved = approvalReplies[i].status === 200;
      const reassigned = results[i].ok;
      const successes = Number(approved) + Number(reassigned);
      // both used the same version: exactly one of them can win
      expect(successes, r.id).toBe(1);
      if (!approved) expect([403, 409]).toContain(approvalReplies[i].status);
      if (!reassigned) expect(results[i].status).toBe(409);
      const after = await getRefund(r.id);
      expect(after.version, r.id).toBe(initial.get(r.id)!.version + successes);
      expect((await eventsOf(r.id)).length, r.id).toBe(eventsBefore.get(r.id)! + successes);
      if (approved) expect(after).toMatchObject({ status: 'approved', assigneeId: userId.reviewer });
      else expect(after).toMatchObject({ status: 'in_review', assigneeId: userId.reviewer3 });
    }
  });

  it('many clients re-reading and writing the same requests: versions and events add up', async () => {
    const requests = await claimFresh(4);
    const start = new Map<string, { version: number; events: number }>();
    for (const r of requests) start.set(r.id, { version: r.version, events: (await eventsOf(r.id)).length });
    const successes = new Map<string, number>(requests.map((r) => [r.id, 0]));
    const notes = new Map<string, number>(requests.map((r) => [r.id, 0]));

    // supervisors toggle the assignee with the version they read; reviewers add notes, which need
    // no version and never change it, so they never conflict
    const client = async (who: UserName, n: number) => {
      for (let i = 0; i < n; i++) {
        const target = requests[(i + who.length) % requests.length];
        const current = await getRefund(target.id);
        let reply: Reply;
        if (who.startsWith('supervisor')) {
          const next = current.assigneeId === userId.reviewer3 ? userId.reviewer4 : userId.reviewer3;
          reply = await post(who, `/api/refunds/${target.id}/reassign`, {
            version: current.version,
            assigneeId: next,
          });
        } else {
          reply = await post(who, `/api/refunds/${target.id}/notes`, { text: `${who} ${i}` });
          expect(reply.status, reply.text).toBe(201);
          notes.set(target.id, notes.get(target.id)! + 1);
          continue;
        }
        expect([200, 409], reply.text).toContain(reply.status);
        if (reply.status === 200) successes.set(target.id, successes.get(target.id)! + 1);
      }
    };
    await Promise.all(
      (['supervisor', 'supervisor2', 'reviewer', 'reviewer2', 'reviewer3', 'reviewer4'] as const).map((who) =>
        client(who, 15),
      ),
    );

    let total = 0;
    for (const r of requests) {
      const after = await getRefund(r.id);
      const won = successes.get(r.id)!;
      total += won;
      expect(after.version, r.id).toBe(start.get(r.id)!.version + won);
      expect((await eventsOf(r.id)).length, r.id).toBe(start.get(r.id)!.events + won + notes.get(r.id)!);
      expect(after.status).toBe('in_review');
    }
    expect(total).toBeGreaterThan(0);
  });
});

describe('two supervisors and one complaint', () => {
  it('one take wins, and of two simultaneous resolutions exactly one lands', async () => {
    const rejected = (
      await api.call(
        'GET',
        `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'rejected' }, sort: ['id', 'ASC'] })}`,
        { token: token.supervisor },
      )
    ).body as RefundRequest[];
    const opened = await post('supervisor', '/api/complaints', {
      refundId: rejected[0].id,
      channel: 'phone',
      category: 'disputes_rejection',
      description: 'Customer disputes the rejection by phone.',
    });
    expect(opened.status, opened.text).toBe(201);
    const complaint = opened.body as { id: string; version: number };

    // both supervisors take it at the same moment: one wins, the other learns it changed
    const takes = await Promise.all(
      (['supervisor', 'supervisor2'] as const).map((who) =>
        post(who, `/api/complaints/${complaint.id}/assign`, {
          version: complaint.version,
          assigneeId: userId[who],
        }),
      ),
    );
    expect(takes.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = takes[0].status === 200 ? 'supervisor' : 'supervisor2';
    const held = takes.find((r) => r.status === 200)!.body as { version: number };

    // the holder double-submits a resolution (two tabs): one lands, the other is a stale 409
    const body = {
      version: held.version,
      outcome: 'upheld',
      customerMessage: 'We reviewed it again and keep the decision.',
    };
    const resolutions = await Promise.all([
      post(winner, `/api/complaints/${complaint.id}/resolve`, body),
      post(winner, `/api/complaints/${complaint.id}/resolve`, body),
    ]);
    expect(resolutions.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = (
      await api.call(
        'GET',
        `/api/events${listQuery({ range: [0, 99], filter: { complaintId: complaint.id } })}`,
        { token: token.supervisor },
      )
    ).body as AuditEvent[];
    expect(events.filter((e) => e.action === 'resolve')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'assign')).toHaveLength(1);
  });
});
