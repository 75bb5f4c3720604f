// Part 2 over real HTTP: every refund action × status × role with its exact answer, and refusals that
// change nothing and write no audit event. The rules beyond the table: refundActionRules.test.ts;
// plain writes, the profile, the customer's reply and the timers: refundActionTimers.test.ts.
import { describe, expect, it } from 'vitest';
import {
  OPEN_REFUND_STATUSES,
  REFUND_STATUSES,
  type RefundRequest,
  type RefundStatus,
} from '../../src/domain/model';
import { FIRST_REVIEW_SLA_MS, toIso, toMs } from '../../src/domain/sla';
import {
  ROLE_NAMES,
  type RoleName,
  userId,
  base,
  MSG,
  withRefundActionsApi,
  getRefund,
  eventsOf,
  eventCount,
  newEvents,
  expectJsonError,
  type Kind,
  fixture,
  ENDPOINTS,
  type Endpoint,
  AUDIT_ACTION,
  bodyFor,
  send,
} from './refundActionsKit';

withRefundActionsApi();

/**
 * The rules, written out independently of the implementation. Fixtures: every request but the
 * pending one is held by `reviewer`; none has an approval blocker; the second-approval one was
 * first approved by `reviewer`. Bulk endpoints answer 200 with a per-item status (`item`).
 */
function expected(endpoint: Endpoint, status: RefundStatus, role: RoleName): { http: number; item?: number } {
  if (endpoint === 'profile') return { http: 200 };
  if (role === 'manager') return { http: 403 };
  const supervisor = role === 'supervisor' || role === 'supervisor2';
  const heldByOther = status !== 'pending' && role !== 'reviewer';
  const open = OPEN_REFUND_STATUSES.includes(status);
  const decide = heldByOther ? 403 : status === 'in_review' ? 200 : 409;
  switch (endpoint) {
    case 'claim':
      return { http: status === 'pending' ? 200 : 409 };
    case 'release':
      if (heldByOther && !supervisor) return { http: 403 };
      return { http: status === 'in_review' ? 200 : 409 };
    case 'approve':
    case 'reject':
    case 'request-info':
      return { http: decide };
    case 'bulk-reject':
      return { http: 200, item: decide };
    case 'customer-reply':
      return { http: status === 'awaiting_info' ? 200 : 409 };
    case 'second-approval':
      if (!supervisor) return { http: 403 };
      return { http: status === 'awaiting_second_approval' ? 200 : 409 };
    case 'override':
      // in review: nothing blocks the approval, so nothing to override; otherwise the wrong status
      return { http: supervisor ? 409 : 403 };
    case 'reassign':
      if (!supervisor) return { http: 403 };
      return { http: open ? 200 : 409 };
    case 'bulk-reassign':
      if (!supervisor) return { http: 403 };
      return { http: 200, item: open ? 200 : 409 };
  }
}

async function checkRefused(endpoint: Endpoint, status: RefundStatus, role: RoleName) {
  const want = expected(endpoint, status, role);
  const label = `${endpoint} on a ${status} request by ${role}`;
  const before = await getRefund(base[status].id);
  const count = await eventCount(before.id);
  const res = await send(endpoint, role, before);
  if (want.item === undefined) {
    if (want.http === 200) {
      // a read (profile)
      expect(res.status, label).toBe(200);
      expect(res.body, label).toMatchObject({ customerId: before.customerId });
    } else {
      expectJsonError(res, want.http, label);
      if (want.http === 409) expect((res.body as { current?: unknown }).current, label).toEqual(before);
    }
  } else {
    expect(res.status, label).toBe(200);
    expect(res.body, label).toMatchObject({
      succeeded: 0,
      failed: 1,
      results: [{ id: before.id, ok: false, status: want.item }],
    });
  }
  expect(await getRefund(before.id), `${label}: record unchanged`).toEqual(before);
  expect(await eventCount(before.id), `${label}: no audit event`).toBe(count);
}

