// The live stream's rules (GET /api/stream, mock-api/live/): which audit event becomes which stream
// event, who may receive it, when a reconnect is replayed or told to start over, how long a
// "who is viewing" heartbeat counts, and what a request page says when someone else changed it.
import type { AuditEvent, Role } from './model';
import {
  canAccess,
  canReadEvent,
  type ComplaintAudience,
  type RefundAudience,
  type Viewer,
} from './permissions';

export const LIVE_EVENT_TYPES = ['refund.created', 'refund.changed', 'complaint.changed'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** How often the stream sends a comment line so proxies and the client know it is alive. */
export const HEARTBEAT_MS = 15_000;
/** More missed changes than this, and a reconnect is told to refetch everything (`reset`). */
export const REPLAY_LIMIT = 500;
/** A viewer counts as present this long after their last heartbeat. */
export const PRESENCE_TTL_MS = 30_000;
/** How often a page showing a record sends its heartbeat. */
export const PRESENCE_HEARTBEAT_MS = 10_000;
export const PRESENCE_RESOURCES = ['refunds', 'complaints'] as const;
export type PresenceResource = (typeof PRESENCE_RESOURCES)[number];

/** The record's state when the change was read (the stream names where it is now). */
export interface LiveRecordState {
  version: number;
  status: string;
  assigneeId: string | null;
}

export interface LiveChangeData extends LiveRecordState {
  id: string;
  /** the request a complaint is about (complaint.changed only) */
  refundId?: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface LiveChange {
  /** the audit event's number: the stream's `id:` and what Last-Event-ID names */
  seq: number;
  type: LiveEventType;
  data: LiveChangeData;
}

/** Who may open the stream: whoever reads requests or complaints (an admin works no cases). */
export function mayFollowLive(role: Role | null | undefined): boolean {
  return (
    canAccess(role, { resource: 'refunds', action: 'list' }) ||
    canAccess(role, { resource: 'complaints', action: 'list' })
  );
}

/** The stream event an audit event makes: a complaint's or a request's change, or a new request. */
export function liveChangeFor(
  seq: number,
  event: AuditEvent,
  record: LiveRecordState | undefined,
  actorName: string | null,
): LiveChange | null {
  if (!record) return null;
  const base = {
    version: record.version,
    status: record.status,
    assigneeId: record.assigneeId,
    action: event.action,
    actorId: event.actorId,
    actorName,
    at: event.at,
  };
  if (event.subject === 'complaint') {
    if (!event.complaintId) return null;
    return {
      seq,
      type: 'complaint.changed',
      data: { ...base, id: event.complaintId, refundId: event.refundId },
    };
  }
  const created = event.statusBefore === null;
  return { seq, type: created ? 'refund.created' : 'refund.changed', data: { ...base, id: event.refundId } };
}

/** Whether a viewer receives a change: the read rule of its audit event (permissions.ts). */
export function mayReceive(
  viewer: Viewer,
  change: LiveChange,
  complaint: ComplaintAudience | undefined,
  refund: RefundAudience | undefined,
): boolean {
  if (change.type === 'complaint.changed') {
    if (!canAccess(viewer.role, { resource: 'complaints', action: 'list' })) return false;
    return canReadEvent(viewer, { complaintId: change.data.id }, complaint, refund);
  }
  return canAccess(viewer.role, { resource: 'refunds', action: 'list' });
}

/**
 * What a reconnect gets: the changes after the id it last saw, unless that id is no stream id,
 * lies ahead of the database (another database, restored), or too many were missed: then `reset`.
 */
export function replayPlan(
  lastEventId: string | undefined,
  newestSeq: number,
  missed: number,
): 'none' | 'replay' | 'reset' {
  if (lastEventId === undefined) return 'none';
  if (!/^\d{1,15}$/.test(lastEventId)) return 'reset';
  const last = Number(lastEventId);
  if (last > newestSeq) return 'reset';
  return missed > REPLAY_LIMIT ? 'reset' : 'replay';
}

export function presenceIsFresh(seenMs: number, nowMs: number): boolean {
  return nowMs - seenMs < PRESENCE_TTL_MS;
}

export function isPresenceResource(value: unknown): value is PresenceResource {
  return typeof value === 'string' && (PRESENCE_RESOURCES as readonly string[]).includes(value);
}

export type ClaimNotice = { kind: 'claimed' | 'released' | 'decided' | 'changed'; actorName: string };

const DECISIONS = new Set(['approve', 'reject', 'request_info', 'second_approval', 'override', 'overturn']);

/**
 * What a request page tells its viewer at once when a change to the request shown was made by
 * someone else (null: their own change, another record, or nothing newer than what is shown).
 */
export function claimNoticeFor(
  change: LiveChange,
  shown: { id: string; version: number },
  viewerId: string,
): ClaimNotice | null {
  if (change.type === 'complaint.changed' || change.data.id !== shown.id) return null;
  if (change.data.actorId === viewerId || change.data.version <= shown.version) return null;
  const actorName = change.data.actorName ?? '';
  if (change.data.action === 'claim' || change.data.action === 'claim_next')
    return { kind: 'claimed', actorName };
  if (change.data.action === 'release') return { kind: 'released', actorName };
  if (DECISIONS.has(change.data.action)) return { kind: 'decided', actorName };
  return { kind: 'changed', actorName };
}
