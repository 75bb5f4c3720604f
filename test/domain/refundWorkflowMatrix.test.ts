// The refund workflow's table against its engine, cell by cell (status × action × actor), and the
// table's shape pinned so that a change to who may act, or from where, is a visible diff here.
import { DEFAULT_SLA_SETTINGS } from '../../src/domain/slaSettings';
import { describe, expect, it } from 'vitest';
import { REFUND_STATUSES, ROLES } from '../../src/domain/model';
import { PERMISSION_TABLE, canAccess } from '../../src/domain/permissions';
import { refundWorkflow } from '../../src/domain/refundWorkflow';
import { ACTIONS, ALLOWED_FROM, NOW, makeRequest, policyFor } from './refundWorkflowFixtures';
import { matrixMismatches, matrixSubject, tableShape } from './workflowMatrixKit';

const subject = matrixSubject({
  workflow: refundWorkflow,
  statuses: REFUND_STATUSES,
  // held by the actor, nobody else approved or overrode: the assignee and four-eyes rules let them through
  recordIn: (status, actor) => makeRequest({ status, assigneeId: actor.kind === 'staff' ? actor.id : null }),
  ctxFor: (record) => ({ policy: policyFor(record), jitter01: 0.5, sla: DEFAULT_SLA_SETTINGS }),
  nowIso: NOW,
});

describe('the refund table against the engine', () => {
  it.each(refundWorkflow.actions)('%s: every status × actor answers as the table says', (action) => {
    expect(matrixMismatches(subject, action)).toEqual([]);
  });

  it('runs from the statuses the workflow has always allowed', () => {
    expect(refundWorkflow.actions).toEqual(ACTIONS);
    for (const action of refundWorkflow.actions) {
      expect([...refundWorkflow.spec(action).from].sort(), action).toEqual([...ALLOWED_FROM[action]].sort());
    }
  });

  it('has this shape (who, from where, offered, routed)', () => {
    expect(tableShape(refundWorkflow)).toMatchInlineSnapshot(`
      [
        "claim: staff(reviewer, supervisor) from pending; POST …/claim",
        "release: staff(reviewer, supervisor) from in_review; POST …/release",
        "auto_assign: system from pending; unversioned; never offered; no route",
        "auto_approve: system from pending; unversioned; never offered; no route",
        "release_inactive: system from pending, in_review; unversioned; never offered; no route",
        "release_away: system from pending, in_review; unversioned; never offered; no route",
        "release_idle: system from in_review; unversioned; no route",
        "approve: staff(reviewer, supervisor) from in_review; POST …/approve",
        "reject: staff(reviewer, supervisor) from in_review; POST …/reject",
        "request_info: staff(reviewer, supervisor) from in_review; POST …/request-info",
        "customer_reply: customer | staff(reviewer, supervisor) from awaiting_info; unversioned; POST …/customer-reply",
        "info_timeout: system from awaiting_info; unversioned; no route",
        "second_approval: staff(supervisor) from awaiting_second_approval; POST …/second-approval",
        "override: staff(supervisor) from in_review; POST …/override",
        "reassign: staff(supervisor) from pending, in_review, awaiting_info, awaiting_second_approval; POST …/reassign",
        "payout: system from approved, partially_approved; unversioned; no route",
        "overturn: staff(supervisor) from rejected, partially_approved, refunded; never offered; no route",
      ]
    `);
  });
});

describe('what reads the refund table', () => {
  it('gives the permission table its refund rights, role by role', () => {
    for (const role of ROLES) {
      const rights = PERMISSION_TABLE.refunds[role];
      for (const action of refundWorkflow.actions) {
        expect(rights.includes(action), `${role} ${action}`).toBe(
          refundWorkflow.actionsFor(role).includes(action),
        );
      }
    }
  });

  it('lets overturn whoever may resolve complaints, as the overturn is that resolution’s consequence', () => {
    const resolvers = ROLES.filter((role) => canAccess(role, { resource: 'complaints', action: 'resolve' }));
    expect(refundWorkflow.spec('overturn').roles).toEqual(resolvers);
  });

  it('routes every staff action but the overturn, which the complaint’s resolution runs', () => {
    expect(refundWorkflow.routedActions).toEqual(
      refundWorkflow.actions.filter((a) => refundWorkflow.spec(a).by.includes('staff') && a !== 'overturn'),
    );
  });
});
