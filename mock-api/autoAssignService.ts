// Automatic assignment at intake (src/domain/autoAssignment.ts decides): with the supervisor's
// switch on and the desk on shift, a new request is claimed, in its intake's transaction, for the
// least-loaded eligible reviewer. Every active reviewer's row is locked first, in id order, and
// their loads counted after: a parallel intake waits for this one, and a parallel claim-next (which
// locks its reviewer's row first too) either counted before or waits, so no cap is passed and no
// two transactions lock reviewers in an order that could deadlock.
import { sql } from 'kysely';
import { chooseAssignee, deskOnShift, type AssignmentCandidate } from '../src/domain/autoAssignment';
import type { RefundRequest } from '../src/domain/model';
import { CLAIMED_STATUSES } from '../src/domain/staffAccounts';
import { fromRow } from './db/codecs';
import { readAssignmentSettings } from './db/deskSettings';
import { engineOf } from './db/engine';
import { transactionDb } from './db/sqlDesk';
import type { DeskWriter } from './deskData';
import { executeRefundCommand } from './refundService';

/** Every active reviewer, locked until the command commits, with the requests each holds. */
async function lockedCandidates(tx: DeskWriter): Promise<AssignmentCandidate[]> {
  const db = transactionDb(tx);
  // SQLite: the command's BEGIN IMMEDIATE already holds the only write lock
  const lock = engineOf(db) === 'postgres' ? sql`for update` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    select * from "users" where "role" = ${'reviewer'} and "active" = ${1} order by "id" ${lock}`.execute(db);
  const reviewers = rows.map((row) => fromRow('users', row));
  if (reviewers.length === 0) return [];
  const loads = await db
    .selectFrom('refunds')
    .select(['assigneeId', (eb) => eb.fn.countAll<number | string>().as('held')])
    .where('status', 'in', [...CLAIMED_STATUSES])
    .where(
      'assigneeId',
      'in',
      reviewers.map((r) => r.id),
    )
    .groupBy('assigneeId')
    .execute();
  const held = new Map(loads.map((l) => [l.assigneeId, Number(l.held)]));
  return reviewers.map((reviewer) => ({ ...reviewer, held: held.get(reviewer.id) ?? 0 }));
}

/**
 * `request` (just written by the intake, in `tx`) claimed for the reviewer chosen, or as it was when
 * automatic assignment is off, the desk is off shift or nobody may receive it (it waits in the
 * queue for claim-next, as always).
 */
export async function assignOnArrival(
  tx: DeskWriter,
  request: RefundRequest,
  nowIso: string,
): Promise<RefundRequest> {
  const { settings } = await readAssignmentSettings(transactionDb(tx));
  if (!settings.automatic) return request;
  if (!deskOnShift(await tx.slaSettings(), Date.parse(nowIso))) return request;
  const chosen = chooseAssignee(await lockedCandidates(tx), request);
  if (!chosen) return request;
  const outcome = await executeRefundCommand(
    tx,
    request,
    { action: 'auto_assign', assigneeId: chosen.id },
    { kind: 'system' },
    nowIso,
  );
  // the table refuses only a request that is not new and unassigned, which this one just was
  if (!outcome.ok) throw new Error(`Automatic assignment of ${request.id} was refused: ${outcome.code}`);
  return outcome.request;
}
