// The dashboard's answer from the roll-ups (mock-api/db/metricsRollups.ts), for a question without
// a filter by reason or channel: the same figures computeMetrics gives over the raw rows, read as
// - counts: the difference of two cumulative rows (metricsCumulative) for the 15-minute slots
//   wholly inside a bucket, plus the raw rows of a bucket's edges that are not on a slot edge (a
//   period's from and to; local midnights are on slot edges);
// - latency percentiles (nearest rank): the bins' counts give the bin that holds rank k, then the
//   raw values of that bin in that period are read from an index, sorted by the database;
// - a reviewer's distinct requests: their first decision on each request (pairFirsts), plus their
//   later decisions in the period whose previous one came before it; overturned ones read by id;
// - backlog and open breaches: counted by the database over the open requests;
// - complaints: counted like the decisions (metricsComplaintRollups.ts), the median time to
//   resolution read sorted from an index; a reviewer counts only those they may read, so for a
//   reviewer they are read raw and counted by computeMetrics itself.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  appliedFilters,
  bucketStarts,
  computeMetrics,
  emptyPeriodSums,
  isValidTimeZone,
  noDecisions,
  periodFigures,
  ratio,
  reviewerFigures,
  sortReviewers,
  type DecisionOutcome,
  type MetricsAnswer,
  type MetricsComplaint,
  type MetricsEvent,
  type MetricsFilters,
  type PeriodFigures,
  type PeriodSums,
  type ReviewerSums,
} from '../src/domain/metrics';
import { REASON_CATEGORIES } from '../src/domain/model';
import { SLOT_MS } from '../src/domain/metricsSlots';
import { HOUR_MS } from '../src/domain/sla';
import { engineOf } from './db/engine';
import { complaintCountsRaw, resolutionAtRank } from './db/metricsComplaintRollups';
import {
  DECISION_COUNT_COLUMNS,
  DECISION_FACTS_WITH_REQUESTS,
  addCounts,
  withRollups,
  type CumulativeCounts,
  type RollupDatabase,
} from './db/metricsRollups';
import type { Database } from './db/schema';
import { backlogFigures } from './metricsBacklog';
import { addBin, iso, num, rankOf, split, type Bins, type Range } from './metricsRanges';
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

/** The counts of [a, b): whole slots from two cumulative rows, and the raw ranges at its edges. */
interface RangeCounts {
  counts: CumulativeCounts;
  raw: Range[];
}

class Reader {
  readonly db: Kysely<RollupDatabase>;
  private readonly cumulative = new Map<number, CumulativeCounts>();
  constructor(
    raw: Kysely<Database>,
    private readonly reviewerId: string | undefined,
  ) {
    this.db = withRollups(raw);
  }

  private byReviewer(column: string): RawBuilder<unknown> {
    return this.reviewerId ? sql`and ${sql.ref(column)} = ${this.reviewerId}` : sql``;
  }

  /** Everything counted up to the end of each slot given (the last row at or before it). */
  private async cumulativeAt(slots: Iterable<number>) {
    const wanted = [...new Set(slots)].filter((slot) => !this.cumulative.has(slot));
    if (wanted.length === 0) return;
    // one statement: the last row at or before each slot
    const values = sql.join(wanted.map((slot) => sql`(${sql.lit(slot)})`));
    const { rows } = await sql<{
      x: unknown;
      counts: string | null;
    }>`with "wanted" ("x") as (values ${values})
      select "wanted"."x" as "x", (select c."counts" from "metricsCumulative" c where c."slot" <= "wanted"."x"
        order by c."slot" desc limit 1) as "counts"
      from "wanted"`.execute(this.db);
    for (const row of rows) {
      this.cumulative.set(num(row.x), row.counts ? (JSON.parse(row.counts) as CumulativeCounts) : {});
    }
  }

  /** The counts of each range (whole slots) and what is left to read raw. */
  async counts(ranges: Range[]): Promise<RangeCounts[]> {
    const splits = ranges.map((r) => split(r, SLOT_MS));
    await this.cumulativeAt(splits.filter((s) => s.lo < s.hi).flatMap((s) => [s.lo - 1, s.hi - 1]));
    return splits.map((s) => ({
      counts:
        s.lo < s.hi
          ? addCounts(structuredClone(this.cumulative.get(s.hi - 1)!), this.cumulative.get(s.lo - 1)!, -1)
          : {},
      raw: s.raw,
    }));
  }

