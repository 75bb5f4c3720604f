// The metrics' percentiles, time zones and buckets on hand-made fixtures (metricsFixtures.ts):
// every expected figure is worked out in the comments.
import { describe, expect, it } from 'vitest';
import {
  bucketStarts,
  computeMetrics,
  isValidTimeZone,
  percentileNearestRank,
  startOfLocalDay,
  timeZoneOffsetMs,
} from '../../src/domain/metrics';
import { H, refund } from './metricsFixtures';

describe('percentileNearestRank', () => {
  it('takes the value at rank ⌈p/100 · n⌉ of the sorted values', () => {
    expect(percentileNearestRank([], 50)).toBeNull();
    // single value: every percentile is that value
    expect(percentileNearestRank([7], 50)).toBe(7);
    expect(percentileNearestRank([7], 90)).toBe(7);
    // odd n = 3, sorted [1,2,3]: p50 rank ⌈1.5⌉ = 2 → 2; p90 rank ⌈2.7⌉ = 3 → 3
    expect(percentileNearestRank([3, 1, 2], 50)).toBe(2);
    expect(percentileNearestRank([3, 1, 2], 90)).toBe(3);
    // even n = 4, sorted [1,2,3,4]: p50 rank ⌈2⌉ = 2 → 2 (no averaging); p90 rank ⌈3.6⌉ = 4 → 4
    expect(percentileNearestRank([4, 1, 3, 2], 50)).toBe(2);
    expect(percentileNearestRank([4, 1, 3, 2], 90)).toBe(4);
    // n = 10, values 1..10: p90 rank 9 → 9
    expect(percentileNearestRank([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 90)).toBe(9);
  });
});

describe('time zones and buckets', () => {
  it('knows valid IANA zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('computes offsets and local midnights', () => {
    expect(timeZoneOffsetMs(Date.parse('2026-11-24T16:30:00Z'), 'Asia/Shanghai')).toBe(8 * H);
    // Shanghai midnight of 2026-11-25 is 2026-11-24T16:00Z
    expect(new Date(startOfLocalDay({ y: 2026, m: 11, d: 25 }, 'Asia/Shanghai')).toISOString()).toBe(
      '2026-11-24T16:00:00.000Z',
    );
    // São Paulo skipped midnight on 2018-11-04 (00:00 → 01:00 at 03:00Z): the day starts at 03:00Z
    expect(new Date(startOfLocalDay({ y: 2018, m: 11, d: 4 }, 'America/Sao_Paulo')).toISOString()).toBe(
      '2018-11-04T03:00:00.000Z',
    );
  });

  it('puts 2026-11-24T16:30Z on the 25th in Shanghai and on the 24th in UTC', () => {
    const r = refund('r1', '2026-11-24T16:30:00Z');
    const base = { events: [], complaints: [], granularity: 'day' as const, filters: {} };
    // Shanghai: [24th 00:00, 26th 00:00) local = [23rd 16:00Z, 25th 16:00Z); 16:30Z on the 24th is the 25th 00:30
    const sh = computeMetrics({
      ...base,
      refunds: [r],
      from: '2026-11-23T16:00:00Z',
      to: '2026-11-25T16:00:00Z',
      tz: 'Asia/Shanghai',
      nowMs: Date.parse('2026-11-26T00:00:00Z'),
    });
    expect(sh.buckets.map((b) => [b.start, b.submitted])).toEqual([
      ['2026-11-23T16:00:00.000Z', 0],
      ['2026-11-24T16:00:00.000Z', 1],
    ]);
    const utc = computeMetrics({
      ...base,
      refunds: [r],
      from: '2026-11-24T00:00:00Z',
      to: '2026-11-26T00:00:00Z',
      tz: 'UTC',
      nowMs: Date.parse('2026-11-26T00:00:00Z'),
    });
    expect(utc.buckets.map((b) => [b.start, b.submitted])).toEqual([
      ['2026-11-24T00:00:00.000Z', 1],
      ['2026-11-25T00:00:00.000Z', 0],
    ]);
  });

  it('starts week buckets on local Monday 00:00 and clips the first and last to the range', () => {
    // 2026-11-25 is a Wednesday. [Wed 25th, Wed 9th Dec) in Shanghai → Wed 25th (clipped), Mon 30th, Mon 7th
    const from = Date.parse('2026-11-24T16:00:00Z'); // Wed 25th 00:00 Shanghai
    const to = Date.parse('2026-12-08T16:00:00Z'); // Wed 9th Dec 00:00 Shanghai
    expect(bucketStarts(from, to, 'week', 'Asia/Shanghai').map((t) => new Date(t).toISOString())).toEqual([
      '2026-11-24T16:00:00.000Z',
      '2026-11-29T16:00:00.000Z', // Mon 30th 00:00 +08:00
      '2026-12-06T16:00:00.000Z', // Mon 7th Dec 00:00 +08:00
    ]);
    const answer = computeMetrics({
      refunds: [],
      events: [],
      complaints: [],
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      granularity: 'week',
      tz: 'Asia/Shanghai',
      filters: {},
      nowMs: to,
    });
    expect(answer.buckets.map((b) => [b.start, b.end])).toEqual([
      ['2026-11-24T16:00:00.000Z', '2026-11-29T16:00:00.000Z'],
      ['2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z'],
      ['2026-12-06T16:00:00.000Z', '2026-12-08T16:00:00.000Z'],
    ]);
  });

  it('follows daylight saving time: a 23-hour day in London', () => {
    // BST starts Sunday 2026-03-29 at 01:00 GMT: that local day lasts 23 h
    const starts = bucketStarts(
      Date.parse('2026-03-28T00:00:00Z'),
      Date.parse('2026-03-30T23:00:00Z'),
      'day',
      'Europe/London',
    );
    expect(starts.map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-28T00:00:00.000Z',
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T23:00:00.000Z', // Monday 00:00 BST
    ]);
  });

  it('shows every bucket of the range, empty ones with zeros and nulls', () => {
    const answer = computeMetrics({
      refunds: [],
      events: [],
      complaints: [],
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-05T00:00:00Z',
      granularity: 'day',
      tz: 'UTC',
      filters: {},
      nowMs: Date.parse('2026-03-05T00:00:00Z'),
    });
    expect(answer.buckets).toHaveLength(3);
    for (const b of answer.buckets) {
      expect(b).toMatchObject({
        submitted: 0,
        decided: { approved: 0, partially_approved: 0, rejected: 0, info_requested: 0 },
        approvalRate: null,
        latencyHours: { p50: null, p90: null },
        slaCompliance: null,
        refundedFen: 0,
        partialShare: null,
        complaintsOpened: 0,
        escalationRate: null,
        complaintsResolved: 0,
        overturnRate: null,
        complaintResolutionHoursP50: null,
      });
      expect(b.byReason.mistaken_purchase).toEqual({ decided: 0, approvalRate: null });
    }
    expect(answer.totals.backlog.total).toBe(0);
    expect(answer.reviewers).toEqual([]);
  });
});
