// The complaints' part of the dashboard's roll-ups (metricsRollups.ts): one narrow row per complaint
// (metricsComplaintFacts: opened, resolved, how long it took, escalated, overturned), counted by its
// indexes on opening and resolution time. They stay out of the cumulative rows: a complaint
// escalated days after it was opened changes the count of its opening slot, which a cumulative
// row would carry into every later row in the escalating command's transaction. computeMetrics' rules: escalated is level 2, escalatedAt set, or an escalate /
// auto_escalate event; resolved needs a resolution and resolvedAt; overturned by OVERTURN_OUTCOMES.
import { sql, type Kysely } from 'kysely';
import { ESCALATION_ACTIONS, OVERTURN_OUTCOMES } from '../../src/domain/metrics';
import { engineOf } from './engine';
import { msOfTextSql } from './instantSql';
import type { Database } from './schema';

export interface MetricsComplaintFactsTable {
  complaintId: string;
  openedMs: number;
  resolvedMs: number | null;
  /** resolvedMs − openedMs, when resolved */
  resolutionMs: number | null;
  escalated: number;
  overturned: number;
}

const escalationActions = () => sql.join(ESCALATION_ACTIONS.map((a) => sql.lit(a)));

/** Re-derives the facts of these complaints from their rows (in the command's transaction) and counts the change. */
export async function refreshComplaintFacts(database: Kysely<Database>, ids: Iterable<string>) {
  const db = database.withTables<{ metricsComplaintFacts: MetricsComplaintFactsTable }>();
  for (const id of ids) {
    const old = await db
      .selectFrom('metricsComplaintFacts')
      .selectAll()
      .where('complaintId', '=', id)
      .executeTakeFirst();
    const { rows } = await sql<{
      openedAt: string;
      resolvedAt: string | null;
      level: unknown;
      escalatedAt: string | null;
      resolutionOutcome: string | null;
      resolution: string | null;
      events: unknown;
    }>`select c."openedAt", c."resolvedAt", c."level", c."escalatedAt", c."resolutionOutcome", c."resolution",
        (select count(*) from "events" e where e."complaintId" = c."id" and e."action" in (${escalationActions()})) as "events"
      from "complaints" c where c."id" = ${id}`.execute(db);
    const row = rows[0];
    if (old) {
      await db.deleteFrom('metricsComplaintFacts').where('complaintId', '=', id).execute();
    }
    if (!row) continue;
    const openedMs = Date.parse(row.openedAt);
    const resolvedMs = row.resolution !== null && row.resolvedAt ? Date.parse(row.resolvedAt) : null;
    const fact: MetricsComplaintFactsTable = {
      complaintId: id,
      openedMs,
      resolvedMs,
      resolutionMs: resolvedMs === null ? null : resolvedMs - openedMs,
      escalated: Number(row.level) === 2 || row.escalatedAt !== null || Number(row.events) > 0 ? 1 : 0,
      overturned: resolvedMs !== null && OVERTURN_OUTCOMES.includes(row.resolutionOutcome ?? '') ? 1 : 0,
    };
    await db.insertInto('metricsComplaintFacts').values(fact).execute();
  }
}

/** The complaints' facts rebuilt from their rows in SQL, and their counts by slot. */
export async function rebuildComplaintFacts(database: Kysely<Database>) {
  const db = database.withTables<{ metricsComplaintFacts: MetricsComplaintFactsTable }>();
  const engine = engineOf(database);
  await db.deleteFrom('metricsComplaintFacts').execute();
  const opened = msOfTextSql(engine, sql.ref('c.openedAt'));
  const resolved = sql`case when c."resolution" is not null and c."resolvedAt" is not null
    then ${msOfTextSql(engine, sql.ref('c.resolvedAt'))} end`;
  const overturned = sql.join(OVERTURN_OUTCOMES.map((o) => sql.lit(o)));
  await sql`insert into "metricsComplaintFacts"
      ("complaintId", "openedMs", "resolvedMs", "resolutionMs", "escalated", "overturned")
    select c."id", ${opened}, ${resolved}, ${resolved} - ${opened},
      case when c."level" = 2 or c."escalatedAt" is not null or exists (select 1 from "events" e
        where e."complaintId" = c."id" and e."action" in (${escalationActions()})) then 1 else 0 end,
      case when c."resolution" is not null and c."resolvedAt" is not null
        and c."resolutionOutcome" in (${overturned}) then 1 else 0 end
    from "complaints" c`.execute(db);
}

/** Complaints opened (and escalated) and resolved (and overturned) in [a, b), from the facts. */
export async function complaintCountsRaw<DB>(database: Kysely<DB>, a: number, b: number) {
  const { rows } = await sql<{ o: unknown; e: unknown; v: unknown; t: unknown }>`select
      (select count(*) from "metricsComplaintFacts" where "openedMs" >= ${a} and "openedMs" < ${b}) as "o",
      (select coalesce(sum("escalated"), 0) from "metricsComplaintFacts" where "openedMs" >= ${a} and "openedMs" < ${b}) as "e",
      (select count(*) from "metricsComplaintFacts" where "resolvedMs" >= ${a} and "resolvedMs" < ${b}) as "v",
      (select coalesce(sum("overturned"), 0) from "metricsComplaintFacts" where "resolvedMs" >= ${a} and "resolvedMs" < ${b}) as "t"
    `.execute(database);
  const r = rows[0];
  return { opened: Number(r.o), escalated: Number(r.e), resolved: Number(r.v), overturned: Number(r.t) };
}

/** The time to resolution (ms) at 1-based rank `rank` among the complaints resolved in [a, b). */
export async function resolutionAtRank<DB>(database: Kysely<DB>, a: number, b: number, rank: number) {
  const { rows } = await sql<{ ms: unknown }>`select "resolutionMs" as "ms" from "metricsComplaintFacts"
    where "resolvedMs" >= ${a} and "resolvedMs" < ${b} order by "resolutionMs" limit 1 offset ${rank - 1}`.execute(
    database,
  );
  return rows.length > 0 ? Number(rows[0].ms) : null;
}