  /** Submissions and payouts per segment. */
  async requests(counted: RangeCounts[], sums: PeriodSums[]) {
    for (const [i, { counts, raw }] of counted.entries()) {
      for (const [key, values] of Object.entries(counts)) {
        if (key.startsWith('s|')) sums[i].submitted += values[0];
        else if (key.startsWith('f|')) sums[i].refundedFen += values[0];
      }
      for (const { a, b } of raw) {
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
  }

  /** Decisions per segment (and per reviewer over the period's segments, index ≥ 1). */
  async decisions(counted: RangeCounts[], sums: PeriodSums[], reviewers: Map<string, ReviewerSums>) {
    const add = (
      i: number,
      reasonCategory: string,
      reviewerId: string,
      outcome: DecisionOutcome,
      v: number[],
    ) => {
      const [decided, timed, withinSla, against, firsts] = v;
      if (decided === 0) return;
      const s = sums[i];
      s.decided[outcome] += decided;
      s.timed += timed;
      s.withinSla += withinSla;
      let reason = s.byReason.get(reasonCategory);
      if (!reason) s.byReason.set(reasonCategory, (reason = { decided: 0, approved: 0 }));
      reason.decided += decided;
      if (outcome === 'approved' || outcome === 'partially_approved') reason.approved += decided;
      if (i === 0) return;
      let rev = reviewers.get(reviewerId);
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
        reviewers.set(reviewerId, rev);
      }
      rev.decided[outcome] += decided;
      rev.decisions += decided;
      rev.timed += timed;
      rev.withinSla += withinSla;
      rev.against += against;
      rev.requests += firsts;
    };
    for (const [i, { counts, raw }] of counted.entries()) {
      for (const [key, values] of Object.entries(counts)) {
        if (!key.startsWith('d|')) continue;
        const [, reason, reviewerId, outcome] = key.split('|');
        if (this.reviewerId && reviewerId !== this.reviewerId) continue;
        add(i, reason, reviewerId, outcome as DecisionOutcome, values);
      }
      for (const { a, b } of raw) {
        const { rows } = await sql<
          Record<string, unknown>
        >`select r."reasonCategory", f."reviewerId", d."outcome",
            count(*) as "decided", ${DECISION_COUNT_COLUMNS}
          from ${DECISION_FACTS_WITH_REQUESTS}
          where f."atMs" >= ${a} and f."atMs" < ${b} ${this.byReviewer('f.reviewerId')}
          group by r."reasonCategory", f."reviewerId", d."outcome"`.execute(this.db);
        for (const row of rows) {
          add(
            i,
            String(row.reasonCategory),
            String(row.reviewerId),
            row.outcome as DecisionOutcome,
            [row.decided, row.timed, row.withinSla, row.against, row.firsts].map(num),
          );
        }
      }
    }
  }

  /** The latency bins' counts per segment (the team's, or the one reviewer's asked about). */
  async latencyBins(counted: RangeCounts[]): Promise<Bins[]> {
    const prefix = this.reviewerId ? `r|${this.reviewerId}|` : 'h|';
    const out: Bins[] = [];
    for (const { counts, raw } of counted) {
      const bins: Bins = new Map();
      for (const [key, values] of Object.entries(counts)) {
        if (key.startsWith(prefix)) addBin(bins, Number(key.slice(prefix.length)), values[0]);
      }
      for (const { a, b } of raw) {
        const { rows } = await sql<{ bin: unknown; n: unknown }>`select "latencyBin" as "bin", count(*) as "n"
          from "metricsDecisionFacts" where "atMs" >= ${a} and "atMs" < ${b} and "latencyBin" is not null
          ${this.byReviewer('reviewerId')}
          group by "latencyBin"`.execute(this.db);
        for (const row of rows) addBin(bins, num(row.bin), num(row.n));
      }
      out.push(bins);
    }
    return out;
  }

  /** Each reviewer's latency bins over the period. */
  async reviewerBins(period: Range): Promise<Map<string, Bins>> {
    const out = new Map<string, Bins>();
    const add = (reviewerId: string, bin: number, n: number) => {
      let bins = out.get(reviewerId);
      if (!bins) out.set(reviewerId, (bins = new Map()));
      addBin(bins, bin, n);
    };
    const [{ counts, raw }] = await this.counts([period]);
    for (const [key, values] of Object.entries(counts)) {
      if (!key.startsWith('r|')) continue;
      const [, reviewerId, bin] = key.split('|');
      if (!this.reviewerId || reviewerId === this.reviewerId) add(reviewerId, Number(bin), values[0]);
    }
    for (const { a, b } of raw) {
      const { rows } = await sql<{ reviewerId: string; bin: unknown; n: unknown }>`select "reviewerId",
          "latencyBin" as "bin", count(*) as "n"
        from "metricsDecisionFacts" where "atMs" >= ${a} and "atMs" < ${b} and "latencyBin" is not null
        ${this.byReviewer('reviewerId')}
        group by "reviewerId", "latencyBin"`.execute(this.db);
      for (const row of rows) add(row.reviewerId, num(row.bin), num(row.n));
    }
    return out;
  }

  /**
   * The complaint figures of each segment, and of the period (all complaints: a manager's view),
   * counted in the complaint facts' own indexes: an escalation changes the count of the slot the
   * complaint was opened in, often days back, which a cumulative row would carry into every later row.
   */
  async complaints(ranges: Range[], period: Range): Promise<ComplaintParts> {
    const tallies = [];
    for (const range of ranges) tallies.push(await complaintCountsRaw(this.db, range.a, range.b));
    const total = { opened: 0, escalated: 0, resolved: 0, overturned: 0 };
    for (const t of tallies.slice(1)) {
      total.opened += t.opened;
      total.escalated += t.escalated;
      total.resolved += t.resolved;
      total.overturned += t.overturned;
    }
    const part = async (t: typeof total, range: Range): Promise<ComplaintPart> => {
      const ms =
        t.resolved === 0 ? null : await resolutionAtRank(this.db, range.a, range.b, rankOf(50, t.resolved));
      return {
        complaintsOpened: t.opened,
        escalationRate: ratio(t.escalated, t.opened),
        complaintsResolved: t.resolved,
        overturnRate: ratio(t.overturned, t.resolved),
        complaintResolutionHoursP50: ms === null ? null : ms / HOUR_MS,
      };
    };
    const parts: ComplaintPart[] = [];
    for (const [i, t] of tallies.entries()) parts.push(await part(t, ranges[i]));
    return { previous: parts[0], buckets: parts.slice(1), totals: await part(total, period) };
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
}

const COMPLAINT_FIGURES = [
  'complaintsOpened',
  'escalationRate',
  'complaintsResolved',
  'overturnRate',
  'complaintResolutionHoursP50',
] as const;

type ComplaintPart = Pick<PeriodFigures, (typeof COMPLAINT_FIGURES)[number]>;
interface ComplaintParts {
  previous: ComplaintPart;
  buckets: ComplaintPart[];
  totals: ComplaintPart;
}

function withComplaints<T extends PeriodFigures>(figures: T, complaints: ComplaintPart): T {
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
  const counted = await reader.counts(ranges);
  await reader.requests(counted, sums);
  await reader.decisions(counted, sums, reviewers);

  const totals = emptyPeriodSums(REASON_CATEGORIES);
  const totalBins: Bins = new Map();
  const bins = await reader.latencyBins(counted);
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

  let complaints: ComplaintParts;
  if (question.viewer.role === 'reviewer') {
    // a reviewer counts the complaints they may read: those rows, counted by computeMetrics
    const rows = await readComplaints(db, question);
    const counted = computeMetrics({
      refunds: [],
      events: rows.escalations,
      complaints: rows.complaints.values(),
      from: iso(fromMs),
      to: iso(toMs),
      granularity,
      tz,
      filters: {},
      nowMs,
    });
    complaints = { previous: counted.previous, buckets: counted.buckets, totals: counted.totals };
  } else {
    complaints = await reader.complaints(ranges, period);
  }

  const figures = async (range: Range, s: PeriodSums, b: Bins, c: ComplaintPart) => {
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
      ...(await backlogFigures(db, nowMs)),
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
