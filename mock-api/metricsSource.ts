// The rows the dashboard's figures are computed from (computeMetrics, src/domain/metrics.ts), read
// from the database for one question instead of the whole store. Each read is a superset of what
// can count for the question — computeMetrics still applies every filter and period bound itself —
// and the SQL keeps it small with indexed conditions:
// - requests submitted in [previous from, to) (the submissions of the period and the previous one);
// - open requests (the backlog and open breaches, as of now);
// - the decisions made in [previous from, to) (refundDecisions, one reviewer's when asked), with
//   their requests;
// - the payouts made in [previous from, to), with their requests;
// - the complaints opened or resolved in [previous from, to), with their requests (a filter by
//   reason or channel counts only the complaints of matching requests), and the escalation events
//   of those opened then.
// Everything is read in one read-only transaction: one snapshot, however many commands commit
// meanwhile. Stored times are toISOString text, so text order is time order.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import {
  ESCALATION_ACTIONS,
  computeMetrics,
  type ClassifiedDecision,
  type DecisionOutcome,
  type MetricsAnswer,
  type MetricsComplaint,
  type MetricsEvent,
  type MetricsFilters,
  type MetricsInput,
  type MetricsRefund,
} from '../src/domain/metrics';
import type { AuditSubject, Complaint, RefundDecision, RefundStatus } from '../src/domain/model';
import { OPEN_REFUND_STATUSES } from '../src/domain/model';
import { canReadComplaint, type RefundAudience } from '../src/domain/permissions';
import { engineOf } from './db/engine';
import type { MetricsQuestion } from './metricsQuestion';
import { answerFromRollups, rollupsAnswer } from './metricsRollupAnswer';
import { rollupsCurrent } from './db/metricsRollups';
import type { Database } from './db/schema';

export type { MetricsQuestion };

const PAYOUT = 'payout';
/** ids per `in (…)` list: well under SQLite's bound-parameter limit */
const IDS_PER_STATEMENT = 500;

const bool = (value: number | boolean | null): boolean => value === true || value === 1;

/** `<alias>.<column> in (…)` for each list filter given; null when there is none. */
function refundFilterSql(alias: string, filters: MetricsFilters): RawBuilder<SqlBool> | null {
  const parts: RawBuilder<SqlBool>[] = [];
  for (const column of ['reasonCategory', 'paymentChannel', 'submissionChannel'] as const) {
    const values = filters[column];
    if (values && values.length > 0) {
      parts.push(sql<SqlBool>`${sql.ref(`${alias}.${column}`)} in (${sql.join([...values])})`);
    }
  }
  return parts.length > 0 ? sql<SqlBool>`${sql.join(parts, sql` and `)}` : null;
}

export interface RefundColumns {
  id: string;
  reasonCategory: string;
  paymentChannel: string;
  submissionChannel: string;
  submittedAt: string;
  status: string;
  slaDueAt: string;
  overturned: number | boolean;
}

function refundOf(row: RefundColumns): MetricsRefund {
  return {
    id: row.id,
    reasonCategory: row.reasonCategory as MetricsRefund['reasonCategory'],
    paymentChannel: row.paymentChannel as MetricsRefund['paymentChannel'],
    submissionChannel: row.submissionChannel as MetricsRefund['submissionChannel'],
    submittedAt: row.submittedAt,
    status: row.status as RefundStatus,
    slaDueAt: row.slaDueAt,
    overturned: bool(row.overturned),
  };
}

/** The audit-event columns the metrics read (MetricsEvent), escalations and payouts alike. */
const EVENT_COLUMNS = [
  'e.id',
  'e.subject',
  'e.refundId',
  'e.complaintId',
  'e.action',
  'e.actorId',
  'e.actorKind',
  'e.at',
] as const;

/** The request columns the metrics read, from a table aliased `r`. */
const REFUND_COLUMNS = [
  'r.id',
  'r.reasonCategory',
  'r.paymentChannel',
  'r.submissionChannel',
  'r.submittedAt',
  'r.status',
  'r.slaDueAt',
  'r.overturned',
] as const;

/**
 * The complaints opened or resolved in [previous from, to) that the viewer may read, and the
 * escalation events of those opened then; `keep` is handed each counted complaint's request.
 */
