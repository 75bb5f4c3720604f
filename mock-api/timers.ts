// The mock API's own clockwork: requests awaiting information for 7 days are rejected, approved
// refunds are paid out after their channel's delay, and overdue complaints escalate. Each timed
// change is its own transaction that re-reads its record and applies only if it is still due, and
// one process at a time sweeps (Desk.exclusively: an advisory lock on PostgreSQL).
import type { RefundRequest } from '../src/domain/model';
import { dueForInfoTimeout, dueForPayout } from '../src/domain/refundWorkflow';
import { dueComplaintAction, sweepComplaint } from './complaintService';
import type { Desk, DeskWriter } from './deskData';
import { executeRefundCommand, idJitter } from './refundService';

const SYSTEM = { kind: 'system' } as const;

function dueRefundAction(r: RefundRequest, nowIso: string): 'info_timeout' | 'payout' | null {
  if (r.status === 'awaiting_info' && dueForInfoTimeout(r, nowIso)) return 'info_timeout';
  if (dueForPayout(r, nowIso, idJitter(r.id))) return 'payout';
  return null;
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
    const waiting = await desk.refundsInStatus(['awaiting_info', 'approved', 'partially_approved']);
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
