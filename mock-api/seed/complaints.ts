// Demo complaints for the seed: about 4% of decided requests get one, played through the complaint
// workflow (open, take, notes, contacts, escalation, resolution, close, reopen) and the mock API's
// clockwork (auto-escalation at the due time, the overdue flag), so every complaint, audit event
// and overturned request follows the rules the desk enforces. Deterministic: only `rng` and
// `nowMs` decide. The first complaints cover every plan, so even a small seed shows every status.
import { availableOutcomes, type ComplaintCommand } from '../../src/domain/complaintWorkflow';
import type {
  Complaint,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintOutcome,
  RefundRequest,
} from '../../src/domain/model';
import { overturnFloorFen, type Actor } from '../../src/domain/refundWorkflow';
import {
  COMPLAINT_LEVEL1_MS,
  COMPLAINT_LEVEL2_MS,
  DAY_MS,
  HOUR_MS,
  payoutAt,
  toIso,
  toMs,
} from '../../src/domain/sla';
import { complaintDueAt } from '../../src/domain/slaSettings';
import { createComplaint, dueComplaintAction, executeComplaintCommand } from '../complaintService';
import { executeRefundCommand, idJitter } from '../refundService';
import {
  AWAITING,
  CLOSE_NOTES,
  CONTACTS,
  DESCRIPTIONS,
  ESCALATIONS,
  MESSAGES,
  NOTES,
  REOPEN_NOTES,
  type Texts,
} from './complaintTexts';
import type { Rng } from './random';
import type { SeedWorld } from './world';
import { idNumber } from '../simpleRest';

/** Share of decided requests that get a complaint. */
const COMPLAINT_RATE = 0.04;
/** The mock API's sweep runs every 30 s: timed rules fire at most that long after their due time. */
const SWEEP_MS = 30_000;
const MINUTE_MS = 60_000;

type Plan =
  | 'open_fresh'
  | 'investigating'
  | 'awaiting_customer'
  | 'escalated'
  | 'auto_escalated'
  | 'overdue'
  | 'upheld'
  | 'overturned'
  | 'partially_overturned'
  | 'goodwill'
  | 'closed'
  | 'reopened';

/** Played first, in this order, so that a small seed still shows every status and story. */
const COVER_FIRST: Plan[] = [
  'overturned',
  'open_fresh',
  'investigating',
  'awaiting_customer',
  'escalated',
  'overdue',
  'closed',
  'goodwill',
  'auto_escalated',
  'partially_overturned',
  'reopened',
  'upheld',
];

const PLAN_WEIGHTS: readonly (readonly [Plan, number])[] = [
  ['upheld', 22],
  ['closed', 18],
  ['overturned', 12],
  ['goodwill', 10],
  ['open_fresh', 8],
  ['investigating', 8],
  ['partially_overturned', 5],
  ['awaiting_customer', 5],
  ['escalated', 4],
  ['auto_escalated', 3],
  ['overdue', 3],
  ['reopened', 2],
];

const RESOLUTION_PLANS: Partial<Record<Plan, ComplaintOutcome>> = {
  upheld: 'upheld',
  overturned: 'overturned',
  partially_overturned: 'partially_overturned',
  goodwill: 'goodwill',
};

interface Staff {
  reviewers: string[];
  supervisors: string[];
}

/**
 * Opens complaints on about 4% of decided requests (never on a request that already has one).
 * Returns how many it opened.
 */
export async function seedComplaints(world: SeedWorld, rng: Rng, nowMs: number): Promise<number> {
  const users = [...world.all('users')].filter((u) => u.active);
  const staff: Staff = {
    reviewers: users.filter((u) => u.role === 'reviewer').map((u) => u.id),
    supervisors: users.filter((u) => u.role === 'supervisor').map((u) => u.id),
  };
  if (staff.supervisors.length === 0) return 0;

  const taken = new Set([...world.all('complaints')].map((c) => c.refundId));
  const candidates = [...world.all('refunds')]
    .filter((r) => r.decidedAt !== null && !OPEN.includes(r.status) && !taken.has(r.id))
    .sort((a, b) => idNumber(a.id) - idNumber(b.id));

  const uncovered = [...COVER_FIRST];
  let opened = 0;
  for (const candidate of candidates) {
    if (!rng.chance(COMPLAINT_RATE)) continue;
    const refund = world.current('refunds', candidate.id)!;
    const feasible = (plan: Plan) => planFits(world, plan, refund, nowMs);
    const first = uncovered.findIndex(feasible);
    let plan: Plan | undefined;
    if (first >= 0) plan = uncovered.splice(first, 1)[0];
    else {
      const options = PLAN_WEIGHTS.filter(([p]) => feasible(p));
      if (options.length > 0) plan = rng.weighted(options);
    }
    if (!plan) continue;
    if (await playComplaint(world, rng, refund, plan, staff, nowMs)) opened++;
  }
  return opened;
}

