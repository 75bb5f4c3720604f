// The review-time segments and week heat map recomputed the plain way, from the refund list the API
// serves: each request's own times, grouped in JavaScript (the API counts 15-minute slots in SQL).
import type { MetricsFilters } from '../../src/domain/metrics';
import type { RefundRequest } from '../../src/domain/model';
import { latencyBySegment, peakHours, weekHeatMap, type DecidedWait } from '../../src/domain/reviewSegments';
import { DEFAULT_SLA_SETTINGS, calendarOf, type SlaSettings } from '../../src/domain/slaSettings';
import { localHourStart } from '../../src/domain/workingCalendar';

const DAY = 86_400_000;

export function referenceSegments(
  refunds: readonly RefundRequest[],
  question: { from: string; to: string; tz: string; filters: MetricsFilters },
  settings: SlaSettings = DEFAULT_SLA_SETTINGS,
) {
  const fromMs = Date.parse(question.from);
  const toMs = Date.parse(question.to);
  const { filters } = question;
  const inRange = (iso: string | null) => iso !== null && Date.parse(iso) >= fromMs && Date.parse(iso) < toMs;
  const listed = refunds.filter(
    (r) =>
      (!filters.reasonCategory || filters.reasonCategory.includes(r.reasonCategory)) &&
      (!filters.paymentChannel || filters.paymentChannel.includes(r.paymentChannel)) &&
      (!filters.submissionChannel || filters.submissionChannel.includes(r.submissionChannel)),
  );
  const decided = listed.filter(
    (r) =>
      inRange(r.decidedAt) &&
      r.decision !== null &&
      r.decision.by !== 'system' &&
      (!filters.reviewerId || r.decision.by === filters.reviewerId),
  );
  const waits: DecidedWait[] = decided.map((r) => ({
    startMs: Date.parse(r.slaStartAt),
    decidedMs: Date.parse(r.decidedAt!),
    tipping: r.tipping,
  }));
  const calendar = calendarOf(settings);
  const peakFrom = Math.max(Math.min(fromMs, ...waits.map((w) => w.startMs)), fromMs - 90 * DAY);
  const byHour = new Map<number, number>();
  for (const r of refunds) {
    const at = Date.parse(r.submittedAt);
    if (at < peakFrom || at >= toMs) continue;
    const hour = localHourStart(calendar.timeZone, at);
    byHour.set(hour, (byHour.get(hour) ?? 0) + 1);
  }
  const one = (iso: string) => [Date.parse(iso), 1] as const;
  return {
    latencyHoursBySegment: latencyBySegment(calendar, waits, peakHours(calendar, byHour, peakFrom, toMs)),
    heatMap: {
      tz: question.tz,
      cells: weekHeatMap(
        question.tz,
        listed.filter((r) => inRange(r.submittedAt)).map((r) => one(r.submittedAt)),
        decided.map((r) => one(r.decidedAt!)),
      ),
    },
  };
}
