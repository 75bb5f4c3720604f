// The dashboard's answer from the roll-ups (mock-api/db/metricsRollups.ts), for a question without
// a filter by reason or channel: the same figures computeMetrics gives over the raw rows, read as
// - counts: per 15-minute slot wholly inside a bucket, plus the raw rows of a bucket's edges that
//   are not on a slot edge (a period's from and to; local midnights are on slot edges);
// - latency percentiles (nearest rank): the bins' counts give the bin that holds rank k, then the
//   raw values of that bin in that period are read from an index, sorted by the database;
// - a reviewer's distinct requests: their first decision on each request (pairFirsts), plus their
//   later decisions in the period whose previous one came before it; overturned ones read by id;
// - backlog and open breaches: counted by the database over the open requests;
// - complaints (a small table, and a reviewer counts only those they may read): read raw and
//   counted by computeMetrics itself.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  BACKLOG_AGES,
  BACKLOG_AGE_BOUNDS,
  appliedFilters,
  bucketStarts,
  computeMetrics,
  emptyPeriodSums,
  isValidTimeZone,
  noDecisions,
  periodFigures,
  reviewerFigures,
  sortReviewers,
  type BacklogAge,
  type DecisionOutcome,
  type MetricsAnswer,
  type MetricsComplaint,
  type MetricsEvent,
  type MetricsFilters,
  type PeriodFigures,
  type PeriodSums,
  type ReviewerSums,
} from '../src/domain/metrics';
import { OPEN_REFUND_STATUSES, REASON_CATEGORIES, type RefundStatus } from '../src/domain/model';
import { REVIEWER_SLOT_MS, SLOT_MS } from '../src/domain/metricsSlots';
import { FIRST_REVIEW_SLA_MS, HOUR_MS, slaRunning } from '../src/domain/sla';
import { engineOf } from './db/engine';
import { withRollups, type RollupDatabase } from './db/metricsRollups';
import type { Database } from './db/schema';
import type { MetricsQuestion } from './metricsQuestion';

/** The complaints counted for a question and their escalation events (metricsSource.ts readComplaints). */
export type ComplaintReader = (
  db: Kysely<Database>,
  question: MetricsQuestion,
) => Promise<{ complaints: Map<string, MetricsComplaint>; escalations: MetricsEvent[] }>;

/** Whether the roll-ups can answer a question with these filters (else the raw rows do). */
export function rollupsAnswer(filters: MetricsFilters): boolean {
  return (
    !filters.reasonCategory?.length && !filters.paymentChannel?.length && !filters.submissionChannel?.length
  );
}

interface Range {
  a: number;
  b: number;
}

/** [a, b) as whole slots of `width` [lo, hi) and the raw ranges left at its edges. */
function split({ a, b }: Range, width: number): { lo: number; hi: number; raw: Range[] } {
  const lo = Math.ceil(a / width);
  const hi = Math.floor(b / width);
  if (lo >= hi) return { lo: 0, hi: 0, raw: [{ a, b }] };
  const raw: Range[] = [];
  if (a < lo * width) raw.push({ a, b: lo * width });
  if (hi * width < b) raw.push({ a: hi * width, b });
  return { lo, hi, raw };
}

/** `with "seg" (i, lo, hi) as (values …)`: integer literals only. */
function segments(rows: number[][]): RawBuilder<unknown> {
  const values = rows.map((r) => sql`(${sql.join(r.map((v) => sql.lit(v)))})`);
  return sql`with "seg" ("i", "lo", "hi") as (values ${sql.join(values)})`;
}

const iso = (ms: number) => new Date(ms).toISOString();
const num = (v: unknown): number => Number(v ?? 0);

type Bins = Map<number, number>;
function addBin(bins: Bins, bin: number, n: number) {
  bins.set(bin, (bins.get(bin) ?? 0) + n);
}

/** 1-based nearest rank of percentile p among n values (percentilesNearestRank's). */
const rankOf = (p: number, n: number) => Math.min(Math.max(1, Math.ceil((p / 100) * n)), n);

class Reader {
  readonly db: Kysely<RollupDatabase>;
  constructor(
    raw: Kysely<Database>,
    private readonly reviewerId: string | undefined,
  ) {
    this.db = withRollups(raw);
  }

  private byReviewer(column: string): RawBuilder<unknown> {
    return this.reviewerId ? sql`and ${sql.ref(column)} = ${this.reviewerId}` : sql``;
  }

