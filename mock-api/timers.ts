// The mock API's own clockwork: requests awaiting information for 7 days are rejected, approved
// refunds are paid out after their channel's delay, and overdue complaints escalate. Each timed
// change is its own transaction that re-reads its record and applies only if it is still due, and
// one process at a time sweeps (Desk.exclusively: an advisory lock on PostgreSQL).
import type { RefundRequest } from '../src/domain/model';
import {
  dueForInfoTimeout,
  dueForPayout,
  refundWorkflow,
  type RefundAction,
} from '../src/domain/refundWorkflow';
import { dueComplaintAction, sweepComplaint } from './complaintService';
import type { Desk, DeskWriter } from './deskData';
import { executeRefundCommand, idJitter } from './refundService';

const SYSTEM = { kind: 'system' } as const;

/** When each refund action the clock runs is due (the workflow table refuses it until then). */
const REFUND_TIMERS = {
  info_timeout: (r: RefundRequest, nowIso: string) => dueForInfoTimeout(r, nowIso),
  payout: (r: RefundRequest, nowIso: string) => dueForPayout(r, nowIso, idJitter(r.id)),
} satisfies Partial<Record<RefundAction, (r: RefundRequest, nowIso: string) => boolean>>;
type TimedRefundAction = keyof typeof REFUND_TIMERS;

/** The table's system actions, in its order; each must have its timer above. */
const TIMED_REFUND_ACTIONS = refundWorkflow.clockActions(REFUND_TIMERS, 'refund');

/** The statuses those actions run from, read off the table: the only requests a sweep reads. */
const TIMED_REFUND_STATUSES = [
  ...new Set(TIMED_REFUND_ACTIONS.flatMap((action) => refundWorkflow.spec(action).from)),
];

function dueRefundAction(r: RefundRequest, nowIso: string): TimedRefundAction | null {
  const due = TIMED_REFUND_ACTIONS.find(
    (action) => refundWorkflow.spec(action).from.includes(r.status) && REFUND_TIMERS[action](r, nowIso),
  );
  return due ?? null;
}

async function sweepRefund(tx: DeskWriter, id: string, nowIso: string): Promise<boolean> {
  const r = await tx.get('refunds', id);
  const action = r && dueRefundAction(r, nowIso);
  if (!r || !action) return false;
  return (await executeRefundCommand(tx, r, { action }, SYSTEM, nowIso)).ok;
}

/** One pass over the data; returns how many records it moved. */
export async function sweepAll(desk: Desk, nowIso: string): Promise<number> {
  const moved = await desk.exclusively('refund-desk timers', async () => {
    let count = 0;
    const waiting = await desk.refundsInStatus(TIMED_REFUND_STATUSES);
    for (const r of waiting) {
      if (dueRefundAction(r, nowIso) && (await desk.command((tx) => sweepRefund(tx, r.id, nowIso)))) count++;
    }
    for (const c of await desk.activeComplaints()) {
      if (dueComplaintAction(c, nowIso) && (await desk.command((tx) => sweepComplaint(tx, c.id, nowIso))))
        count++;
    }
    return count;
  });
  return moved ?? 0;
}

/** Starts the clockwork; the function it answers stops it, once a pass under way has finished. */
export function startTimers(
  ctx: { desk: Desk; clock: { nowIso(): string } },
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    // a slow pass is not overlapped by the next one
    if (running) return;
    running = sweepAll(ctx.desk, ctx.clock.nowIso())
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
