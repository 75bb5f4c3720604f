// A complaint's clock: its due time comes from the admin's complaint target counted in the
// calendar's working time (level 2 and regulator referrals at half of it), and it stands still
// while the desk waits for the customer, resuming on the reply with the working time that was left.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_CHANNELS, type Complaint } from '../../src/domain/model';
import { applyComplaintCommand, type ComplaintCommand } from '../../src/domain/complaintWorkflow';
import { dueForAutoEscalation, dueForOverdueFlag } from '../../src/domain/complaintWorkflowTable';
import { isComplaintOverdue } from '../../src/domain/complaintWorkflow';
import { COMPLAINT_LEVEL1_MS, COMPLAINT_LEVEL2_MS, DAY_MS, HOUR_MS, toIso, toMs } from '../../src/domain/sla';
import {
  DEFAULT_SLA_SETTINGS,
  complaintDueAt,
  complaintTargetHours,
  type SlaSettings,
} from '../../src/domain/slaSettings';
import type { Actor } from '../../src/domain/workflowEngine';
import {
  NAMES,
  NOW,
  SUPERVISORS,
  at,
  makeComplaint,
  rejectedRefund,
  sup1,
  system,
} from './complaintWorkflowKit';

const weekdays: [string, string][] = [['09:00', '18:00']];
const SHANGHAI_OFFICE: SlaSettings = {
  timeZone: 'Asia/Shanghai',
  hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
  holidays: [],
  targets: { firstReviewHours: 9, secondApprovalHours: 2, complaintHours: 18, bySegment: [] },
};
/** Friday 4 December 2026, 17:00 in Shanghai */
const FRIDAY_17 = '2026-12-04T09:00:00.000Z';
const MONDAY_17 = '2026-12-07T09:00:00.000Z';
const TUESDAY_17 = '2026-12-08T09:00:00.000Z';

function apply(
  c: Complaint,
  command: ComplaintCommand,
  nowIso: string,
  sla?: SlaSettings,
  actor: Actor = sup1,
) {
  const result = applyComplaintCommand(c, command, {
    actor,
    nowIso,
    refund: rejectedRefund,
    staffName: (id) => NAMES[id],
    isSupervisor: (id) => SUPERVISORS.has(id),
    ...(sla ? { sla } : {}),
  });
  return result;
}

function contact(c: Complaint, awaitingReply: boolean, nowIso: string, sla?: SlaSettings) {
  const result = apply(
    c,
    { action: 'contact', version: c.version, text: '已致电客户', awaitingReply },
    nowIso,
    sla,
  );
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('the complaint due time', () => {
  it('with the default 24 × 7 settings is exactly what it always was: 48 h, and 24 h at level 2 or from a regulator', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.constantFrom(1 as const, 2 as const),
        fc.constantFrom(...COMPLAINT_CHANNELS),
        (ms, level, channel) => {
          const span =
            level === 2 || channel === 'regulator_referral' ? COMPLAINT_LEVEL2_MS : COMPLAINT_LEVEL1_MS;
          expect(complaintDueAt(DEFAULT_SLA_SETTINGS, level, channel, toIso(ms))).toBe(toIso(ms + span));
        },
      ),
    );
  });

  it('counts the admin’s complaint target in working hours; level 2 and regulator referrals get half of it', () => {
    expect(complaintTargetHours(SHANGHAI_OFFICE, 1, 'phone')).toBe(18);
    expect(complaintTargetHours(SHANGHAI_OFFICE, 2, 'phone')).toBe(9);
    expect(complaintTargetHours(SHANGHAI_OFFICE, 1, 'regulator_referral')).toBe(9);
    // Friday 17:00 + 18 working hours (Mon–Fri 09:00–18:00): 1 on Friday, 9 on Monday, 8 on Tuesday
    expect(complaintDueAt(SHANGHAI_OFFICE, 1, 'phone', FRIDAY_17)).toBe(TUESDAY_17);
    expect(complaintDueAt(SHANGHAI_OFFICE, 2, 'phone', FRIDAY_17)).toBe(MONDAY_17);
    // a holiday on the Monday moves it a working day on
    const holiday = { ...SHANGHAI_OFFICE, holidays: ['2026-12-07'] };
    expect(complaintDueAt(holiday, 2, 'phone', FRIDAY_17)).toBe(TUESDAY_17);
  });

  it('is set from the settings when a complaint escalates', () => {
    const c = makeComplaint();
    const result = apply(
      c,
      { action: 'escalate', version: c.version, reason: '客户要求主管' },
      FRIDAY_17,
      SHANGHAI_OFFICE,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.complaint.dueAt).toBe(MONDAY_17);
  });
});