async function checkAllowed(endpoint: Exclude<Endpoint, 'profile'>, status: RefundStatus, role: RoleName) {
  const label = `${endpoint} on a ${status} request by ${role}`;
  const kind: Kind =
    endpoint === 'bulk-reject' ? 'window' : status === 'awaiting_second_approval' ? 'tipping' : 'plain';
  const before = await fixture(status, kind);
  const eventsBefore = await eventsOf(before.id);
  const body = bodyFor(endpoint, before);
  const res = await send(endpoint, role, before, body);
  expect(res.status, `${label} → ${res.text}`).toBe(200);
  let returned = res.body as RefundRequest;
  if (endpoint === 'bulk-reassign' || endpoint === 'bulk-reject') {
    const bulk = res.body as {
      succeeded: number;
      failed: number;
      results: { ok: boolean; record: RefundRequest }[];
    };
    expect(bulk, label).toMatchObject({ succeeded: 1, failed: 0, results: [{ id: before.id, ok: true }] });
    returned = bulk.results[0].record;
  }
  const after = await getRefund(before.id);
  expect(returned, label).toEqual(after);
  expect(after.version, label).toBe(before.version + 1);
  expect(after.updatedBy, label).toBe(userId[role]);

  const added = await newEvents(before.id, eventsBefore);
  expect(added, `${label}: exactly one audit event`).toHaveLength(1);
  const event = added[0];
  expect(event, label).toMatchObject({
    subject: 'refund',
    refundId: before.id,
    action: AUDIT_ACTION[endpoint],
    actorId: userId[role],
    actorKind: 'staff',
    at: after.updatedAt,
    statusBefore: before.status,
    statusAfter: after.status,
  });
  expect(toMs(event.at), label).not.toBeNaN();

  switch (endpoint) {
    case 'claim':
      expect(after, label).toMatchObject({ status: 'in_review', assigneeId: userId[role] });
      expect(event.details, label).toMatchObject({ previousAssigneeId: null });
      break;
    case 'release':
      expect(after, label).toMatchObject({ status: 'pending', assigneeId: null });
      expect(event.details, label).toMatchObject({ previousAssigneeId: userId.reviewer });
      break;
    case 'approve':
      expect(after, label).toMatchObject({
        status: 'approved',
        approvedFen: before.refundableFen,
        decidedAt: event.at,
        decision: { action: 'approve', by: userId[role], amountFen: before.refundableFen },
      });
      expect(after.expectedArrivalAt, label).not.toBeNull();
      expect(event, label).toMatchObject({
        amountFen: before.refundableFen,
        customerMessage: MSG.approve,
        note: null,
      });
      break;
    case 'reject':
      expect(after, label).toMatchObject({
        status: 'rejected',
        decidedAt: event.at,
        decision: { action: 'reject', reasonCode: 'suspected_fraud', customerMessage: MSG.reject },
      });
      expect(event, label).toMatchObject({
        customerMessage: MSG.reject,
        note: body.note,
        details: { reasonCode: 'suspected_fraud', againstSuggestion: true },
      });
      break;
    case 'bulk-reject':
      expect(after, label).toMatchObject({ status: 'rejected', decision: { reasonCode: 'outside_window' } });
      expect(event, label).toMatchObject({
        customerMessage: body.customerMessage,
        details: { reasonCode: 'outside_window', againstSuggestion: false },
      });
      break;
    case 'request-info':
      expect(after, label).toMatchObject({
        status: 'awaiting_info',
        awaitingInfoSince: event.at,
        decision: { action: 'request_info', missingItems: ['payment_proof'] },
      });
      expect(event, label).toMatchObject({
        customerMessage: MSG.requestInfo,
        note: body.againstSuggestionReason,
        details: { missingItems: ['payment_proof'] },
      });
      break;
    case 'customer-reply':
      expect(after, label).toMatchObject({
        status: 'pending',
        slaStartAt: event.at,
        awaitingInfoSince: null,
      });
      expect(after.slaDueAt, label).toBe(toIso(toMs(event.at) + FIRST_REVIEW_SLA_MS));
      expect(after.providedItems, label).toContain('payment_proof');
      expect(event.details, label).toMatchObject({ suppliedItems: ['payment_proof'], message: MSG.reply });
      break;
    case 'second-approval':
      expect(after, label).toMatchObject({
        status: 'approved',
        approvedFen: before.approvedFen,
        decidedAt: event.at,
        firstApproverId: userId.reviewer,
      });
      expect(event, label).toMatchObject({
        amountFen: before.approvedFen,
        customerMessage: MSG.approve,
        note: body.note,
        details: { decision: 'confirm', firstApproverId: userId.reviewer },
      });
      break;
    case 'reassign':
    case 'bulk-reassign':
      expect(after, label).toMatchObject({ status: before.status, assigneeId: userId.reviewer3 });
      expect(event.details, label).toMatchObject({
        previousAssigneeId: before.assigneeId,
        assigneeId: userId.reviewer3,
      });
      break;
    case 'override':
      throw new Error('no fixture of the table can be overridden');
  }
}

describe.each(REFUND_STATUSES)('a %s request', (status) => {
  it.each(ENDPOINTS)('%s: the exact answer for every role; refusals change nothing', async (endpoint) => {
    for (const role of ROLE_NAMES) {
      const want = expected(endpoint, status, role);
      if (endpoint !== 'profile' && want.http === 200 && (want.item ?? 200) === 200) {
        await checkAllowed(endpoint, status, role);
      } else {
        await checkRefused(endpoint, status, role);
      }
    }
  });
});

describe('the table', () => {
  it('allows exactly these transitions; everything else is refused', () => {
    const allowed: string[] = [];
    for (const status of REFUND_STATUSES) {
      for (const endpoint of ENDPOINTS) {
        for (const role of ROLE_NAMES) {
          const want = expected(endpoint, status, role);
          if (endpoint !== 'profile' && want.http === 200 && (want.item ?? 200) === 200) {
            allowed.push(`${status} ${endpoint} ${role}`);
          }
        }
      }
    }
    const sup = (s: string) => [`${s} supervisor`, `${s} supervisor2`];
    const staff = (s: string) => [`${s} reviewer`, `${s} reviewer2`, ...sup(s)];
    expect(allowed).toEqual([
      ...staff('pending claim'),
      ...sup('pending reassign'),
      ...sup('pending bulk-reassign'),
      'in_review release reviewer',
      ...sup('in_review release'),
      'in_review approve reviewer',
      'in_review reject reviewer',
      'in_review request-info reviewer',
      ...sup('in_review reassign'),
      ...sup('in_review bulk-reassign'),
      'in_review bulk-reject reviewer',
      ...staff('awaiting_info customer-reply'),
      ...sup('awaiting_info reassign'),
      ...sup('awaiting_info bulk-reassign'),
      ...sup('awaiting_second_approval second-approval'),
      ...sup('awaiting_second_approval reassign'),
      ...sup('awaiting_second_approval bulk-reassign'),
    ]);
  });
});
