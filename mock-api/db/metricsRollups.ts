// The dashboard's roll-ups: counts per 15-minute UTC slot (SLOT_MS) kept in the transaction of the
// command that changes them, so that a commit and its roll-up never disagree, and rebuilt from the
// base tables in SQL (rebuildMetricsRollups: the seed, migration 008). What they hold:
// - metricsSlots: per slot and reason, requests submitted and the fen paid out (payout events);
// - metricsSlotDecisions: per slot, reason, reviewer and outcome, the decisions (refundDecisions),
//   those carrying a latency, those within the first-review SLA, against the suggestion, and the
//   first of each reviewer's decisions on a request (pairFirsts: distinct requests per reviewer);
// - metricsSlotLatency / metricsReviewerLatency: histograms of latency bins (LATENCY_BIN_EDGES), per
//   slot, and per UTC day and reviewer, to find the bin that holds a percentile's rank;
// - metricsDecisionFacts: one row per decision with its bin and the time of the same reviewer's
//   previous decision on the request, indexed for reading one bin of one period (exact percentiles).
// The read side is mock-api/metricsRollupAnswer.ts. storeMeta.metricsRollupsOf names the seed the
// roll-ups were built for: a seed that wrote rows without rebuilding them leaves them unused.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ClassifiedDecision } from '../../src/domain/metrics';
import type { Change } from '../deskData';
import {
  LATENCY_BIN_EDGES,
  REVIEWER_SLOT_MS,
  SLOT_MS,
  latencyBinOf,
  slotOf,
} from '../../src/domain/metricsSlots';
import { FIRST_REVIEW_SLA_MS } from '../../src/domain/sla';
import { engineOf } from './engine';
import type { Database } from './schema';

export interface MetricsSlotsTable {
  slot: number;
  reasonCategory: string;
  submitted: number;
  refundedFen: number;
}
export interface MetricsSlotDecisionsTable {
  slot: number;
  reasonCategory: string;
  reviewerId: string;
  outcome: string;
  decided: number;
  timed: number;
  withinSla: number;
  against: number;
  pairFirsts: number;
}
export interface MetricsSlotLatencyTable {
  slot: number;
  bin: number;
  n: number;
}
export interface MetricsReviewerLatencyTable {
  reviewerId: string;
  day: number;
  bin: number;
  n: number;
}
export interface MetricsDecisionFactsTable {
  eventId: string;
  refundId: string;
  reviewerId: string;
  atMs: number;
  latencyMs: number | null;
  latencyBin: number | null;
  pairPrevAtMs: number | null;
}
// a type (not an interface): Kysely's withTables wants an indexable record
export type RollupTables = {
  metricsSlots: MetricsSlotsTable;
  metricsSlotDecisions: MetricsSlotDecisionsTable;
  metricsSlotLatency: MetricsSlotLatencyTable;
  metricsReviewerLatency: MetricsReviewerLatencyTable;
  metricsDecisionFacts: MetricsDecisionFactsTable;
};
export type RollupDatabase = Database & RollupTables;

export const ROLLUP_TABLES = [
  'metricsSlots',
  'metricsSlotDecisions',
  'metricsSlotLatency',
  'metricsReviewerLatency',
  'metricsDecisionFacts',
] as const satisfies readonly (keyof RollupTables)[];

/** The storeMeta key naming the seed (its seededAt, '' for none) the roll-ups were built for. */
export const ROLLUPS_META_KEY = 'metricsRollupsOf';

export const withRollups = (db: Kysely<Database>): Kysely<RollupDatabase> => db.withTables<RollupTables>();

const PAYOUT = 'payout';

// ---------------------------------------------------------------------------------------------
// Kept by the commands (SqlWriter.commit, sqlDesk.ts)

type Counts = Record<string, number>;

/** What one command adds to (or takes from) the roll-ups, written at the end of its transaction. */
export class RollupChanges {
  private readonly tables = new Map<keyof RollupTables, Map<string, { key: Counts; add: Counts }>>();
  /** each written request's submission key before the write */
  private readonly before = new Map<string, { slot: number; reasonCategory: string } | null>();

  constructor(private readonly db: Kysely<Database>) {}

