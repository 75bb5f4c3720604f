// The dashboard's roll-ups (mock-api/db/metricsRollups.ts, metricsRollupAnswer.ts) answer exactly
// what computeMetrics gives over the raw rows (metricsSource.ts loadMetricsInput), for random
// questions (periods off day and slot edges, time zones with 30- and 45-minute offsets and DST,
// weeks, a reviewer's filter, a reviewer asking), after random histories played through the real
// services and timers on a real database; and the roll-ups the commands keep equal the ones
// rebuilt from the base tables. SQLite here; PostgreSQL under vitest.postgres.config.ts.
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DatabaseHandle } from '../../mock-api/db/connect';
import { rebuildMetricsRollups, rollupsCurrent, withRollups } from '../../mock-api/db/metricsRollups';
import type { Database } from '../../mock-api/db/schema';
import { SqlDesk } from '../../mock-api/db/sqlDesk';
import { answerMetrics, loadMetricsInput, type MetricsQuestion } from '../../mock-api/metricsSource';
import { executeComplaintCommand } from '../../mock-api/complaintService';
import { executeRefundCommand } from '../../mock-api/refundService';
import { generateSeed } from '../../mock-api/seed/index';
import { writeSnapshot } from '../../mock-api/seed/writer';
import { sweepAll } from '../../mock-api/timers';
import { GRANULARITIES, computeMetrics, type MetricsFilters } from '../../src/domain/metrics';
import type { RefundCommand, Actor } from '../../src/domain/refundWorkflow';
import type { ComplaintCommand } from '../../src/domain/complaintWorkflow';
import { ownFiguresOnly, type Viewer } from '../../src/domain/permissions';
import { makeTestDatabase, testEngine, type TestDatabase } from '../support/testDatabase';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MANAGER: Viewer = { id: 'u4', role: 'manager' };
const REVIEWERS = ['u1', 'u2', 'u5', 'u6'];
const TIME_ZONES = [
  'UTC',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/New_York',
  'Europe/London',
];

const arbitraryQuestion = (nowMs: number): fc.Arbitrary<MetricsQuestion> =>
  fc
    .record({
      endMs: fc.integer({ min: nowMs - 40 * DAY, max: nowMs + DAY }),
      lengthMs: fc.integer({ min: 1, max: 70 * DAY }),
      granularity: fc.constantFrom(...GRANULARITIES),
      tz: fc.constantFrom(...TIME_ZONES),
      reviewerId: fc.option(fc.constantFrom(...REVIEWERS, 'u3'), { nil: undefined }),
      viewer: fc.constantFrom(
        MANAGER,
        { id: 'u1', role: 'reviewer' } as Viewer,
        { id: 'u3', role: 'supervisor' } as Viewer,
      ),
      // whole slots and days as well as any instant
      align: fc.constantFrom(1, 15 * 60_000, HOUR, DAY),
    })
    .map((q) => {
      const toMs = Math.floor(q.endMs / q.align) * q.align;
      const filters: MetricsFilters = {};
      if (q.reviewerId) filters.reviewerId = q.reviewerId;
      const own = ownFiguresOnly(q.viewer);
      if (own) filters.reviewerId = own;
      return {
        fromMs: toMs - Math.max(q.align, Math.floor(q.lengthMs / q.align) * q.align),
        toMs,
        granularity: q.granularity,
        tz: q.tz,
        filters,
        nowMs,
        viewer: q.viewer,
      };
    });

/** computeMetrics over every raw row the question can count (the answer without roll-ups). */
async function fromRawRows(db: Kysely<Database>, question: MetricsQuestion) {
  return computeMetrics(await loadMetricsInput(db, question));
}

/** Everything counted up to the end of each slot, read back: the incremental and the rebuilt must agree. */
async function cumulativeState(db: Kysely<Database>) {
  const rollups = withRollups(db);
  const rows = await rollups
    .selectFrom('metricsCumulative')
    .select(['slot', 'counts'])
    .orderBy('slot')
    .execute();
  const facts = await rollups.selectFrom('metricsDecisionFacts').selectAll().orderBy('eventId').execute();
  const complaints = await rollups
    .selectFrom('metricsComplaintFacts')
    .selectAll()
    .orderBy('complaintId')
    .execute();
  return { rows: rows.map((r) => [Number(r.slot), JSON.parse(r.counts)] as const), facts, complaints };
}

/** The value at every slot where either side has a row (a slot without a row holds the one before). */
function sameCumulative(a: (readonly [number, unknown])[], b: (readonly [number, unknown])[]) {
  const at = (rows: (readonly [number, unknown])[], slot: number) => {
    let value: unknown = {};
    for (const [s, v] of rows) if (s <= slot) value = v;
    return value;
  };
  for (const slot of new Set([...a, ...b].map(([s]) => s)))
    expect(at(a, slot), `slot ${slot}`).toEqual(at(b, slot));
}

