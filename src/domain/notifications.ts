// Notifications (the app bar's bell): which notifications each staff member is owed, given the facts
// at one instant. Each one names its cause (a stable key), and the store keeps one notification per
// (recipient, kind, cause): deriving again over the same facts owes nothing new, while a new fact (a
// new due time after the customer's reply, a new hour's forecast) is a new cause. The text is not
// stored: the kind and its params are rendered from the reader's catalogue (notifications.kinds.*).
import {
  isComplaintActive,
  isComplaintClockRunning,
  type Complaint,
  type IsoDateTime,
  type RefundRequest,
  type Role,
} from './model';
import { HOUR_MS, slaRunning, toIso, toMs } from './sla';

export const NOTIFICATION_KINDS = [
  'held_request_due',
  'complaint_about_decision',
  'second_approval_waiting',
  'complaint_escalated',
  'complaint_overdue',
  'breach_forecast',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationParams = Record<string, string | number>;

/** A notification owed to one staff member (before the store gives it an id and a time). */
export interface OwedNotification {
  recipientId: string;
  kind: NotificationKind;
  /** with recipient and kind, what makes it one notification: the same cause is never sent twice */
  causeKey: string;
  params: NotificationParams;
  /** where a click goes: the record, or the filtered list (a hash route of the SPA) */
  link: string;
}

/** A notification as the API answers it. */
export interface StaffNotification extends OwedNotification {
  id: string;
  createdAt: IsoDateTime;
  readAt: IsoDateTime | null;
}

/** "Due within the hour": a held request's reminder, and the forecast's horizon. */
export const DUE_WITHIN_MS = HOUR_MS;
/** The default second-approval target (DESIGN: 4 h, on the 24 × 7 calendar until an admin sets one). */
export const SECOND_APPROVAL_TARGET_MS = 4 * HOUR_MS;
/** The pace of the forecast: the desk's decisions per hour over this window before now. */
export const FORECAST_PACE_WINDOW_MS = 2 * HOUR_MS;
/** How many notifications the bell's list holds at most. */
export const NOTIFICATION_PAGE_MAX = 100;

export interface StaffFact {
  id: string;
  role: Role;
  active: boolean;
}

export type HeldRequestFact = Pick<
  RefundRequest,
  'id' | 'orderNumber' | 'status' | 'assigneeId' | 'slaDueAt'
>;

export interface SecondApprovalFact {
  id: string;
  orderNumber: string;
  /** the first approver (who may not give the second approval) */
  firstApproverId: string | null;
  /** when the wait for a second approval began (the first approval) */
  waitingSince: IsoDateTime;
  /**
   * the due time the request keeps (refunds.secondApprovalDueAt, counted in the saved calendar when
   * the wait began, and shown on its page); null for waits begun before requests kept one
   */
  dueAt?: IsoDateTime | null;
}

export type ComplaintFact = Pick<
  Complaint,
  'id' | 'refundId' | 'orderNumber' | 'level' | 'status' | 'dueAt' | 'overdueFlag'
> & { originalReviewerId: string | null };

export interface PaceFact {
  /** requests whose first-review clock runs out within the hour from now */
  dueWithinHour: number;
  /** decisions the desk took in the FORECAST_PACE_WINDOW_MS before now */
  recentDecisions: number;
}

export interface NotificationFacts {
  nowMs: number;
  staff: readonly StaffFact[];
  /** requests with an assignee (only those with a running clock count) */
  heldRequests: readonly HeldRequestFact[];
  /** requests awaiting a second approval */
  secondApprovals: readonly SecondApprovalFact[];
  /** complaints still being worked */
  complaints: readonly ComplaintFact[];
  pace: PaceFact | null;
  /**
   * When a second approval waiting since `waitingSinceMs` without a kept due time is past its
   * target: the saved calendar's due time (SECOND_APPROVAL_TARGET_MS of wall time by default).
   */
  secondApprovalDueMs?: (waitingSinceMs: number) => number;
}

const refundLink = (id: string) => `#/refunds/${encodeURIComponent(id)}/show`;
const complaintLink = (id: string) => `#/complaints/${encodeURIComponent(id)}/show`;

/** A list link with the list's own filter names (the list reads `filter` as JSON). */
export function listLink(resource: 'refunds' | 'complaints', filter: Record<string, unknown>): string {
  return `#/${resource}?${new URLSearchParams({ filter: JSON.stringify(filter), page: '1' }).toString()}`;
}

const supervisorsOf = (staff: readonly StaffFact[]) =>
  staff.filter((s) => s.active && s.role === 'supervisor');

/** The hour an instant falls in, as its start (the forecast's cause: at most one an hour). */
export function hourBucket(nowMs: number): IsoDateTime {
  return toIso(Math.floor(nowMs / HOUR_MS) * HOUR_MS);
}

/**
 * How many of the requests due within the hour will breach at the current pace: the desk decides
 * about `recentDecisions / window` an hour, the most urgent first; the rest run out.
 */
export function forecastBreaches(pace: PaceFact): { count: number; perHour: number } {
  const perHour = pace.recentDecisions / (FORECAST_PACE_WINDOW_MS / HOUR_MS);
  return { count: Math.max(0, pace.dueWithinHour - Math.floor(perHour)), perHour: Math.round(perHour) };
}

/** (a) A held request whose first-review clock runs out within the hour: its holder is told. */
export function heldRequestNotifications(
  requests: readonly HeldRequestFact[],
  staff: readonly StaffFact[],
  nowMs: number,
): OwedNotification[] {
  const active = new Set(staff.filter((s) => s.active).map((s) => s.id));
  const out: OwedNotification[] = [];
  for (const r of requests) {
    if (!r.assigneeId || !active.has(r.assigneeId) || !slaRunning(r.status)) continue;
    const left = toMs(r.slaDueAt) - nowMs;
    if (left < 0 || left > DUE_WITHIN_MS) continue;
    out.push({
      recipientId: r.assigneeId,
      kind: 'held_request_due',
      // a new due time (the clock restarted on the customer's reply) is a new cause
      causeKey: `${r.id}@${r.slaDueAt}`,
      params: { refundId: r.id, orderNumber: r.orderNumber, dueAt: r.slaDueAt },
      link: refundLink(r.id),
    });
  }
  return out;
}

/**
 * (b) A complaint about a decision, to the reviewer who took it; (d) for supervisors, a complaint
 * escalated to level 2 and one past its level-2 due time (a level-1 one past due escalates).
 */
export function complaintNotifications(
  complaint: ComplaintFact,
  staff: readonly StaffFact[],
  nowMs: number,
): OwedNotification[] {
  if (!isComplaintActive(complaint.status)) return [];
  const out: OwedNotification[] = [];
  const base = {
    complaintId: complaint.id,
    refundId: complaint.refundId,
    orderNumber: complaint.orderNumber,
  };
  const link = complaintLink(complaint.id);
  const reviewer = complaint.originalReviewerId;
  if (reviewer && staff.some((s) => s.id === reviewer && s.active)) {
    out.push({
      recipientId: reviewer,
      kind: 'complaint_about_decision',
      causeKey: complaint.id,
      params: base,
      link,
    });
  }
  if (complaint.level === 2) {
    // not while the desk waits for the customer: the complaint's clock is paused
    const overdue =
      complaint.overdueFlag || (isComplaintClockRunning(complaint.status) && toMs(complaint.dueAt) <= nowMs);
    for (const s of supervisorsOf(staff)) {
      out.push({
        recipientId: s.id,
        kind: 'complaint_escalated',
        causeKey: `${complaint.id}:level2`,
        params: { ...base, level: 2 },
        link,
      });
      if (overdue) {
        out.push({
          recipientId: s.id,
          kind: 'complaint_overdue',
          causeKey: `${complaint.id}:overdue@${complaint.dueAt}`,
          params: { ...base, dueAt: complaint.dueAt },
          link,
        });
      }
    }
  }
  return out;
}

/**
 * (c) A second approval waiting past its target: every supervisor but the first approver is told.
 * The target is the request's own due time when it keeps one, else `dueMs` of when the wait began.
 */
export function secondApprovalNotifications(
  waiting: readonly SecondApprovalFact[],
  staff: readonly StaffFact[],
  nowMs: number,
  dueMs: (waitingSinceMs: number) => number = (since) => since + SECOND_APPROVAL_TARGET_MS,
): OwedNotification[] {
  const out: OwedNotification[] = [];
  for (const w of waiting) {
    const due = w.dueAt ? toMs(w.dueAt) : dueMs(toMs(w.waitingSince));
    if (nowMs < due) continue;
    for (const s of supervisorsOf(staff)) {
      if (s.id === w.firstApproverId) continue;
      out.push({
        recipientId: s.id,
        kind: 'second_approval_waiting',
        // a new wait (approved again after a refusal) is a new cause
        causeKey: `${w.id}@${w.waitingSince}`,
        params: {
          refundId: w.id,
          orderNumber: w.orderNumber,
          waitingSince: w.waitingSince,
          dueAt: toIso(due),
        },
        link: refundLink(w.id),
      });
    }
  }
  return out;
}

/** (e) "N requests will breach within the hour at the current pace", to supervisors, once an hour. */
export function forecastNotifications(
  pace: PaceFact,
  staff: readonly StaffFact[],
  nowMs: number,
): OwedNotification[] {
  const { count, perHour } = forecastBreaches(pace);
  if (count <= 0) return [];
  const link = listLink('refunds', {
    status: ['pending', 'in_review'],
    slaDueAt_gte: toIso(nowMs),
    slaDueAt_lte: toIso(nowMs + DUE_WITHIN_MS),
  });
  return supervisorsOf(staff).map((s) => ({
    recipientId: s.id,
    kind: 'breach_forecast' as const,
    causeKey: hourBucket(nowMs),
    params: { count, dueWithinHour: pace.dueWithinHour, perHour },
    link,
  }));
}

/** Every notification the facts owe, each (recipient, kind, cause) once. */
export function owedNotifications(facts: NotificationFacts): OwedNotification[] {
  const { nowMs, staff } = facts;
  const all = [
    ...heldRequestNotifications(facts.heldRequests, staff, nowMs),
    ...facts.complaints.flatMap((c) => complaintNotifications(c, staff, nowMs)),
    ...secondApprovalNotifications(facts.secondApprovals, staff, nowMs, facts.secondApprovalDueMs),
    ...(facts.pace ? forecastNotifications(facts.pace, staff, nowMs) : []),
  ];
  const seen = new Set<string>();
  return all.filter((n) => {
    const key = notificationKey(n);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What the store keeps unique: one notification per recipient, kind and cause. */
export function notificationKey(n: { recipientId: string; kind: string; causeKey: string }): string {
  return JSON.stringify([n.recipientId, n.kind, n.causeKey]);
}

/** The complaint as the notification rules read it. */
export function complaintFact(c: Complaint): ComplaintFact {
  return {
    id: c.id,
    refundId: c.refundId,
    orderNumber: c.orderNumber,
    level: c.level,
    status: c.status,
    dueAt: c.dueAt,
    overdueFlag: c.overdueFlag,
    originalReviewerId: c.originalDecision?.reviewerId ?? null,
  };
}

/** The second-approval wait a request is in, if any: it began with the first approval. */
export function secondApprovalFact(
  r: Pick<
    RefundRequest,
    'id' | 'orderNumber' | 'status' | 'firstApproverId' | 'updatedAt' | 'secondApprovalDueAt'
  > & {
    decision: { at: IsoDateTime } | null;
  },
): SecondApprovalFact | null {
  if (r.status !== 'awaiting_second_approval') return null;
  return {
    id: r.id,
    orderNumber: r.orderNumber,
    firstApproverId: r.firstApproverId,
    waitingSince: r.decision?.at ?? r.updatedAt,
    dueAt: r.secondApprovalDueAt ?? null,
  };
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