  /** Submissions and payouts per segment. */
  async requests(ranges: Range[], sums: PeriodSums[]) {
    const aligned: number[][] = [];
    const raw: [number, Range][] = [];
    ranges.forEach((range, i) => {
      const s = split(range, SLOT_MS);
      if (s.lo < s.hi) aligned.push([i, s.lo, s.hi]);
      for (const r of s.raw) raw.push([i, r]);
    });
    if (aligned.length > 0) {
      const { rows } = await sql<{ i: number; submitted: unknown; fen: unknown }>`${segments(aligned)}
        select "seg"."i" as "i", sum(m."submitted") as "submitted", sum(m."refundedFen") as "fen"
        from "seg" join "metricsSlots" m on m."slot" >= "seg"."lo" and m."slot" < "seg"."hi"
        group by "seg"."i"`.execute(this.db);
      for (const row of rows) {
        sums[num(row.i)].submitted += num(row.submitted);
        sums[num(row.i)].refundedFen += num(row.fen);
      }
    }
    for (const [i, { a, b }] of raw) {
      const submitted = await this.db
        .selectFrom('refunds')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('submittedAt', '>=', iso(a))
        .where('submittedAt', '<', iso(b))
        .executeTakeFirst();
      const paid = await this.db
        .selectFrom('events')
        .select((eb) => eb.fn.sum('amountFen').as('fen'))
        .where('action', '=', sql.lit('payout'))
        .where('subject', '=', 'refund')
        .where('at', '>=', iso(a))
        .where('at', '<', iso(b))
        .executeTakeFirst();
      sums[i].submitted += num(submitted?.n);
      sums[i].refundedFen += num(paid?.fen);
    }
  }

  /** Decisions per segment (and per reviewer over the period's segments, index ≥ 1). */
  async decisions(ranges: Range[], sums: PeriodSums[], reviewers: Map<string, ReviewerSums>) {
    const aligned: number[][] = [];
    const raw: [number, Range][] = [];
    ranges.forEach((range, i) => {
      const s = split(range, SLOT_MS);
      if (s.lo < s.hi) aligned.push([i, s.lo, s.hi]);
      for (const r of s.raw) raw.push([i, r]);
    });
    type Row = {
      i: number;
      reasonCategory: string;
      reviewerId: string;
      outcome: string;
      decided: unknown;
      timed: unknown;
      withinSla: unknown;
      against: unknown;
      pairFirsts: unknown;
    };
    const add = (row: Row) => {
      const i = num(row.i);
      const decided = num(row.decided);
      if (decided === 0) return;
      const outcome = row.outcome as DecisionOutcome;
      const s = sums[i];
      s.decided[outcome] += decided;
      s.timed += num(row.timed);
      s.withinSla += num(row.withinSla);
      let reason = s.byReason.get(row.reasonCategory);
      if (!reason) s.byReason.set(row.reasonCategory, (reason = { decided: 0, approved: 0 }));
      reason.decided += decided;
      if (outcome === 'approved' || outcome === 'partially_approved') reason.approved += decided;
      if (i === 0) return;
      let rev = reviewers.get(row.reviewerId);
      if (!rev) {
        rev = {
          decided: noDecisions(),
          decisions: 0,
          timed: 0,
          withinSla: 0,
          against: 0,
          requests: 0,
          overturnedRequests: 0,
        };
        reviewers.set(row.reviewerId, rev);
      }
      rev.decided[outcome] += decided;
      rev.decisions += decided;
      rev.timed += num(row.timed);
      rev.withinSla += num(row.withinSla);
      rev.against += num(row.against);
      rev.requests += num(row.pairFirsts);
    };
    if (aligned.length > 0) {
      const { rows } = await sql<Row>`${segments(aligned)}
        select "seg"."i" as "i", m."reasonCategory", m."reviewerId", m."outcome", sum(m."decided") as "decided",
          sum(m."timed") as "timed", sum(m."withinSla") as "withinSla", sum(m."against") as "against",
          sum(m."pairFirsts") as "pairFirsts"
        from "seg" join "metricsSlotDecisions" m on m."slot" >= "seg"."lo" and m."slot" < "seg"."hi"
        where 1 = 1 ${this.byReviewer('m.reviewerId')}
        group by "seg"."i", m."reasonCategory", m."reviewerId", m."outcome"`.execute(this.db);
      rows.forEach(add);
    }
    for (const [i, { a, b }] of raw) {
      const { rows } =
        await sql<Row>`select ${sql.lit(i)} as "i", r."reasonCategory", f."reviewerId", d."outcome",
          count(*) as "decided", count(f."latencyMs") as "timed",
          sum(case when f."latencyMs" <= ${sql.lit(FIRST_REVIEW_SLA_MS)} then 1 else 0 end) as "withinSla",
          sum(case when d."againstSuggestion" then 1 else 0 end) as "against",
          sum(case when f."pairPrevAtMs" is null then 1 else 0 end) as "pairFirsts"
        from "metricsDecisionFacts" f
          join "refundDecisions" d on d."eventId" = f."eventId"
          join "refunds" r on r."id" = f."refundId"
        where f."atMs" >= ${a} and f."atMs" < ${b} ${this.byReviewer('f.reviewerId')}
        group by r."reasonCategory", f."reviewerId", d."outcome"`.execute(this.db);
      rows.forEach(add);
    }
  }

