// The mock API's own clockwork: requests awaiting information for 7 days are rejected, approved
// refunds are paid out after their channel's delay, claims idle for the settings' working minutes
// go back to the queue, overdue complaints escalate, and then the
// notifications the desk now owes are derived and inserted once each (notifications/derive.ts). Each timed
// change is its own transaction that re-reads its record and applies only if it is still due, and
// one process at a time sweeps (Desk.exclusively: an advisory lock on PostgreSQL).
import type { Kysely } from 'kysely';
import type { RefundRequest } from '../src/domain/model';
import type { SlaSettings } from '../src/domain/slaSettings';
import {
  dueForIdleRelease,
  dueForInfoTimeout,
  dueForPayout,
  idleReleaseWindows,
  infoTimeoutWindows,
  payoutWindows,
  refundWorkflow,
  type RefundAction,
  type TimedRefundWindow,
} from '../src/domain/refundWorkflow';
import { dueComplaintAction, sweepComplaint } from './complaintService';
import type { Database } from './db/schema';
import type { Desk, DeskWriter } from './deskData';
import { sweepNotifications, type NotificationSweepOptions } from './notifications/derive';
import { executeRefundCommand, idJitter } from './refundService';

const SYSTEM = { kind: 'system' } as const;

interface RefundTimer {
  /** whether the action is due for `r` now (the workflow table refuses it until then) */
  due(r: RefundRequest, nowIso: string, settings: SlaSettings): boolean;
  /** where it can be due, as the database selects it: a sweep reads only those requests */
  windows(nowIso: string, settings: SlaSettings): TimedRefundWindow[];
}

/** When each refund action the clock runs is due (in the SLA settings the pass read). */
export const REFUND_TIMERS = {
  info_timeout: { due: (r, nowIso) => dueForInfoTimeout(r, nowIso), windows: infoTimeoutWindows },
  payout: { due: (r, nowIso) => dueForPayout(r, nowIso, idJitter(r.id)), windows: payoutWindows },
  release_idle: {
    due: (r, nowIso, settings) => dueForIdleRelease(r, settings, nowIso),
    windows: idleReleaseWindows,
  },
} satisfies Partial<Record<RefundAction, RefundTimer>>;
type TimedRefundAction = keyof typeof REFUND_TIMERS;

/** The table's system actions, in its order; each must have its timer above. */
export const TIMED_REFUND_ACTIONS = refundWorkflow.clockActions(REFUND_TIMERS, 'refund');

function dueRefundAction(r: RefundRequest, nowIso: string, settings: SlaSettings): TimedRefundAction | null {
  const due = TIMED_REFUND_ACTIONS.find(
    (action) =>
      refundWorkflow.spec(action).from.includes(r.status) && REFUND_TIMERS[action].due(r, nowIso, settings),
  );
  return due ?? null;
}

async function sweepRefund(tx: DeskWriter, id: string, nowIso: string): Promise<boolean> {
  const r = await tx.get('refunds', id);
  // the settings as this transaction reads them: an admin's save since the pass began counts
  const action = r && dueRefundAction(r, nowIso, await tx.slaSettings());
  if (!r || !action) return false;
  return (await executeRefundCommand(tx, r, { action }, SYSTEM, nowIso)).ok;
}

/** The notification pass of a sweep: the database it reads, and the settings it derives with. */
export interface NotificationSweep extends NotificationSweepOptions {
  db: Kysely<Database>;
}

/** One pass over the data; returns how many records it moved. */
export async function sweepAll(desk: Desk, nowIso: string, notify?: NotificationSweep): Promise<number> {
  const moved = await desk.exclusively('refund-desk timers', async () => {
    let count = 0;
    // only the requests a timed action can be due for, not every one in a timed status: at a
    // million requests those are thousands, read and decoded on the event loop every pass
    const settings = await desk.slaSettings();
    const windows = TIMED_REFUND_ACTIONS.flatMap((action) => REFUND_TIMERS[action].windows(nowIso, settings));
    const waiting = await desk.refundsInTimedWindows(windows);
    for (const r of waiting) {
      if (dueRefundAction(r, nowIso, settings) && (await desk.command((tx) => sweepRefund(tx, r.id, nowIso))))
        count++;
    }
    for (const c of await desk.activeComplaintsDueBy(nowIso)) {
      if (dueComplaintAction(c, nowIso) && (await desk.command((tx) => sweepComplaint(tx, c.id, nowIso))))
        count++;
    }
    // after the moves, so an escalation of this pass is told in it
    if (notify) await sweepNotifications(desk, notify.db, nowIso, notify);
    return count;
  });
  return moved ?? 0;
}

/** Starts the clockwork; the function it answers stops it, once a pass under way has finished. */
export function startTimers(
  ctx: { desk: Desk; clock: { nowIso(): string }; database?: { db: Kysely<Database> } },
  intervalMs: number,
): () => Promise<void> {
  const notify = ctx.database ? { db: ctx.database.db } : undefined;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    // a slow pass is not overlapped by the next one
    if (running) return;
    running = sweepAll(ctx.desk, ctx.clock.nowIso(), notify)
      .catch((error: unknown) => console.error('timer sweep failed', error))
      .finally(() => (running = null));
  };
  tick();
  const handle = setInterval(tick, intervalMs);
  handle.unref();
  return async () => {
    clearInterval(handle);
    await running;
  };
}
