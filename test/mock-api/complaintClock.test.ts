// Issue 17 item 2 over real HTTP, on SQLite and (vitest.postgres.config.ts) PostgreSQL: a
// complaint's clock stands still while the desk waits for the customer — the clockwork does not
// escalate it however long the wait — and on the reply its due time is moved on by the time spent
// waiting; a complaint opened after the admin saves a calendar is due in that calendar's working time.
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/model';
import { COMPLAINT_LEVEL1_MS, HOUR_MS, toIso, toMs } from '../../src/domain/sla';
import { DEFAULT_SLA_SETTINGS, complaintDueAt, type SlaSettings } from '../../src/domain/slaSettings';
import {
  act,
  advanceClock,
  api,
  events,
  freshRefund,
  getComplaint,
  open,
  token,
  userId,
  withComplaintsApi,
} from './complaintsKit';
import { listQuery } from './harness';

withComplaintsApi();

const ASKED = '已致电客户，请客户补充付款截图。';
const REPLIED = '客户回电并补充了截图。';

describe('a complaint waiting for the customer', () => {
  it('is not escalated by the clockwork while it waits; the reply moves its due time on by the wait', async () => {
    let c = await open(await freshRefund({ status: 'rejected' }));
    c = await act('supervisor', c, 'assign', { assigneeId: userId.supervisor });
    const dueBefore = c.dueAt;
    c = await act('supervisor', c, 'contact', { text: ASKED, awaitingReply: true });
    expect(c).toMatchObject({ status: 'awaiting_customer', dueAt: dueBefore, level: 1 });
    const pausedAt = c.awaitingCustomerSince!;
    expect(c.dueWorkingMsLeft).toBe(toMs(dueBefore) - toMs(pausedAt));

    // well past the due time: the sweeps leave it alone
    await advanceClock(COMPLAINT_LEVEL1_MS + HOUR_MS);
    const waited = await getComplaint(c.id);
    expect(waited).toEqual(c);
    // nor is it listed as overdue
    const list = await api.call(
      'GET',
      `/api/complaints${listQuery({ range: [0, 999], filter: { overdue: true } })}`,
      {
        token: token.supervisor,
      },
    );
    expect(list.status, list.text).toBe(200);
    expect((list.body as { id: string }[]).map((x) => x.id)).not.toContain(c.id);

    // the reply: the working time left at the pause, counted from now
    const resumed = await act('supervisor', waited, 'contact', { text: REPLIED });
    const span = toMs(resumed.updatedAt) - toMs(pausedAt);
    expect(span).toBeGreaterThan(COMPLAINT_LEVEL1_MS);
    expect(resumed).toMatchObject({
      status: 'investigating',
      level: 1,
      dueAt: toIso(toMs(dueBefore) + span),
      awaitingCustomerSince: null,
      dueWorkingMsLeft: null,
    });
    const timeline: AuditEvent[] = await events({ complaintId: c.id });
    expect(timeline.map((e) => e.action)).toEqual(['open', 'assign', 'contact', 'contact']);
    expect(timeline[3].details).toMatchObject({
      clockResumed: true,
      pausedSince: pausedAt,
      previousDueAt: dueBefore,
      dueAt: resumed.dueAt,
    });

    // the clockwork runs again from the moved due time: not a minute early, then it escalates
    await advanceClock(toMs(resumed.dueAt) - toMs(resumed.updatedAt) - 60_000);
    expect((await getComplaint(c.id)).status).toBe('investigating');
    await advanceClock(120_000);
    expect(await getComplaint(c.id)).toMatchObject({ status: 'escalated', level: 2 });
  });
});

describe('the saved calendar', () => {
  it('sets the due time of a complaint opened after the save', async () => {
    const admin = { token: {} as Record<'admin', string>, userId: {} as Record<'admin', string> };
    await api.signInStaff(['admin'] as const, admin);
    const office: [string, string][] = [['09:00', '18:00']];
    const settings: SlaSettings = {
      timeZone: 'Asia/Shanghai',
      hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
      holidays: [],
      targets: { ...DEFAULT_SLA_SETTINGS.targets, complaintHours: 27 },
    };
    const current = await api.call('GET', '/api/settings/sla', { token: admin.token.admin });
    const saved = await api.call('PUT', '/api/settings/sla', {
      token: admin.token.admin,
      body: { ...settings, version: (current.body as { version: number }).version },
    });
    expect(saved.status, saved.text).toBe(200);
    const c = await open(await freshRefund({ status: 'rejected' }));
    expect(c.dueAt).toBe(complaintDueAt(settings, 1, 'phone', c.openedAt));
    // 27 working hours of 9-hour days span at least two 15-hour nights: more than the default's 48 h
    expect(toMs(c.dueAt) - toMs(c.openedAt)).toBeGreaterThan(COMPLAINT_LEVEL1_MS);
  });
});
