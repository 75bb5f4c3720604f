// The mock API's own clockwork: requests awaiting information for 7 days are rejected, approved
// refunds are paid out after their channel's delay, and overdue complaints escalate.
import { dueForInfoTimeout, dueForPayout } from '../src/domain/refundWorkflow';
import { sweepComplaints } from './complaintService';
import { executeRefundCommand, idJitter, type RefundServiceDeps } from './refundService';

const SYSTEM = { kind: 'system' } as const;

/** One pass over the data; returns how many requests it moved. */
export function sweepRefunds(deps: RefundServiceDeps, nowIso: string): number {
  let moved = 0;
  const due = [];
  for (const r of deps.store.all('refunds')) {
    if (r.status === 'awaiting_info' && dueForInfoTimeout(r, nowIso))
      due.push({ r, action: 'info_timeout' as const });
    else if (
      (r.status === 'approved' || r.status === 'partially_approved') &&
      dueForPayout(r, nowIso, idJitter(r.id))
    ) {
      due.push({ r, action: 'payout' as const });
    }
  }
  for (const { r, action } of due) {
    if (executeRefundCommand(deps, r, { action }, SYSTEM, nowIso).ok) moved++;
  }
  return moved;
}

/** Every timed rule, in one pass. */
export function sweepAll(deps: RefundServiceDeps, nowIso: string): number {
  return sweepRefunds(deps, nowIso) + sweepComplaints(deps, nowIso);
}

export function startTimers(
  ctx: RefundServiceDeps & { clock: { nowIso(): string } },
  intervalMs: number,
): () => void {
  const tick = () => {
    try {
      sweepAll(ctx, ctx.clock.nowIso());
    } catch (error) {
      console.error('timer sweep failed', error);
    }
  };
  tick();
  const handle = setInterval(tick, intervalMs);
  handle.unref();
  return () => clearInterval(handle);
}
