import { describe, expect, it } from 'vitest';
import { customerRefundProfile } from '../../src/domain/customerProfile';
import type { RefundRequest } from '../../src/domain/model';
import { ROLES } from '../../src/domain/model';
import { PERMISSION_TABLE, RESOURCES, canAccess } from '../../src/domain/permissions';
import * as make from '../../src/domain/records';
import { DEFAULT_SLA_SETTINGS, complaintDueAt } from '../../src/domain/slaSettings';
import { expectedArrivalAt, payoutAt, slaDueAt, slaState, slaStateAt } from '../../src/domain/sla';

describe('SLA', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  it('is due 24 h after the clock starts', () => {
    expect(slaDueAt('2026-11-25T00:00:00.000Z')).toBe('2026-11-26T00:00:00.000Z');
  });
  it('is breached, due soon (≤ 4 h), on track, or stopped while waiting on someone else', () => {
    expect(slaState({ status: 'pending', slaDueAt: '2026-11-25T11:59:59Z' }, now)).toBe('breached');
    expect(slaState({ status: 'in_review', slaDueAt: '2026-11-25T16:00:00Z' }, now)).toBe('due_soon');
    expect(slaState({ status: 'pending', slaDueAt: '2026-11-25T16:00:01Z' }, now)).toBe('on_track');
    expect(slaState({ status: 'awaiting_info', slaDueAt: '2026-11-20T00:00:00Z' }, now)).toBe('stopped');
    expect(slaState({ status: 'approved', slaDueAt: '2026-11-20T00:00:00Z' }, now)).toBe('stopped');
  });
  it('promises each payment channel its own arrival', () => {
    const at = '2026-11-25T00:00:00.000Z';
    expect(expectedArrivalAt('wechat_pay', at)).toBe('2026-11-25T00:10:00.000Z');
    expect(expectedArrivalAt('bank_card', at)).toBe('2026-11-28T00:00:00.000Z');
    expect(expectedArrivalAt('apple_iap', at)).toBe('2026-11-27T00:00:00.000Z');
    expect(payoutAt('alipay', at, 0)).toBe('2026-11-25T00:02:00.000Z');
    expect(payoutAt('bank_card', at, 1)).toBe('2026-11-28T00:00:00.000Z');
  });
  it('gives complaints 48 h at level 1, 24 h at level 2 and for regulator referrals', () => {
    const at = '2026-11-25T00:00:00.000Z';
    const sla = DEFAULT_SLA_SETTINGS;
    expect(complaintDueAt(sla, 1, 'phone', at)).toBe('2026-11-27T00:00:00.000Z');
    expect(complaintDueAt(sla, 2, 'phone', at)).toBe('2026-11-26T00:00:00.000Z');
    expect(complaintDueAt(sla, 1, 'regulator_referral', at)).toBe('2026-11-26T00:00:00.000Z');
  });
});

describe('permissions', () => {
  it('answers every resource × role from one table', () => {
    for (const resource of RESOURCES) {
      for (const role of ROLES) {
        for (const action of PERMISSION_TABLE[resource][role]) {
          expect(canAccess(role, { resource, action })).toBe(true);
        }
      }
    }
  });
  it('keeps decisions with reviewers and supervisors, complaints resolution with supervisors', () => {
    expect(canAccess('reviewer', { resource: 'refunds', action: 'approve' })).toBe(true);
    expect(canAccess('manager', { resource: 'refunds', action: 'approve' })).toBe(false);
    expect(canAccess('reviewer', { resource: 'refunds', action: 'second_approval' })).toBe(false);
    expect(canAccess('supervisor', { resource: 'refunds', action: 'second_approval' })).toBe(true);
    expect(canAccess('reviewer', { resource: 'complaints', action: 'resolve' })).toBe(false);
    expect(canAccess('supervisor', { resource: 'complaints', action: 'resolve' })).toBe(true);
    expect(canAccess('reviewer', { resource: 'refunds', action: 'claim_next' })).toBe(true);
    expect(canAccess('manager', { resource: 'refunds', action: 'list' })).toBe(true);
  });
  it('refuses unknown resources, actions and missing roles', () => {
    expect(canAccess('supervisor', { resource: 'secrets', action: 'list' })).toBe(false);
    expect(canAccess('supervisor', { resource: 'refunds', action: 'delete' })).toBe(false);
    expect(canAccess(undefined, { resource: 'refunds', action: 'list' })).toBe(false);
  });
});

describe('customer refund profile', () => {
  const now = Date.parse('2026-11-25T00:00:00Z');
  const req = (daysAgo: number, status: RefundRequest['status'], approvedFen: number | null = null) =>
    make.refundRequest({
      submittedAt: new Date(now - daysAgo * 86_400_000).toISOString(),
      status,
      approvedFen,
    });
  it('counts 90-day and 7-day requests and approvals, and flags unusual rates', () => {
    const profile = customerRefundProfile({
      customerId: 'cu1',
      requests: [
        req(1, 'pending'),
        req(3, 'approved', 500),
        req(6, 'refunded', 700),
        req(40, 'rejected'),
        req(120, 'approved', 9),
      ],
      linkedCustomers: [],
      nowMs: now,
    });
    expect(profile).toMatchObject({ requests90d: 4, approvals90d: 2, refundedFen90d: 1_200, requests7d: 3 });
    expect(profile.unusualReasons).toEqual(['many_requests_7d']);
    const quiet = customerRefundProfile({
      customerId: 'cu2',
      requests: [req(2, 'approved', 1)],
      linkedCustomers: [],
      nowMs: now,
    });
    expect(quiet.unusualRate).toBe(false);
    const linked = customerRefundProfile({
      customerId: 'cu3',
      requests: [],
      linkedCustomers: [{ id: 'cu9', name: 'x' }],
      nowMs: now,
    });
    expect(linked.unusualReasons).toEqual(['linked_accounts']);
  });
});

describe('slaStateAt', () => {
  it('agrees with slaState for every status and due time around the thresholds', () => {
    const now = Date.parse('2026-11-25T12:00:00.000Z');
    const stateOf = slaStateAt(now);
    const offsets = [-1, 0, 1, 4 * 3_600_000 - 1, 4 * 3_600_000, 4 * 3_600_000 + 1, -86_400_000, 86_400_000];
    for (const status of ['pending', 'in_review', 'awaiting_info', 'approved'] as const) {
      for (const offset of offsets) {
        const request = { status, slaDueAt: new Date(now + offset).toISOString() };
        expect(stateOf(request), `${status} ${offset}`).toBe(slaState(request, now));
      }
      // a non-canonical spelling takes the parsing path
      expect(stateOf({ status, slaDueAt: '2026-11-25T13:00:00+00:00' })).toBe(
        slaState({ status, slaDueAt: '2026-11-25T13:00:00+00:00' }, now),
      );
    }
  });
});
