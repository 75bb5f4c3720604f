// The bell over real HTTP, on the run's engine (SQLite, and PostgreSQL in vitest.postgres.config.ts):
// the timers derive each notification once however often they run, and two API processes deriving
// at once still keep one row per (recipient, kind, cause); opening a complaint and escalating it tell
// at once, in the command's transaction; each staff member reads and marks only their own; and a new
// notification reaches its recipient's live stream, nobody else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepNotifications } from '../../mock-api/notifications/derive';
import type { RunningServer } from '../../mock-api/server';
import { sweepAll } from '../../mock-api/timers';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import {
  notificationKey,
  SECOND_APPROVAL_TARGET_MS,
  type NotificationKind,
  type StaffNotification,
} from '../../src/domain/notifications';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { HOUR_MS } from '../../src/domain/sla';
import {
  DEFAULT_IDLE_CLAIM_MINUTES,
  MAX_IDLE_CLAIM_MINUTES,
  type SlaSettings,
} from '../../src/domain/slaSettings';
import { listQuery, startSecondApi, startTestApi, type TestApi } from './harness';
import { openStream, type OpenStream } from './liveKit';

const USERS = ['reviewer', 'reviewer2', 'supervisor', 'supervisor2', 'manager'] as const;
type UserName = (typeof USERS)[number];

let api: TestApi;
let second: RunningServer;
const token = {} as Record<UserName, string>;
const userId = {} as Record<UserName, string>;
const streams: OpenStream[] = [];

beforeAll(async () => {
  api = await startTestApi({ count: 400, seed: 31, withComplaints: true });
  // a second API process on the same database: its own connection, its own feed
  second = await startSecondApi(api);
  await api.signInStaff(USERS, { token, userId });
});

afterAll(async () => {
  for (const s of streams) s.close();
  await second?.close();
  await api?.close();
});

interface Bell {
  rows: StaffNotification[];
  total: number;
  unread: number;
}

async function bell(who: UserName, filter?: object): Promise<Bell> {
  const res = await api.call('GET', `/api/notifications${listQuery({ range: [0, 999], filter })}`, {
    token: token[who],
  });
  expect(res.status, res.text).toBe(200);
  return {
    rows: res.body as StaffNotification[],
    total: Number(res.headers.get('x-total-count')),
    unread: Number(res.headers.get('x-unread-count')),
  };
}

/** Saves the admin's idle-claim limit (the rest of the settings as they are). */
async function saveIdleClaimMinutes(idleClaimMinutes: number): Promise<void> {
  const adminToken = await api.login('admin');
  const current = (await api.call('GET', '/api/settings/sla', { token: adminToken })).body as SlaSettings & {
    version: number;
  };
  const { timeZone, hours, holidays, targets, version } = current;
  const body = { timeZone, hours, holidays, targets: { ...targets, idleClaimMinutes }, version };
  const saved = await api.call('PUT', '/api/settings/sla', { token: adminToken, body });
  expect(saved.status, saved.text).toBe(200);
}

const ofKind = (b: Bell, kind: NotificationKind) => b.rows.filter((n) => n.kind === kind);

async function advanceClock(ms: number): Promise<string> {
  const res = await api.call('POST', '/api/test/advance-clock', { token: token.supervisor, body: { ms } });
  expect(res.status, res.text).toBe(200);
  return (res.body as { now: string }).now;
}

/** Every notification of every signed-in user, as (recipient, kind, cause) keys. */
async function everyKey(): Promise<string[]> {
  const all = await Promise.all(USERS.map((u) => bell(u)));
  return all.flatMap((b) => b.rows.map(notificationKey)).sort();
}

async function list<T>(resource: string, filter: object): Promise<T[]> {
  return api.get<T[]>(`/api/${resource}${listQuery({ range: [0, 999], filter, sort: ['id', 'ASC'] })}`);
}

