// The bell's rules (src/domain/notifications.ts): who is owed what at an instant, each with a cause
// that the store keeps once, so deriving again over the same facts owes nothing new.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complaintNotifications,
  forecastBreaches,
  hourBucket,
  notificationKey,
  owedNotifications,
  SECOND_APPROVAL_TARGET_MS,
  type ComplaintFact,
  type HeldRequestFact,
  type NotificationFacts,
  type OwedNotification,
  type SecondApprovalFact,
  type StaffFact,
} from '../../src/domain/notifications';
import { HOUR_MS, toIso } from '../../src/domain/sla';

const NOW = Date.parse('2026-12-01T10:20:00.000Z');
const STAFF: StaffFact[] = [
  { id: 'u1', role: 'reviewer', active: true },
  { id: 'u2', role: 'reviewer', active: true },
  { id: 'u3', role: 'supervisor', active: true },
  { id: 'u7', role: 'supervisor', active: true },
  { id: 'u9', role: 'supervisor', active: false },
  { id: 'u4', role: 'manager', active: true },
];
const held = (over: Partial<HeldRequestFact> = {}): HeldRequestFact => ({
  id: 'r1',
  orderNumber: 'NO-1',
  status: 'in_review',
  assigneeId: 'u1',
  slaDueAt: toIso(NOW + 30 * 60_000),
  ...over,
});
const complaint = (over: Partial<ComplaintFact> = {}): ComplaintFact => ({
  id: 'cp1',
  refundId: 'r5',
  orderNumber: 'NO-5',
  level: 1,
  status: 'open',
  dueAt: toIso(NOW + 40 * HOUR_MS),
  overdueFlag: false,
  originalReviewerId: 'u2',
  ...over,
});
const waiting = (over: Partial<SecondApprovalFact> = {}): SecondApprovalFact => ({
  id: 'r8',
  orderNumber: 'NO-8',
  firstApproverId: 'u3',
  waitingSince: toIso(NOW - 5 * HOUR_MS),
  ...over,
});
const facts = (over: Partial<NotificationFacts> = {}): NotificationFacts => ({
  nowMs: NOW,
  staff: STAFF,
  heldRequests: [],
  secondApprovals: [],
  complaints: [],
  pace: null,
  ...over,
});
const brief = (n: OwedNotification) => [n.recipientId, n.kind, n.causeKey];

/** The store's unique constraint, as a plain set: what a derivation adds to what is already kept. */
function insertOnce(kept: Map<string, OwedNotification>, owed: readonly OwedNotification[]) {
  const added: OwedNotification[] = [];
  for (const n of owed) {
    if (kept.has(notificationKey(n))) continue;
    kept.set(notificationKey(n), n);
    added.push(n);
  }
  return added;
}

describe('a held request due within the hour', () => {
  it('tells its holder, with the record as the link', () => {
    const owed = owedNotifications(facts({ heldRequests: [held()] }));
    expect(owed).toEqual([
      {
        recipientId: 'u1',
        kind: 'held_request_due',
        causeKey: `r1@${held().slaDueAt}`,
        params: { refundId: 'r1', orderNumber: 'NO-1', dueAt: held().slaDueAt },
        link: '#/refunds/r1/show',
      },
    ]);
  });

  it('says nothing while more than an hour is left, once breached, unheld, waiting on the customer, or held by someone gone', () => {
    const none = [
      held({ slaDueAt: toIso(NOW + HOUR_MS + 1) }),
      held({ slaDueAt: toIso(NOW - 1) }),
      held({ assigneeId: null }),
      held({ status: 'awaiting_info' }),
      held({ assigneeId: 'u9' }),
    ];
    expect(owedNotifications(facts({ heldRequests: none }))).toEqual([]);
    expect(
      owedNotifications(facts({ heldRequests: [held({ slaDueAt: toIso(NOW + HOUR_MS) })] })),
    ).toHaveLength(1);
  });

  it('is sent once per due time: the same facts again add nothing, a restarted clock is a new cause', () => {
    const kept = new Map<string, OwedNotification>();
    expect(insertOnce(kept, owedNotifications(facts({ heldRequests: [held()] })))).toHaveLength(1);
    expect(insertOnce(kept, owedNotifications(facts({ heldRequests: [held()] })))).toEqual([]);
    // ten minutes on, still due within the hour: still the same cause
    expect(
      insertOnce(kept, owedNotifications(facts({ nowMs: NOW + 600_000, heldRequests: [held()] }))),
    ).toEqual([]);
    // the customer replied and the clock restarted: a new due time, a new notification
    const restarted = held({ slaDueAt: toIso(NOW + 50 * 60_000) });
    const added = insertOnce(kept, owedNotifications(facts({ heldRequests: [restarted] })));
    expect(added.map(brief)).toEqual([['u1', 'held_request_due', `r1@${restarted.slaDueAt}`]]);
  });
});