const refundStep = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom(
    'claim',
    'approve',
    'approve_partly',
    'reject',
    'request_info',
    'customer_reply',
    'confirm',
    'send_back',
  ),
  reviewer: fc.constantFrom('u1', 'u2'),
  advanceMs: fc.integer({ min: 0, max: 30 * HOUR }),
});
const complaintStep = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('escalate', 'resolve_upheld', 'resolve_overturned'),
  advanceMs: fc.integer({ min: 0, max: 30 * HOUR }),
});
const history = fc.array(fc.oneof(refundStep, complaintStep, fc.constant({ sweep: true as const })), {
  minLength: 5,
  maxLength: 25,
});

function refundCommand(action: string, version: number, refundableFen: number): RefundCommand {
  const customerMessage = 'Thank you for your patience.';
  // a reason is given whether or not the decision goes against the policy's suggestion
  const againstSuggestionReason = 'Checked with the customer by phone.';
  switch (action) {
    case 'claim':
      return { action: 'claim', version };
    case 'approve':
      return { action: 'approve', version, customerMessage, againstSuggestionReason };
    case 'approve_partly':
      return {
        action: 'approve',
        version,
        customerMessage,
        amountFen: Math.max(1, Math.floor(refundableFen / 2)),
      };
    case 'reject':
      return {
        action: 'reject',
        version,
        reasonCode: 'outside_window',
        customerMessage,
        againstSuggestionReason,
      } as RefundCommand;
    case 'request_info':
      return {
        action: 'request_info',
        version,
        missingItems: ['reason_detail'],
        customerMessage,
      } as RefundCommand;
    case 'customer_reply':
      return {
        action: 'customer_reply',
        suppliedItems: ['reason_detail'],
        message: 'Here it is.',
      } as RefundCommand;
    default:
      return action === 'confirm'
        ? { action: 'second_approval', version, decision: 'confirm' }
        : { action: 'second_approval', version, decision: 'send_back', note: 'Please check the amount.' };
  }
}