describe('the timers derive each notification once', () => {
  it('a second approval past its target: every supervisor but the first approver, once, however often the pass runs', async () => {
    const now = await advanceClock(SECOND_APPROVAL_TARGET_MS + HOUR_MS);
    const waiting = await list<RefundRequest>('refunds', { status: 'awaiting_second_approval' });
    const overdue = waiting.filter(
      (r) => Date.parse(r.decision!.at) + SECOND_APPROVAL_TARGET_MS <= Date.parse(now),
    );
    expect(overdue.length).toBeGreaterThan(0);
    for (const who of ['supervisor', 'supervisor2'] as const) {
      const mine = ofKind(await bell(who), 'second_approval_waiting');
      const expected = overdue.filter((r) => r.firstApproverId !== userId[who]);
      expect(mine.map((n) => n.causeKey).sort()).toEqual(
        expected.map((r) => `${r.id}@${r.decision!.at}`).sort(),
      );
      expect(mine[0]?.link).toMatch(/^#\/refunds\/r\d+\/show$/);
    }
    // reviewers and managers are not told
    expect(ofKind(await bell('reviewer'), 'second_approval_waiting')).toEqual([]);
    expect(ofKind(await bell('manager'), 'second_approval_waiting')).toEqual([]);

    const before = await everyKey();
    expect(new Set(before).size).toBe(before.length);
    await advanceClock(0);
    await advanceClock(0);
    expect(await everyKey()).toEqual(before);
  });

  it('a second approval waits as long as the admin’s saved target, not the default 4 h', async () => {
    const admin = { token: {} as Record<'admin', string>, userId: {} as Record<'admin', string> };
    await api.signInStaff(['admin'] as const, admin);
    const adminToken = admin.token.admin;
    const current = await api.call('GET', '/api/settings/sla', { token: adminToken });
    const {
      version,
      updatedAt: _at,
      updatedBy: _by,
      ...settings
    } = current.body as SlaSettings & {
      version: number;
      updatedAt: string | null;
      updatedBy: string | null;
    };
    const oneHour = { ...settings, targets: { ...settings.targets, secondApprovalHours: 1 }, version };
    const saved = await api.call('PUT', '/api/settings/sla', { token: adminToken, body: oneHour });
    expect(saved.status, saved.text).toBe(200);
    try {
      const candidates = await list<RefundRequest>('refunds', {
        status: 'pending',
        assigneeId: 'unassigned',
        outsideWindow: false,
        accountRestricted: false,
        infoIncomplete: false,
        duplicate: false,
        tipping: false,
        refundableFen_gte: SECOND_APPROVAL_THRESHOLD_FEN + 1,
      });
      const r = candidates.find((x) => x.providedItems.includes('reason_detail'));
      expect(r).toBeDefined();
      const claimed = await api.call('POST', `/api/refunds/${r!.id}/claim`, {
        token: token.supervisor,
        body: { version: r!.version },
      });
      expect(claimed.status, claimed.text).toBe(200);
      const approved = await api.call('POST', `/api/refunds/${r!.id}/approve`, {
        token: token.supervisor,
        body: { version: (claimed.body as RefundRequest).version, customerMessage: '您好，我们决定退款。' },
      });
      expect(approved.status, approved.text).toBe(200);
      const waiting = approved.body as RefundRequest;
      expect(waiting.status).toBe('awaiting_second_approval');
      const since = Date.parse(waiting.decision!.at);
      expect(Date.parse(waiting.secondApprovalDueAt!)).toBe(since + HOUR_MS);
      const { desk, database } = api.server.ctx;
      const told = (atMs: number) =>
        sweepNotifications(desk, database.db, new Date(atMs).toISOString()).then((ns) =>
          ns.filter((n) => n.kind === 'second_approval_waiting' && n.params.refundId === waiting.id),
        );
      expect(await told(since + HOUR_MS - 60_000)).toEqual([]);
      const owed = await told(since + HOUR_MS);
      expect(owed.map((n) => n.recipientId)).toEqual([userId.supervisor2]);
      expect(owed[0].params.dueAt).toBe(waiting.secondApprovalDueAt);
    } finally {
      const back = await api.call('GET', '/api/settings/sla', { token: adminToken });
      const restore = { ...settings, version: (back.body as { version: number }).version };
      const res = await api.call('PUT', '/api/settings/sla', { token: adminToken, body: restore });
      expect(res.status, res.text).toBe(200);
    }
  });

  it('a held request due within the hour tells its holder once, on their stream only', async () => {
    // the claim waits untouched for longer than the default idle limit, which would hand it back
    await saveIdleClaimMinutes(MAX_IDLE_CLAIM_MINUTES);
    const now = Date.parse(await advanceClock(0));
    const pending = await list<RefundRequest>('refunds', { status: 'pending', assigneeId: 'unassigned' });
    const target = pending
      .filter((r) => Date.parse(r.slaDueAt) > now + 2 * HOUR_MS)
      .sort((x, y) => x.slaDueAt.localeCompare(y.slaDueAt))[0];
    expect(target).toBeDefined();
    const claim = await api.call('POST', `/api/refunds/${target.id}/claim`, {
      token: token.reviewer,
      body: { version: target.version },
    });
    expect(claim.status, claim.text).toBe(200);
    const mineStream = await openStream(api.url, token.reviewer);
    const othersStream = await openStream(
      second ? `http://127.0.0.1:${second.port}` : api.url,
      token.reviewer2,
    );
    streams.push(mineStream, othersStream);
    await mineStream.waitFor((e) => e.event === 'ready');
    await othersStream.waitFor((e) => e.event === 'ready');

    await advanceClock(Date.parse(target.slaDueAt) - now - 30 * 60_000);
    const cause = `${target.id}@${target.slaDueAt}`;
    const held = ofKind(await bell('reviewer'), 'held_request_due');
    expect(held.filter((n) => n.causeKey === cause)).toMatchObject([
      {
        recipientId: userId.reviewer,
        params: { refundId: target.id, orderNumber: target.orderNumber, dueAt: target.slaDueAt },
        link: `#/refunds/${target.id}/show`,
        readAt: null,
      },
    ]);
    const seen = await mineStream.waitFor(
      (e) => e.event === 'notification' && (e.data as StaffNotification).causeKey === cause,
    );
    expect(seen.id).toBeUndefined();
    await advanceClock(60_000);
    expect(
      ofKind(await bell('reviewer'), 'held_request_due').filter((n) => n.causeKey === cause),
    ).toHaveLength(1);
    // the other reviewer's stream (another process) carries none of the reviewer's notifications
    await new Promise((resolve) => setTimeout(resolve, 600));
    const leaked = othersStream.events.filter(
      (e) => e.event === 'notification' && (e.data as StaffNotification).recipientId !== userId.reviewer2,
    );
    expect(leaked).toEqual([]);
    await saveIdleClaimMinutes(DEFAULT_IDLE_CLAIM_MINUTES);
  });
});

describe('commands tell at once', () => {
  it('a complaint about my decision tells me in its own transaction; its escalation tells the supervisors', async () => {
    const rejected = await list<RefundRequest>('refunds', { status: 'rejected' });
    let complaint: Complaint | undefined;
    for (const r of rejected.filter((x) => x.decision?.by === userId.reviewer2)) {
      const res = await api.call('POST', '/api/complaints', {
        token: token.supervisor,
        body: {
          refundId: r.id,
          channel: 'phone',
          category: 'disputes_rejection',
          description: '客户来电：不认可驳回。',
        },
      });
      if (res.status === 201) {
        complaint = res.body as Complaint;
        break;
      }
    }
    expect(complaint).toBeDefined();
    const c = complaint!;
    // no timer pass in between: the command inserted it
    expect(
      ofKind(await bell('reviewer2'), 'complaint_about_decision').filter((n) => n.causeKey === c.id),
    ).toMatchObject([
      { link: `#/complaints/${c.id}/show`, params: { complaintId: c.id, refundId: c.refundId } },
    ]);
    expect((await bell('reviewer')).rows.some((n) => n.causeKey === c.id)).toBe(false);

    const escalated = await api.call('POST', `/api/complaints/${c.id}/escalate`, {
      token: token.supervisor,
      body: { version: c.version, reason: 'The customer is a regulator referral.' },
    });
    expect(escalated.status, escalated.text).toBe(200);
    for (const who of ['supervisor', 'supervisor2'] as const) {
      const told = ofKind(await bell(who), 'complaint_escalated').filter(
        (n) => n.causeKey === `${c.id}:level2`,
      );
      expect(told, who).toHaveLength(1);
    }
  });
});

describe('reading my own', () => {
  it('lists mine newest first with the unread count; marks one read, then all; another’s id is a 404', async () => {
    const mine = await bell('supervisor');
    expect(mine.rows.length).toBeGreaterThan(1);
    expect(mine.total).toBe(mine.rows.length);
    expect(mine.rows.every((n) => n.recipientId === userId.supervisor)).toBe(true);
    const times = mine.rows.map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(mine.unread).toBe(mine.rows.filter((n) => n.readAt === null).length);

    const first = mine.rows[0];
    const someoneElse = await api.call('POST', `/api/notifications/${first.id}/read`, {
      token: token.supervisor2,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(someoneElse.status).toBe(404);
    expect(someoneElse.body).toMatchObject({ code: 'record_not_found' });
    expect((someoneElse.body as { message: string }).message).toMatch(/通知/);
    expect((await bell('supervisor')).unread).toBe(mine.unread);

    const read = await api.call('POST', `/api/notifications/${first.id}/read`, { token: token.supervisor });
    expect(read.status, read.text).toBe(200);
    const readAt = (read.body as StaffNotification).readAt;
    expect(readAt).not.toBeNull();
    expect((await bell('supervisor')).unread).toBe(mine.unread - 1);
    // reading it again keeps the first reading
    const again = await api.call('POST', `/api/notifications/${first.id}/read`, { token: token.supervisor });
    expect((again.body as StaffNotification).readAt).toBe(readAt);

    const all = await api.call('POST', '/api/notifications/read-all', { token: token.supervisor });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: mine.unread - 1, unread: 0 });
    const after = await bell('supervisor', { unread: true });
    expect(after).toEqual({ rows: [], total: 0, unread: 0 });
    // the other supervisor's are untouched
    expect((await bell('supervisor2')).unread).toBeGreaterThan(0);
  });

  it('refuses a filter or an order it does not have, as JSON in the reader’s language', async () => {
    const res = await api.call('GET', `/api/notifications${listQuery({ filter: { kind: 'x' } })}`, {
      token: token.reviewer,
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'filter_unknown' });
    const sorted = await api.call('GET', `/api/notifications${listQuery({ sort: ['kind', 'ASC'] })}`, {
      token: token.reviewer,
    });
    expect(sorted.status).toBe(400);
    expect((sorted.body as { code: string }).code).toBe('list_sort_unknown');
    const anonymous = await api.call('GET', '/api/notifications');
    expect(anonymous.status).toBe(401);
  });
});

// last: it derives at an instant ahead of the API's clock
describe('two API processes', () => {
  it('deriving at the same instant keep one row per cause, with the lock or without it', async () => {
    // a fact that owes something new: a request the other reviewer holds, 30 minutes before it is due
    const now = Date.parse(await advanceClock(0));
    const pending = await list<RefundRequest>('refunds', { status: 'pending', assigneeId: 'unassigned' });
    const target = pending.filter((r) => Date.parse(r.slaDueAt) > now + HOUR_MS).at(-1);
    expect(target).toBeDefined();
    const claim = await api.call('POST', `/api/refunds/${target!.id}/claim`, {
      token: token.reviewer2,
      body: { version: target!.version },
    });
    expect(claim.status, claim.text).toBe(200);
    const at = new Date(Date.parse(target!.slaDueAt) - 30 * 60_000).toISOString();
    const [a, b] = [api.server.ctx, second.ctx];
    // SQLite's write lock waits synchronously: two APIs in one process take turns (separate
    // processes wait for each other as usual); PostgreSQL's run truly at once
    const together = <T>(runs: (() => Promise<T>)[]): Promise<T[]> =>
      api.database.engine === 'postgres'
        ? Promise.all(runs.map((run) => run()))
        : runs.reduce<Promise<T[]>>(async (done, run) => [...(await done), await run()], Promise.resolve([]));
    // without the timers' lock: both insert, the unique (recipient, kind, cause) keeps one of each
    const inserted = await together([
      () => sweepNotifications(a.desk, a.database.db, at),
      () => sweepNotifications(b.desk, b.database.db, at),
    ]);
    const keys = inserted.flat().map(notificationKey);
    expect(keys).toContain(
      notificationKey({
        recipientId: userId.reviewer2,
        kind: 'held_request_due',
        causeKey: `${target!.id}@${target!.slaDueAt}`,
      }),
    );
    expect(new Set(keys).size).toBe(keys.length);
    const after = await everyKey();
    expect(new Set(after).size).toBe(after.length);
    // under the lock (PostgreSQL: one process sweeps, the other skips): the clock's moves at that
    // instant may owe more (an escalation); a second round owes nothing new
    const sweepBoth = () =>
      together([
        () => sweepAll(a.desk, at, { db: a.database.db }),
        () => sweepAll(b.desk, at, { db: b.database.db }),
      ]);
    await sweepBoth();
    const settled = await everyKey();
    expect(new Set(settled).size).toBe(settled.length);
    expect(settled).toEqual(expect.arrayContaining(after));
    await sweepBoth();
    expect(await sweepNotifications(b.desk, b.database.db, at)).toEqual([]);
    expect(await everyKey()).toEqual(settled);
  });
});