const OPEN: readonly string[] = ['pending', 'in_review', 'awaiting_info', 'awaiting_second_approval'];

/** Level-1 handling time of most channels (regulator referrals: the level-2 time). */
const SPAN = COMPLAINT_LEVEL1_MS;
const L2_SPAN = COMPLAINT_LEVEL2_MS;

/** How long ago a plan's complaint must have been opened: [min, max] in ms. */
function ageRange(plan: Plan): [number, number] {
  switch (plan) {
    case 'open_fresh':
      return [2 * HOUR_MS, 20 * HOUR_MS];
    case 'investigating':
    case 'awaiting_customer':
      return [6 * HOUR_MS, 20 * HOUR_MS];
    case 'escalated':
      return [10 * HOUR_MS, 20 * HOUR_MS];
    case 'auto_escalated':
      return [SPAN + HOUR_MS, SPAN + 20 * HOUR_MS];
    case 'overdue':
      return [SPAN + L2_SPAN + HOUR_MS, SPAN + L2_SPAN + 72 * HOUR_MS];
    case 'reopened':
      return [4 * DAY_MS, 10 * DAY_MS];
    default:
      return [3 * DAY_MS, 45 * DAY_MS];
  }
}

function planFits(world: SeedWorld, plan: Plan, refund: RefundRequest, nowMs: number): boolean {
  const [minAge] = ageRange(plan);
  // the complaint comes after the request's last change (its decision, or its payout)
  if (nowMs - minAge < toMs(refund.updatedAt) + 30 * MINUTE_MS) return false;
  const outcome = RESOLUTION_PLANS[plan];
  if (outcome === undefined) return true;
  if (!availableOutcomes(refund).includes(outcome)) return false;
  // never overturn a request whose order has other requests (a resubmission, a duplicate): the
  // refundable amount is per request, so that could refund the same coins twice
  return outcome === 'upheld' || outcome === 'goodwill' || world.requestsOnOrder(refund.orderId) === 1;
}

function categoryFor(rng: Rng, refund: RefundRequest): ComplaintCategory {
  if (refund.status === 'rejected') {
    return rng.weighted<ComplaintCategory>([
      ['disputes_rejection', 75],
      ['reviewer_conduct', 15],
      ['other', 10],
    ]);
  }
  if (refund.approvedFen !== null && refund.approvedFen < refund.refundableFen) {
    return rng.weighted<ComplaintCategory>([
      ['disputes_partial_amount', 80],
      ['other', 20],
    ]);
  }
  const slow =
    refund.firstDecisionAt !== null && toMs(refund.firstDecisionAt) - toMs(refund.submittedAt) > DAY_MS;
  return rng.weighted<ComplaintCategory>([
    ['payout_not_received', 45],
    ['refund_late', slow ? 40 : 5],
    ['other', 10],
  ]);
}

