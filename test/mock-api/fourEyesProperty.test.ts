// Part 8, the property: no sequence of actions by one supervisor (or by a reviewer and that one
// supervisor, where the supervisor would have to act twice) moves money above the threshold or on
// a tipping order, on any path (approval, override then approval, overturn, partial overturn,
// goodwill); the same actions by two distinct supervisors do. Played on the real services
// (refundService, complaintService), one command per transaction, over a real SQLite database
// holding a seeded database (a fresh copy per run).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRow } from '../../mock-api/db/codecs';
import type { Snapshot } from '../../mock-api/deskData';
import { createComplaint, executeComplaintCommand } from '../../mock-api/complaintService';
import { executeRefundCommand } from '../../mock-api/refundService';
import { generateSeed } from '../../mock-api/seed/index';
import type { ComplaintCommand } from '../../src/domain/complaintWorkflow';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import type { Actor, RefundCommand } from '../../src/domain/refundWorkflow';
import { toIso } from '../../src/domain/sla';
import { snapshotTemplate, type SnapshotTemplate } from '../support/snapshotDatabase';

const MSG = '您好，经复核，我们决定退款。';

type Path = 'approve' | 'override_then_approve' | 'overturn' | 'partial_overturn' | 'goodwill';
const PATHS: Path[] = ['approve', 'override_then_approve', 'overturn', 'partial_overturn', 'goodwill'];

const REVIEWER: Actor = { kind: 'staff', id: 'u1', role: 'reviewer' };
const SUP_A: Actor = { kind: 'staff', id: 'u3', role: 'supervisor' };
const SUP_B: Actor = { kind: 'staff', id: 'u7', role: 'supervisor' };

type Step =
  | 'claim'
  | 'override'
  | 'approve'
  | 'second_approval'
  | 'open_complaint'
  | 'take_complaint'
  | 'resolve'
  | 'complaint_second_approval'
  | 'reopen';
const STEPS: Step[] = [
  'claim',
  'override',
  'approve',
  'second_approval',
  'open_complaint',
  'take_complaint',
  'resolve',
  'complaint_second_approval',
  'reopen',
];

