// The dashboard's roll-ups, kept in the transaction of the command that changes them (so that a
// commit and its roll-up never disagree) and rebuilt from the base tables (rebuildMetricsRollups:
// the seed, migration 008):
// - metricsCumulative: per 15-minute UTC slot (SLOT_MS), the counts of everything up to the end of
//   that slot (a row only where something changed): requests submitted and fen paid out per reason;
//   decisions per reason, reviewer and outcome (with those carrying a latency, within the SLA,
//   against the suggestion, and each reviewer's first decision on a request); latency bins
//   (LATENCY_BIN_EDGES) for the team and per reviewer. A period's counts are the difference of two
//   rows, however long the period: reading the counts does not grow with the rows they count.
// - metricsDecisionFacts: one row per decision with its latency bin and the time of the same
//   reviewer's previous decision on the request, indexed for reading one bin of one period (exact
//   percentiles) and the raw rows of a period's edges;
// - metricsComplaintFacts (counted by its own indexes, not in the cumulative rows): metricsComplaintRollups.ts.
// The read side is mock-api/metricsRollupAnswer.ts. storeMeta.metricsRollupsOf names the seed the
// roll-ups were built for: rows written past the commands (a seed) leave them unused until rebuilt.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { LATENCY_BIN_EDGES, SLOT_MS, latencyBinOf, slotOf } from '../../src/domain/metricsSlots';
import { FIRST_REVIEW_SLA_MS } from '../../src/domain/sla';
import { ESCALATION_ACTIONS, type ClassifiedDecision } from '../../src/domain/metrics';
import type { Change } from '../deskData';
import {
  refreshComplaintFacts,
  rebuildComplaintFacts,
  type MetricsComplaintFactsTable,
} from './metricsComplaintRollups';
import { engineOf } from './engine';
import { slotOfTextSql } from './instantSql';
import type { Database } from './schema';

export interface MetricsCumulativeTable {
  slot: number;
  /** JSON: CumulativeCounts */
  counts: string;
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
  metricsCumulative: MetricsCumulativeTable;
  metricsDecisionFacts: MetricsDecisionFactsTable;
  metricsComplaintFacts: MetricsComplaintFactsTable;
};
export type RollupDatabase = Database & RollupTables;
export const ROLLUP_TABLES = [
  'metricsCumulative',
  'metricsDecisionFacts',
  'metricsComplaintFacts',
] as const satisfies readonly (keyof RollupTables)[];

/** The storeMeta key naming the seed (its seededAt, '' for none) the roll-ups were built for. */
export const ROLLUPS_META_KEY = 'metricsRollupsOf';

export const withRollups = (db: Kysely<Database>): Kysely<RollupDatabase> => db.withTables<RollupTables>();

const PAYOUT = 'payout';

/**
 * Counts by key: `s|reason` [submitted], `f|reason` [fen], `d|reason|reviewer|outcome` [decided,
 * timed, within SLA, against suggestion, first of the reviewer on the request], `h|bin` [n],
 * `r|reviewer|bin` [n].
 */
export type CumulativeCounts = Record<string, number[]>;

export const countKey = {
  submitted: (reason: string) => `s|${reason}`,
  fen: (reason: string) => `f|${reason}`,
  decided: (reason: string, reviewerId: string, outcome: string) => `d|${reason}|${reviewerId}|${outcome}`,
  bin: (bin: number) => `h|${bin}`,
  reviewerBin: (reviewerId: string, bin: number) => `r|${reviewerId}|${bin}`,
};

export function addCounts(into: CumulativeCounts, add: CumulativeCounts, sign = 1): CumulativeCounts {
  for (const [key, values] of Object.entries(add)) {
    const target = (into[key] ??= values.map(() => 0));
    values.forEach((v, i) => (target[i] += sign * v));
    if (target.every((v) => v === 0)) delete into[key];
  }
  return into;
}

// ---------------------------------------------------------------------------------------------
// Kept by the commands (SqlWriter.commit, sqlDesk.ts)

/** What one command adds to (or takes from) the roll-ups, written at the end of its transaction. */
export class RollupChanges {
  private readonly deltas = new Map<number, CumulativeCounts>();
  /** each written request's submission key before the write */
  private readonly before = new Map<string, { slot: number; reasonCategory: string } | null>();
  /** complaints written, or escalated by an event: their facts are derived again at the end */
  private readonly complaints = new Set<string>();

  constructor(private readonly db: Kysely<Database>) {}

