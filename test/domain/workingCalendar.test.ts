import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN_CALENDAR,
  addWorkingTime,
  isWorkingTime,
  WEEKDAYS,
  localWeekHour,
  localWeekHourIndexes,
  nextWorkingStart,
  workingMsBetween,
  type WorkingCalendar,
  type WorkingSpan,
  zoneOffsets,
} from '../../src/domain/workingCalendar';
import { timeZoneOffsetMs } from '../../src/domain/metricsTime';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const office: WorkingSpan[] = [['09:00', '18:00']];
const shanghaiOffice: WorkingCalendar = {
  timeZone: 'Asia/Shanghai',
  hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [],
};

describe('working calendar', () => {
  it('a request submitted on Friday 17:00 with a 9-working-hour target is due on Monday 17:00 (Asia/Shanghai)', () => {
    // 2026-12-04 is a Friday; 17:00 in Shanghai (UTC+8) is 09:00 UTC
    const due = addWorkingTime(shanghaiOffice, at('2026-12-04T09:00:00.000Z'), 9 * HOUR);
    expect(iso(due)).toBe('2026-12-07T09:00:00.000Z'); // Monday 17:00 local
    expect(workingMsBetween(shanghaiOffice, at('2026-12-04T09:00:00.000Z'), due)).toBe(9 * HOUR);
  });

  it('counts split shifts and skips the break', () => {
    const split: WorkingSpan[] = [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ];
    const calendar: WorkingCalendar = { ...shanghaiOffice, hours: { ...shanghaiOffice.hours, mon: split } };
    // Monday 2026-12-07 11:00 local = 03:00 UTC; 2 working hours → 14:00 local (12:00–13:00 is the break)
    expect(iso(addWorkingTime(calendar, at('2026-12-07T03:00:00.000Z'), 2 * HOUR))).toBe(
      '2026-12-07T06:00:00.000Z',
    );
    expect(isWorkingTime(calendar, at('2026-12-07T04:30:00.000Z'))).toBe(false); // 12:30 local
    expect(iso(nextWorkingStart(calendar, at('2026-12-07T04:30:00.000Z')))).toBe('2026-12-07T05:00:00.000Z');
  });

  it('skips holidays', () => {
    const calendar: WorkingCalendar = { ...shanghaiOffice, holidays: ['2026-12-07'] };
    // Friday 17:00 + 9 h: Monday is a holiday, so Tuesday 17:00
    expect(iso(addWorkingTime(calendar, at('2026-12-04T09:00:00.000Z'), 9 * HOUR))).toBe(
      '2026-12-08T09:00:00.000Z',
    );
    expect(isWorkingTime(calendar, at('2026-12-07T03:00:00.000Z'))).toBe(false);
  });

  it('counts the real length of a day on which daylight saving starts or ends', () => {
    const allDay: WorkingSpan[] = [['00:00', '24:00']];
    const berlin: WorkingCalendar = {
      timeZone: 'Europe/Berlin',
      hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      holidays: ['2026-12-25'],
    };
    // 2026-03-29: clocks go from 02:00 to 03:00, the day has 23 hours
    expect(workingMsBetween(berlin, at('2026-03-28T23:00:00.000Z'), at('2026-03-29T22:00:00.000Z'))).toBe(
      23 * HOUR,
    );
    // 2026-10-25: clocks go from 03:00 back to 02:00, the day has 25 hours
    expect(workingMsBetween(berlin, at('2026-10-24T22:00:00.000Z'), at('2026-10-25T23:00:00.000Z'))).toBe(
      25 * HOUR,
    );
    // an office day across the spring switch: Friday 17:00 CET + 2 h → Monday 10:00 CEST
    const berlinOffice: WorkingCalendar = { ...shanghaiOffice, timeZone: 'Europe/Berlin' };
    expect(iso(addWorkingTime(berlinOffice, at('2026-03-27T16:00:00.000Z'), 2 * HOUR))).toBe(
      '2026-03-30T08:00:00.000Z',
    );
    expect(localWeekHour(berlinOffice.timeZone, at('2026-03-30T08:00:00.000Z'))).toEqual({
      weekday: 'mon',
      hour: 10,
    });
  });

  it('is wall-clock time on the 24 × 7 calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: 0, max: 30 * 24 * HOUR }),
        (from, span) => {
          expect(addWorkingTime(ALWAYS_OPEN_CALENDAR, from, span)).toBe(from + span);
          expect(workingMsBetween(ALWAYS_OPEN_CALENDAR, from, from + span)).toBe(span);
          expect(isWorkingTime(ALWAYS_OPEN_CALENDAR, from)).toBe(true);
        },
      ),
    );
  });

  it('adding working time and measuring it agree, and later starts are never due earlier', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 40 * HOUR }),
        fc.integer({ min: 0, max: 5 * HOUR }),
        (timeZone, from, span, later) => {
          const calendar: WorkingCalendar = { ...shanghaiOffice, timeZone, holidays: ['2026-10-01'] };
          const due = addWorkingTime(calendar, from, span);
          expect(due).toBeGreaterThanOrEqual(from + Math.min(span, 1) - 1);
          expect(workingMsBetween(calendar, from, due)).toBe(span);
          expect(addWorkingTime(calendar, from + later, span)).toBeGreaterThanOrEqual(due);
          if (span > 0) expect(isWorkingTime(calendar, due - 1)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('zoneOffsets and localWeekHourIndexes (many instants of one zone)', () => {
  // daylight saving both ways, a half-hour change (Lord Howe), a quarter-hour zone, a zone that
  // dropped its daylight saving (Sao Paulo, 2019), and one without any
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/Sao_Paulo',
  ];
  const instant = fc.integer({ min: at('2015-01-01T00:00:00.000Z'), max: at('2031-01-01T00:00:00.000Z') });

  it('agree with Intl instant by instant, around every change of offset too', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones, 'Asia/Shanghai'),
        fc.array(instant, { minLength: 1, maxLength: 40 }),
        (zone, instants) => {
          const offsetAt = zoneOffsets(zone);
          const weekHourOf = localWeekHourIndexes(zone);
          for (const ms of instants) {
            expect(offsetAt(ms)).toBe(timeZoneOffsetMs(ms, zone));
            const { weekday, hour } = localWeekHour(zone, ms);
            expect(weekHourOf(ms)).toBe(WEEKDAYS.indexOf(weekday) * 24 + hour);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('read the last instant before a change and the first after it with their own offsets', () => {
    const offsetAt = zoneOffsets('Europe/Berlin');
    // 2026-03-29 01:00 UTC: Berlin moves from +01:00 to +02:00
    const change = at('2026-03-29T01:00:00.000Z');
    expect(offsetAt(change - 1)).toBe(HOUR);
    expect(offsetAt(change)).toBe(2 * HOUR);
    expect(offsetAt(at('2026-03-29T23:59:59.999Z'))).toBe(2 * HOUR);
  });
});