  private add(table: keyof RollupTables, key: Record<string, string | number>, add: Counts) {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    const id = JSON.stringify(key);
    const row = rows.get(id);
    if (!row) {
      rows.set(id, { key: key as Counts, add: { ...add } });
      return;
    }
    for (const [column, n] of Object.entries(add)) row.add[column] = (row.add[column] ?? 0) + n;
  }

  /** Before a request is written: what it counted as until now (a stored row, or nothing). */
  async beforeRefund(id: string, was: { submittedAt: string; reasonCategory: string } | undefined) {
    if (this.before.has(id)) return;
    let old = was;
    if (!old) {
      old = await this.db
        .selectFrom('refunds')
        .select(['submittedAt', 'reasonCategory'])
        .where('id', '=', id)
        .executeTakeFirst();
    }
    this.before.set(
      id,
      old ? { slot: slotOf(Date.parse(old.submittedAt)), reasonCategory: old.reasonCategory } : null,
    );
  }

  /** After a change is written: a request's submission, a payout. */
  async written(change: Change) {
    if (change.c === 'refunds') {
      const old = this.before.get(change.v.id);
      const now = { slot: slotOf(Date.parse(change.v.submittedAt)), reasonCategory: change.v.reasonCategory };
      if (old && old.slot === now.slot && old.reasonCategory === now.reasonCategory) return;
      if (old) this.add('metricsSlots', old, { submitted: -1 });
      this.add('metricsSlots', now, { submitted: 1 });
      this.before.set(change.v.id, now);
    } else if (change.c === 'events' && change.v.action === PAYOUT && change.v.subject === 'refund') {
      if (change.was) return; // an audit event is written once
      const refund = await this.db
        .selectFrom('refunds')
        .select('reasonCategory')
        .where('id', '=', change.v.refundId)
        .executeTakeFirst();
      if (!refund) return;
      const key = { slot: slotOf(Date.parse(change.v.at)), reasonCategory: refund.reasonCategory };
      this.add('metricsSlots', key, { refundedFen: change.v.amountFen ?? 0 });
    }
  }

  /** A request's decisions were replaced (replaceRefundDecisions): its facts and their counts move. */
  async decisionsReplaced(
    refundId: string,
    reasonCategory: string,
    decisions: readonly ClassifiedDecision[],
  ) {
    const db = withRollups(this.db);
    const old = await db
      .selectFrom('metricsDecisionFacts as f')
      .innerJoin('refundDecisions as d', 'd.eventId', 'f.eventId')
      .select([
        'f.eventId',
        'f.reviewerId',
        'f.atMs',
        'f.latencyMs',
        'f.latencyBin',
        'f.pairPrevAtMs',
        'd.outcome',
        'd.againstSuggestion',
      ])
      .where('f.refundId', '=', refundId)
      .execute();
    // refundDecisions is replaced after this: the old facts are read with it, then replaced
    await db.deleteFrom('metricsDecisionFacts').where('refundId', '=', refundId).execute();
    for (const row of old) {
      this.countDecision(reasonCategory, {
        reviewerId: row.reviewerId,
        atMs: Number(row.atMs),
        latencyMs: row.latencyMs === null ? null : Number(row.latencyMs),
        pairPrevAtMs: row.pairPrevAtMs === null ? null : Number(row.pairPrevAtMs),
        outcome: row.outcome,
        against: row.againstSuggestion === true || row.againstSuggestion === 1,
        sign: -1,
      });
    }
    const facts = decisionFacts(decisions);
    if (facts.length === 0) return;
    await db.insertInto('metricsDecisionFacts').values(facts).execute();
    decisions.forEach((d, i) => {
      this.countDecision(reasonCategory, {
        ...facts[i],
        outcome: d.outcome,
        against: d.againstSuggestion,
        sign: 1,
      });
    });
  }

  private countDecision(
    reasonCategory: string,
    d: {
      reviewerId: string;
      atMs: number;
      latencyMs: number | null;
      pairPrevAtMs: number | null;
      outcome: string;
      against: boolean;
      sign: number;
    },
  ) {
    const slot = slotOf(d.atMs);
    const timed = d.latencyMs !== null;
    this.add(
      'metricsSlotDecisions',
      { slot, reasonCategory, reviewerId: d.reviewerId, outcome: d.outcome },
      {
        decided: d.sign,
        timed: timed ? d.sign : 0,
        withinSla: timed && d.latencyMs! <= FIRST_REVIEW_SLA_MS ? d.sign : 0,
        against: d.against ? d.sign : 0,
        pairFirsts: d.pairPrevAtMs === null ? d.sign : 0,
      },
    );
    if (!timed) return;
    const bin = latencyBinOf(d.latencyMs!);
    this.add('metricsSlotLatency', { slot, bin }, { n: d.sign });
    this.add(
      'metricsReviewerLatency',
      { reviewerId: d.reviewerId, day: slotOf(d.atMs, REVIEWER_SLOT_MS), bin },
      { n: d.sign },
    );
  }