  private add(slot: number, key: string, values: number[]) {
    let delta = this.deltas.get(slot);
    if (!delta) this.deltas.set(slot, (delta = {}));
    addCounts(delta, { [key]: values });
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
    if (change.c === 'complaints') this.complaints.add(change.v.id);
    if (change.c === 'events' && change.v.complaintId && ESCALATION_ACTIONS.includes(change.v.action)) {
      this.complaints.add(change.v.complaintId);
    }
    if (change.c === 'refunds') {
      const old = this.before.get(change.v.id);
      const now = { slot: slotOf(Date.parse(change.v.submittedAt)), reasonCategory: change.v.reasonCategory };
      if (old && old.slot === now.slot && old.reasonCategory === now.reasonCategory) return;
      if (old) this.add(old.slot, countKey.submitted(old.reasonCategory), [-1]);
      this.add(now.slot, countKey.submitted(now.reasonCategory), [1]);
      this.before.set(change.v.id, now);
    } else if (change.c === 'events' && change.v.action === PAYOUT && change.v.subject === 'refund') {
      if (change.was) return; // an audit event is written once
      const refund = await this.db
        .selectFrom('refunds')
        .select('reasonCategory')
        .where('id', '=', change.v.refundId)
        .executeTakeFirst();
      if (!refund) return;
      this.add(slotOf(Date.parse(change.v.at)), countKey.fen(refund.reasonCategory), [
        change.v.amountFen ?? 0,
      ]);
    }
  }

  /** A request's decisions are being replaced (before replaceRefundDecisions): its facts and counts move. */
  async decisionsReplaced(
    refundId: string,
    reasonCategory: string,
    decisions: readonly ClassifiedDecision[],
  ) {
    const db = withRollups(this.db);
    const old = await db
      .selectFrom('metricsDecisionFacts as f')
      .innerJoin('refundDecisions as d', 'd.eventId', 'f.eventId')
      .select(['f.reviewerId', 'f.atMs', 'f.latencyMs', 'f.pairPrevAtMs', 'd.outcome', 'd.againstSuggestion'])
      .where('f.refundId', '=', refundId)
      .execute();
    await db.deleteFrom('metricsDecisionFacts').where('refundId', '=', refundId).execute();
    for (const row of old) {
      this.countDecision(reasonCategory, -1, {
        reviewerId: row.reviewerId,
        atMs: Number(row.atMs),
        latencyMs: row.latencyMs === null ? null : Number(row.latencyMs),
        pairPrevAtMs: row.pairPrevAtMs === null ? null : Number(row.pairPrevAtMs),
        outcome: row.outcome,
        against: row.againstSuggestion === true || row.againstSuggestion === 1,
      });
    }
    const facts = decisionFacts(decisions);
    if (facts.length === 0) return;
    await db.insertInto('metricsDecisionFacts').values(facts).execute();
    decisions.forEach((d, i) => {
      this.countDecision(reasonCategory, 1, {
        ...facts[i],
        outcome: d.outcome,
        against: d.againstSuggestion,
      });
    });
  }

  private countDecision(reasonCategory: string, sign: number, d: DecisionCounted) {
    for (const [key, values] of Object.entries(decisionCounts(reasonCategory, d))) {
      this.add(
        slotOf(d.atMs),
        key,
        values.map((v) => sign * v),
      );
    }
  }

  /**
   * Writes the counts gathered, in the command's transaction: every cumulative row from the
   * earliest slot touched on moves by the deltas up to it (usually one row: the current slot).
   */
  async flush() {
    await refreshComplaintFacts(this.db, this.complaints);
    this.complaints.clear();
    for (const [slot, delta] of this.deltas) if (Object.keys(delta).length === 0) this.deltas.delete(slot);
    if (this.deltas.size === 0) return;
    const slots = [...this.deltas.keys()].sort((a, b) => a - b);
    await shiftCumulative(
      withRollups(this.db),
      slots.map((slot) => [slot, this.deltas.get(slot)!]),
    );
    this.deltas.clear();
  }
}

interface DecisionCounted {
  reviewerId: string;
  atMs: number;
  latencyMs: number | null;
  pairPrevAtMs: number | null;
  outcome: string;
  against: boolean;
}

function decisionCounts(reasonCategory: string, d: DecisionCounted): CumulativeCounts {
  const timed = d.latencyMs !== null;
  const out: CumulativeCounts = {
    [countKey.decided(reasonCategory, d.reviewerId, d.outcome)]: [
      1,
      timed ? 1 : 0,
      timed && d.latencyMs! <= FIRST_REVIEW_SLA_MS ? 1 : 0,
      d.against ? 1 : 0,
      d.pairPrevAtMs === null ? 1 : 0,
    ],
  };
  if (timed) {
    const bin = latencyBinOf(d.latencyMs!);
    out[countKey.bin(bin)] = [1];
    out[countKey.reviewerBin(d.reviewerId, bin)] = [1];
  }
  return out;
}

