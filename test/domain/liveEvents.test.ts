// The live stream's rules (src/domain/liveEvents.ts) and the client's reading of the stream.
import { describe, expect, it } from 'vitest';
import {
  claimNoticeFor,
  liveChangeFor,
  mayFollowLive,
  mayReceive,
  presenceIsFresh,
  PRESENCE_TTL_MS,
  REPLAY_LIMIT,
  replayPlan,
  type LiveChange,
} from '../../src/domain/liveEvents';
import type { AuditEvent } from '../../src/domain/model';
import { parseBlock, reconnectPauseMs } from '../../src/providers/stream';

const event = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: 'e7',
  subject: 'refund',
  refundId: 'r1',
  complaintId: null,
  action: 'claim',
  actorId: 'u1',
  actorKind: 'staff',
  at: '2026-12-01T00:00:00.000Z',
  statusBefore: 'pending',
  statusAfter: 'pending',
  ...over,
});
const state = { version: 3, status: 'pending', assigneeId: 'u1' };

describe('liveChangeFor', () => {
  it('makes refund.changed, refund.created and complaint.changed with the record as it stands', () => {
    expect(liveChangeFor(7, event(), state, 'Li Na')).toEqual({
      seq: 7,
      type: 'refund.changed',
      data: { id: 'r1', ...state, action: 'claim', actorId: 'u1', actorName: 'Li Na', at: event().at },
    });
    expect(liveChangeFor(8, event({ statusBefore: null, action: 'submit' }), state, null)?.type).toBe(
      'refund.created',
    );
    const complaint = liveChangeFor(9, event({ subject: 'complaint', complaintId: 'c2' }), state, null);
    expect(complaint?.type).toBe('complaint.changed');
    expect(complaint?.data).toMatchObject({ id: 'c2', refundId: 'r1' });
    expect(liveChangeFor(10, event(), undefined, null)).toBeNull();
  });
});

describe('who receives what', () => {
  const complaintChange = liveChangeFor(9, event({ subject: 'complaint', complaintId: 'c2' }), state, null)!;
  const refundChange = liveChangeFor(7, event(), state, null)!;
  it('lets the roles that read requests follow the stream, not the admin', () => {
    expect(['reviewer', 'supervisor', 'manager'].every((r) => mayFollowLive(r as 'reviewer'))).toBe(true);
    expect(mayFollowLive('admin')).toBe(false);
  });
  it('gives a reviewer a complaint change only when they may read the complaint', () => {
    const other = { originalDecision: { reviewerId: 'u9' } };
    const theirs = { originalDecision: { reviewerId: 'u1' } };
    const reviewer = { id: 'u1', role: 'reviewer' as const };
    expect(mayReceive(reviewer, complaintChange, other, { assigneeId: null, decision: null })).toBe(false);
    expect(mayReceive(reviewer, complaintChange, theirs, undefined)).toBe(true);
    expect(mayReceive({ id: 'u3', role: 'supervisor' }, complaintChange, other, undefined)).toBe(true);
    expect(mayReceive(reviewer, refundChange, undefined, undefined)).toBe(true);
    expect(mayReceive({ id: 'u8', role: 'admin' }, refundChange, undefined, undefined)).toBe(false);
  });
});

describe('replayPlan', () => {
  it('replays a known id, resets an unknown, future or too old one', () => {
    expect(replayPlan(undefined, 10, 0)).toBe('none');
    expect(replayPlan('5', 10, 5)).toBe('replay');
    expect(replayPlan('e5', 10, 0)).toBe('reset');
    expect(replayPlan('11', 10, 0)).toBe('reset');
    expect(replayPlan('1', 10_000, REPLAY_LIMIT + 1)).toBe('reset');
  });
});

describe('presence and the claim notice', () => {
  it('counts a heartbeat for the TTL', () => {
    expect(presenceIsFresh(1_000, 1_000 + PRESENCE_TTL_MS - 1)).toBe(true);
    expect(presenceIsFresh(1_000, 1_000 + PRESENCE_TTL_MS)).toBe(false);
  });
  it('tells the viewer of a request about someone else’s newer change only', () => {
    const change: LiveChange = liveChangeFor(7, event(), state, 'Li Na')!;
    expect(claimNoticeFor(change, { id: 'r1', version: 2 }, 'u3')).toEqual({
      kind: 'claimed',
      actorName: 'Li Na',
    });
    expect(claimNoticeFor(change, { id: 'r1', version: 2 }, 'u1')).toBeNull();
    expect(claimNoticeFor(change, { id: 'r1', version: 3 }, 'u3')).toBeNull();
    expect(claimNoticeFor(change, { id: 'r2', version: 2 }, 'u3')).toBeNull();
    const decided = liveChangeFor(8, event({ action: 'approve' }), state, 'Li Na')!;
    expect(claimNoticeFor(decided, { id: 'r1', version: 2 }, 'u3')?.kind).toBe('decided');
  });
});

describe('the client’s stream reading', () => {
  it('parses an event block and ignores comments', () => {
    expect(parseBlock('id: 7\nevent: refund.changed\ndata: {"a":1}')).toEqual({
      id: '7',
      event: 'refund.changed',
      data: '{"a":1}',
    });
    expect(parseBlock(': heartbeat')).toBeNull();
  });
  it('waits longer after each failed attempt, up to a cap', () => {
    const half = () => 0.5;
    expect(reconnectPauseMs(0, half)).toBe(375);
    expect(reconnectPauseMs(3, half)).toBe(3_000);
    expect(reconnectPauseMs(20, half)).toBe(11_250);
  });
});
