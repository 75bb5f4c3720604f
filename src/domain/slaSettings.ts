// The desk's clocks as an admin sets them: the working-hours calendar and the targets of each wait
// (first review, by segment; second approval; complaint). The default is 24 × 7 with the seed's
// targets, so the 24-hour promise holds out of the box. One function per due time, used by the
// workflow, the API, the seed and the UI.
import { z } from 'zod';
import { PAYMENT_CHANNELS, type ComplaintChannel, type IsoDateTime, type PaymentChannel } from './model';
import { COMPLAINT_LEVEL1_MS, COMPLAINT_LEVEL2_MS } from './sla';
import { fieldCode, fieldsRefusal, type Refusal } from './refusal';
import { fieldRefusals } from './validation';
import { isValidTimeZone } from './metricsTime';
import {
  ALWAYS_OPEN_CALENDAR,
  WEEKDAYS,
  addWorkingTime,
  calendarOf,
  spanMinutes,
  type WorkingCalendar,
  type WorkingSpan,
} from './workingCalendar';

const HOUR_MS = 3_600_000;

export interface SegmentTarget {
  when: { tipping?: boolean; amountOverFen?: number; paymentChannel?: PaymentChannel };
  firstReviewHours: number;
}

export interface SlaTargets {
  firstReviewHours: number;
  secondApprovalHours: number;
  complaintHours: number;
  bySegment: SegmentTarget[];
  /**
   * A claim with no action on its request for this many working minutes goes back to the queue
   * (release_idle). Absent on settings saved before it existed: DEFAULT_IDLE_CLAIM_MINUTES.
   */
  idleClaimMinutes?: number;
}

export interface SlaSettings extends WorkingCalendar {
  targets: SlaTargets;
}

export const DEFAULT_IDLE_CLAIM_MINUTES = 60;

export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  ...ALWAYS_OPEN_CALENDAR,
  targets: {
    firstReviewHours: 24,
    secondApprovalHours: 4,
    complaintHours: 48,
    bySegment: [],
    idleClaimMinutes: DEFAULT_IDLE_CLAIM_MINUTES,
  },
};

/** The working minutes a claim may sit without an action before it is handed back. */
export const idleClaimMinutesOf = (settings: Pick<SlaSettings, 'targets'>): number =>
  settings.targets.idleClaimMinutes ?? DEFAULT_IDLE_CLAIM_MINUTES;

export { calendarOf };

const MAX_TARGET_HOURS = 24 * 60;

const hours = z
  .number({ error: fieldCode('sla_hours_invalid', { max: MAX_TARGET_HOURS }) })
  .positive({ error: fieldCode('sla_hours_invalid', { max: MAX_TARGET_HOURS }) })
  .max(MAX_TARGET_HOURS, { error: fieldCode('sla_hours_invalid', { max: MAX_TARGET_HOURS }) });

/** A claim may sit idle at most a working week of 24 h days. */
export const MAX_IDLE_CLAIM_MINUTES = 7 * 24 * 60;

const idleMinutes = z
  .number({ error: fieldCode('sla_idle_minutes_invalid', { max: MAX_IDLE_CLAIM_MINUTES }) })
  .int({ error: fieldCode('sla_idle_minutes_invalid', { max: MAX_IDLE_CLAIM_MINUTES }) })
  .min(1, { error: fieldCode('sla_idle_minutes_invalid', { max: MAX_IDLE_CLAIM_MINUTES }) })
  .max(MAX_IDLE_CLAIM_MINUTES, {
    error: fieldCode('sla_idle_minutes_invalid', { max: MAX_IDLE_CLAIM_MINUTES }),
  });

const wallTime = z
  .string({ error: fieldCode('sla_time_invalid') })
  .refine((t) => Number.isFinite(spanMinutes(t)), { error: fieldCode('sla_time_invalid') });

const span = z.tuple([wallTime, wallTime], { error: fieldCode('sla_span_invalid') });

const daySpans = z.array(span, { error: fieldCode('sla_span_invalid') }).superRefine((spans, issues) => {
  let previousEnd = -1;
  for (const [start, end] of spans as WorkingSpan[]) {
    const [from, to] = [spanMinutes(start), spanMinutes(end)];
    if (!(to > from) || from < previousEnd) {
      issues.addIssue({ code: 'custom', message: fieldCode('sla_spans_overlap') });
      return;
    }
    previousEnd = to;
  }
});

const holiday = z
  .string({ error: fieldCode('sla_holiday_invalid') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: fieldCode('sla_holiday_invalid') })
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    error: fieldCode('sla_holiday_invalid'),
  });

const segment = z
  .object({
    when: z
      .object({
        tipping: z.boolean().optional(),
        amountOverFen: z
          .number({ error: fieldCode('sla_amount_invalid') })
          .int({ error: fieldCode('sla_amount_invalid') })
          .nonnegative({ error: fieldCode('sla_amount_invalid') })
          .optional(),
        paymentChannel: z
          .enum(PAYMENT_CHANNELS, {
            error: fieldCode('sla_channel_invalid', { channels: [...PAYMENT_CHANNELS] }),
          })
          .optional(),
      })
      .strict()
      .refine((w) => Object.keys(w).length > 0, { error: fieldCode('sla_segment_empty') }),
    firstReviewHours: hours,
  })
  .strict();