  /** Writes the counts gathered (one upsert per touched row), in the command's transaction. */
  async flush() {
    for (const [table, rows] of this.tables) {
      for (const { key, add } of rows.values()) {
        if (Object.values(add).every((n) => n === 0)) continue;
        const set: Record<string, RawBuilder<number>> = {};
        for (const column of Object.keys(add)) {
          set[column] = sql<number>`${sql.ref(`${table}.${column}`)} + ${sql.ref(`excluded.${column}`)}`;
        }
        const values = { ...zeros(table), ...key, ...add };
        await sql`insert into ${sql.table(table)} (${sql.join(Object.keys(values).map((c) => sql.ref(c)))})
          values (${sql.join(Object.values(values))})
          on conflict (${sql.join(KEYS[table].map((c) => sql.ref(c)))}) do update set
          ${sql.join(Object.entries(set).map(([c, v]) => sql`${sql.ref(c)} = ${v}`))}`.execute(this.db);
      }
    }
    this.tables.clear();
  }
}

/** The key columns of each counting table (its primary key). */
export const KEYS: Record<keyof RollupTables, readonly string[]> = {
  metricsSlots: ['slot', 'reasonCategory'],
  metricsSlotDecisions: ['slot', 'reasonCategory', 'reviewerId', 'outcome'],
  metricsSlotLatency: ['slot', 'bin'],
  metricsReviewerLatency: ['reviewerId', 'day', 'bin'],
  metricsDecisionFacts: ['eventId'],
};

function zeros(table: keyof RollupTables): Counts {
  switch (table) {
    case 'metricsSlots':
      return { submitted: 0, refundedFen: 0 };
    case 'metricsSlotDecisions':
      return { decided: 0, timed: 0, withinSla: 0, against: 0, pairFirsts: 0 };
    default:
      return { n: 0 };
  }
}

/**
 * The facts of a request's decisions: each one's latency bin, and the time of the same reviewer's
 * previous decision on the request (ordered by time, then event id, as the rebuild's lag()).
 */
