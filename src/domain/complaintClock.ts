// A complaint's due time stands still while the desk waits for the customer: when it begins to wait
// (awaiting_customer) the working time left to the due time is kept; when it leaves that wait (the
// customer's reply, logged as a contact, or any other move) the due time is that working time
// counted again from then. The refund clock's equivalent is the awaiting_info pause.
import { isComplaintClockRunning, type Complaint, type IsoDateTime } from './model';
import { calendarOf, type SlaSettings } from './slaSettings';
import { addWorkingTime, workingMsBetween } from './workingCalendar';

type ClockFields = Pick<Complaint, 'status' | 'dueAt' | 'awaitingCustomerSince' | 'dueWorkingMsLeft'>;

/** Whether the complaint's clock is paused on the customer (the clockwork never escalates it then). */
export function isComplaintClockPaused(c: Pick<Complaint, 'status'>): boolean {
  return c.status === 'awaiting_customer';
}

/** The working time left to the due time at `atIso` (0 once due). */
export function complaintWorkingMsLeft(
  settings: SlaSettings,
  dueAt: IsoDateTime,
  atIso: IsoDateTime,
): number {
  return workingMsBetween(calendarOf(settings), Date.parse(atIso), Date.parse(dueAt));
}

/**
 * The due time after a wait on the customer: the working time left at the pause counted from
 * `resumedAt`. A clock that had run out at the pause keeps its due time: the breach happened.
 */
export function resumedComplaintDueAt(
  settings: SlaSettings,
  paused: Pick<Complaint, 'dueAt' | 'dueWorkingMsLeft'>,
  resumedAt: IsoDateTime,
): IsoDateTime {
  const left = paused.dueWorkingMsLeft ?? 0;
  if (left <= 0) return paused.dueAt;
  return new Date(addWorkingTime(calendarOf(settings), Date.parse(resumedAt), left)).toISOString();
}

/**
 * The clock's fields as a complaint moves from `before` to `next`: paused when it begins to wait
 * on the customer, resumed when it stops waiting (unless the move sets a fresh due time itself, as
 * an escalation does), left alone otherwise.
 */
export function complaintClock(
  before: ClockFields,
  next: Partial<Complaint>,
  settings: SlaSettings,
  nowIso: IsoDateTime,
): Partial<Complaint> {
  const waitingBefore = isComplaintClockPaused(before);
  const waitingAfter = isComplaintClockPaused({ status: next.status ?? before.status });
  if (waitingAfter && !waitingBefore) {
    const dueAt = next.dueAt ?? before.dueAt;
    return {
      awaitingCustomerSince: nowIso,
      dueWorkingMsLeft: complaintWorkingMsLeft(settings, dueAt, nowIso),
    };
  }
  if (!waitingAfter && waitingBefore) {
    const dueAt = next.dueAt ?? resumedComplaintDueAt(settings, before, nowIso);
    return { dueAt, awaitingCustomerSince: null, dueWorkingMsLeft: null };
  }
  return {};
}

/**
 * What a complaint event records of the clock: the pause (the working time left) when it begins,
 * the due time before and after when it resumes.
 */
export function complaintClockDetails(before: ClockFields, after: ClockFields): Record<string, unknown> {
  if (!isComplaintClockPaused(before) && isComplaintClockPaused(after)) {
    return { clockPaused: true, dueWorkingMsLeft: after.dueWorkingMsLeft ?? null };
  }
  if (isComplaintClockPaused(before) && !isComplaintClockPaused(after)) {
    return {
      clockResumed: true,
      pausedSince: before.awaitingCustomerSince ?? null,
      previousDueAt: before.dueAt,
      dueAt: after.dueAt,
    };
  }
  return {};
}

/** Whether the complaint's running clock has reached its due time (a paused one never has). */
export function complaintClockDue(c: Pick<Complaint, 'status' | 'dueAt'>, nowMs: number): boolean {
  return isComplaintClockRunning(c.status) && nowMs >= Date.parse(c.dueAt);
}