describe('complaints', () => {
  it('tell the reviewer whose decision is disputed, by the complaint id', () => {
    expect(complaintNotifications(complaint(), STAFF, NOW).map(brief)).toEqual([
      ['u2', 'complaint_about_decision', 'cp1'],
    ]);
    expect(complaintNotifications(complaint({ status: 'resolved' }), STAFF, NOW)).toEqual([]);
    expect(complaintNotifications(complaint({ originalReviewerId: null }), STAFF, NOW)).toEqual([]);
  });

  it('escalated: every active supervisor; overdue at level 2: again, with the due time in its cause', () => {
    const escalated = complaint({ level: 2, status: 'escalated', originalReviewerId: null });
    expect(complaintNotifications(escalated, STAFF, NOW).map(brief)).toEqual([
      ['u3', 'complaint_escalated', 'cp1:level2'],
      ['u7', 'complaint_escalated', 'cp1:level2'],
    ]);
    const overdue = { ...escalated, dueAt: toIso(NOW - 1) };
    const owed = complaintNotifications(overdue, STAFF, NOW);
    expect(owed.filter((n) => n.kind === 'complaint_overdue').map(brief)).toEqual([
      ['u3', 'complaint_overdue', `cp1:overdue@${overdue.dueAt}`],
      ['u7', 'complaint_overdue', `cp1:overdue@${overdue.dueAt}`],
    ]);
    expect(owed[0].link).toBe('#/complaints/cp1/show');
    // waiting for the customer its clock is paused: not overdue, whatever its due time said
    const waiting = { ...overdue, status: 'awaiting_customer' as const };
    expect(complaintNotifications(waiting, STAFF, NOW).some((n) => n.kind === 'complaint_overdue')).toBe(
      false,
    );
    // a level-1 complaint past due is escalated by the clock, and told as that
    expect(
      complaintNotifications(complaint({ dueAt: toIso(NOW - 1) }), STAFF, NOW).map((n) => n.kind),
    ).toEqual(['complaint_about_decision']);
  });
});

describe('a second approval waiting past its target', () => {
  it('tells every supervisor but the first approver once the target has passed', () => {
    expect(owedNotifications(facts({ secondApprovals: [waiting()] })).map(brief)).toEqual([
      ['u7', 'second_approval_waiting', `r8@${waiting().waitingSince}`],
    ]);
    const young = waiting({ waitingSince: toIso(NOW - SECOND_APPROVAL_TARGET_MS + 1) });
    expect(owedNotifications(facts({ secondApprovals: [young] }))).toEqual([]);
  });

  it('takes the target from the calendar when given one', () => {
    const young = waiting({ waitingSince: toIso(NOW - HOUR_MS) });
    const dueInHalfAnHour = (since: number) => since + HOUR_MS / 2;
    expect(
      owedNotifications(facts({ secondApprovals: [young], secondApprovalDueMs: dueInHalfAnHour })),
    ).toHaveLength(1);
    const never = () => Number.POSITIVE_INFINITY;
    expect(owedNotifications(facts({ secondApprovals: [waiting()], secondApprovalDueMs: never }))).toEqual(
      [],
    );
  });

  it('judges a request that keeps its own due time by it, whatever the calendar says', () => {
    const never = () => Number.POSITIVE_INFINITY;
    const kept = waiting({ waitingSince: toIso(NOW - HOUR_MS), dueAt: toIso(NOW - 1) });
    const owed = owedNotifications(facts({ secondApprovals: [kept], secondApprovalDueMs: never }));
    expect(owed.map(brief)).toEqual([['u7', 'second_approval_waiting', `r8@${kept.waitingSince}`]]);
    expect(owed[0].params.dueAt).toBe(kept.dueAt);
    const notYet = waiting({ dueAt: toIso(NOW + 1) });
    expect(owedNotifications(facts({ secondApprovals: [notYet] }))).toEqual([]);
  });
});

