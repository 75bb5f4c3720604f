import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIN_DECISIONS_PER_WORKING_HOUR,
  PACE_WINDOW_MS,
  awaitsDecision,
  decisionsPerWorkingHour,
  expectationAccuracy,
  expectedDecisionBy,
  paceWindowStartMs,
} from '../../src/domain/expectedDecision';
import { acknowledgementTemplate, formatArrival } from '../../src/domain/messageTemplates';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../src/domain/slaSettings';
import { isWorkingTime, type WorkingSpan } from '../../src/domain/workingCalendar';

const office: WorkingSpan[] = [['09:00', '18:00']];
const split: WorkingSpan[] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
/** Mon–Fri 09:00–18:00 in Shanghai, Monday split by a lunch break, 2026-12-08 a holiday. */
const shanghaiOffice: SlaSettings = {
  ...DEFAULT_SLA_SETTINGS,
  timeZone: 'Asia/Shanghai',
  hours: { mon: split, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: ['2026-12-08'],
};
/** New York, where daylight saving ends on 2026-11-01. */
const newYorkOffice: SlaSettings = {
  ...DEFAULT_SLA_SETTINGS,
  timeZone: 'America/New_York',
  hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: office, sun: office },
  holidays: [],
};

describe('expectedDecisionBy', () => {
  it('works off the requests ahead and the request itself at the pace, in wall time on the 24 × 7 default', () => {
    // 5 ahead + itself at 2 an hour = 3 hours
    expect(expectedDecisionBy(5, 2, DEFAULT_SLA_SETTINGS, '2026-12-04T09:00:00.000Z')).toBe(
      '2026-12-04T12:00:00.000Z',
    );
    // first in line at 4 an hour: a quarter of an hour
    expect(expectedDecisionBy(0, 4, DEFAULT_SLA_SETTINGS, '2026-12-04T09:00:00.000Z')).toBe(
      '2026-12-04T09:15:00.000Z',
    );
  });

  it('counts only working time: Friday 17:00 in Shanghai with 8 ahead at 3 an hour is Monday 11:00', () => {
    // 9 requests / 3 an hour = 3 working hours: 1 on Friday (17–18), 2 on Monday (09–11)
    expect(expectedDecisionBy(8, 3, shanghaiOffice, '2026-12-04T09:00:00.000Z')).toBe(
      '2026-12-07T03:00:00.000Z',
    );
    // 6 working hours: 1 on Friday, Monday 09–12 and 13–15 (the lunch break skipped)
    expect(expectedDecisionBy(5, 1, shanghaiOffice, '2026-12-04T09:00:00.000Z')).toBe(
      '2026-12-07T07:00:00.000Z',
    );
    // 12 working hours: Friday 1, Monday 8, Tuesday is a holiday, Wednesday 09–12
    expect(expectedDecisionBy(11, 1, shanghaiOffice, '2026-12-04T09:00:00.000Z')).toBe(
      '2026-12-09T04:00:00.000Z',
    );
  });

  it('follows a daylight-saving change: the night of 1 November in New York is an hour longer', () => {
    // Saturday 31 Oct 17:00 EDT (21:00 UTC) + 2 working hours: 1 on Saturday, Sunday 09:00–10:00 EST
    expect(expectedDecisionBy(1, 1, newYorkOffice, '2026-10-31T21:00:00.000Z')).toBe(
      '2026-11-01T15:00:00.000Z',
    );
  });

  it('never takes the pace below the floor, so an idle desk still gives a time', () => {
    const now = '2026-12-04T09:00:00.000Z';
    const floor = expectedDecisionBy(3, MIN_DECISIONS_PER_WORKING_HOUR, DEFAULT_SLA_SETTINGS, now);
    expect(expectedDecisionBy(3, 0, DEFAULT_SLA_SETTINGS, now)).toBe(floor);
    expect(expectedDecisionBy(3, Number.NaN, DEFAULT_SLA_SETTINGS, now)).toBe(floor);
    expect(expectedDecisionBy(3, -2, DEFAULT_SLA_SETTINGS, now)).toBe(floor);
    expect(floor).toBe('2026-12-04T13:00:00.000Z');
  });

  const calendars = fc.constantFrom(DEFAULT_SLA_SETTINGS, shanghaiOffice, newYorkOffice);
  const instants = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString());
  const paces = fc.double({ min: 0, max: 200, noNaN: true });

  it('is never before now, never in closed hours, and later the further back in the queue (property)', () => {
    fc.assert(
      fc.property(
        calendars,
        instants,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        paces,
        (settings, now, a, b, pace) => {
          const [near, far] = a <= b ? [a, b] : [b, a];
          const nearBy = Date.parse(expectedDecisionBy(near, pace, settings, now));
          const farBy = Date.parse(expectedDecisionBy(far, pace, settings, now));
          expect(nearBy).toBeGreaterThan(Date.parse(now));
          expect(farBy).toBeGreaterThanOrEqual(nearBy);
          // the last millisecond before it is working time: it lands inside a shift or at its end
          expect(isWorkingTime(settings, farBy - 1)).toBe(true);
          expect(isWorkingTime(settings, nearBy - 1)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is sooner at a faster pace (property)', () => {
    fc.assert(
      fc.property(
        calendars,
        instants,
        fc.integer({ min: 0, max: 400 }),
        paces,
        paces,
        (s, now, ahead, p, q) => {
          const [slow, fast] = p <= q ? [p, q] : [q, p];
          expect(Date.parse(expectedDecisionBy(ahead, fast, s, now))).toBeLessThanOrEqual(
            Date.parse(expectedDecisionBy(ahead, slow, s, now)),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('decisionsPerWorkingHour', () => {
  const now = Date.parse('2026-12-07T10:00:00.000Z');

  it('divides the week’s decisions by its working hours', () => {
    expect(paceWindowStartMs(now)).toBe(now - PACE_WINDOW_MS);
    // 24 × 7: 168 working hours in the week
    expect(decisionsPerWorkingHour(336, DEFAULT_SLA_SETTINGS, paceWindowStartMs(now), now)).toBe(2);
    const mondayEvening = Date.parse('2026-12-07T10:00:00.000Z'); // 18:00 local
    // the Shanghai office's 7 days to Monday 7 Dec 18:00: Tue–Fri 4 × 9 h + Monday's split 8 h = 44 h
    expect(decisionsPerWorkingHour(88, shanghaiOffice, paceWindowStartMs(mondayEvening), mondayEvening)).toBe(
      2,
    );
  });

  it('is the floor when nothing was decided or no working time passed', () => {
    expect(decisionsPerWorkingHour(0, DEFAULT_SLA_SETTINGS, paceWindowStartMs(now), now)).toBe(
      MIN_DECISIONS_PER_WORKING_HOUR,
    );
    expect(decisionsPerWorkingHour(3, DEFAULT_SLA_SETTINGS, now, now)).toBe(MIN_DECISIONS_PER_WORKING_HOUR);
    // 10 decisions over a week is below one an hour: the floor
    expect(decisionsPerWorkingHour(10, DEFAULT_SLA_SETTINGS, paceWindowStartMs(now), now)).toBe(
      MIN_DECISIONS_PER_WORKING_HOUR,
    );
  });
});

describe('awaitsDecision', () => {
  it('counts the statuses in which the desk owes the decision, not the customer’s wait', () => {
    expect(awaitsDecision('pending')).toBe(true);
    expect(awaitsDecision('in_review')).toBe(true);
    expect(awaitsDecision('awaiting_second_approval')).toBe(true);
    expect(awaitsDecision('awaiting_info')).toBe(false);
    expect(awaitsDecision('approved')).toBe(false);
  });
});

describe('expectationAccuracy', () => {
  const given = (expected: string, decided: string) => ({ expectedDecisionBy: expected, decidedAt: decided });

  it('counts the expectations held and how late the missed ones were', () => {
    const accuracy = expectationAccuracy([
      given('2026-12-04T12:00:00.000Z', '2026-12-04T11:00:00.000Z'), // held
      given('2026-12-04T12:00:00.000Z', '2026-12-04T12:00:00.000Z'), // held, exactly on time
      given('2026-12-04T12:00:00.000Z', '2026-12-04T13:00:00.000Z'), // 1 h late
      given('2026-12-04T12:00:00.000Z', '2026-12-04T15:30:00.000Z'), // 3.5 h late
    ]);
    expect(accuracy).toEqual({ n: 4, held: 2, heldShare: 0.5, missHours: { p50: 1, p90: 3.5, n: 2 } });
  });

  it('has no share and no miss figures when nothing was given or nothing missed', () => {
    expect(expectationAccuracy([])).toEqual({
      n: 0,
      held: 0,
      heldShare: null,
      missHours: { p50: null, p90: null, n: 0 },
    });
    expect(
      expectationAccuracy([given('2026-12-04T12:00:00.000Z', '2026-12-04T10:00:00.000Z')]).missHours,
    ).toEqual({ p50: null, p90: null, n: 0 });
  });
});

describe('acknowledgementTemplate', () => {
  it('tells the customer in both languages when a decision can be expected', () => {
    const by = '2026-12-07T03:00:00.000Z';
    const zh = acknowledgementTemplate('zh-CN', {
      orderNumber: 'P-1',
      expectedDecisionBy: formatArrival(by, 'zh-CN'),
    });
    expect(zh).toContain('订单号 P-1');
    expect(zh).toContain('预计审核完成时间为 2026年12月7日 11:00（北京时间）');
    const en = acknowledgementTemplate('en', {
      orderNumber: 'P-1',
      expectedDecisionBy: formatArrival(by, 'en'),
    });
    expect(en).toContain('order P-1');
    expect(en).toContain('We expect to decide it by 7 Dec 2026, 11:00 (Beijing time)');
  });
});
