// The dashboard's CSAT (totals.csat and csatBy of GET /api/metrics): the customers' ratings of the
// decisions made in the period, counted by the rated decision's time as every decision figure is
// (a rating given later still counts in its decision's period), under the dashboard's filters. The
// ratings are summed per (reviewer, reason, outcome) in SQL, one range of migration 024's covering
// index; the averages and breakdowns are the domain's (src/domain/csat.ts).
import { sql, type Kysely } from 'kysely';
import { csatFigures, type CsatBreakdown, type CsatFigures, type CsatGroup } from '../src/domain/csat';
import type { MetricsFilters } from '../src/domain/metrics';
import { REASON_CATEGORIES, type ReasonCategory } from '../src/domain/model';
import { toIso } from '../src/domain/sla';
import { whereRatingFilters } from './db/metricsFilters';
import { withRatings } from './db/ratingTables';
import type { Database } from './db/schema';

/** The ratings of the period's decisions summed per (reviewer, reason, outcome): one index range. */
export function csatQuery(
  db: Kysely<Database>,
  question: { fromMs: number; toMs: number; filters: MetricsFilters },
) {
  return whereRatingFilters(withRatings(db).selectFrom('customerRatings'), question.filters)
    .select([
      'decidedBy',
      'reasonCategory',
      'outcome',
      sql<number | string>`count(*)`.as('n'),
      sql<number | string>`sum("score")`.as('scoreSum'),
    ])
    .where('decidedAt', '>=', toIso(question.fromMs))
    .where('decidedAt', '<', toIso(question.toMs))
    .groupBy(['decidedBy', 'reasonCategory', 'outcome']);
}

export async function readCustomerSatisfaction(
  db: Kysely<Database>,
  question: { fromMs: number; toMs: number; filters: MetricsFilters },
): Promise<{ csat: CsatFigures; csatBy: CsatBreakdown }> {
  const rows = await csatQuery(db, question).execute();
  // PostgreSQL answers count and sum of bigints as text
  const groups: CsatGroup[] = rows.map((r) => ({
    decidedBy: r.decidedBy,
    reasonCategory: r.reasonCategory as ReasonCategory,
    outcome: r.outcome as CsatGroup['outcome'],
    n: Number(r.n),
    scoreSum: Number(r.scoreSum),
  }));
  const reasons = (question.filters.reasonCategory as ReasonCategory[] | undefined) ?? REASON_CATEGORIES;
  return csatFigures(groups, reasons);
}