describe('property: four eyes on money', () => {
  const nowMs = Date.parse('2026-03-10T08:00:00.000Z');
  let snapshot: Snapshot;
  let template: SnapshotTemplate;
  const candidates = {} as Record<Path, RefundRequest[]>;
  beforeAll(async () => {
    snapshot = await generateSeed({ count: 900, seed: 5, nowMs, withComplaints: false });
    template = await snapshotTemplate(snapshot);
    Object.assign(candidates, candidatesOf(snapshot));
  });
  afterAll(() => template?.remove());
  const needsFourEyes = (r: RefundRequest) => r.tipping || r.refundableFen > SECOND_APPROVAL_THRESHOLD_FEN;
  const blocked = (r: RefundRequest) => r.outsideWindow || r.accountRestricted;
  const candidatesOf = (snapshot: Snapshot): Record<Path, RefundRequest[]> => {
    const singleOnOrder = (r: RefundRequest) =>
      snapshot.refunds.filter((x) => x.orderId === r.orderId).length === 1;
    return {
      approve: snapshot.refunds.filter(
        (r) =>
          r.status === 'pending' &&
          r.assigneeId === null &&
          !blocked(r) &&
          !r.duplicate &&
          r.refundableFen > 0 &&
          needsFourEyes(r),
      ),
      override_then_approve: snapshot.refunds.filter(
        (r) =>
          r.status === 'pending' &&
          r.assigneeId === null &&
          blocked(r) &&
          !r.duplicate &&
          r.refundableFen > 1,
      ),
      overturn: snapshot.refunds.filter(
        (r) => r.status === 'rejected' && singleOnOrder(r) && r.refundableFen > 0 && needsFourEyes(r),
      ),
      partial_overturn: snapshot.refunds.filter(
        (r) => r.status === 'rejected' && singleOnOrder(r) && needsFourEyes(r) && r.refundableFen > 2,
      ),
      goodwill: snapshot.refunds.filter((r) => r.status === 'refunded' && r.tipping),
    };
  };

  it('has candidates for every path', () => {
    for (const path of PATHS) expect(candidates[path].length, path).toBeGreaterThan(0);
  });

  /** Plays `steps` on a fresh copy of the data; true when money moved (a refund or goodwill). */
  async function play(
    path: Path,
    request: RefundRequest,
    steps: { step: Step; actor: Actor }[],
  ): Promise<boolean> {
    const database = await template.copy();
    try {
      return await playOn(database, path, request, steps);
    } finally {
      await database.close();
    }
  }

  async function playOn(
    { desk, db }: Awaited<ReturnType<SnapshotTemplate['copy']>>,
    path: Path,
    request: RefundRequest,
    steps: { step: Step; actor: Actor }[],
  ): Promise<boolean> {
    let t = nowMs + 60_000;
    const now = () => toIso((t += 60_000));
    const refund = async () => (await desk.get('refunds', request.id))!;
    const complaints = async () =>
      (await db.selectFrom('complaints').selectAll().orderBy('idNumber').execute()).map((row) =>
        fromRow('complaints', row),
      );
    const complaint = async (): Promise<Complaint | null> =>
      (await desk.activeComplaintFor(request.id)) ??
      (await complaints()).find((c) => c.refundId === request.id) ??
      null;
    // each command in its own transaction, on the request as stored, as the API runs it
    const runRefund = (command: RefundCommand, actor: Actor) =>
      desk.command(async (tx) =>
        executeRefundCommand(tx, (await tx.get('refunds', request.id))!, command, actor, now()),
      );
    const runComplaint = async (make: (c: Complaint) => ComplaintCommand, actor: Actor) => {
      const c = await complaint();
      if (c) await desk.command((tx) => executeComplaintCommand(tx, c, make(c), actor, now()));
    };
    const r0 = await refund();
    for (const { step, actor } of steps) {
      const r = await refund();
      const id = actor.kind === 'staff' ? actor.id : '';
      switch (step) {
        case 'claim':
          await runRefund({ action: 'claim', version: r.version }, actor);
          break;
        case 'override':
          await runRefund({ action: 'override', version: r.version, note: 'Exception.' }, actor);
          break;
        case 'approve':
          await runRefund(
            {
              action: 'approve',
              version: r.version,
              customerMessage: MSG,
              againstSuggestionReason: 'Why not.',
            },
            actor,
          );
          break;
        case 'second_approval':
          await runRefund({ action: 'second_approval', version: r.version, decision: 'confirm' }, actor);
          break;
        case 'open_complaint':
          await desk.command((tx) =>
            createComplaint(
              tx,
              r,
              { refundId: r.id, channel: 'phone', category: 'other', description: 'Unhappy.' },
              actor,
              now(),
            ),
          );
          break;
        case 'take_complaint':
          await runComplaint((c) => ({ action: 'assign', version: c.version, assigneeId: id }), actor);
          break;
        case 'resolve':
          await runComplaint(
            (c) => ({
              action: 'resolve',
              version: c.version,
              customerMessage: MSG,
              ...(path === 'goodwill'
                ? { outcome: 'goodwill', goodwillCoins: 10 }
                : path === 'partial_overturn'
                  ? { outcome: 'partially_overturned', amountFen: r.refundableFen - 1 }
                  : { outcome: 'overturned' }),
            }),
            actor,
          );
          break;
        case 'complaint_second_approval':
          await runComplaint(
            (c) => ({ action: 'second_approval', version: c.version, decision: 'confirm' }),
            actor,
          );
          break;
        case 'reopen':
          await runComplaint((c) => ({ action: 'reopen', version: c.version }), actor);
          break;
      }
    }
    const end = await refund();
    const refunded =
      ['approved', 'partially_approved', 'refunded'].includes(end.status) &&
      (end.approvedFen ?? 0) >
        (r0.status === 'refunded' || r0.status === 'partially_approved' ? (r0.approvedFen ?? 0) : 0);
    const goodwill = (await complaints()).some((c) => (c.goodwillCredits ?? []).length > 0);
    return path === 'goodwill' ? goodwill : refunded;
  }

  const HAPPY: Record<Path, Step[]> = {
    approve: ['claim', 'approve', 'second_approval'],
    override_then_approve: ['claim', 'override', 'approve', 'second_approval'],
    overturn: ['open_complaint', 'take_complaint', 'resolve', 'complaint_second_approval'],
    partial_overturn: ['open_complaint', 'take_complaint', 'resolve', 'complaint_second_approval'],
    goodwill: ['open_complaint', 'take_complaint', 'resolve', 'complaint_second_approval'],
  };

  const pathArb = fc.constantFrom(...PATHS);
  const stepsArb = fc.array(fc.constantFrom(...STEPS), { minLength: 1, maxLength: 10 });

  it('no sequence of actions by one supervisor moves money that needs four eyes', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathArb,
        fc.nat(),
        fc.constantFrom(SUP_A, SUP_B),
        stepsArb,
        async (path, pick, sup, steps) => {
          const request = candidates[path][pick % candidates[path].length];
          // the happy path first, then whatever else: one person never gets there
          const all = [...HAPPY[path], ...steps].map((step) => ({ step, actor: sup }));
          expect(await play(path, request, all)).toBe(false);
        },
      ),
      { numRuns: 120, seed: 8 },
    );
  });

  it('nor does a reviewer with that one supervisor, where the supervisor would have to act twice', async () => {
    const twice: Path[] = ['override_then_approve', 'overturn', 'partial_overturn', 'goodwill'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...twice),
        fc.nat(),
        fc.array(fc.tuple(fc.constantFrom(...STEPS), fc.boolean()), { minLength: 1, maxLength: 12 }),
        async (path, pick, steps) => {
          const pool = candidates[path].filter((r) => path !== 'override_then_approve' || needsFourEyes(r));
          if (pool.length === 0) return;
          const request = pool[pick % pool.length];
          // the reviewer claims and approves, the supervisor does everything a supervisor does
          const byReviewer = (step: Step) => step === 'claim' || step === 'approve';
          const all = [
            ...HAPPY[path].map((step) => ({ step, actor: byReviewer(step) ? REVIEWER : SUP_A })),
            ...steps.map(([step, reviewer]) => ({ step, actor: reviewer ? REVIEWER : SUP_A })),
          ];
          expect(await play(path, request, all)).toBe(false);
        },
      ),
      { numRuns: 100, seed: 9 },
    );
  });

  it('two distinct supervisors (with the reviewer where the path has one) move it', async () => {
    await fc.assert(
      fc.asyncProperty(pathArb, fc.nat(), fc.boolean(), async (path, pick, swap) => {
        const request = candidates[path][pick % candidates[path].length];
        const [first, second] = swap ? [SUP_B, SUP_A] : [SUP_A, SUP_B];
        const actors: Record<Step, Actor> = {
          claim: first,
          override: first,
          approve: first,
          second_approval: second,
          open_complaint: REVIEWER,
          take_complaint: first,
          resolve: first,
          complaint_second_approval: second,
          reopen: first,
        };
        expect(
          await play(
            path,
            request,
            HAPPY[path].map((step) => ({ step, actor: actors[step] })),
          ),
        ).toBe(true);
      }),
      { numRuns: 60, seed: 10 },
    );
  });
});
