import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LATENCY_SEGMENTS,
  countsByLocalHour,
  latencyBySegment,
  peakHours,
  weekHeatMap,
  type DecidedWait,
} from '../../src/domain/reviewSegments';
import {
  ALWAYS_OPEN_CALENDAR,
  isWorkingTime,
  localHourStart,
  type WorkingCalendar,
} from '../../src/domain/workingCalendar';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const office: [string, string][] = [['09:00', '18:00']];
const shanghai: WorkingCalendar = {
  timeZone: 'Asia/Shanghai',
  hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [],
};
// split shifts, a half-hour start and holidays, for the property below
const splitShifts: WorkingCalendar = {
  ...shanghai,
  hours: {
    ...shanghai.hours,
    tue: [
      ['08:30', '12:00'],
      ['13:15', '21:45'],
    ],
    sat: [['10:00', '14:00']],
  },
  holidays: ['2026-10-01', '2026-10-02', '2026-12-25'],
};

describe('local hours', () => {
  it('starts a local hour on the half hour UTC in a half-hour zone, and on the hour elsewhere', () => {
    expect(localHourStart('Asia/Kolkata', at('2026-12-07T04:10:20.123Z'))).toBe(
      at('2026-12-07T03:30:00.000Z'),
    );
    expect(localHourStart('Asia/Shanghai', at('2026-12-07T04:10:20.123Z'))).toBe(
      at('2026-12-07T04:00:00.000Z'),
    );
  });

  it('adds the 15-minute slots of one local hour together', () => {
    const byHour = countsByLocalHour('Asia/Kolkata', [
      [at('2026-12-07T03:30:00Z'), 1],
      [at('2026-12-07T04:15:00Z'), 2],
      [at('2026-12-07T04:30:00Z'), 4],
    ]);
    expect([...byHour]).toEqual([
      [at('2026-12-07T03:30:00Z'), 3],
      [at('2026-12-07T04:30:00Z'), 4],
    ]);
  });
});

describe('peak hours', () => {
  // Monday 2026-12-07 to Saturday: 5 working days × 9 hours = 45 working hours → the busiest 5 peak
  const from = at('2026-12-07T00:00:00+08:00');
  const to = at('2026-12-12T00:00:00+08:00');

  it('are the busiest tenth of working hours, ties to the earlier hour, never an off-hour', () => {
    const counts = new Map<number, number>();
    const monday9 = at('2026-12-07T09:00:00+08:00');
    for (let i = 0; i < 9; i++) counts.set(monday9 + i * HOUR, 10 + i); // Monday 09–17: 10…18
    counts.set(at('2026-12-08T09:00:00+08:00'), 14); // Tuesday 09: ties Monday 13:00
    counts.set(at('2026-12-08T03:00:00+08:00'), 500); // Tuesday 03:00: busy but closed
    const peak = peakHours(shanghai, counts, from, to);
    expect([...peak].sort((a, b) => a - b)).toEqual([
      monday9 + 4 * HOUR, // 14 (earlier than Tuesday's 14)
      monday9 + 5 * HOUR,
      monday9 + 6 * HOUR,
      monday9 + 7 * HOUR,
      monday9 + 8 * HOUR,
    ]);
  });

  it('leaves out hours without submissions, so a quiet week has fewer peak hours', () => {
    const counts = new Map([[at('2026-12-07T10:00:00+08:00'), 1]]);
    expect([...peakHours(shanghai, counts, from, to)]).toEqual([at('2026-12-07T10:00:00+08:00')]);
  });
});