export async function readComplaints(
  db: Kysely<Database>,
  question: MetricsQuestion,
  keep: (row: RefundColumns) => void = () => undefined,
): Promise<{ complaints: Map<string, MetricsComplaint>; escalations: MetricsEvent[] }> {
  const { fromMs, toMs, viewer } = question;
  const windowFrom = new Date(fromMs - (toMs - fromMs)).toISOString();
  const windowTo = new Date(toMs).toISOString();
  const events: MetricsEvent[] = [];
  const escalations = await db
    .selectFrom('events as e')
    .innerJoin('complaints as c', 'c.id', 'e.complaintId')
    .select(EVENT_COLUMNS)
    .where(
      'e.action',
      'in',
      ESCALATION_ACTIONS.map((action) => sql.lit(action)),
    )
    .where('c.openedAt', '>=', windowFrom)
    .where('c.openedAt', '<', windowTo)
    .execute();
  for (const row of escalations) {
    events.push({
      ...row,
      subject: row.subject as AuditSubject,
      actorKind: row.actorKind as MetricsEvent['actorKind'],
    });
  }

  // the complaints opened, then those resolved, in the window: each by its own index
  const complaints = new Map<string, MetricsComplaint>();
  for (const column of ['c.openedAt', 'c.resolvedAt'] as const) {
    const rows = await db
      .selectFrom('complaints as c')
      .leftJoin('refunds as r', 'r.id', 'c.refundId')
      .select([
        'c.id as complaintId',
        'c.refundId',
        'c.openedAt',
        'c.level',
        'c.escalatedAt',
        'c.resolution',
        'c.resolvedAt',
        'c.originalDecision',
        'r.id',
        'r.reasonCategory',
        'r.paymentChannel',
        'r.submissionChannel',
        'r.submittedAt',
        'r.status',
        'r.slaDueAt',
        'r.overturned',
        'r.assigneeId',
        'r.decision',
      ])
      .where(column, '>=', windowFrom)
      .where(column, '<', windowTo)
      .execute();
    for (const row of rows) {
      if (complaints.has(row.complaintId)) continue;
      const found = row.id === null ? null : (row as RefundColumns & typeof row);
      if (viewer.role === 'reviewer') {
        const original = row.originalDecision
          ? (JSON.parse(row.originalDecision) as Complaint['originalDecision'])
          : null;
        const audience: RefundAudience | undefined = found
          ? {
              assigneeId: found.assigneeId,
              decision: found.decision ? (JSON.parse(found.decision) as RefundDecision) : null,
            }
          : undefined;
        if (!canReadComplaint(viewer, { originalDecision: original }, audience)) continue;
      }
      // a request of a counted complaint, for the filters by reason and channel
      if (found) keep(found);
      const resolution = row.resolution ? (JSON.parse(row.resolution) as Complaint['resolution']) : null;
      complaints.set(row.complaintId, {
        id: row.complaintId,
        refundId: row.refundId,
        openedAt: row.openedAt,
        level: Number(row.level) as Complaint['level'],
        escalatedAt: row.escalatedAt,
        resolution,
        resolvedAt: row.resolvedAt,
      });
    }
  }

  return { complaints, escalations: events };
}