  /** The latency bins' counts per segment. */
  async latencyBins(ranges: Range[]): Promise<Bins[]> {
    const bins = ranges.map((): Bins => new Map());
    type Row = { i: number; bin: unknown; n: unknown };
    const add = (row: Row) => addBin(bins[num(row.i)], num(row.bin), num(row.n));
    if (this.reviewerId) {
      // one reviewer's decisions: few enough to count from their index
      const rows = ranges.map((r, i) => [i, r.a, r.b]);
      const { rows: counted } = await sql<Row>`${segments(rows)}
        select "seg"."i" as "i", f."latencyBin" as "bin", count(*) as "n"
        from "seg" join "metricsDecisionFacts" f
          on f."reviewerId" = ${this.reviewerId} and f."atMs" >= "seg"."lo" and f."atMs" < "seg"."hi"
        where f."latencyBin" is not null
        group by "seg"."i", f."latencyBin"`.execute(this.db);
      counted.forEach(add);
      return bins;
    }
    const aligned: number[][] = [];
    const raw: [number, Range][] = [];
    ranges.forEach((range, i) => {
      const s = split(range, SLOT_MS);
      if (s.lo < s.hi) aligned.push([i, s.lo, s.hi]);
      for (const r of s.raw) raw.push([i, r]);
    });
    if (aligned.length > 0) {
      const { rows } = await sql<Row>`${segments(aligned)}
        select "seg"."i" as "i", h."bin" as "bin", sum(h."n") as "n"
        from "seg" join "metricsSlotLatency" h on h."slot" >= "seg"."lo" and h."slot" < "seg"."hi"
        group by "seg"."i", h."bin"`.execute(this.db);
      rows.forEach(add);
    }
    for (const [i, { a, b }] of raw) {
      const { rows } = await sql<Row>`select ${sql.lit(i)} as "i", "latencyBin" as "bin", count(*) as "n"
        from "metricsDecisionFacts" where "atMs" >= ${a} and "atMs" < ${b} and "latencyBin" is not null
        group by "latencyBin"`.execute(this.db);
      rows.forEach(add);
    }
    return bins;
  }

  /** Each reviewer's latency bins over the period. */
  async reviewerBins(period: Range): Promise<Map<string, Bins>> {
    const out = new Map<string, Bins>();
    type Row = { reviewerId: string; bin: unknown; n: unknown };
    const add = (row: Row) => {
      let bins = out.get(row.reviewerId);
      if (!bins) out.set(row.reviewerId, (bins = new Map()));
      addBin(bins, num(row.bin), num(row.n));
    };
    const s = split(period, REVIEWER_SLOT_MS);
    if (s.lo < s.hi) {
      const { rows } =
        await sql<Row>`select "reviewerId", "bin", sum("n") as "n" from "metricsReviewerLatency"
        where "day" >= ${s.lo} and "day" < ${s.hi} ${this.byReviewer('reviewerId')}
        group by "reviewerId", "bin"`.execute(this.db);
      rows.forEach(add);
    }
    for (const { a, b } of s.raw) {
      const { rows } = await sql<Row>`select "reviewerId", "latencyBin" as "bin", count(*) as "n"
        from "metricsDecisionFacts" where "atMs" >= ${a} and "atMs" < ${b} and "latencyBin" is not null
        ${this.byReviewer('reviewerId')}
        group by "reviewerId", "latencyBin"`.execute(this.db);
      rows.forEach(add);
    }
    return out;
  }

