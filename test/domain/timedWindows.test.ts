// The clockwork reads only the requests a timed action can be due for (refundWorkflowQueries.ts
// TimedRefundWindow): every request the rules find due lies in a window, whatever its status,
// channel, times and payout jitter; and a window names only the statuses its action runs from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYMENT_CHANNELS, REFUND_STATUSES } from '../../src/domain/model';
import {
  dueForInfoTimeout,
  dueForPayout,
  inTimedWindow,
  infoTimeoutWindows,
  payoutWindows,
  refundWorkflow,
} from '../../src/domain/refundWorkflow';
import { DAY_MS, toIso, toMs } from '../../src/domain/sla';
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
      const statuses = new Set(REFUND_TIMERS[action].windows(NOW).flatMap((w) => w.statuses));
      expect(statuses).toEqual(from);
    }
  });
});