/** Plays one complaint's life; false when it could not even be opened. */
async function playComplaint(
  world: SeedWorld,
  rng: Rng,
  refund: RefundRequest,
  plan: Plan,
  staff: Staff,
  nowMs: number,
): Promise<boolean> {
  const locale = refund.customerLocale;
  const say = (texts: Texts) => rng.pick(texts[locale]);
  const supervisor: Actor = { kind: 'staff', id: rng.pick(staff.supervisors), role: 'supervisor' };

  const channel = rng.weighted<ComplaintChannel>([
    ['in_app', 45],
    ['phone', 25],
    ['online_chat', 25],
    ['regulator_referral', plan === 'overdue' || plan === 'escalated' ? 15 : 5],
  ]);
  const decidedBy = refund.decision?.by;
  const opener: Actor =
    channel === 'in_app' || channel === 'online_chat'
      ? { kind: 'customer' }
      : channel === 'phone' && rng.chance(0.7) && staff.reviewers.length > 0
        ? {
            kind: 'staff',
            id: decidedBy && staff.reviewers.includes(decidedBy) ? decidedBy : rng.pick(staff.reviewers),
            role: 'reviewer',
          }
        : supervisor;

  // a regulator referral's level-1 span is 24 h, not 48 h: keep active plans inside their story
  const span = toMs(complaintDueAt(await world.slaSettings(), 1, channel, toIso(0)));
  const [minAge, planMaxAge] = ageRange(plan);
  // no older than the request's last change allows
  const maxAge = Math.max(minAge, Math.min(planMaxAge, nowMs - toMs(refund.updatedAt) - 30 * MINUTE_MS));
  const scale = plan === 'auto_escalated' || plan === 'overdue' ? 1 : span / SPAN;
  const shift = plan === 'auto_escalated' || plan === 'overdue' ? span - SPAN : 0;
  const age = Math.round((minAge + rng.next() * (maxAge - minAge)) * scale + shift);
  const openedMs = Math.max(nowMs - age, toMs(refund.updatedAt) + 30 * MINUTE_MS);
  if (openedMs >= nowMs) return false;

  const category = categoryFor(rng, refund);
  const created = await createComplaint(
    world,
    refund,
    { refundId: refund.id, channel, category, description: say(DESCRIPTIONS[category]) },
    opener,
    toIso(openedMs),
  );
  if (!created.ok) return false;
  const id = created.complaint.id;
  const get = (): Complaint => world.current('complaints', id)!;

  /** The mock API's sweep, played up to `untilMs`: auto-escalation, then the overdue flag. */
  const clockwork = async (untilMs: number) => {
    for (let guard = 0; guard < 3; guard++) {
      const c = get();
      const at = Math.min(toMs(c.dueAt) + Math.round(rng.next() * SWEEP_MS), nowMs);
      if (at > untilMs) return;
      const iso = toIso(at);
      const action = dueComplaintAction(c, iso);
      if (!action) return;
      await executeComplaintCommand(world, c, { action } as ComplaintCommand, { kind: 'system' }, iso);
    }
  };

  let t = openedMs;
  /** Runs a staff command at `atMs` (after the clockwork caught up); false when refused or in the future. */
  const run = async (
    make: (version: number) => ComplaintCommand,
    actor: Actor,
    atMs: number,
  ): Promise<boolean> => {
    if (atMs > nowMs) return false;
    await clockwork(atMs);
    const c = get();
    const outcome = await executeComplaintCommand(world, c, make(c.version), actor, toIso(atMs));
    if (outcome.ok) t = atMs;
    return outcome.ok;
  };
  const later = (minMs: number, maxMs: number) => t + minMs + Math.round(rng.next() * (maxMs - minMs));

  const supervisorId = supervisor.kind === 'staff' ? supervisor.id : '';
  const take = () =>
    run(
      (version) => ({ action: 'assign', version, assigneeId: supervisorId }),
      supervisor,
      later(10 * MINUTE_MS, 2 * HOUR_MS),
    );
  const note = () =>
    run(() => ({ action: 'note', text: say(NOTES) }), supervisor, later(10 * MINUTE_MS, HOUR_MS));
  const contact = (awaitingReply = false) =>
    run(
      (version) => ({
        action: 'contact',
        version,
        text: say(awaitingReply ? AWAITING : CONTACTS),
        awaitingReply,
      }),
      supervisor,
      later(10 * MINUTE_MS, HOUR_MS),
    );
  const escalate = () =>
    run(
      (version) => ({ action: 'escalate', version, reason: say(ESCALATIONS) }),
      supervisor,
      later(10 * MINUTE_MS, 2 * HOUR_MS),
    );

  const resolve = async (outcome: ComplaintOutcome, atMs: number) => {
    const current = world.current('refunds', refund.id)!;
    const floor = overturnFloorFen(current);
    const amountFen =
      outcome === 'partially_overturned'
        ? floor + 1 + Math.floor(rng.next() * (current.refundableFen - floor - 1))
        : undefined;
    const ok = await run(
      (version) => ({
        action: 'resolve',
        version,
        outcome,
        customerMessage: say(MESSAGES[outcome]),
        ...(amountFen !== undefined ? { amountFen } : {}),
        ...(outcome === 'goodwill' ? { goodwillCoins: rng.pick([100, 200, 300, 500, 1_000, 2_000]) } : {}),
      }),
      supervisor,
      atMs,
    );
    const pending = ok ? get().pendingResolution : null;
    if (pending) {
      // four eyes: another supervisor (not the opener, not the holder) confirms; a few stay waiting
      const second = staff.supervisors.find((id) => id !== supervisorId && id !== get().openedBy);
      if (!second || rng.chance(0.15)) return ok;
      const approver: Actor = { kind: 'staff', id: second, role: 'supervisor' };
      const confirmed = await run(
        (version) => ({ action: 'second_approval', version, decision: 'confirm' }),
        approver,
        later(20 * MINUTE_MS, 6 * HOUR_MS),
      );
      if (!confirmed) return ok;
    }
    if (ok && (outcome === 'overturned' || outcome === 'partially_overturned')) {
      // the mock API's payout timer, played like the refund seed does
      const overturned = world.current('refunds', refund.id)!;
      if (overturned.decidedAt) {
        const paidAt = toMs(
          payoutAt(overturned.paymentChannel, overturned.decidedAt, idJitter(overturned.id)),
        );
        if (paidAt <= nowMs) {
          await executeRefundCommand(
            world,
            overturned,
            { action: 'payout' },
            { kind: 'system' },
            toIso(paidAt),
          );
        }
      }
    }
    return ok;
  };

  /** Take, look into it, maybe escalate, then resolve inside the due time (sometimes after it). */
  const workAndResolve = async (outcome: ComplaintOutcome): Promise<boolean> => {
    if (!(await take())) return false;
    await note();
    if (rng.chance(0.5)) await contact();
    if (rng.chance(0.25)) await escalate();
    const due = toMs(get().dueAt);
    const late = rng.chance(0.1);
    const at = late
      ? due + rng.int(1, 10) * HOUR_MS
      : Math.max(t + 30 * MINUTE_MS, due - rng.next() * (due - t) * 0.9);
    return await resolve(outcome, Math.max(at, t + 10 * MINUTE_MS));
  };

  switch (plan) {
    case 'open_fresh':
      break;
    case 'investigating':
      if (await take()) {
        await note();
        if (rng.chance(0.5)) await contact();
      }
      break;
    case 'awaiting_customer':
      if (await take()) await contact(true);
      break;
    case 'escalated':
      if (await take()) {
        await note();
        await escalate();
      }
      break;
    case 'auto_escalated':
    case 'overdue':
      if (rng.chance(0.6)) await take();
      break;
    case 'closed': {
      const outcome = rng.weighted<ComplaintOutcome>(
        (['upheld', 'goodwill', 'overturned'] as const)
          .filter((o) => availableOutcomes(world.current('refunds', refund.id)!).includes(o))
          .map((o) => [o, o === 'upheld' ? 5 : 2] as const),
      );
      if (await workAndResolve(outcome)) {
        await run(
          (version) => ({ action: 'close', version, note: say(CLOSE_NOTES) }),
          supervisor,
          later(DAY_MS, 5 * DAY_MS),
        );
      }
      break;
    }
    case 'reopened': {
      if (!(await workAndResolve('upheld'))) break;
      const reopenAt = nowMs - Math.round((0.1 + rng.next() * 0.5) * span);
      if (reopenAt > t) {
        await run(
          (version) => ({ action: 'reopen', version, note: say(REOPEN_NOTES) }),
          supervisor,
          reopenAt,
        );
        await note();
      }
      break;
    }
    default: {
      const outcome = RESOLUTION_PLANS[plan];
      if (outcome) await workAndResolve(outcome);
    }
  }
  await clockwork(nowMs);
  return true;
}