/** Adds deltas (by slot, ascending) to the cumulative rows: row s holds everything up to slot s. */
async function shiftCumulative(db: Kysely<RollupDatabase>, deltas: [number, CumulativeCounts][]) {
  const first = deltas[0][0];
  const later = await db
    .selectFrom('metricsCumulative')
    .select(['slot', 'counts'])
    .where('slot', '>=', first)
    .orderBy('slot')
    .execute();
  const stored = new Map(later.map((r) => [Number(r.slot), r.counts]));
  const slots = [...new Set([...stored.keys(), ...deltas.map(([s]) => s)])].sort((a, b) => a - b);
  // the stored text a slot without a row carries on from: the row before it (read only when needed,
  // usually never: the current slot has its row after its first command); each text is parsed once
  let carried: string | undefined;
  const carriedText = async () => {
    if (carried === undefined) {
      const base = await db
        .selectFrom('metricsCumulative')
        .select('counts')
        .where('slot', '<', first)
        .orderBy('slot', 'desc')
        .limit(1)
        .executeTakeFirst();
      carried = base?.counts ?? '{}';
    }
    return carried;
  };
  const added: CumulativeCounts = {};
  let next = 0;
  for (const slot of slots) {
    while (next < deltas.length && deltas[next][0] <= slot) addCounts(added, deltas[next++][1]);
    const text = stored.get(slot);
    if (text !== undefined) carried = text;
    const counts = JSON.stringify(
      addCounts(JSON.parse(text ?? (await carriedText())) as CumulativeCounts, added),
    );
    if (text === undefined) await db.insertInto('metricsCumulative').values({ slot, counts }).execute();
    else await db.updateTable('metricsCumulative').set({ counts }).where('slot', '=', slot).execute();
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

/**
 * What a decision counts besides itself (decisionCounts, in SQL): timed, within the first-review
 * SLA, against the suggestion, the reviewer's first on the request. The rebuild and the answer's
 * off-slot edges read the facts through these, so both count alike.
 */
export const DECISION_COUNT_COLUMNS = sql`count(f."latencyMs") as "timed",
  sum(case when f."latencyMs" <= ${sql.lit(FIRST_REVIEW_SLA_MS)} then 1 else 0 end) as "withinSla",
  sum(case when d."againstSuggestion" then 1 else 0 end) as "against",
  sum(case when f."pairPrevAtMs" is null then 1 else 0 end) as "firsts"`;
/** The decision facts `f` with their classified decision `d` and request `r`. */
export const DECISION_FACTS_WITH_REQUESTS = sql`"metricsDecisionFacts" f
  join "refundDecisions" d on d."eventId" = f."eventId"
  join "refunds" r on r."id" = f."refundId"`;

/**
 * Every roll-up rebuilt from the base tables (refunds, payout events, refundDecisions), in the
 * caller's transaction if any: the facts in SQL, the slots' counts grouped by the database and
 * summed up slot by slot here. The seed calls it once its rows are written; migration 008 for a
 * database that holds rows already. Marks the roll-ups as built for the database's current seed.
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

  const deltas = new Map<number, CumulativeCounts>();
  const add = (slot: unknown, key: string, values: unknown[]) => {
    const at = Number(slot);
    let delta = deltas.get(at);
    if (!delta) deltas.set(at, (delta = {}));
    addCounts(delta, { [key]: values.map(Number) });
  };
  const slotSql = sql.lit(SLOT_MS);
  type Grouped = Record<string, unknown>;
  const grouped = async (query: RawBuilder<Grouped>, each: (row: Grouped) => void) => {
    for (const row of (await query.execute(db)).rows) each(row);
  };
  await grouped(
    sql<Grouped>`select ${slotOfTextSql(engineOf(database), t('submittedAt'))} as "slot", "reasonCategory", count(*) as "n"
      from "refunds" group by 1, 2`,
    (r) => add(r.slot, countKey.submitted(String(r.reasonCategory)), [r.n]),
  );
  await grouped(
    sql<Grouped>`select ${slotOfTextSql(engineOf(database), t('e.at'))} as "slot", r."reasonCategory", sum(coalesce(e."amountFen", 0)) as "n"
      from "events" e join "refunds" r on r."id" = e."refundId"
      where e."action" = ${sql.lit(PAYOUT)} and e."subject" = 'refund' group by 1, 2`,
    (r) => add(r.slot, countKey.fen(String(r.reasonCategory)), [r.n]),
  );
  await grouped(
    sql<Grouped>`select f."atMs" / ${slotSql} as "slot", r."reasonCategory", f."reviewerId", d."outcome", count(*) as "n",
      ${DECISION_COUNT_COLUMNS}
    from ${DECISION_FACTS_WITH_REQUESTS}
    group by 1, 2, 3, 4`,
    (r) =>
      add(r.slot, countKey.decided(String(r.reasonCategory), String(r.reviewerId), String(r.outcome)), [
        r.n,
        r.timed,
        r.withinSla,
        r.against,
        r.firsts,
      ]),
  );
  await grouped(
    sql<Grouped>`select "atMs" / ${slotSql} as "slot", "reviewerId", "latencyBin", count(*) as "n"
      from "metricsDecisionFacts" where "latencyBin" is not null group by 1, 2, 3`,
    (r) => {
      add(r.slot, countKey.bin(Number(r.latencyBin)), [r.n]);
      add(r.slot, countKey.reviewerBin(String(r.reviewerId), Number(r.latencyBin)), [r.n]);
    },
  );

  await rebuildComplaintFacts(database);

  const running: CumulativeCounts = {};
  const rows: MetricsCumulativeTable[] = [];
  for (const slot of [...deltas.keys()].sort((a, b) => a - b)) {
    addCounts(running, deltas.get(slot)!);
    rows.push({ slot, counts: JSON.stringify(running) });
  }
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('metricsCumulative')
      .values(rows.slice(i, i + 200))
      .execute();
  }
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
