// The clockwork reads only the requests a timed action can be due for (refundWorkflowQueries.ts
// TimedRefundWindow): every request the rules find due lies in a window, whatever its status,
// channel, times and payout jitter; and a window names only the statuses its action runs from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYMENT_CHANNELS, REFUND_STATUSES } from '../../src/domain/model';
import {
  dueForIdleRelease,
  dueForInfoTimeout,
  dueForPayout,
  idleReleaseWindows,
  inTimedWindow,
  infoTimeoutWindows,
  payoutWindows,
  refundWorkflow,
} from '../../src/domain/refundWorkflow';
import { DAY_MS, toIso, toMs } from '../../src/domain/sla';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../src/domain/slaSettings';
import { REFUND_TIMERS, TIMED_REFUND_ACTIONS } from '../../mock-api/timers';
import { NOW, makeRequest } from './refundWorkflowFixtures';

const offset = fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS });
const maybeTime = fc.option(
  offset.map((ms) => toIso(toMs(NOW) + ms)),
  { nil: null },
);

describe('timed windows', () => {
  it('hold every request an information timeout or a payout is due for', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REFUND_STATUSES),
        fc.constantFrom(...PAYMENT_CHANNELS),
        maybeTime,
        maybeTime,
        fc.double({ min: 0, max: 1, noNaN: true }),
        offset,
        (status, paymentChannel, awaitingInfoSince, decidedAt, jitter, nowOffset) => {
          const r = { ...makeRequest(), status, paymentChannel, awaitingInfoSince, decidedAt };
          const nowIso = toIso(toMs(NOW) + nowOffset);
          if (dueForInfoTimeout(r, nowIso)) expect(inTimedWindow(r, infoTimeoutWindows(nowIso))).toBe(true);
          if (dueForPayout(r, nowIso, jitter)) expect(inTimedWindow(r, payoutWindows(nowIso))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hold every claim an idle release is due for, in any calendar and idle limit', () => {
    const office: [string, string][] = [['09:00', '18:00']];
    const calendars: SlaSettings[] = [
      DEFAULT_SLA_SETTINGS,
      {
        ...DEFAULT_SLA_SETTINGS,
        timeZone: 'Asia/Shanghai',
        hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
        holidays: ['2025-06-03'],
      },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...REFUND_STATUSES),
        fc.constantFrom(...calendars),
        fc.integer({ min: 1, max: 600 }),
        offset,
        offset,
        fc.option(fc.constant('u-rev1'), { nil: null }),
        (status, calendar, idleClaimMinutes, updatedOffset, nowOffset, assigneeId) => {
          const settings = { ...calendar, targets: { ...calendar.targets, idleClaimMinutes } };
          const r = { ...makeRequest(), status, assigneeId, updatedAt: toIso(toMs(NOW) + updatedOffset) };
          const nowIso = toIso(toMs(NOW) + nowOffset);
          if (dueForIdleRelease(r, settings, nowIso))
            expect(inTimedWindow(r, idleReleaseWindows(nowIso, settings))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('leave out a request decided too recently for its channel to pay out', () => {
    const decidedAt = toIso(toMs(NOW) - 60_000);
    const r = {
      ...makeRequest(),
      status: 'approved' as const,
      paymentChannel: 'bank_card' as const,
      decidedAt,
    };
    expect(inTimedWindow(r, payoutWindows(NOW))).toBe(false);
    expect(inTimedWindow({ ...r, decidedAt: toIso(toMs(NOW) - 2 * DAY_MS) }, payoutWindows(NOW))).toBe(true);
  });

  it('name only the statuses their action runs from in the workflow table', () => {
    for (const action of TIMED_REFUND_ACTIONS) {
      const from = new Set(refundWorkflow.spec(action).from);
      const statuses = new Set(
        REFUND_TIMERS[action].windows(NOW, DEFAULT_SLA_SETTINGS).flatMap((w) => w.statuses),
      );
      expect(statuses).toEqual(from);
    }
  });
});
