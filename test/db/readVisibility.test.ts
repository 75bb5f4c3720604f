// The reviewer-visibility rule is written once, as pure functions (src/domain/permissions.ts:
// canReadComplaint, canReadEvent); the list route asks the database the same question as one SQL
// condition (mock-api/visibility.ts readableCondition). On generated records, on both engines, the
// SQL condition selects exactly the records the pure rule lets each viewer read, and the show
// route's check (isReadable) answers as the rule does for every one of them.
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, Complaint, RefundRequest } from '../../src/domain/model';
import { canReadComplaint, canReadEvent, type Viewer } from '../../src/domain/permissions';
import * as make from '../../src/domain/records';
import { putRecords } from '../../mock-api/db/codecs';
import { runSqlListQuery } from '../../mock-api/db/listQuery';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { SqlDesk } from '../../mock-api/db/sqlDesk';
import { complaintSpec, eventSpec } from '../../mock-api/resources';
import { isReadable, readableCondition } from '../../mock-api/visibility';
import { useBothEngines } from '../support/databases';
import { COMPLAINED_REFUNDS, complaintsArb } from './complaintArbitraries';
import { INSTANTS, NOW_MS, maybe, stubCustomers, stubOrders } from './listArbitraries';

/** s1 and s2 decide and hold requests; s3 never does: a reviewer who may read no complaint. */
const REVIEWERS = ['s1', 's2', 's3'];
const VIEWERS: Viewer[] = [
  ...REVIEWERS.map((id): Viewer => ({ id, role: 'reviewer' })),
  { id: 's9', role: 'supervisor' },
  { id: 'm1', role: 'manager' },
];
const staff = maybe(fc.constantFrom('s1', 's2'));

interface World {
  refunds: RefundRequest[];
  complaints: Complaint[];
  events: AuditEvent[];
}

const worldArb: fc.Arbitrary<World> = fc
  .record({
    // who holds and who decided each request
    audiences: fc.array(fc.record({ assigneeId: staff, decidedBy: staff }), {
      minLength: COMPLAINED_REFUNDS.length,
      maxLength: COMPLAINED_REFUNDS.length,
    }),
    complaints: complaintsArb,
    // who took the disputed decision (null: none recorded) of each complaint, by position
    originalDeciders: fc.array(fc.option(staff, { nil: undefined }), { minLength: 20, maxLength: 20 }),
    // what each event is about: a request only, one of the complaints, or a complaint that is gone
    eventSubjects: fc.array(fc.oneof(fc.constant(null), fc.nat({ max: 19 }), fc.constant('gone')), {
      maxLength: 12,
    }),
  })
  .map(({ audiences, complaints, originalDeciders, eventSubjects }): World => {
    const refunds = COMPLAINED_REFUNDS.map((r, i): RefundRequest => {
      const { assigneeId, decidedBy } = audiences[i];
      return {
        ...r,
        assigneeId,
        decision: decidedBy
          ? { action: 'reject', by: decidedBy, at: INSTANTS[2], customerMessage: 'no' }
          : null,
      };
    });
    const withDeciders = complaints.map((c, i): Complaint => {
      const decider = originalDeciders[i];
      return {
        ...c,
        originalDecision: decider === undefined ? null : { ...c.originalDecision!, reviewerId: decider },
      } as Complaint;
    });
    const events = eventSubjects.map((subject, i): AuditEvent => {
      const complaint =
        typeof subject === 'number' ? withDeciders[subject % Math.max(1, withDeciders.length)] : undefined;
      return make.auditEvent({
        id: `e${i + 1}`,
        refundId: complaint?.refundId ?? 'r1',
        complaintId: complaint ? complaint.id : subject === 'gone' ? 'c999' : null,
        action: 'note',
        actorId: null,
        actorKind: 'system',
        at: INSTANTS[3],
      });
    });
    return { refunds, complaints: withDeciders, events };
  });

/** The pure rule's answer for one record, with the records it needs looked up in memory. */
function pureRule(world: World, viewer: Viewer, resource: 'complaints' | 'events', record: { id: string }) {
  const refundOf = (c: Complaint) => world.refunds.find((r) => r.id === c.refundId);
  if (resource === 'complaints') {
    const complaint = record as Complaint;
    return canReadComplaint(viewer, complaint, refundOf(complaint));
  }
  const event = record as AuditEvent;
  const complaint = world.complaints.find((c) => c.id === event.complaintId);
  return canReadEvent(viewer, event, complaint, complaint && refundOf(complaint));
}

describe.each(['sqlite', 'postgres'] as const)('reviewer visibility on %s', (engine) => {
  const dbs = useBothEngines(`visibility_${engine}`);

  it('selects in SQL exactly the complaints and events the pure rule lets each viewer read', async () => {
    const { db, ids } = dbs.handles[engine];
    await migrateToLatest(db);
    await putRecords(db, 'customers', stubCustomers());
    await putRecords(db, 'orders', stubOrders());
    const desk = new SqlDesk(db, ids);
    const specs = { complaints: complaintSpec, events: eventSpec } as const;
    let narrowed = 0;

    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        await db.transaction().execute(async (trx) => {
          for (const table of ['refundDecisions', 'events', 'complaints', 'refunds'] as const) {
            await sql`delete from ${sql.table(table)}`.execute(trx);
          }
          await putRecords(trx, 'refunds', world.refunds);
          await putRecords(trx, 'complaints', world.complaints);
          await putRecords(trx, 'events', world.events);
        });
        for (const viewer of VIEWERS) {
          for (const resource of ['complaints', 'events'] as const) {
            const all: { id: string }[] = world[resource];
            const expected = all
              .filter((record) => pureRule(world, viewer, resource, record))
              .map((r) => r.id);
            const { rows } = await runSqlListQuery(
              db,
              resource,
              specs[resource] as never,
              { sort: ['id', 'ASC'], range: [0, 999], filter: {} },
              {
                nowMs: NOW_MS,
                caller: { userId: viewer.id, role: viewer.role },
                visible: readableCondition(viewer, resource),
              },
            );
            expect(rows.map((r) => r.id).sort(), `${viewer.role} ${viewer.id} listing ${resource}`).toEqual(
              expected.sort(),
            );
            for (const record of all) {
              expect(await isReadable(desk, viewer, resource, record)).toBe(
                pureRule(world, viewer, resource, record),
              );
            }
            if (expected.length < all.length) narrowed += 1;
          }
        }
      }),
      { numRuns: 25 },
    );
    // the property met the interesting case: lists the rule narrows, not only whole collections
    expect(narrowed).toBeGreaterThan(10);
  });
});
