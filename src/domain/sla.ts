// Due times and the rules of time. All inputs and outputs are ISO-8601 UTC or epoch milliseconds.
import type { IsoDateTime, PaymentChannel, RefundStatus } from './model';
import { OPEN_REFUND_STATUSES } from './model';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** First review must happen within 24 h of submission (or of the customer's reply). */
export const FIRST_REVIEW_SLA_MS = 24 * HOUR_MS;
/** "Due soon" in the list: within 4 h. */
export const DUE_SOON_MS = 4 * HOUR_MS;
/** Purchases older than this at submission are outside the refund window. */
export const REFUND_WINDOW_MS = 7 * DAY_MS;
/** A request awaiting information is rejected when the customer has not replied in 7 days. */
export const INFO_TIMEOUT_MS = 7 * DAY_MS;
/**
 * Complaints: level 1 due 48 h after opening; level 2 and regulator referrals 24 h. These are the
 * default targets; the admin's complaint target scales both (complaintDueAt in slaSettings.ts).
 */
export const COMPLAINT_LEVEL1_MS = 48 * HOUR_MS;
export const COMPLAINT_LEVEL2_MS = 24 * HOUR_MS;
export const COMPLAINT_REOPEN_MS = 14 * DAY_MS;

export const toMs = (iso: IsoDateTime): number => Date.parse(iso);
export const toIso = (ms: number): IsoDateTime => new Date(ms).toISOString();

export function slaDueAt(slaStartAt: IsoDateTime): IsoDateTime {
  return toIso(toMs(slaStartAt) + FIRST_REVIEW_SLA_MS);
}

export const SLA_STATES = ['breached', 'due_soon', 'on_track', 'stopped'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Statuses where the desk owes the customer a first decision; awaiting_info waits on the customer. */
export function slaRunning(status: RefundStatus): boolean {
  return status === 'pending' || status === 'in_review';
}

export function slaState(request: { status: RefundStatus; slaDueAt: IsoDateTime }, nowMs: number): SlaState {
  if (!slaRunning(request.status)) return 'stopped';
  const left = toMs(request.slaDueAt) - nowMs;
  if (left < 0) return 'breached';
  if (left <= DUE_SOON_MS) return 'due_soon';
  return 'on_track';
}

/**
 * slaState for many requests at one instant (the list's SLA filter over 100,000 requests): the
 * same rule, with the thresholds computed once and canonical UTC due times compared as text.
 */
export function slaStateAt(
  nowMs: number,
): (request: { status: RefundStatus; slaDueAt: IsoDateTime }) => SlaState {
  const now = toIso(nowMs);
  const soon = toIso(nowMs + DUE_SOON_MS);
  return (request) => {
    const due = request.slaDueAt;
    if (due.length !== 24 || !due.endsWith('Z')) return slaState(request, nowMs);
    if (!slaRunning(request.status)) return 'stopped';
    if (due < now) return 'breached';
    if (due <= soon) return 'due_soon';
    return 'on_track';
  };
}

export function isOpen(status: RefundStatus): boolean {
  return OPEN_REFUND_STATUSES.includes(status);
}

/** Expected payout delay per channel: wallets in minutes, bank cards 1–3 days, Apple up to 48 h. */
export const PAYOUT_DELAY_MS: Record<PaymentChannel, { min: number; max: number }> = {
  wechat_pay: { min: 2 * 60_000, max: 10 * 60_000 },
  alipay: { min: 2 * 60_000, max: 10 * 60_000 },
  bank_card: { min: 1 * DAY_MS, max: 3 * DAY_MS },
  apple_iap: { min: 6 * HOUR_MS, max: 48 * HOUR_MS },
};

/** The arrival shown to the customer is the channel's latest, so the promise holds. */
export function expectedArrivalAt(channel: PaymentChannel, approvedAt: IsoDateTime): IsoDateTime {
  return toIso(toMs(approvedAt) + PAYOUT_DELAY_MS[channel].max);
}

/** When the mock API actually pays out: a deterministic point inside the channel's window. */
export function payoutAt(channel: PaymentChannel, approvedAt: IsoDateTime, jitter01: number): IsoDateTime {
  const { min, max } = PAYOUT_DELAY_MS[channel];
  return toIso(toMs(approvedAt) + min + Math.round((max - min) * Math.min(1, Math.max(0, jitter01))));
}