export function decisionFacts(decisions: readonly ClassifiedDecision[]): MetricsDecisionFactsTable[] {
  const order = [...decisions].sort(
    (a, b) => a.atMs - b.atMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  const previous = new Map<string, number>();
  const lastByReviewer = new Map<string, number>();
  for (const d of order) {
    const last = lastByReviewer.get(d.reviewerId);
    if (last !== undefined) previous.set(d.eventId, last);
    lastByReviewer.set(d.reviewerId, d.atMs);
  }
  return decisions.map((d) => ({
    eventId: d.eventId,
    refundId: d.refundId,
    reviewerId: d.reviewerId,
    atMs: d.atMs,
    latencyMs: d.latencyMs,
    latencyBin: d.latencyMs === null ? null : latencyBinOf(d.latencyMs),
    pairPrevAtMs: previous.get(d.eventId) ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Rebuilt from the base tables

/** latencyBinOf in SQL: the same integer edges. */
function latencyBinSql(column: RawBuilder<unknown>): RawBuilder<number> {
  const branches = LATENCY_BIN_EDGES.map(
    (edge, i) => sql`when ${column} < ${sql.lit(edge)} then ${sql.lit(i)}`,
  );
  return sql<number>`case when ${column} is null then null ${sql.join(branches, sql` `)} else ${sql.lit(LATENCY_BIN_EDGES.length)} end`;
}

/** slotOf over a stored ISO-8601 text instant. */
function slotOfTextSql(db: Kysely<Database>, column: RawBuilder<unknown>): RawBuilder<number> {
  const seconds = SLOT_MS / 1000;
  return engineOf(db) === 'sqlite'
    ? sql<number>`(cast(strftime('%s', ${column}) as integer) / ${sql.lit(seconds)})`
    : sql<number>`cast(floor(extract(epoch from cast(${column} as timestamptz)) / ${sql.lit(seconds)}) as bigint)`;
}

/**
 * Every roll-up rebuilt from the base tables (refunds, payout events, refundDecisions), in SQL, in
 * the caller's transaction if any. The seed calls it once its rows are written; migration 008 for
 * a database that has rows already. Marks the roll-ups as built for the database's current seed.
 */
export async function rebuildMetricsRollups(database: Kysely<Database>): Promise<void> {
  const db = withRollups(database);
  for (const table of ROLLUP_TABLES) await db.deleteFrom(table).execute();
  const t = (name: string) => sql.ref(name);
  await sql`insert into "metricsDecisionFacts"
      ("eventId", "refundId", "reviewerId", "atMs", "latencyMs", "latencyBin", "pairPrevAtMs")
    select d."eventId", d."refundId", d."reviewerId", d."atMs", d."latencyMs", ${latencyBinSql(t('d.latencyMs'))},
      lag(d."atMs") over (partition by d."refundId", d."reviewerId" order by d."atMs", d."eventId")
    from "refundDecisions" d`.execute(db);
  await sql`insert into "metricsSlots" ("slot", "reasonCategory", "submitted", "refundedFen")
    select "slot", "reasonCategory", sum("submitted"), sum("refundedFen") from (
      select ${slotOfTextSql(database, t('r.submittedAt'))} as "slot", r."reasonCategory", 1 as "submitted", 0 as "refundedFen"
        from "refunds" r
      union all
      select ${slotOfTextSql(database, t('e.at'))}, r."reasonCategory", 0, coalesce(e."amountFen", 0)
        from "events" e join "refunds" r on r."id" = e."refundId"
        where e."action" = ${sql.lit(PAYOUT)} and e."subject" = 'refund'
    ) as s group by "slot", "reasonCategory"`.execute(db);
  await sql`insert into "metricsSlotDecisions"
      ("slot", "reasonCategory", "reviewerId", "outcome", "decided", "timed", "withinSla", "against", "pairFirsts")
    select f."atMs" / ${sql.lit(SLOT_MS)}, r."reasonCategory", f."reviewerId", d."outcome", count(*),
      count(f."latencyMs"),
      sum(case when f."latencyMs" <= ${sql.lit(FIRST_REVIEW_SLA_MS)} then 1 else 0 end),
      sum(case when d."againstSuggestion" then 1 else 0 end),
      sum(case when f."pairPrevAtMs" is null then 1 else 0 end)
    from "metricsDecisionFacts" f
      join "refundDecisions" d on d."eventId" = f."eventId"
      join "refunds" r on r."id" = f."refundId"
    group by f."atMs" / ${sql.lit(SLOT_MS)}, r."reasonCategory", f."reviewerId", d."outcome"`.execute(db);
  await sql`insert into "metricsSlotLatency" ("slot", "bin", "n")
    select "atMs" / ${sql.lit(SLOT_MS)}, "latencyBin", count(*) from "metricsDecisionFacts"
    where "latencyBin" is not null group by "atMs" / ${sql.lit(SLOT_MS)}, "latencyBin"`.execute(db);
  await sql`insert into "metricsReviewerLatency" ("reviewerId", "day", "bin", "n")
    select "reviewerId", "atMs" / ${sql.lit(REVIEWER_SLOT_MS)}, "latencyBin", count(*) from "metricsDecisionFacts"
    where "latencyBin" is not null group by "reviewerId", "atMs" / ${sql.lit(REVIEWER_SLOT_MS)}, "latencyBin"`.execute(
    db,
  );
  const seed = await db
    .selectFrom('storeMeta')
    .select('value')
    .where('key', '=', 'seededAt')
    .executeTakeFirst();
  await db
    .insertInto('storeMeta')
    .values({ key: ROLLUPS_META_KEY, value: seed?.value ?? '' })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: seed?.value ?? '' }))
    .execute();
}

/** Whether the roll-ups were built for the database's current seed (and kept since by the commands). */
export async function rollupsCurrent(database: Kysely<Database>): Promise<boolean> {
  const rows = await database
    .selectFrom('storeMeta')
    .select(['key', 'value'])
    .where('key', 'in', ['seededAt', ROLLUPS_META_KEY])
    .execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const builtFor = value(ROLLUPS_META_KEY);
  return builtFor !== undefined && builtFor === (value('seededAt') ?? '');
}
