// Writes generated demo data (index.ts) into the database in one transaction: the records, each
// request's classified decisions and customer ratings, the id sequences and the seed's facts. Whatever the database held
// before is replaced, all at once: an API running on it sees the old data or the new, never a mix.
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { ratingOfEvent, type CustomerRating } from '../../src/domain/customerRatings';
import { classifyDecisions, isDecisionRelevant, type ClassifiedDecision } from '../../src/domain/metrics';
import type { AuditEvent, RefundRequest } from '../../src/domain/model';
import { putRecords } from '../db/codecs';
import { connect, type DatabaseTarget } from '../db/connect';
import { rebuildMetricsRollups } from '../db/metricsRollups';
import { migrateToLatest } from '../db/migrate';
import { ratingRow, withRatings } from '../db/ratingTables';
import type { Database, ResourceTable } from '../db/schema';
import { advanceSequence } from '../db/sequences';
import type { Snapshot } from '../deskData';

/** The resource tables, referenced ones first: the order a snapshot is written in. */
export const WRITE_ORDER: readonly ResourceTable[] = [
  'customers',
  'orders',
  'users',
  'refunds',
  'complaints',
  'events',
  'notes',
  'coinMovements',
];
const DERIVED_ROWS_PER_STATEMENT = 500;

export function describeDatabase(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return target.file;
  const where = new URL(target.url);
  return `PostgreSQL ${where.host || 'localhost'}${where.pathname}`;
}

/** Whether `target` already holds the desk's data (npm start seeds only when it does not). */
export async function isSeeded(target: DatabaseTarget): Promise<boolean> {
  if (target.engine === 'sqlite' && !fs.existsSync(target.file)) return false;
  const handle = connect(target);
  try {
    const { rows } = await sql<{ name: string }>`select 1 as "name" from "refunds" limit 1`
      .execute(handle.db)
      .catch((error: unknown) => {
        // a database without the desk's tables yet is not seeded; anything else is an error to show
        if (/no such table|does not exist/.test(String(error))) return { rows: [] };
        throw error;
      });
    return rows.length > 0;
  } finally {
    await handle.close();
  }
}

/**
 * Writes the snapshot in one transaction, replacing what the database held; `append` adds it to
 * what is there instead (a later cohort of a large seed: its ids follow the earlier ones', and the
 * staff, already written, are left as they are). `rollups: false` leaves the dashboard's roll-ups
 * unbuilt (metrics then answer from the raw rows) for tests that rewrite old records at random.
 */
export async function writeSnapshot(
  db: Kysely<Database>,
  snapshot: Snapshot,
  options: { append?: boolean; rollups?: boolean } = {},
): Promise<void> {
  await migrateToLatest(db);
  await db.transaction().execute(async (trx) => {
    if (!options.append) {
      // the ratings point at the requests: gone first
      await withRatings(trx).deleteFrom('customerRatings').execute();
      for (const table of [
        'refundDecisions',
        ...[...WRITE_ORDER].reverse(),
        'idSequences',
        'storeMeta',
      ] as const) {
        await trx.deleteFrom(table).execute();
      }
    }
    for (const table of WRITE_ORDER) {
      if (options.append && table === 'users') continue;
      await putRecords(trx, table, snapshot[table] as never);
    }
    const decisions = classifiedDecisions(snapshot);
    for (let i = 0; i < decisions.length; i += DERIVED_ROWS_PER_STATEMENT) {
      await trx
        .insertInto('refundDecisions')
        .values(
          decisions.slice(i, i + DERIVED_ROWS_PER_STATEMENT).map((d) => ({
            ...d,
            againstSuggestion: d.againstSuggestion ? 1 : 0,
          })),
        )
        .execute();
    }
    const ratings = seededRatings(snapshot).map(ratingRow);
    for (let i = 0; i < ratings.length; i += DERIVED_ROWS_PER_STATEMENT) {
      await withRatings(trx)
        .insertInto('customerRatings')
        .values(ratings.slice(i, i + DERIVED_ROWS_PER_STATEMENT))
        .execute();
    }
    for (const [prefix, last] of Object.entries(snapshot.meta.sequences)) {
      await advanceSequence(trx, prefix, last);
    }
    const facts = options.append ? [] : seedFacts(snapshot);
    if (facts.length > 0) {
      await trx
        .insertInto('storeMeta')
        .values(facts.map(([key, value]) => ({ key, value })))
        .execute();
    }
    // a whole snapshot is complete here: its dashboard roll-ups are built with it (a large
    // seed's later cohorts are covered by the one rebuild at its end, seedDatabase)
    if (!options.append && options.rollups !== false) await rebuildMetricsRollups(trx);
  });
}

/** The planner's statistics of the data (which index answers which list best), after a seed. */
export async function analyzeDatabase(db: Kysely<Database>): Promise<void> {
  await sql`analyze`.execute(db);
}

/** The seed's facts kept in storeMeta: when it was made, and from which seed. */
export function seedFacts(snapshot: Snapshot): [key: string, value: string][] {
  return [
    ['seededAt', snapshot.meta.seededAt],
    ['seed', snapshot.meta.seed === undefined ? undefined : String(snapshot.meta.seed)],
  ].filter((fact): fact is [string, string] => fact[1] !== undefined);
}

/** Every request's decisions as the metrics classify them (what the commands keep in refundDecisions). */
export function classifiedDecisions(snapshot: Snapshot): ClassifiedDecision[] {
  const byRefund = new Map<string, AuditEvent[]>();
  for (const e of snapshot.events) {
    if (!isDecisionRelevant(e)) continue;
    const list = byRefund.get(e.refundId);
    if (list) list.push(e);
    else byRefund.set(e.refundId, [e]);
  }
  const out: ClassifiedDecision[] = [];
  for (const refund of snapshot.refunds) {
    const events = byRefund.get(refund.id);
    if (events) out.push(...classifyDecisions(refund, events));
  }
  return out;
}

/**
 * The customers' ratings the snapshot's events record (seed/ratings.ts), as the API keeps them:
 * each with its request's filter fields.
 */
export function seededRatings(snapshot: Pick<Snapshot, 'events' | 'refunds'>): CustomerRating[] {
  let byId: Map<string, RefundRequest> | null = null;
  const out: CustomerRating[] = [];
  for (const e of snapshot.events) {
    const rating = ratingOfEvent(e);
    if (!rating) continue;
    byId ??= new Map(snapshot.refunds.map((r) => [r.id, r]));
    const request = byId.get(rating.refundId);
    if (!request) throw new Error(`A rating of ${rating.refundId}, a request the snapshot lacks.`);
    out.push({
      ...rating,
      reasonCategory: request.reasonCategory,
      paymentChannel: request.paymentChannel,
      submissionChannel: request.submissionChannel,
    });
  }
  return out;
}