export const slaSettingsSchema = z
  .object({
    timeZone: z
      .string({ error: fieldCode('sla_time_zone_unknown') })
      .refine(isValidTimeZone, { error: fieldCode('sla_time_zone_unknown') }),
    hours: z
      .object(
        Object.fromEntries(WEEKDAYS.map((day) => [day, daySpans])) as Record<
          (typeof WEEKDAYS)[number],
          typeof daySpans
        >,
      )
      .strict(),
    holidays: z.array(holiday).max(366 * 5, { error: fieldCode('sla_holiday_invalid') }),
    targets: z
      .object({
        firstReviewHours: hours,
        secondApprovalHours: hours,
        complaintHours: hours,
        bySegment: z.array(segment).max(20, { error: fieldCode('sla_segment_empty') }),
        // optional on the wire: a body written before it existed keeps the default
        idleClaimMinutes: idleMinutes.optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((s, issues) => {
    if (WEEKDAYS.every((day) => s.hours[day].length === 0)) {
      issues.addIssue({ code: 'custom', path: ['hours'], message: fieldCode('sla_no_working_time') });
    }
  });

export function parseSlaSettings(raw: unknown): { ok: true; settings: SlaSettings } | Refusal<422> {
  const result = slaSettingsSchema.safeParse(raw);
  if (!result.success) return fieldsRefusal(fieldRefusals(result.error));
  const settings = result.data as SlaSettings;
  return { ok: true, settings: { ...settings, holidays: [...new Set(settings.holidays)].sort() } };
}

/** What the first-review target depends on. */
export interface SegmentFacts {
  coinsSpentOnTips: number;
  refundableFen: number;
  paymentChannel: PaymentChannel;
}

function matches(when: SegmentTarget['when'], facts: SegmentFacts): boolean {
  return (
    (when.tipping === undefined || when.tipping === facts.coinsSpentOnTips > 0) &&
    (when.amountOverFen === undefined || facts.refundableFen > when.amountOverFen) &&
    (when.paymentChannel === undefined || when.paymentChannel === facts.paymentChannel)
  );
}

/** The first segment that matches sets the target; otherwise the general one. */
export function firstReviewTargetHours(settings: SlaSettings, facts: SegmentFacts): number {
  return (
    settings.targets.bySegment.find((s) => matches(s.when, facts))?.firstReviewHours ??
    settings.targets.firstReviewHours
  );
}

const dueAfter = (settings: SlaSettings, fromIso: IsoDateTime, targetHours: number): IsoDateTime =>
  new Date(addWorkingTime(calendarOf(settings), Date.parse(fromIso), targetHours * HOUR_MS)).toISOString();

/** When the first review is due: the segment's target counted in working time from the clock's start. */
export function firstReviewDueAt(
  settings: SlaSettings,
  facts: SegmentFacts,
  slaStartAt: IsoDateTime,
): IsoDateTime {
  return dueAfter(settings, slaStartAt, firstReviewTargetHours(settings, facts));
}

/** When a supervisor's second approval is due, from when the request began to wait for it. */
export function secondApprovalDueAt(settings: SlaSettings, waitingSince: IsoDateTime): IsoDateTime {
  return dueAfter(settings, waitingSince, settings.targets.secondApprovalHours);
}

/**
 * The second-approval clock as a request moves: started when it begins to wait for a supervisor,
 * cleared when it leaves that wait, left alone otherwise (older requests never had one).
 */
export function secondApprovalClock(
  before: { status: string; secondApprovalDueAt?: IsoDateTime | null },
  statusAfter: string,
  settings: SlaSettings,
  nowIso: IsoDateTime,
): { secondApprovalDueAt?: IsoDateTime | null } {
  const waiting = statusAfter === 'awaiting_second_approval';
  if (waiting && before.status !== 'awaiting_second_approval') {
    return { secondApprovalDueAt: secondApprovalDueAt(settings, nowIso) };
  }
  if (!waiting && before.secondApprovalDueAt) return { secondApprovalDueAt: null };
  return {};
}

/**
 * A complaint's target in working hours. Level 1 is the admin's complaint target; level 2 and
 * regulator referrals keep today's proportion of it (24 h of 48 h, so half), which keeps the
 * default at exactly 24 h without a second setting to keep in step.
 */
export function complaintTargetHours(settings: SlaSettings, level: 1 | 2, channel: ComplaintChannel): number {
  const shorter = level === 2 || channel === 'regulator_referral';
  const hours = settings.targets.complaintHours;
  return shorter ? (hours * COMPLAINT_LEVEL2_MS) / COMPLAINT_LEVEL1_MS : hours;
}

/** When a complaint is due: its level's target counted in working time from `fromIso`. */
export function complaintDueAt(
  settings: SlaSettings,
  level: 1 | 2,
  channel: ComplaintChannel,
  fromIso: IsoDateTime,
): IsoDateTime {
  return dueAfter(settings, fromIso, complaintTargetHours(settings, level, channel));
}