describe(`the dashboard's roll-ups on ${testEngine()}`, () => {
  let made: TestDatabase;
  let handle: DatabaseHandle;
  let desk: SqlDesk;
  let clockMs = NOW_MS;

  beforeAll(async () => {
    made = await makeTestDatabase();
    handle = connect(made.target);
    desk = new SqlDesk(handle.db, handle.ids);
    await writeSnapshot(
      handle.db,
      await generateSeed({ count: 600, seed: 31, nowMs: NOW_MS, withComplaints: true }),
    );
    // a written snapshot has its roll-ups built with it (writeSnapshot)
    expect(await rollupsCurrent(handle.db)).toBe(true);
  });
  afterAll(async () => {
    await handle?.close();
    made?.remove();
  });

  it('answer random questions exactly as computeMetrics over the raw rows', async () => {
    const month = await answerMetrics(handle.db, {
      ...(await fc.sample(arbitraryQuestion(NOW_MS), 1))[0],
      fromMs: NOW_MS - 30 * DAY,
      toMs: NOW_MS,
      filters: {},
      viewer: MANAGER,
    });
    // not vacuously equal: the seed decides, pays out and complains
    expect(month.totals.decided.approved).toBeGreaterThan(0);
    expect(month.totals.refundedFen).toBeGreaterThan(0);
    expect(month.totals.complaintsOpened).toBeGreaterThan(0);
    expect(month.totals.latencyHours.p50).not.toBeNull();
    expect(month.reviewers.length).toBeGreaterThan(1);
    await fc.assert(
      fc.asyncProperty(arbitraryQuestion(NOW_MS), async (question) => {
        expect(await answerMetrics(handle.db, question)).toEqual(await fromRawRows(handle.db, question));
      }),
      { numRuns: 60, seed: 17 },
    );
  });

  it('leave every cumulative row as it was when a complaint opened days ago is escalated', async () => {
    const { rows } = await sql<{ id: string }>`select "id" from "complaints"
      where "level" = 1 and "status" in ('open', 'investigating', 'awaiting_customer')
      order by "openedAt" limit 1`.execute(handle.db);
    expect(rows.length).toBe(1);
    const before = await cumulativeState(handle.db);
    clockMs += HOUR;
    await desk.command(async (tx) => {
      const complaint = (await tx.get('complaints', rows[0].id))!;
      expect(clockMs - Date.parse(complaint.openedAt)).toBeGreaterThan(DAY);
      const outcome = await executeComplaintCommand(
        tx,
        complaint,
        { action: 'escalate', version: complaint.version, reason: 'Customer insists.' } as ComplaintCommand,
        { kind: 'staff', id: 'u3', role: 'supervisor' },
        new Date(clockMs).toISOString(),
      );
      expect(outcome.ok).toBe(true);
    });
    const after = await cumulativeState(handle.db);
    expect(after.rows).toEqual(before.rows);
    expect(after.complaints.find((c) => c.complaintId === rows[0].id)?.escalated).toEqual(1);
    const rebuilt = (await rebuildMetricsRollups(handle.db), await cumulativeState(handle.db));
    expect(after.complaints).toEqual(rebuilt.complaints);
  });
  it('stay exact and equal to a rebuild after random histories through the services and timers', async () => {
    const decisionsBefore = await countOf(handle.db, 'refundDecisions');
    const eventsBefore = await countOf(handle.db, 'events');
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.array(arbitraryQuestion(NOW_MS + 40 * DAY), { minLength: 3, maxLength: 3 }),
        async (steps, questions) => {
          for (const step of steps) {
            if ('sweep' in step) {
              await sweepAll(desk, new Date(clockMs).toISOString());
              continue;
            }
            clockMs += step.advanceMs;
            const nowIso = new Date(clockMs).toISOString();
            if ('reviewer' in step) {
              const statuses =
                step.action === 'confirm' || step.action === 'send_back'
                  ? ['awaiting_second_approval']
                  : step.action === 'customer_reply'
                    ? ['awaiting_info']
                    : ['pending', 'in_review'];
              const rows = await handle.db
                .selectFrom('refunds')
                .select('id')
                .where('status', 'in', statuses)
                .orderBy('id')
                .execute();
              if (rows.length === 0) continue;
              const id = rows[step.pick % rows.length].id;
              const decides = ['approve', 'approve_partly', 'reject', 'request_info'].includes(step.action);
              await desk.command(async (tx) => {
                let request = await tx.get('refunds', id);
                if (!request) return;
                let actor: Actor =
                  step.action === 'confirm' || step.action === 'send_back'
                    ? { kind: 'staff', id: 'u3', role: 'supervisor' }
                    : step.action === 'customer_reply'
                      ? { kind: 'customer' }
                      : { kind: 'staff', id: request.assigneeId ?? step.reviewer, role: 'reviewer' };
                if (decides && request.status === 'pending') {
                  // a decision needs a claim first: the reviewer claims it in the same step
                  const claimed = await executeRefundCommand(
                    tx,
                    request,
                    refundCommand('claim', request.version, 0),
                    actor,
                    nowIso,
                  );
                  if (!claimed.ok) return;
                  request = claimed.request;
                  actor = { kind: 'staff', id: request.assigneeId ?? step.reviewer, role: 'reviewer' };
                }
                const command = refundCommand(step.action, request.version, request.refundableFen ?? 0);
                await executeRefundCommand(tx, request, command, actor, nowIso);
              });
            } else {
              const { rows } = await sql<{ id: string }>`select "id" from "complaints" order by "id"`.execute(
                handle.db,
              );
              if (rows.length === 0) continue;
              const id = rows[step.pick % rows.length].id;
              await desk.command(async (tx) => {
                const complaint = await tx.get('complaints', id);
                if (!complaint) return;
                const command: ComplaintCommand =
                  step.action === 'escalate'
                    ? ({
                        action: 'escalate',
                        version: complaint.version,
                        reason: 'Customer insists.',
                      } as ComplaintCommand)
                    : ({
                        action: 'resolve',
                        version: complaint.version,
                        outcome: step.action === 'resolve_upheld' ? 'upheld' : 'overturned',
                        customerMessage: 'We looked again.',
                      } as ComplaintCommand);
                await executeComplaintCommand(
                  tx,
                  complaint,
                  command,
                  { kind: 'staff', id: 'u3', role: 'supervisor' },
                  nowIso,
                );
              });
            }
          }
          for (const question of questions) {
            const asked = { ...question, nowMs: clockMs };
            expect(await answerMetrics(handle.db, asked)).toEqual(await fromRawRows(handle.db, asked));
          }
          const kept = await cumulativeState(handle.db);
          await rebuildMetricsRollups(handle.db);
          const rebuilt = await cumulativeState(handle.db);
          sameCumulative(kept.rows, rebuilt.rows);
          expect(kept.facts).toEqual(rebuilt.facts);
          expect(kept.complaints).toEqual(rebuilt.complaints);
        },
      ),
      { numRuns: 6, seed: 5 },
    );
    // the histories did decide and write (the commands were not all refused)
    expect(await countOf(handle.db, 'refundDecisions')).toBeGreaterThan(decisionsBefore);
    expect(await countOf(handle.db, 'events')).toBeGreaterThan(eventsBefore + 20);
    // six random histories through the real services: minutes on a loaded machine, not seconds
  }, 180_000);
});

async function countOf(db: Kysely<Database>, table: 'refundDecisions' | 'events'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
