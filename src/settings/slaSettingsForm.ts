// The SLA settings as the admin's form holds them and back: a day's spans as one line of text
// ("09:00-12:00, 13:00-18:00"), holidays one per line, segment amounts in yuan. The server checks
// the result again (slaSettings.ts) and answers field by field.
import type { PaymentChannel } from '../domain/model';
import { idleClaimMinutesOf, type SegmentTarget, type SlaSettings } from '../domain/slaSettings';
import { WEEKDAYS, spanMinutes, type Weekday, type WorkingSpan } from '../domain/workingCalendar';

export interface SlaSegmentForm {
  tipping?: boolean;
  amountOverYuan?: number | null;
  paymentChannel?: PaymentChannel | null;
  firstReviewHours: number;
}

export interface SlaSettingsForm {
  timeZone: string;
  hours: Record<Weekday, string>;
  holidays: string;
  targets: Omit<SlaSettings['targets'], 'bySegment' | 'idleClaimMinutes'> & {
    bySegment: SlaSegmentForm[];
    idleClaimMinutes: number;
  };
}

/** "09:00-12:00, 13:00-18:00" → spans; "" → no spans; null when a piece is not a span. */
export function spansText(text: string): WorkingSpan[] | null {
  const pieces = text
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const spans: WorkingSpan[] = [];
  for (const piece of pieces) {
    const match = /^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})$/.exec(piece);
    if (!match) return null;
    const [start, end] = [match[1].padStart(5, '0'), match[2].padStart(5, '0')];
    if (!Number.isFinite(spanMinutes(start)) || !Number.isFinite(spanMinutes(end))) return null;
    spans.push([start, end]);
  }
  return spans;
}

export const spansToText = (spans: readonly WorkingSpan[]): string =>
  spans.map(([start, end]) => `${start}-${end}`).join(', ');

export function settingsToForm(settings: SlaSettings): SlaSettingsForm {
  return {
    timeZone: settings.timeZone,
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, spansToText(settings.hours[d])])) as Record<
      Weekday,
      string
    >,
    holidays: settings.holidays.join('\n'),
    targets: {
      firstReviewHours: settings.targets.firstReviewHours,
      secondApprovalHours: settings.targets.secondApprovalHours,
      complaintHours: settings.targets.complaintHours,
      // settings saved before the limit existed show the default that applies to them
      idleClaimMinutes: idleClaimMinutesOf(settings),
      bySegment: settings.targets.bySegment.map((s) => ({
        tipping: s.when.tipping === true,
        amountOverYuan: s.when.amountOverFen === undefined ? null : s.when.amountOverFen / 100,
        paymentChannel: s.when.paymentChannel ?? null,
        firstReviewHours: s.firstReviewHours,
      })),
    },
  };
}

function segmentOf(form: SlaSegmentForm): SegmentTarget {
  const when: SegmentTarget['when'] = {};
  if (form.tipping) when.tipping = true;
  if (typeof form.amountOverYuan === 'number') when.amountOverFen = Math.round(form.amountOverYuan * 100);
  if (form.paymentChannel) when.paymentChannel = form.paymentChannel;
  return { when, firstReviewHours: Number(form.firstReviewHours) };
}

/** The form's values as the API takes them (spans that do not parse are sent as they are, refused there). */
export function formToSettings(form: SlaSettingsForm): SlaSettings {
  return {
    timeZone: form.timeZone.trim(),
    hours: Object.fromEntries(
      WEEKDAYS.map((d) => [d, spansText(form.hours[d] ?? '') ?? [[form.hours[d], '']]]),
    ) as Record<Weekday, WorkingSpan[]>,
    holidays: form.holidays
      .split(/\s+/)
      .map((d) => d.trim())
      .filter(Boolean),
    targets: {
      firstReviewHours: Number(form.targets.firstReviewHours),
      secondApprovalHours: Number(form.targets.secondApprovalHours),
      complaintHours: Number(form.targets.complaintHours),
      idleClaimMinutes: Number(form.targets.idleClaimMinutes),
      bySegment: (form.targets.bySegment ?? []).map(segmentOf),
    },
  };
}
