// The records computeMetrics reads, from the database: every request, each request's classified
// decisions (refundDecisions, kept in the transaction that writes its events), the payout and
// complaint-escalation events, and the complaints the viewer may read.
import { sql, type Kysely } from 'kysely';
import { ESCALATION_ACTIONS, type ClassifiedDecision, type MetricsInput } from '../src/domain/metrics';
import type { Viewer } from '../src/domain/permissions';
import { fromRow } from './db/codecs';
import type { Database } from './db/schema';
import { readableCondition } from './visibility';

type Row = Record<string, unknown>;

/** Changes whenever any process commits a command (each writes an audit event with a fresh id). */
export async function dataVersion(db: Kysely<Database>): Promise<string> {
  const rows = await db.selectFrom('idSequences').select(['prefix', 'last']).orderBy('prefix').execute();
  return rows.map((r) => `${r.prefix}${Number(r.last)}`).join(',');
}

export async function loadMetricsInput(
  db: Kysely<Database>,
  viewer: Viewer,
): Promise<Pick<MetricsInput, 'refunds' | 'events' | 'decisionsFor' | 'complaints'>> {
  const refunds = (await db.selectFrom('refunds').selectAll().execute()).map((r) => fromRow('refunds', r));
  const decisions = new Map<string, ClassifiedDecision[]>();
  const decided = await db
    .selectFrom('refundDecisions')
    .selectAll()
    .orderBy('refundId')
    .orderBy('atMs')
    .execute();
  for (const d of decided) {
    const decision: ClassifiedDecision = {
      eventId: d.eventId,
      refundId: d.refundId,
      at: d.at,
      atMs: Number(d.atMs),
      outcome: d.outcome as ClassifiedDecision['outcome'],
      reviewerId: d.reviewerId,
      againstSuggestion: d.againstSuggestion === true || d.againstSuggestion === 1,
      latencyMs: d.latencyMs === null ? null : Number(d.latencyMs),
    };
    const list = decisions.get(d.refundId);
    if (list) list.push(decision);
    else decisions.set(d.refundId, [decision]);
  }
  const seq = (id: string) => Number(id.replace(/^\D+/, '')) || 0;
  for (const list of decisions.values()) {
    // classifyDecisions' order: by time, then by the event's sequence
    list.sort((a, b) => a.atMs - b.atMs || seq(a.eventId) - seq(b.eventId));
  }
  const events = (
    await db
      .selectFrom('events')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('action', '=', 'payout'),
          eb.and([eb('subject', '=', 'complaint'), eb('action', 'in', [...ESCALATION_ACTIONS])]),
        ]),
      )
      .execute()
  ).map((e) => fromRow('events', e));
  const visible = readableCondition(viewer, 'complaints');
  const { rows } =
    await sql<Row>`select * from "complaints" ${visible ? sql`where ${visible}` : sql``}`.execute(db);
  return {
    refunds,
    events,
    decisionsFor: (refund) => decisions.get(refund.id) ?? [],
    complaints: rows.map((row) => fromRow('complaints', row)),
  };
}
