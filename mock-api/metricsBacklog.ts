// The backlog and open breaches of the dashboard (totals only, as of now), counted by the database
// over the open requests: computeMetrics' age bands (BACKLOG_AGE_BOUNDS, under4h also takes a
// submission after now) and slaState's breach (a running SLA clock past its due time). Stored times
// are toISOString text, so comparing them as text compares the instants.
import { sql, type Kysely } from 'kysely';
import { BACKLOG_AGES, BACKLOG_AGE_BOUNDS, type BacklogAge } from '../src/domain/metrics';
import { OPEN_REFUND_STATUSES, type RefundStatus } from '../src/domain/model';
import { slaRunning } from '../src/domain/sla';
import type { Database } from './db/schema';

const iso = (ms: number) => new Date(ms).toISOString();
const num = (v: unknown): number => Number(v ?? 0);

/** The open requests by status, age band and whether past due, as of nowMs. */
export async function backlogFigures(db: Kysely<Database>, nowMs: number) {
  const before = (ms: number) => iso(nowMs - ms);
  const { rows } = await sql<{ status: string; band: unknown; late: unknown; n: unknown }>`
    select "status", case
        when "submittedAt" > ${before(BACKLOG_AGE_BOUNDS.h4to24[0])} then 0
        when "submittedAt" > ${before(BACKLOG_AGE_BOUNDS.d1to3[0])} then 1
        when "submittedAt" > ${before(BACKLOG_AGE_BOUNDS.over3d[0])} then 2
        else 3 end as "band",
      case when "slaDueAt" < ${iso(nowMs)} then 1 else 0 end as "late", count(*) as "n"
    from "refunds" where "status" in (${sql.join(OPEN_REFUND_STATUSES.map((s) => sql.lit(s)))})
    group by 1, 2, 3`.execute(db);
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
