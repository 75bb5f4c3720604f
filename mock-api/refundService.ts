// Runs one workflow command inside a transaction: the domain decides, this file writes what it
// decided (request + audit event + sibling flags, in the caller's one transaction). Used by the HTTP
// routes, the timers and the seed, so demo history is produced by the very rules the desk enforces.
import type { AuditEvent, RefundRequest } from '../src/domain/model';
import {
  applyRefundCommand,
  type Actor,
  type RefundCommand,
  type WorkflowResult,
} from '../src/domain/refundWorkflow';
import {
  awayRefusal,
  claimableBy,
  claimCapOf,
  claimCapRefusal,
  directAssignmentRefusal,
  reviewerProfileOf,
} from '../src/domain/reviewerRouting';
import { CLAIMED_STATUSES } from '../src/domain/staffAccounts';
import type { Refusal } from '../src/domain/refusal';
import type { Change, DeskWriter } from './deskData';
import { refusalError } from './http';
import { policyFor, siblingFlagUpdates, withPolicyFlags } from './refundRecords';

export type CommandOutcome =
  { ok: true; request: RefundRequest; event: AuditEvent } | Extract<WorkflowResult, { ok: false }>;

/** Jitter in [0,1) derived from the id, so payout times are stable across restarts. */
export function idJitter(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/**
 * Applies `command` to `request` as read in this transaction (`tx`) and writes the outcome with
 * `extraChanges` (a complaint's resolution that overturns the decision, say) in the same commit.
 */
export async function executeRefundCommand(
  tx: DeskWriter,
  request: RefundRequest,
  command: RefundCommand,
  actor: Actor,
  nowIso: string,
  extraChanges: Change[] = [],
  /** a last check of the accepted outcome before it is written (routing, routedRefundCommand) */
  vet?: (next: RefundRequest) => Promise<Refusal<409> | null>,
): Promise<CommandOutcome> {
  // every request on the order, as stored: the policy excludes the request itself from them
  const onOrder = await tx.refundsForOrder(request.orderId);
  const policy = await policyFor(tx, request, onOrder);
  const current = withPolicyFlags(request, policy);
  const result = applyRefundCommand(current, command, {
    actor,
    nowIso,
    policy,
    payoutJitter01: idJitter(request.id),
    slaSettings: await tx.slaSettings(),
  });
  if (!result.ok) return result;
  const vetoed = vet ? await vet(result.request) : null;
  if (vetoed) return vetoed;
  const event: AuditEvent = { ...result.event, id: await tx.nextId('e') };
  const next = withPolicyFlags(result.request, await policyFor(tx, result.request, onOrder));
  await tx.commit([
    { c: 'refunds', v: next, over: request.version, was: request },
    { c: 'events', v: event },
    ...extraChanges,
  ]);
  // siblings are judged against the written state, in the same transaction
  await tx.commit(await siblingFlagUpdates(tx, [next]));
  return { ok: true, request: next, event };
}

/** Throws the workflow's refusal as an HTTP error carrying the current record on 409. */
export function orThrow(outcome: CommandOutcome, current: RefundRequest): RefundRequest {
  if (outcome.ok) return outcome.request;
  throw refusalError(outcome, outcome.status === 409 ? { current } : {});
}

/**
 * Picks and claims the most urgent unassigned pending request the reviewer is eligible for, in one
 * transaction: the pick is locked until the claim commits, so two reviewers (in one process or
 * several) never receive the same request. The reviewer's own row is locked first, so their
 * parallel calls count what they hold one after another and never pass their cap together.
 */
export async function claimNext(
  tx: DeskWriter,
  actor: Actor & { kind: 'staff' },
  nowIso: string,
): Promise<CommandOutcome | Refusal<409> | null> {
  const reviewer = await tx.lockedUser(actor.id);
  if (!reviewer) return null;
  const away = awayRefusal(reviewer);
  if (away) return away;
  const held = await tx.countRefundsAssignedTo(actor.id, CLAIMED_STATUSES);
  const overCap = claimCapRefusal(held, claimCapOf(reviewer));
  if (overCap) return overCap;
  const best = await tx.mostUrgentClaimable(claimableBy(reviewerProfileOf(reviewer)));
  if (!best) return null;
  return executeRefundCommand(tx, best, { action: 'claim', version: best.version }, actor, nowIso);
}

/**
 * A staff member's command as the routes run it: a claim or a reassignment that gives the request
 * to a reviewer is checked against routing (directAssignmentRefusal) once the workflow has accepted
 * it, under the reviewer's row lock, so parallel claims and reassignments never pass a cap together.
 * Supervisors taking or being given work are not routed (they are the desk's escalation path).
 */
export async function routedRefundCommand(
  tx: DeskWriter,
  request: RefundRequest,
  command: RefundCommand,
  actor: Actor,
  nowIso: string,
): Promise<CommandOutcome> {
  const kind = command.action === 'claim' || command.action === 'reassign' ? command.action : null;
  const vet = async (next: RefundRequest): Promise<Refusal<409> | null> => {
    const assigneeId = next.assigneeId;
    if (!kind || !assigneeId || assigneeId === request.assigneeId) return null;
    const reviewer = await tx.lockedUser(assigneeId);
    if (!reviewer || reviewer.role !== 'reviewer') return null;
    const held = await tx.countRefundsAssignedTo(assigneeId, CLAIMED_STATUSES, request.id);
    return directAssignmentRefusal(kind, reviewer, held, next);
  };
  return executeRefundCommand(tx, request, command, actor, nowIso, [], vet);
}
