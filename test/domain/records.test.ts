// The shared record factory (src/domain/records.ts): its defaults are a request, complaint and
// event the rules themselves could have made, and the fields it derives follow what they derive from.
import { describe, expect, it } from 'vitest';
import { auditEvent, complaint, refundRequest } from '../../src/domain/records';
import { refundableAmountFen } from '../../src/domain/refundPolicy';
import { COMPLAINT_LEVEL1_MS, COMPLAINT_LEVEL2_MS, FIRST_REVIEW_SLA_MS, toMs } from '../../src/domain/sla';

describe('the record factory', () => {
  it('a request runs its SLA clock from its submission, or from a later restart of the clock', () => {
    const submitted = refundRequest({ submittedAt: '2026-11-25T08:00:00.000Z' });
    expect(submitted.slaStartAt).toBe('2026-11-25T08:00:00.000Z');
    expect(toMs(submitted.slaDueAt) - toMs(submitted.slaStartAt)).toBe(FIRST_REVIEW_SLA_MS);
    expect(submitted.updatedAt).toBe(submitted.submittedAt);
    const replied = refundRequest({ slaStartAt: '2026-11-27T09:30:00.000Z' });
    expect(replied.slaDueAt).toBe('2026-11-28T09:30:00.000Z');
    expect(refundRequest({ slaDueAt: '2026-01-01T00:00:00.000Z' }).slaDueAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it("a request's refundable amount is the price of its unspent coins unless given", () => {
    const spent = refundRequest({ paidFen: 6_800, coins: 680, coinsSpent: 170 });
    expect(spent.refundableFen).toBe(refundableAmountFen(6_800, 680, 170));
    expect(spent.refundableFen).toBe(5_100);
    expect(refundRequest({ paidFen: 6_800, refundableFen: 0 }).refundableFen).toBe(0);
    expect(refundRequest().refundableFen).toBe(refundRequest().paidFen);
  });

  it('a new request has nothing decided, no flag and version 1', () => {
    const r = refundRequest();
    expect([r.status, r.assigneeId, r.decision, r.decidedAt, r.approvedFen, r.version]).toEqual([
      'pending',
      null,
      null,
      null,
      null,
      1,
    ]);
    expect([r.outsideWindow, r.tipping, r.duplicate, r.infoIncomplete, r.overturned]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("a complaint's due time follows its level and channel", () => {
    const opened = '2026-11-25T08:00:00.000Z';
    const span = (c: { openedAt: string; dueAt: string }) => toMs(c.dueAt) - toMs(c.openedAt);
    expect(span(complaint({ openedAt: opened }))).toBe(COMPLAINT_LEVEL1_MS);
    expect(span(complaint({ openedAt: opened, level: 2 }))).toBe(COMPLAINT_LEVEL2_MS);
    expect(span(complaint({ openedAt: opened, channel: 'regulator_referral' }))).toBe(COMPLAINT_LEVEL2_MS);
    expect(complaint({ openedAt: opened }).updatedAt).toBe(opened);
  });

  it('an event is about a complaint when it names one, and carries no optional field it was not given', () => {
    expect(auditEvent().subject).toBe('refund');
    expect(auditEvent({ complaintId: 'c1' }).subject).toBe('complaint');
    expect(auditEvent({ complaintId: 'c1', subject: 'refund' }).subject).toBe('refund');
    expect(Object.keys(auditEvent())).not.toContain('details');
  });

  it('builds the same record every time', () => {
    expect(refundRequest()).toEqual(refundRequest());
    expect(complaint()).toEqual(complaint());
    expect(auditEvent()).toEqual(auditEvent());
  });
});
