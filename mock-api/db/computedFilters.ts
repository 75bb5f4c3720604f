// The computed filters of resources.ts (those that are not a plain field) as SQL conditions, on
// both engines. Each mirrors its predicate in resources.ts exactly; the values have been validated
// by validateListFilter before these run (listQuery.ts), so a bad one never reaches here.
//
// How each is stored: slaState and overdue are expressions over stored fields and "now" (they
// change with time, so nothing stored could hold them); againstSuggestion and outcome read columns
// derived at write time (codecs.ts); decided reads refundDecisions, derived from the audit events
// in the transaction that writes them.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DUE_SOON_MS, SLA_STATES, toIso, type SlaState } from '../../src/domain/sla';
import { COMPLAINT_CLOCK_STATUSES, type Role } from '../../src/domain/model';
import { ownFiguresOnly } from '../../src/domain/permissions';
import { parseDecidedFilter } from '../resources';
import type { ResourceTable } from './schema';

export type Condition = RawBuilder<SqlBool>;

export const FALSE: Condition = sql<SqlBool>`(1 = 0)`;

export interface SqlFilterContext {
  nowMs: number;
  /** who asks: a filter selecting by a staff member obeys the same rule as in the store's lists */
  caller: { userId: string; role: Role };
}

type ComputedFilter = (value: unknown, ctx: SqlFilterContext) => Condition;

/** Statuses whose SLA clock runs (sla.ts slaRunning). */
const SLA_RUNNING = sql.join(['pending', 'in_review'].map((s) => sql.lit(s)));
/** Statuses whose complaint clock runs (model.ts COMPLAINT_CLOCK_STATUSES): not done, not paused. */
const COMPLAINT_CLOCK_RUNNING = sql.join(COMPLAINT_CLOCK_STATUSES.map((s) => sql.lit(s)));

function anyOf(conditions: Condition[]): Condition {
  return conditions.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}

/** slaStateAt (sla.ts) over canonical UTC due times, compared as text like the in-memory rule. */
function slaStateCondition(state: SlaState, nowMs: number): Condition {
  const due = sql.ref('refunds.slaDueAt');
  const status = sql.ref('refunds.status');
  const now = toIso(nowMs);
  const soon = toIso(nowMs + DUE_SOON_MS);
  switch (state) {
    case 'stopped':
      return sql<SqlBool>`(${status} not in (${SLA_RUNNING}))`;
    case 'breached':
      return sql<SqlBool>`(${status} in (${SLA_RUNNING}) and ${due} < ${now})`;
    case 'due_soon':
      return sql<SqlBool>`(${status} in (${SLA_RUNNING}) and ${due} >= ${now} and ${due} <= ${soon})`;
    case 'on_track':
      return sql<SqlBool>`(${status} in (${SLA_RUNNING}) and ${due} > ${soon})`;
  }
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

export const SQL_COMPUTED_FILTERS: Partial<Record<ResourceTable, Record<string, ComputedFilter>>> = {
  refunds: {
    slaState: (value, ctx) => {
      const wanted = new Set(list(value) as SlaState[]);
      return anyOf(SLA_STATES.filter((s) => wanted.has(s)).map((s) => slaStateCondition(s, ctx.nowMs)));
    },
    againstSuggestion: (value) => sql<SqlBool>`(${sql.ref('refunds.againstSuggestion')} = ${value ? 1 : 0})`,
    decided: (value, ctx) => {
      const selector = parseDecidedFilter(value);
      // a reviewer counts only their own decisions, as resources.ts's "decided" does
      const { userId, role } = ctx.caller;
      selector.reviewerId = ownFiguresOnly({ id: userId, role }) ?? selector.reviewerId;
      if (selector.outcomes && selector.outcomes.length === 0) return FALSE;
      const terms: Condition[] = [
        sql<SqlBool>`d."refundId" = ${sql.ref('refunds.id')}`,
        sql<SqlBool>`d."atMs" >= ${selector.fromMs}`,
        sql<SqlBool>`d."atMs" < ${selector.toMs}`,
      ];
      if (selector.outcomes) {
        terms.push(sql<SqlBool>`d."outcome" in (${sql.join([...selector.outcomes])})`);
      }
      if (selector.reviewerId) terms.push(sql<SqlBool>`d."reviewerId" = ${selector.reviewerId}`);
      return sql<SqlBool>`exists (select 1 from "refundDecisions" d where ${sql.join(terms, sql` and `)})`;
    },
  },
  complaints: {
    overdue: (value, ctx) => {
      const overdue = sql<SqlBool>`(${sql.ref('complaints.status')} in (${COMPLAINT_CLOCK_RUNNING}) and ${sql.ref(
        'complaints.dueAt',
      )} <> '' and ${sql.ref('complaints.dueAt')} < ${toIso(ctx.nowMs)})`;
      return value ? overdue : sql<SqlBool>`(not ${overdue})`;
    },
    outcome: (value) => {
      const outcomes = list(value) as string[];
      if (outcomes.length === 0) return FALSE;
      return sql<SqlBool>`(${sql.ref('complaints.resolutionOutcome')} in (${sql.join(outcomes)}))`;
    },
  },
};

/** The SQL form of a computed filter, or null when the resource has none of that name. */
export function computedCondition(
  table: ResourceTable,
  name: string,
  value: unknown,
  ctx: SqlFilterContext,
): Condition | null {
  const filters = SQL_COMPUTED_FILTERS[table];
  const filter = filters && Object.hasOwn(filters, name) ? filters[name] : undefined;
  return filter ? filter(value, ctx) : null;
}