async function readInput(db: Kysely<Database>, question: MetricsQuestion): Promise<MetricsInput> {
  const { fromMs, toMs, filters } = question;
  const windowFromMs = fromMs - (toMs - fromMs);
  const windowFrom = new Date(windowFromMs).toISOString();
  const windowTo = new Date(toMs).toISOString();
  const refundFilter = refundFilterSql('r', filters);

  const refunds = new Map<string, MetricsRefund>();
  const keep = (row: RefundColumns) => {
    if (!refunds.has(row.id)) refunds.set(row.id, refundOf(row));
  };

  let submitted = db
    .selectFrom('refunds as r')
    .select(REFUND_COLUMNS)
    .where('r.submittedAt', '>=', windowFrom)
    .where('r.submittedAt', '<', windowTo);
  if (refundFilter) submitted = submitted.where(refundFilter);
  for (const row of await submitted.execute()) keep(row);

  let open = db
    .selectFrom('refunds as r')
    .select(REFUND_COLUMNS)
    .where('r.status', 'in', OPEN_REFUND_STATUSES);
  if (refundFilter) open = open.where(refundFilter);
  for (const row of await open.execute()) keep(row);

  // decisions and payouts without their requests: most of those were submitted in the window and
  // are read already; the others are read by id below. Each read is one index range.
  let decided = db
    .selectFrom('refundDecisions as d')
    .select([
      'd.eventId',
      'd.refundId',
      'd.at',
      'd.atMs',
      'd.outcome',
      'd.reviewerId',
      'd.againstSuggestion',
      'd.latencyMs',
    ])
    .where('d.atMs', '>=', windowFromMs)
    .where('d.atMs', '<', toMs);
  if (filters.reviewerId) decided = decided.where('d.reviewerId', '=', filters.reviewerId);
  const decisions = new Map<string, ClassifiedDecision[]>();
  const elsewhere = new Set<string>();
  for (const row of await decided.execute()) {
    if (!refunds.has(row.refundId)) elsewhere.add(row.refundId);
    let list = decisions.get(row.refundId);
    if (!list) decisions.set(row.refundId, (list = []));
    list.push({
      eventId: row.eventId,
      refundId: row.refundId,
      at: row.at,
      atMs: Number(row.atMs),
      outcome: row.outcome as DecisionOutcome,
      reviewerId: row.reviewerId,
      againstSuggestion: bool(row.againstSuggestion),
      latencyMs: row.latencyMs === null ? null : Number(row.latencyMs),
    });
  }

  const events: MetricsEvent[] = [];
  const payouts = await db
    .selectFrom('events as e')
    .select([...EVENT_COLUMNS, 'e.amountFen'])
    // a literal, so that the planner may use the payouts' partial index (migration 005)
    .where('e.action', '=', sql.lit(PAYOUT))
    .where('e.at', '>=', windowFrom)
    .where('e.at', '<', windowTo)
    .execute();
  for (const row of payouts) {
    if (!refunds.has(row.refundId)) elsewhere.add(row.refundId);
    events.push({
      id: row.id,
      subject: row.subject as AuditSubject,
      refundId: row.refundId,
      complaintId: row.complaintId,
      action: row.action,
      actorId: row.actorId,
      actorKind: row.actorKind as MetricsEvent['actorKind'],
      at: row.at,
      amountFen: row.amountFen === null ? null : Number(row.amountFen),
    });
  }
  const missing = [...elsewhere].filter((id) => !refunds.has(id));
  for (let i = 0; i < missing.length; i += IDS_PER_STATEMENT) {
    const ids = missing.slice(i, i + IDS_PER_STATEMENT);
    let byId = db.selectFrom('refunds as r').select(REFUND_COLUMNS).where('r.id', 'in', ids);
    if (refundFilter) byId = byId.where(refundFilter);
    for (const row of await byId.execute()) keep(row);
  }

  const counted = await readComplaints(db, question, keep);
  events.push(...counted.escalations);
  const complaints = counted.complaints;

  const none: readonly ClassifiedDecision[] = [];
  return {
    refunds: refunds.values(),
    events,
    decisionsFor: (refund) => decisions.get(refund.id) ?? none,
    complaints: complaints.values(),
    from: new Date(fromMs).toISOString(),
    to: windowTo,
    granularity: question.granularity,
    tz: question.tz,
    filters,
    nowMs: question.nowMs,
  };
}

/** A read transaction: one snapshot on both engines. */
function readOnly(db: Kysely<Database>) {
  return engineOf(db) === 'postgres'
    ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
    : db.transaction();
}

/**
 * The input of computeMetrics for one question, read in one read-only transaction (a snapshot on
 * both engines). Opens its own transaction: pass the database, not a transaction.
 */
export async function loadMetricsInput(
  db: Kysely<Database>,
  question: MetricsQuestion,
): Promise<MetricsInput> {
  return readOnly(db).execute((trx) => readInput(trx, question));
}

/**
 * The dashboard's answer to one question, from the database: from the roll-ups when they are
 * current and the question has no filter by reason or channel, else from the raw rows. Either way
 * one read-only transaction, and the same answer.
 */
export async function answerMetrics(db: Kysely<Database>, question: MetricsQuestion): Promise<MetricsAnswer> {
  if (rollupsAnswer(question.filters)) {
    const answer = await readOnly(db).execute(async (trx) =>
      (await rollupsCurrent(trx)) ? answerFromRollups(trx, question, readComplaints) : null,
    );
    if (answer) return answer;
  }
  return computeMetrics(await loadMetricsInput(db, question));
}

/**
 * A text that changes whenever a command commits, in any process: every command writes an audit
 * event with a fresh id, so the id sequences (idSequences, sequences.ts) move on; the seed's time
 * tells a re-seeded database from the one before. Cheap: a handful of rows.
 */
export async function dataVersion(db: Kysely<Database>): Promise<string> {
  const [sequences, seededAt] = await Promise.all([
    db.selectFrom('idSequences').select(['prefix', 'last']).orderBy('prefix').execute(),
    db.selectFrom('storeMeta').select('value').where('key', '=', 'seededAt').executeTakeFirst(),
  ]);
  return [`seededAt=${seededAt?.value ?? ''}`, ...sequences.map((s) => `${s.prefix}=${Number(s.last)}`)].join(
    ';',
  );
}