  /** The nearest-rank percentiles (in hours) of the latencies in [a, b), given their bins' counts. */
  async percentiles(range: Range, bins: Bins, ps: readonly number[], reviewerId = this.reviewerId) {
    let n = 0;
    for (const count of bins.values()) n += count;
    const out: (number | null)[] = [];
    const ordered = [...bins].filter(([, c]) => c > 0).sort((x, y) => x[0] - y[0]);
    for (const p of ps) {
      if (n === 0) {
        out.push(null);
        continue;
      }
      let rank = rankOf(p, n);
      let bin = ordered[0][0];
      for (const [b, count] of ordered) {
        bin = b;
        if (rank <= count) break;
        rank -= count;
      }
      const who = reviewerId ? sql`and "reviewerId" = ${reviewerId}` : sql``;
      const { rows } = await sql<{ latencyMs: unknown }>`select "latencyMs" from "metricsDecisionFacts"
        where "latencyBin" = ${bin} and "atMs" >= ${range.a} and "atMs" < ${range.b} ${who}
        order by "latencyMs" limit 1 offset ${rank - 1}`.execute(this.db);
      out.push(rows.length > 0 ? num(rows[0].latencyMs) / HOUR_MS : null);
    }
    return out;
  }

  /** Per reviewer: later decisions in the period whose previous one on the request came before it. */
  async straddling(period: Range): Promise<Map<string, number>> {
    const { rows } = await sql<{ reviewerId: string; n: unknown }>`select "reviewerId", count(*) as "n"
      from "metricsDecisionFacts"
      where "atMs" >= ${period.a} and "atMs" < ${period.b} and "pairPrevAtMs" is not null
        and "pairPrevAtMs" < ${period.a} ${this.byReviewer('reviewerId')}
      group by "reviewerId"`.execute(this.db);
    return new Map(rows.map((r) => [r.reviewerId, num(r.n)]));
  }

  /** Per reviewer: the overturned requests they decided in the period. */
  async overturned(period: Range): Promise<Map<string, number>> {
    const yes = sql.lit(engineOf(this.db) === 'sqlite' ? 1 : true);
    const { rows } = await sql<{
      reviewerId: string;
      n: unknown;
    }>`select d."reviewerId", count(distinct d."refundId") as "n"
      from "refunds" r join "refundDecisions" d on d."refundId" = r."id"
      where r."overturned" = ${yes} and d."atMs" >= ${period.a} and d."atMs" < ${period.b}
        ${this.byReviewer('d.reviewerId')}
      group by d."reviewerId"`.execute(this.db);
    return new Map(rows.map((r) => [r.reviewerId, num(r.n)]));
  }

  /** The open requests by status, age band and whether past due, as of nowMs. */
  async backlog(nowMs: number) {
    const before = (ms: number) => iso(nowMs - ms);
    const { rows } = await sql<{ status: string; band: unknown; late: unknown; n: unknown }>`
      select "status", case
          when "submittedAt" > ${before(BACKLOG_AGE_BOUNDS.h4to24[0])} then 0
          when "submittedAt" > ${before(BACKLOG_AGE_BOUNDS.d1to3[0])} then 1
          when "submittedAt" > ${before(BACKLOG_AGE_BOUNDS.over3d[0])} then 2
          else 3 end as "band",
        case when "slaDueAt" < ${iso(nowMs)} then 1 else 0 end as "late", count(*) as "n"
      from "refunds" where "status" in (${sql.join(OPEN_REFUND_STATUSES.map((s) => sql.lit(s)))})
      group by 1, 2, 3`.execute(this.db);
    const byAge = Object.fromEntries(BACKLOG_AGES.map((a) => [a, 0])) as Record<BacklogAge, number>;
    const byStatus: Record<string, number> = {};
    for (const s of OPEN_REFUND_STATUSES) byStatus[s] = 0;
    let total = 0;
    let breachesOpen = 0;
    for (const row of rows) {
      const n = num(row.n);
      total += n;
      byStatus[row.status] += n;
      byAge[BACKLOG_AGES[num(row.band)]] += n;
      if (num(row.late) === 1 && slaRunning(row.status as RefundStatus)) breachesOpen += n;
    }
    return { backlog: { total, byAge, byStatus }, breachesOpen };
  }
}

const COMPLAINT_FIGURES = [
  'complaintsOpened',
  'escalationRate',
  'complaintsResolved',
  'overturnRate',
  'complaintResolutionHoursP50',
] as const;