describe('latency by segment', () => {
  const wait = (start: string, hours: number, tipping = false): DecidedWait => ({
    startMs: at(start),
    decidedMs: at(start) + hours * HOUR,
    tipping,
  });

  it('sorts each wait into in/off hours, peak/off-peak and tipping, with nearest-rank percentiles', () => {
    const peak = new Set([at('2026-12-07T10:00:00+08:00')]);
    const figures = latencyBySegment(
      shanghai,
      [
        wait('2026-12-07T10:20:00+08:00', 2, true), // in hours, peak, tipping
        wait('2026-12-07T11:00:00+08:00', 4), // in hours
        wait('2026-12-07T22:00:00+08:00', 12), // off hours
        wait('2026-12-12T10:00:00+08:00', 30, true), // Saturday: off hours
      ],
      peak,
    );
    expect(figures.inHours).toEqual({ p50: 2, p90: 4, n: 2 });
    expect(figures.offHours).toEqual({ p50: 12, p90: 30, n: 2 });
    expect(figures.peak).toEqual({ p50: 2, p90: 2, n: 1 });
    expect(figures.offPeak).toEqual({ p50: 12, p90: 30, n: 3 });
    expect(figures.tipping).toEqual({ p50: 2, p90: 30, n: 2 });
    expect(figures.notTipping).toEqual({ p50: 4, p90: 12, n: 2 });
  });

  it('has no figure where there are no waits', () => {
    const figures = latencyBySegment(ALWAYS_OPEN_CALENDAR, [], new Set());
    for (const segment of LATENCY_SEGMENTS) expect(figures[segment]).toEqual({ p50: null, p90: null, n: 0 });
  });

  it('puts every wait in exactly one side of each pair', () => {
    const waits = fc.array(
      fc.record({
        startMs: fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') }),
        hours: fc.integer({ min: 0, max: 400 }),
        tipping: fc.boolean(),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(waits, (raw) => {
        const list = raw.map((w) => ({
          startMs: w.startMs,
          decidedMs: w.startMs + w.hours * HOUR,
          tipping: w.tipping,
        }));
        const peak = new Set(
          list.filter((_, i) => i % 3 === 0).map((w) => localHourStart('Asia/Shanghai', w.startMs)),
        );
        const f = latencyBySegment(shanghai, list, peak);
        for (const calendar of [splitShifts, { ...splitShifts, timeZone: 'Europe/Berlin' }]) {
          expect(latencyBySegment(calendar, list, peak).inHours.n).toBe(
            list.filter((w) => isWorkingTime(calendar, w.startMs)).length,
          );
        }
        expect(f.inHours.n + f.offHours.n).toBe(list.length);
        expect(f.peak.n + f.offPeak.n).toBe(list.length);
        expect(f.tipping.n + f.notTipping.n).toBe(list.length);
        expect(f.tipping.n).toBe(list.filter((w) => w.tipping).length);
        // the fast lookups agree with the calendar's own, instant by instant
        expect(f.inHours.n).toBe(list.filter((w) => isWorkingTime(shanghai, w.startMs)).length);
        expect(f.peak.n).toBe(
          list.filter((w) => peak.has(localHourStart('Asia/Shanghai', w.startMs))).length,
        );
      }),
    );
  });
});

describe('the week heat map', () => {
  it('has 168 cells from Monday 00:00 and counts each instant in its local hour of the week', () => {
    const cells = weekHeatMap(
      'Asia/Shanghai',
      [
        [at('2026-12-06T16:00:00Z'), 3], // Monday 00:00 local
        [at('2026-12-06T16:45:00Z'), 1],
      ],
      [[at('2026-12-13T15:30:00Z'), 2]], // Sunday 23:30 local
    );
    expect(cells).toHaveLength(168);
    expect(cells[0]).toEqual({ weekday: 'mon', hour: 0, submissions: 4, decisions: 0 });
    expect(cells[167]).toEqual({ weekday: 'sun', hour: 23, submissions: 0, decisions: 2 });
    expect(cells.reduce((sum, c) => sum + c.submissions + c.decisions, 0)).toBe(6);
  });

  it('follows daylight saving: 08:00 UTC is 09:00 in Berlin in winter and 10:00 in summer', () => {
    const winter = weekHeatMap('Europe/Berlin', [[at('2026-12-07T08:00:00Z'), 1]], []);
    const summer = weekHeatMap('Europe/Berlin', [[at('2026-06-08T08:00:00Z'), 1]], []);
    expect(winter.find((c) => c.submissions)).toMatchObject({ weekday: 'mon', hour: 9 });
    expect(summer.find((c) => c.submissions)).toMatchObject({ weekday: 'mon', hour: 10 });
  });
});