describe('the breach forecast', () => {
  it('counts the requests due within the hour beyond what the pace decides', () => {
    expect(forecastBreaches({ dueWithinHour: 9, recentDecisions: 8 })).toEqual({ count: 5, perHour: 4 });
    expect(forecastBreaches({ dueWithinHour: 3, recentDecisions: 8 }).count).toBe(0);
    expect(forecastBreaches({ dueWithinHour: 2, recentDecisions: 0 }).count).toBe(2);
  });

  it('tells the supervisors at most once an hour, linking the list of those requests', () => {
    const pace = { dueWithinHour: 6, recentDecisions: 2 };
    const owed = owedNotifications(facts({ pace }));
    expect(owed.map(brief)).toEqual([
      ['u3', 'breach_forecast', '2026-12-01T10:00:00.000Z'],
      ['u7', 'breach_forecast', '2026-12-01T10:00:00.000Z'],
    ]);
    expect(owed[0].params).toEqual({ count: 5, dueWithinHour: 6, perHour: 1 });
    const link = new URL(`http://x/${owed[0].link.slice(2)}`);
    expect(link.pathname).toBe('/refunds');
    expect(JSON.parse(link.searchParams.get('filter') ?? '')).toEqual({
      status: ['pending', 'in_review'],
      slaDueAt_gte: toIso(NOW),
      slaDueAt_lte: toIso(NOW + HOUR_MS),
    });
    expect(owedNotifications(facts({ pace: { dueWithinHour: 1, recentDecisions: 2 } }))).toEqual([]);
  });

  it('any instant of one hour has one cause; the next hour another', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: HOUR_MS - 1 }), (offset) => {
        const start = Date.parse('2026-12-01T10:00:00.000Z');
        expect(hourBucket(start + offset)).toBe('2026-12-01T10:00:00.000Z');
        expect(hourBucket(start + HOUR_MS + offset)).toBe('2026-12-01T11:00:00.000Z');
      }),
    );
  });
});

describe('nothing twice', () => {
  const arbitraryFacts = fc.record({
    held: fc.array(
      fc.record({
        n: fc.integer({ min: 1, max: 6 }),
        assignee: fc.constantFrom('u1', 'u2', 'u3', null),
        dueIn: fc.integer({ min: -HOUR_MS, max: 2 * HOUR_MS }),
        status: fc.constantFrom('pending', 'in_review', 'awaiting_info'),
      }),
      { maxLength: 8 },
    ),
    complaints: fc.array(
      fc.record({
        n: fc.integer({ min: 1, max: 4 }),
        level: fc.constantFrom(1, 2),
        dueIn: fc.integer({ min: -HOUR_MS, max: HOUR_MS }),
        reviewer: fc.constantFrom('u1', 'u2', null),
      }),
      { maxLength: 5 },
    ),
    waits: fc.array(fc.integer({ min: 0, max: 10 * HOUR_MS }), { maxLength: 4 }),
    pace: fc.option(fc.record({ dueWithinHour: fc.nat(20), recentDecisions: fc.nat(20) })),
    later: fc.integer({ min: 0, max: 3 * HOUR_MS }),
  });

  it('a derivation over the same facts adds nothing; every notification kept is one (recipient, kind, cause)', () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const at = (nowMs: number): NotificationFacts =>
          facts({
            nowMs,
            heldRequests: f.held.map((h) =>
              held({
                id: `r${h.n}`,
                assigneeId: h.assignee,
                slaDueAt: toIso(NOW + h.dueIn),
                status: h.status as HeldRequestFact['status'],
              }),
            ),
            complaints: f.complaints.map((c) =>
              complaint({
                id: `cp${c.n}`,
                level: c.level as 1 | 2,
                dueAt: toIso(NOW + c.dueIn),
                originalReviewerId: c.reviewer,
              }),
            ),
            secondApprovals: f.waits.map((w, i) =>
              waiting({ id: `r${20 + i}`, waitingSince: toIso(NOW - w) }),
            ),
            pace: f.pace,
          });
        const kept = new Map<string, OwedNotification>();
        const first = owedNotifications(at(NOW));
        expect(new Set(first.map(notificationKey)).size).toBe(first.length);
        insertOnce(kept, first);
        expect(insertOnce(kept, owedNotifications(at(NOW)))).toEqual([]);
        // later within the same hour bucket and facts, the forecast is not sent again
        const later = NOW + f.later;
        const added = insertOnce(kept, owedNotifications(at(later)));
        if (hourBucket(later) === hourBucket(NOW)) {
          expect(added.filter((n) => n.kind === 'breach_forecast')).toEqual([]);
        }
        for (const n of [...kept.values()]) expect(n.recipientId).not.toBe('u9');
      }),
    );
  });
});
