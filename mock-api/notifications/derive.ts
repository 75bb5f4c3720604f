// The timers' notification pass: read the facts the rules need (src/domain/notifications.ts) with a
// few indexed queries, derive what each staff member is owed, and insert what is not kept yet.
// Runs under the timers' single-instance lock; the unique (recipient, kind, cause) keeps it right
// even without it (two processes, or a command inserting the same notification meanwhile).
import type { Kysely } from 'kysely';
import {
  complaintFact,
  DUE_WITHIN_MS,
  FORECAST_PACE_WINDOW_MS,
  owedNotifications,
  secondApprovalFact,
  type HeldRequestFact,
  type NotificationFacts,
  type StaffNotification,
} from '../../src/domain/notifications';
import type { RefundDecision, RefundStatus } from '../../src/domain/model';
import { toIso } from '../../src/domain/sla';
import { secondApprovalDueAt, type SlaSettings } from '../../src/domain/slaSettings';
import { readSlaSettings } from '../db/deskSettings';
import type { Database } from '../db/schema';
import type { Desk } from '../deskData';
import { recordNotifications } from './store';

export interface NotificationSweepOptions {
  /**
   * When a second approval waiting since then, without a due time of its own, is past its target;
   * by default the admin's saved calendar and secondApprovalHours (readSlaSettings), read each pass.
   * A request that keeps refunds.secondApprovalDueAt is judged by it, as its page shows it.
   */
  secondApprovalDueMs?: (waitingSinceMs: number) => number;
}

/** The saved calendar's second-approval due time, as the rules take it. */
export function secondApprovalDueMsOf(settings: SlaSettings): (waitingSinceMs: number) => number {
  return (since) => Date.parse(secondApprovalDueAt(settings, toIso(since)));
}

const RUNNING: RefundStatus[] = ['pending', 'in_review'];

/** The facts at `nowMs`, as the rules read them. */
export async function readNotificationFacts(
  desk: Desk,
  db: Kysely<Database>,
  nowMs: number,
  options: NotificationSweepOptions = {},
): Promise<NotificationFacts> {
  const now = toIso(nowMs);
  const dueRows = await db
    .selectFrom('refunds')
    .select(['id', 'orderNumber', 'status', 'assigneeId', 'slaDueAt'])
    .where('status', 'in', RUNNING)
    .where('slaDueAt', '>=', now)
    .where('slaDueAt', '<=', toIso(nowMs + DUE_WITHIN_MS))
    .execute();
  const decided = await db
    .selectFrom('refundDecisions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('atMs', '>=', nowMs - FORECAST_PACE_WINDOW_MS)
    .where('atMs', '<', nowMs)
    .executeTakeFirst();
  const waitingRows = await db
    .selectFrom('refunds')
    .select([
      'id',
      'orderNumber',
      'status',
      'firstApproverId',
      'decision',
      'updatedAt',
      'secondApprovalDueAt',
    ])
    .where('status', '=', 'awaiting_second_approval')
    .execute();
  const secondApprovals = waitingRows.flatMap((r) => {
    const decision = r.decision ? (JSON.parse(r.decision) as RefundDecision) : null;
    const fact = secondApprovalFact({ ...r, status: r.status as RefundStatus, decision });
    return fact ? [fact] : [];
  });
  const staff = await desk.allUsers();
  return {
    nowMs,
    staff,
    heldRequests: dueRows.filter((r) => r.assigneeId !== null) as HeldRequestFact[],
    secondApprovals,
    complaints: (await desk.activeComplaints()).map(complaintFact),
    pace: { dueWithinHour: dueRows.length, recentDecisions: Number(decided?.n ?? 0) },
    secondApprovalDueMs:
      options.secondApprovalDueMs ?? secondApprovalDueMsOf((await readSlaSettings(db)).settings),
  };
}

/** One notification pass: what the facts at `nowIso` owe and is not kept yet, inserted; answers those. */
export async function sweepNotifications(
  desk: Desk,
  db: Kysely<Database>,
  nowIso: string,
  options: NotificationSweepOptions = {},
): Promise<StaffNotification[]> {
  const facts = await readNotificationFacts(desk, db, Date.parse(nowIso), options);
  const owed = owedNotifications(facts);
  if (owed.length === 0) return [];
  return desk.command((tx) => recordNotifications(tx, owed, nowIso));
}
