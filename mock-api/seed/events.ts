// One request's demo history, played through the desk's own workflow (claim, decide, second
// approval, customer reply, payout …) at the times the seed picks, so every status, audit event and
// metric of the demo follows the rules the desk enforces.
import {
  approvalTemplate,
  fenToYuan,
  formatArrival,
  infoRequestTemplate,
  rejectionTemplate,
} from '../../src/domain/messageTemplates';
import type { Actor, RefundCommand } from '../../src/domain/refundWorkflow';
import { HOUR_MS, INFO_TIMEOUT_MS, expectedArrivalAt, payoutAt, toIso, toMs } from '../../src/domain/sla';
import { idleReleaseAt } from '../../src/domain/refundWorkflowQueries';
import { DEFAULT_SLA_SETTINGS } from '../../src/domain/slaSettings';
import { policyFor } from '../refundRecords';
import { executeRefundCommand, idJitter } from '../refundService';
import type { Rng } from './random';
import type { SeedWorld } from './world';

export interface Plan {
  /** force a rejection (used for requests that are later resubmitted) */
  forceReject?: boolean;
  reviewerId: string;
  /** recent requests stay in the live queue: untouched, claimed, or waiting for the second approver */
  stopAt?: 'before_claim' | 'after_claim' | 'before_second_approval';
}

