// Issue 17 item 5 over real HTTP, on SQLite and (vitest.postgres.config.ts) PostgreSQL: a claim
// nobody acts on for the SLA settings' idleClaimMinutes of working time goes back to the queue
// through the refund table's release_idle, with its system audit event. The clock is the API's own,
// moved by the test route (which runs the timers at once), so nothing here waits for real time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, RefundRequest } from '../../src/domain/model';
import type { SlaSettings } from '../../src/domain/slaSettings';
import { listQuery, openRouting, startTestApi, type TestApi } from './harness';
import { auditTrail, storedRefund } from './storedState';

const MINUTE_MS = 60_000;
const NAMES = ['admin', 'supervisor', 'reviewer', 'reviewer2'] as const;
let api: TestApi;
const token = {} as Record<(typeof NAMES)[number], string>;
const userId = {} as Record<(typeof NAMES)[number], string>;

beforeAll(async () => {
  api = await startTestApi({ count: 1500, seed: 41 });
  await api.signInStaff(NAMES, { token, userId });
  await openRouting(api, ['reviewer', 'reviewer2']);
});
afterAll(() => api.close());

const serverNow = async () => (await api.call('GET', '/api/health')).body as { now: string };
async function advance(ms: number): Promise<string> {
  const res = await api.call('POST', '/api/test/advance-clock', { token: token.supervisor, body: { ms } });
  expect(res.status, res.text).toBe(200);
  return (res.body as { now: string }).now;
}
const refund = (id: string) => storedRefund(api, token.supervisor, id);
const events = (id: string): Promise<AuditEvent[]> => auditTrail(api, token.supervisor, id);

async function list(filter: object): Promise<RefundRequest[]> {
  const res = await api.call('GET', `/api/refunds${listQuery({ range: [0, 999], filter })}`, {
    token: token.supervisor,
  });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest[];
}

async function claimNext(who: 'reviewer' | 'reviewer2'): Promise<RefundRequest> {
  const res = await api.call('POST', '/api/refunds/claim-next', { token: token[who] });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest;
}

const office: [string, string][] = [['09:00', '18:00']];
const shanghaiOffice = (idleClaimMinutes: number): SlaSettings => ({
  timeZone: 'Asia/Shanghai',
  hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [],
  targets: {
    firstReviewHours: 9,
    secondApprovalHours: 4,
    complaintHours: 18,
    bySegment: [],
    idleClaimMinutes,
  },
});

describe('idle claims go back to the queue', () => {
  it('at start, with the default 60 minutes: no seeded claim older than that is held, and none was due', async () => {
    const now = Date.parse((await serverNow()).now);
    const held = await list({ status: 'in_review' });
    expect(held.length).toBeGreaterThan(0);
    for (const r of held) expect(now - Date.parse(r.updatedAt), r.id).toBeLessThan(60 * MINUTE_MS);
    // the demo opens on fresh claims: the first sweep handed nothing back (a release in the seed's
    // history, of a claim sent back round after round, is its own system event long before now)
    const released = await api.call(
      'GET',
      `/api/events${listQuery({ range: [0, 999], filter: { action: 'release_idle' } })}`,
      { token: token.supervisor },
    );
    expect(released.status, released.text).toBe(200);
    for (const e of released.body as { at: string; actorKind: string }[]) {
      expect(e.actorKind).toBe('system');
      expect(now - Date.parse(e.at)).toBeGreaterThan(60 * MINUTE_MS);
    }
  });

  it('counts working minutes only: a claim left at Friday 17:45 in Shanghai with a 30-minute limit goes back on Monday at 09:15', async () => {
    const current = await api.call('GET', '/api/settings/sla', { token: token.admin });
    const saved = await api.call('PUT', '/api/settings/sla', {
      token: token.admin,
      body: { ...shanghaiOffice(30), version: (current.body as { version: number }).version },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ targets: { idleClaimMinutes: 30 } });

    // the next Friday 17:45 in Shanghai is 09:45 UTC
    const now = Date.parse((await serverNow()).now);
    let friday = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate(),
      9,
      45,
    );
    while (new Date(friday).getUTCDay() !== 5 || friday <= now) friday += 86_400_000;
    await advance(friday - now);

    const claimed = await claimNext('reviewer');
    expect(claimed).toMatchObject({ status: 'in_review', assigneeId: userId.reviewer });
    const before = await events(claimed.id);
    // 15 working minutes on Friday, none over the weekend, 14 on Monday: still held
    const mondayAt0914 = friday + 2 * 86_400_000 + 15 * 60 * MINUTE_MS + 29 * MINUTE_MS;
    await advance(mondayAt0914 - Date.parse((await serverNow()).now));
    expect(await refund(claimed.id)).toMatchObject({ status: 'in_review', assigneeId: userId.reviewer });
    expect(await events(claimed.id)).toHaveLength(before.length);

    await advance(2 * MINUTE_MS);
    const released = await refund(claimed.id);
    expect(released).toMatchObject({ status: 'pending', assigneeId: null, version: claimed.version + 1 });
    const added = (await events(claimed.id)).slice(before.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'release_idle',
      actorKind: 'system',
      actorId: null,
      statusBefore: 'in_review',
      statusAfter: 'pending',
      details: { previousAssigneeId: userId.reviewer },
    });
  });

  it('counts from the last action on the request: a reassignment starts the idle time again', async () => {
    // Monday 09:16 in Shanghai, inside working hours
    const claimed = await claimNext('reviewer');
    await advance(20 * MINUTE_MS);
    const reassigned = await api.call('POST', `/api/refunds/${claimed.id}/reassign`, {
      token: token.supervisor,
      body: { version: claimed.version, assigneeId: userId.reviewer2 },
    });
    expect(reassigned.status, reassigned.text).toBe(200);
    await advance(20 * MINUTE_MS);
    expect(await refund(claimed.id)).toMatchObject({ status: 'in_review', assigneeId: userId.reviewer2 });
    await advance(11 * MINUTE_MS);
    expect(await refund(claimed.id)).toMatchObject({ status: 'pending', assigneeId: null });
    const last = (await events(claimed.id)).at(-1);
    expect(last).toMatchObject({ action: 'release_idle', details: { previousAssigneeId: userId.reviewer2 } });
  });
});