function withComplaints<T extends PeriodFigures>(figures: T, complaints: PeriodFigures): T {
  const out = { ...figures };
  for (const key of COMPLAINT_FIGURES) (out as PeriodFigures)[key] = complaints[key] as never;
  return out;
}

/** The answer from the roll-ups; call in one read transaction, only when rollupsAnswer(filters). */
export async function answerFromRollups(
  db: Kysely<Database>,
  question: MetricsQuestion,
  readComplaints: ComplaintReader,
): Promise<MetricsAnswer> {
  const { fromMs, toMs, granularity, tz, filters, nowMs } = question;
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
    throw new RangeError('computeMetrics: "from" must be an instant before "to".');
  }
  if (!isValidTimeZone(tz)) throw new RangeError(`computeMetrics: unknown time zone "${tz}".`);
  const prevFromMs = fromMs - (toMs - fromMs);
  const starts = bucketStarts(fromMs, toMs, granularity, tz);
  // segment 0: the previous period; then one per bucket
  const ranges: Range[] = [
    { a: prevFromMs, b: fromMs },
    ...starts.map((a, i) => ({ a, b: i + 1 < starts.length ? starts[i + 1] : toMs })),
  ];
  const period: Range = { a: fromMs, b: toMs };
  const reader = new Reader(db, filters.reviewerId);
  const sums = ranges.map(() => emptyPeriodSums(REASON_CATEGORIES));
  const reviewers = new Map<string, ReviewerSums>();
  await reader.requests(ranges, sums);
  await reader.decisions(ranges, sums, reviewers);

  const totals = emptyPeriodSums(REASON_CATEGORIES);
  const totalBins: Bins = new Map();
  const bins = await reader.latencyBins(ranges);
  for (let i = 1; i < ranges.length; i++) {
    const s = sums[i];
    totals.submitted += s.submitted;
    totals.refundedFen += s.refundedFen;
    totals.timed += s.timed;
    totals.withinSla += s.withinSla;
    for (const [o, n] of Object.entries(s.decided)) totals.decided[o as DecisionOutcome] += n;
    for (const [reason, r] of s.byReason) {
      let t = totals.byReason.get(reason);
      if (!t) totals.byReason.set(reason, (t = { decided: 0, approved: 0 }));
      t.decided += r.decided;
      t.approved += r.approved;
    }
    for (const [bin, n] of bins[i]) addBin(totalBins, bin, n);
  }

  const complaintRows = await readComplaints(db, question);
  const complaints = computeMetrics({
    refunds: [],
    events: complaintRows.escalations,
    complaints: complaintRows.complaints.values(),
    from: iso(fromMs),
    to: iso(toMs),
    granularity,
    tz,
    filters: {},
    nowMs,
  });

  const figures = async (range: Range, s: PeriodSums, b: Bins, c: PeriodFigures) => {
    const [latencyP50, latencyP90] = await reader.percentiles(range, b, [50, 90]);
    return withComplaints(periodFigures(s, { latencyP50, latencyP90, resolutionP50: null }), c);
  };
  const buckets = [];
  for (let i = 1; i < ranges.length; i++) {
    buckets.push({
      start: iso(ranges[i].a),
      end: iso(ranges[i].b),
      ...(await figures(ranges[i], sums[i], bins[i], complaints.buckets[i - 1])),
    });
  }

  const [straddling, overturned, reviewerBins] = [
    await reader.straddling(period),
    await reader.overturned(period),
    await reader.reviewerBins(period),
  ];
  const reviewerList = [];
  for (const [reviewerId, s] of reviewers) {
    if (s.decisions === 0) continue;
    s.requests += straddling.get(reviewerId) ?? 0;
    s.overturnedRequests = overturned.get(reviewerId) ?? 0;
    const [p50] = await reader.percentiles(
      period,
      reviewerBins.get(reviewerId) ?? new Map(),
      [50],
      reviewerId,
    );
    reviewerList.push(reviewerFigures(reviewerId, s, p50));
  }

  return {
    from: iso(fromMs),
    to: iso(toMs),
    granularity,
    tz,
    asOf: iso(nowMs),
    filters: appliedFilters(filters),
    totals: {
      ...(await figures(period, totals, totalBins, complaints.totals)),
      ...(await reader.backlog(nowMs)),
    },
    previous: {
      from: iso(prevFromMs),
      to: iso(fromMs),
      ...(await figures(ranges[0], sums[0], bins[0], complaints.previous)),
    },
    buckets,
    reviewers: sortReviewers(reviewerList),
  };
}
