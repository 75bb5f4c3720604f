// Part 3 without HTTP: the seed's complaints (share, statuses, events played through the workflow,
// determinism) and the complaint service on a database of its own.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createComplaint, executeComplaintCommand, sweepComplaint } from '../../mock-api/complaintService';
import type { Snapshot } from '../../mock-api/deskData';
import { generateSeed } from '../../mock-api/seed/index';
import { isComplaintAnnotation } from '../../src/domain/complaintAnnotations';
import { COMPLAINT_STATUSES, type AuditEvent, type RefundStatus } from '../../src/domain/model';
import { DAY_MS, toIso, toMs } from '../../src/domain/sla';
import { openSnapshotDatabase, type SnapshotDatabase } from '../support/snapshotDatabase';

// ---------------------------------------------------------------------------------------------
// The service without HTTP, and the seed (step 4)

describe('seeded complaints', () => {
  const nowMs = Date.parse('2026-03-10T08:00:00.000Z');
  const options = { count: 1200, seed: 42, nowMs, withComplaints: true };
  let snapshot: Snapshot;
  beforeAll(async () => {
    snapshot = await generateSeed(options);
  });

  it('about 4% of decided requests, in every status, some escalated, overdue and overturned', () => {
    const decided = snapshot.refunds.filter((r) => r.decidedAt !== null).length;
    expect(snapshot.complaints.length).toBeGreaterThan(decided * 0.025);
    expect(snapshot.complaints.length).toBeLessThan(decided * 0.06);
    const statuses = new Set(snapshot.complaints.map((c) => c.status));
    for (const status of COMPLAINT_STATUSES) expect(statuses, status).toContain(status);
    expect(snapshot.complaints.some((c) => c.level === 2)).toBe(true);
    expect(snapshot.complaints.some((c) => c.overdueFlag)).toBe(true);
    const active = snapshot.complaints.filter((c) => !['resolved', 'closed'].includes(c.status));
    expect(active.some((c) => toMs(c.dueAt) < nowMs)).toBe(true);
    const overturned = snapshot.complaints.filter((c) => c.resolution?.outcome === 'overturned');
    expect(overturned.length).toBeGreaterThan(0);
    for (const c of overturned) {
      const r = snapshot.refunds.find((x) => x.id === c.refundId)!;
      expect(r.overturned).toBe(true);
      expect(['approved', 'partially_approved', 'refunded'] as RefundStatus[]).toContain(r.status);
    }
    expect(snapshot.refunds.filter((r) => r.overturned).some((r) => r.status === 'refunded')).toBe(true);
  });

  it('every complaint has its events, played through the workflow (open first, in order)', () => {
    const byComplaint = new Map<string, AuditEvent[]>();
    for (const e of snapshot.events) {
      if (!e.complaintId) continue;
      byComplaint.set(e.complaintId, [...(byComplaint.get(e.complaintId) ?? []), e]);
    }
    for (const c of snapshot.complaints) {
      const evs = (byComplaint.get(c.id) ?? []).filter((e) => e.subject === 'complaint');
      expect(evs[0]?.action, c.id).toBe('open');
      expect(evs.at(-1)?.statusAfter, c.id).toBe(c.status);
      // every event but a note's is one version step
      expect(evs.filter((e) => !isComplaintAnnotation(e.action)).length, c.id).toBe(c.version);
      for (const e of evs) expect(toMs(e.at)).toBeLessThanOrEqual(nowMs);
      if (c.resolution && c.resolution.outcome.includes('overturned')) {
        expect(byComplaint.get(c.id)!.some((e) => e.subject === 'refund' && e.action === 'overturn')).toBe(
          true,
        );
      }
    }
  });

  it('a complaint waiting for the customer has its clock paused where the seed asked, with the time then left', () => {
    const waiting = snapshot.complaints.filter((c) => c.status === 'awaiting_customer');
    expect(waiting.length).toBeGreaterThan(0);
    for (const c of waiting) {
      const asked = snapshot.events.filter((e) => e.complaintId === c.id && e.action === 'contact').at(-1);
      expect(c.awaitingCustomerSince, c.id).toBe(asked?.at);
      // the seed's calendar is 24 × 7: the working time left is the wall-clock time left
      expect(c.dueWorkingMsLeft, c.id).toBe(Math.max(0, toMs(c.dueAt) - toMs(c.awaitingCustomerSince!)));
    }
    for (const c of snapshot.complaints.filter((x) => x.status !== 'awaiting_customer')) {
      expect([c.awaitingCustomerSince ?? null, c.dueWorkingMsLeft ?? null], c.id).toEqual([null, null]);
    }
  });

  it('at most one active complaint per request, and the seed is deterministic', async () => {
    const active = snapshot.complaints.filter((c) => !['resolved', 'closed'].includes(c.status));
    expect(new Set(active.map((c) => c.refundId)).size).toBe(active.length);
    const again = await generateSeed(options);
    expect(again.complaints).toEqual(snapshot.complaints);
    expect(again.events.length).toBe(snapshot.events.length);
  });

  /** The complaint clockwork's pass (the complaints part of timers.ts sweepAll): how many it moved. */
  async function sweepComplaints({ desk }: SnapshotDatabase, nowIso: string): Promise<number> {
    let moved = 0;
    for (const c of await desk.activeComplaints()) {
      if (await desk.command((tx) => sweepComplaint(tx, c.id, nowIso))) moved++;
    }
    return moved;
  }

  it('nothing is due at seed time: a sweep at "now" finds no complaint to escalate or flag', async () => {
    const database = await openSnapshotDatabase(snapshot);
    try {
      expect(await sweepComplaints(database, toIso(nowMs))).toBe(0);
      // a day later, the clockwork has work
      expect(await sweepComplaints(database, toIso(nowMs + 3 * DAY_MS))).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });

  it('createComplaint / executeComplaintCommand work on a database of their own, without HTTP', async () => {
    const database = await openSnapshotDatabase(snapshot);
    onTestFinished(() => database.close());
    const { desk } = database;
    const refund = snapshot.refunds.find(
      (r) => r.status === 'rejected' && !snapshot.complaints.some((c) => c.refundId === r.id),
    )!;
    const sup = { kind: 'staff', id: 'u3', role: 'supervisor' } as const;
    const body = {
      refundId: refund.id,
      channel: 'in_app',
      category: 'disputes_rejection',
      description: '申诉',
    };
    const opened = await desk.command((tx) =>
      createComplaint(tx, refund, body, { kind: 'customer' }, toIso(nowMs)),
    );
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.complaint.openedBy).toBeNull();
    expect(await desk.get('complaints', opened.complaint.id)).toEqual(opened.complaint);
    const again = await desk.command((tx) =>
      createComplaint(tx, refund, body, { kind: 'customer' }, toIso(nowMs)),
    );
    expect(again).toMatchObject({ ok: false, status: 409, existingComplaintId: opened.complaint.id });
    const taken = await desk.command((tx) =>
      executeComplaintCommand(
        tx,
        opened.complaint,
        { action: 'assign', version: 1, assigneeId: 'u3' },
        sup,
        toIso(nowMs + 1000),
      ),
    );
    expect(taken.ok && taken.complaint.status).toBe('investigating');
    expect((await desk.get('complaints', opened.complaint.id))?.status).toBe('investigating');
  });
});