export async function playHistory(world: SeedWorld, rng: Rng, id: string, plan: Plan, nowMs: number) {
  const get = () => world.current('refunds', id)!;
  const reviewer: Actor = { kind: 'staff', id: plan.reviewerId, role: 'reviewer' };
  // a second approver is never someone who already took part (fourEyes.ts): the approver, the overrider
  const supervisorFor = (...involved: (string | null)[]): Actor => ({
    kind: 'staff',
    id: involved.includes('u3') ? 'u7' : involved.includes('u7') ? 'u3' : rng.chance(0.7) ? 'u3' : 'u7',
    role: 'supervisor',
  });
  const run = async (command: RefundCommand, actor: Actor, atMs: number): Promise<boolean> => {
    if (atMs > nowMs) return false;
    return (await executeRefundCommand(world, get(), command, actor, toIso(atMs))).ok;
  };

  let t = toMs(get().submittedAt);
  for (let round = 0; round < 3; round++) {
    // queue wait before a reviewer claims it: mostly hours, sometimes past the 24 h SLA
    t += rng.chance(0.12) ? rng.int(20, 40) * HOUR_MS : rng.exp(5 * HOUR_MS) + 5 * 60_000;
    const r = get();
    if (plan.stopAt === 'before_claim' && round === 0) return;
    // a claim the demo opens on is fresh: held longer than the idle-claim minutes (default 60),
    // it would go back to the queue at the timers' first sweep (from the id, not the rng, so the
    // rest of the demo stays the same)
    if (plan.stopAt === 'after_claim') {
      t = Math.max(toMs(r.submittedAt) + 60_000, nowMs - (5 + Math.floor(idJitter(id) * 45)) * 60_000);
    }
    if (r.status === 'pending' && !(await run({ action: 'claim', version: r.version }, reviewer, t))) return;
    if (plan.stopAt === 'after_claim') return;
    t += rng.int(2, 25) * 60_000;
    if (t > nowMs) return;

    const current = get();
    const policy = await policyFor(world, current);
    const vars = { orderNumber: current.orderNumber };
    const against = rng.chance(0.07);
    let decision = plan.forceReject ? 'reject' : policy.suggestion;
    let againstSuggestionReason: string | undefined;
    if (against && !plan.forceReject) {
      decision = decision === 'reject' ? (policy.refundableFen > 0 ? 'approve' : 'request_info') : 'reject';
      againstSuggestionReason =
        decision === 'reject'
          ? 'Earlier abuse on this account.'
          : 'Customer is a long-standing user; goodwill.';
    }

    if (decision === 'request_info') {
      const missing = policy.suggestedMissingItems.length
        ? policy.suggestedMissingItems
        : ['payment_proof' as const];
      if (
        !(await run(
          {
            action: 'request_info',
            version: current.version,
            missingItems: missing,
            customerMessage: infoRequestTemplate(missing, current.customerLocale, vars),
            againstSuggestionReason,
          },
          reviewer,
          t,
        ))
      )
        return;
      if (plan.forceReject || rng.chance(0.3)) {
        // no reply: the mock API's timer rejects it after 7 days
        const timeoutAt = t + INFO_TIMEOUT_MS + rng.int(1, 30) * 60_000;
        await run({ action: 'info_timeout' }, { kind: 'system' }, timeoutAt);
        return;
      }
      t += rng.exp(30 * HOUR_MS) + HOUR_MS;
      const waiting = get();
      if (
        !(await run(
          {
            action: 'customer_reply',
            suppliedItems: missing,
            message:
              waiting.customerLocale === 'en'
                ? 'Here is the information you asked for.'
                : '已补充资料，请查收。',
          },
          { kind: 'customer' },
          t,
        ))
      )
        return;
      continue;
    }

    if (decision === 'reject') {
      const reasonCode = plan.forceReject ? 'information_missing' : (policy.suggestedRejection ?? 'other');
      await run(
        {
          action: 'reject',
          version: current.version,
          reasonCode,
          customerMessage: rejectionTemplate(reasonCode, current.customerLocale, {
            ...vars,
            heldByRequestIds: policy.heldByRequestIds,
            someCoinsSpent: current.coinsSpent > 0,
          }),
          note: reasonCode === 'other' ? 'See internal note.' : undefined,
          againstSuggestionReason:
            plan.forceReject && policy.suggestion !== 'reject'
              ? 'Evidence contradicts the claim.'
              : againstSuggestionReason,
        },
        reviewer,
        t,
      );
      return;
    }

    // approve (full or partial); a blocked approval needs a supervisor's override first
    if (policy.approvalBlockers.length > 0) {
      const sup = supervisorFor();
      if (
        !(await run(
          {
            action: 'override',
            version: current.version,
            note: 'Goodwill exception approved by supervisor.',
          },
          sup,
          t,
        ))
      )
        return;
      t += rng.int(5, 60) * 60_000;
    }
    const before = get();
    const beforePolicy = await policyFor(world, before);
    const refundable = beforePolicy.refundableFen;
    const amountFen = rng.chance(0.1)
      ? Math.max(1, Math.round(refundable * (0.5 + rng.next() * 0.4)))
      : refundable;
    const approved = await run(
      {
        action: 'approve',
        version: before.version,
        amountFen,
        customerMessage: approvalTemplate(before.customerLocale, {
          orderNumber: before.orderNumber,
          amountYuan: fenToYuan(amountFen),
          partial: amountFen < before.paidFen,
          limit: amountFen < refundable ? 'none' : beforePolicy.refundableLimit,
          heldByRequestIds: beforePolicy.heldByRequestIds,
          expectedArrival: formatArrival(
            expectedArrivalAt(before.paymentChannel, toIso(t)),
            before.customerLocale,
          ),
        }),
        againstSuggestionReason,
      },
      reviewer,
      t,
    );
    if (!approved) return;
    if (get().status === 'awaiting_second_approval') {
      if (plan.stopAt === 'before_second_approval') return;
      t += rng.exp(4 * HOUR_MS) + 10 * 60_000;
      const waiting = get();
      const sendBack = rng.chance(0.08);
      const sup = supervisorFor(waiting.firstApproverId, waiting.overrideBy);
      if (
        !(await run(
          {
            action: 'second_approval',
            version: waiting.version,
            decision: sendBack ? 'send_back' : 'confirm',
            note: sendBack ? 'Please double-check the tipped amount.' : undefined,
          },
          sup,
          t,
        ))
      )
        return;
      if (sendBack) continue;
    }
    const done = get();
    if (done.decidedAt) {
      const paidAt = toMs(payoutAt(done.paymentChannel, done.decidedAt, idJitter(done.id)));
      await run({ action: 'payout' }, { kind: 'system' }, paidAt);
    }
    return;
  }
  // sent back every round: the claim then sat idle, and the idle timer handed it back, as it would
  const stuck = get();
  if (stuck.status === 'in_review' && stuck.assigneeId !== null) {
    const releasedAt = toMs(idleReleaseAt(stuck, DEFAULT_SLA_SETTINGS));
    await run({ action: 'release_idle' }, { kind: 'system' }, releasedAt);
  }
}
