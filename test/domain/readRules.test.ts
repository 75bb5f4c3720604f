// Who may read a complaint or an audit event, and whom a caller may select figures by
// (src/domain/permissions.ts): the list, the refusals and the metrics share these rules.
import { describe, expect, it } from 'vitest';
import {
  canReadComplaint,
  canReadEvent,
  maySelectByStaff,
  ownFiguresOnly,
  readsAreNarrowed,
  type Viewer,
} from '../../src/domain/permissions';

const reviewer: Viewer = { id: 'u1', role: 'reviewer' };
const colleague: Viewer = { id: 'u2', role: 'reviewer' };
const supervisor: Viewer = { id: 'u3', role: 'supervisor' };
const manager: Viewer = { id: 'u4', role: 'manager' };

const complaint = { originalDecision: { reviewerId: 'u1' } };
const refund = { assigneeId: null, decision: { by: 'u1' } };

describe('canReadComplaint', () => {
  it('lets a reviewer read the complaints about the requests they decided or hold, and no other', () => {
    expect(canReadComplaint(reviewer, complaint, refund)).toBe(true);
    expect(canReadComplaint(colleague, complaint, refund)).toBe(false);
    expect(canReadComplaint(colleague, complaint, { assigneeId: 'u2', decision: null })).toBe(true);
    expect(
      canReadComplaint(colleague, { originalDecision: null }, { assigneeId: null, decision: { by: 'u2' } }),
    ).toBe(true);
    expect(canReadComplaint(colleague, { originalDecision: null }, undefined)).toBe(false);
  });

  it('lets supervisors and managers read every complaint', () => {
    for (const viewer of [supervisor, manager]) {
      expect(canReadComplaint(viewer, { originalDecision: null }, undefined)).toBe(true);
    }
  });
});

describe('canReadEvent', () => {
  it('hides a complaint’s events from a reviewer who may not read the complaint', () => {
    expect(canReadEvent(colleague, { complaintId: null }, undefined, undefined)).toBe(true);
    expect(canReadEvent(colleague, { complaintId: 'cp1' }, complaint, refund)).toBe(false);
    expect(canReadEvent(reviewer, { complaintId: 'cp1' }, complaint, refund)).toBe(true);
    expect(canReadEvent(reviewer, { complaintId: 'cp1' }, undefined, undefined)).toBe(false);
    expect(canReadEvent(supervisor, { complaintId: 'cp1' }, undefined, undefined)).toBe(true);
  });
});

describe('maySelectByStaff and ownFiguresOnly', () => {
  it('lets a reviewer select by themselves or nobody; supervisors and managers by anyone', () => {
    expect(maySelectByStaff(reviewer, 'u1')).toBe(true);
    expect(maySelectByStaff(reviewer, null)).toBe(true);
    expect(maySelectByStaff(reviewer, 'u2')).toBe(false);
    expect(maySelectByStaff(reviewer, 'u3')).toBe(false);
    for (const viewer of [supervisor, manager]) expect(maySelectByStaff(viewer, 'u2')).toBe(true);
  });

  it('reads a reviewer’s own figures when they name nobody, the team’s for anyone else', () => {
    expect(ownFiguresOnly(reviewer)).toBe('u1');
    expect(ownFiguresOnly(supervisor)).toBeUndefined();
    expect(ownFiguresOnly(manager)).toBeUndefined();
  });
});

describe('readsAreNarrowed', () => {
  it('narrows a reviewer’s reads of complaints and events only, and nobody else’s', () => {
    for (const resource of ['complaints', 'events']) {
      expect(readsAreNarrowed(reviewer, resource)).toBe(true);
      expect(readsAreNarrowed(supervisor, resource)).toBe(false);
      expect(readsAreNarrowed(manager, resource)).toBe(false);
    }
    for (const resource of ['refunds', 'users', 'customers', 'orders', 'notes']) {
      expect(readsAreNarrowed(reviewer, resource)).toBe(false);
    }
  });
});