describe('waiting for the customer', () => {
  it('pauses the clock (nothing escalates) and resumes it on the reply, moved by the time spent waiting', () => {
    const c = makeComplaint(); // due NOW + 38 h
    const paused = contact(c, true, NOW);
    expect(paused.complaint).toMatchObject({
      status: 'awaiting_customer',
      dueAt: c.dueAt,
      awaitingCustomerSince: NOW,
      dueWorkingMsLeft: 38 * HOUR_MS,
    });
    expect(paused.event.details).toMatchObject({ clockPaused: true, dueWorkingMsLeft: 38 * HOUR_MS });
    // asking again while waiting keeps the wait's start and the time left
    const still = contact(paused.complaint, true, at(HOUR_MS)).complaint;
    expect(still).toMatchObject({ awaitingCustomerSince: NOW, dueWorkingMsLeft: 38 * HOUR_MS });

    // past the due time the clockwork leaves it alone, and the table refuses to escalate it
    const late = toIso(toMs(c.dueAt) + DAY_MS);
    expect(dueForAutoEscalation(still, late)).toBe(false);
    expect(isComplaintOverdue(still, toMs(late))).toBe(false);
    const refused = apply(still, { action: 'auto_escalate' }, late, undefined, system);
    expect(refused).toMatchObject({ ok: false, status: 409, code: 'complaint_clock_paused' });

    // the customer replies three days later: 38 h left, counted from the reply
    const reply = at(3 * DAY_MS);
    const resumed = contact(still, false, reply);
    expect(resumed.complaint).toMatchObject({
      status: 'investigating',
      dueAt: toIso(toMs(c.dueAt) + 3 * DAY_MS),
      awaitingCustomerSince: null,
      dueWorkingMsLeft: null,
    });
    expect(resumed.event.details).toMatchObject({
      clockResumed: true,
      pausedSince: NOW,
      previousDueAt: c.dueAt,
      dueAt: resumed.complaint.dueAt,
    });
    expect(dueForAutoEscalation(resumed.complaint, toIso(toMs(resumed.complaint.dueAt) - 1))).toBe(false);
    expect(dueForAutoEscalation(resumed.complaint, resumed.complaint.dueAt)).toBe(true);
  });

  it('keeps the working time left in the calendar: paused Monday 17:00, resumed Wednesday 10:00', () => {
    // opened Friday 17:00 with 18 working hours: due Tuesday 17:00; paused Monday 17:00 with 9 left
    const c = makeComplaint({ openedAt: FRIDAY_17, dueAt: TUESDAY_17 });
    const paused = contact(c, true, MONDAY_17, SHANGHAI_OFFICE).complaint;
    expect(paused.dueWorkingMsLeft).toBe(9 * HOUR_MS);
    // Wednesday 10:00 + 9 working hours: 8 on Wednesday, 1 on Thursday → Thursday 10:00
    const resumed = contact(paused, false, '2026-12-09T02:00:00.000Z', SHANGHAI_OFFICE).complaint;
    expect(resumed.dueAt).toBe('2026-12-10T02:00:00.000Z');
  });

  it('a level-2 complaint waiting for the customer is not flagged overdue', () => {
    const c = makeComplaint({ level: 2, status: 'escalated', dueAt: at(HOUR_MS) });
    const paused = contact(c, true, NOW).complaint;
    expect(dueForOverdueFlag(paused, at(2 * HOUR_MS))).toBe(false);
    const refused = apply(paused, { action: 'flag_overdue' }, at(2 * HOUR_MS), undefined, system);
    expect(refused).toMatchObject({ ok: false, status: 409, code: 'complaint_clock_paused' });
    const resumed = contact(paused, false, at(5 * HOUR_MS)).complaint;
    expect(resumed).toMatchObject({ status: 'escalated', dueAt: at(6 * HOUR_MS) });
  });

  it('a clock that had run out when the wait began keeps its due time', () => {
    const c = makeComplaint({ dueAt: at(-HOUR_MS) });
    const paused = contact(c, true, NOW).complaint;
    expect(paused.dueWorkingMsLeft).toBe(0);
    expect(contact(paused, false, at(DAY_MS)).complaint.dueAt).toBe(at(-HOUR_MS));
  });

  it('an escalation during the wait ends it with the level-2 due time from then', () => {
    const paused = contact(makeComplaint(), true, NOW).complaint;
    const result = apply(
      paused,
      { action: 'escalate', version: paused.version, reason: '客户投诉升级' },
      at(DAY_MS),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.complaint).toMatchObject({
      status: 'escalated',
      dueAt: at(2 * DAY_MS),
      awaitingCustomerSince: null,
      dueWorkingMsLeft: null,
    });
  });
});
