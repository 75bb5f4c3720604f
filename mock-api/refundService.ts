// Runs one workflow command against the store: the domain decides, this file makes it durable
// (request + audit event + sibling flags in one commit). Used by the HTTP routes, the timers and
// the seed, so demo history is produced by the very rules the desk enforces.
import type { AuditEvent, RefundRequest } from '../src/domain/model';
import {
  applyRefundCommand,
  compareClaimPriority,
  isClaimable,
  type Actor,
  type RefundCommand,
  type WorkflowResult,
} from '../src/domain/refundWorkflow';
import { ApiError } from './http';
import { policyFor, siblingFlagUpdates, withPolicyFlags, type RefundIndex } from './refundRecords';
import type { Change, Store } from './store';

export interface RefundServiceDeps {
  store: Store;
  refundIndex: RefundIndex;
}

export type CommandOutcome =
  { ok: true; request: RefundRequest; event: AuditEvent } | Extract<WorkflowResult, { ok: false }>;

/** Jitter in [0,1) derived from the id, so payout times are stable across restarts. */
export function idJitter(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

export function executeRefundCommand(
  deps: RefundServiceDeps,
  request: RefundRequest,
  command: RefundCommand,
  actor: Actor,
  nowIso: string,
  extraChanges: Change[] = [],
): CommandOutcome {
  const policy = policyFor(deps.store, deps.refundIndex, request);
  const current = withPolicyFlags(request, policy);
  const result = applyRefundCommand(current, command, {
    actor,
    nowIso,
    policy,
    payoutJitter01: idJitter(request.id),
  });
  if (!result.ok) return result;
  const event: AuditEvent = { ...result.event, id: deps.store.nextId('e') };
  const next = withPolicyFlags(result.request, policyFor(deps.store, deps.refundIndex, result.request));
  deps.store.commit([{ c: 'refunds', v: next }, { c: 'events', v: event }, ...extraChanges]);
  // siblings are judged against the committed state; their derived fields are also refreshed at start-up
  deps.store.commit(siblingFlagUpdates(deps.store, deps.refundIndex, [next]));
  return { ok: true, request: next, event };
}

/** Throws the workflow's refusal as an HTTP error carrying the current record on 409. */
export function orThrow(outcome: CommandOutcome, current: RefundRequest): RefundRequest {
  if (outcome.ok) return outcome.request;
  const extra: Record<string, unknown> = {};
  if (outcome.errors) extra.errors = outcome.errors;
  if (outcome.code) extra.code = outcome.code;
  if (outcome.status === 409) extra.current = current;
  throw new ApiError(outcome.status, outcome.message, extra);
}

/**
 * Picks and claims the most urgent unassigned pending request. Synchronous from the scan to the
 * commit, so two reviewers calling at the same moment can never receive the same request.
 */
export function claimNext(deps: RefundServiceDeps, actor: Actor & { kind: 'staff' }, nowIso: string) {
  let best: RefundRequest | null = null;
  for (const r of deps.store.all('refunds')) {
    if (isClaimable(r) && (best === null || compareClaimPriority(r, best) < 0)) best = r;
  }
  if (!best) return null;
  return executeRefundCommand(deps, best, { action: 'claim', version: best.version }, actor, nowIso);
}
