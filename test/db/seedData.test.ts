// The demo data (mock-api/seed/, complaints and internal notes included) through both engines: every record of every
// resource comes back field for field, and the lists the desk reads (each sort field both ways,
// searches for pieces of real names, the queue's filters, the metrics' "decided" click-through with
// refundDecisions derived from the real audit trail) answer as today's in-memory engine does.
import { WRITE_ORDER } from '../../mock-api/seed/writer';
import { describe, expect, it } from 'vitest';
import { putRecords, replaceRefundDecisions, type ResourceRecords } from '../../mock-api/db/codecs';
import { runSqlListQuery } from '../../mock-api/db/listQuery';
import { migrateToLatest } from '../../mock-api/db/migrate';
import type { ResourceTable } from '../../mock-api/db/schema';
import { READ_RESOURCES } from '../../mock-api/resources';
import { generateSeed } from '../../mock-api/seed/index';
import { compareIds, type ListQuery, type ResourceSpec } from '../../mock-api/simpleRest';
import { referenceList } from '../support/referenceList';
import { classifyDecisions } from '../../src/domain/metrics';
import { OPEN_REFUND_STATUSES } from '../../src/domain/model';
import { dueForIdleRelease } from '../../src/domain/refundWorkflowQueries';
import { DEFAULT_SLA_SETTINGS } from '../../src/domain/slaSettings';
import { useBothEngines } from '../support/databases';
import { fromRow } from '../../mock-api/db/codecs';

/** the lists are asked as a supervisor, who may filter by anyone (staffFilters.test.ts checks reviewers) */
const SUPERVISOR = { userId: 's1', role: 'supervisor' } as const;

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const DAY = 86_400_000;
const snapshot = await generateSeed({ count: 160, seed: 11, nowMs: NOW_MS, withComplaints: true });
const store = { all: <K extends ResourceTable>(table: K) => snapshot[table] as ResourceRecords[K][] };
const decisionsOf = new Map(snapshot.refunds.map((r) => [r.id, classifyDecisions(r, snapshot.events)]));

function specOf<K extends ResourceTable>(table: K) {
  return READ_RESOURCES[table] as unknown as ResourceSpec<ResourceRecords[K]>;
}

function reference(table: ResourceTable, query: ListQuery) {
  const spec = specOf(table);
  return referenceList(store.all(table), spec, query, {
    nowMs: NOW_MS,
    userId: SUPERVISOR.userId,
    role: SUPERVISOR.role,
    decisions: (id) => decisionsOf.get(id) ?? [],
  });
}

/** Every sort field both ways over two pages, and searches for 1–3 character pieces of real values. */
function queriesFor(table: ResourceTable): ListQuery[] {
  const spec = specOf(table);
  const queries: ListQuery[] = [];
  for (const field of ['id', ...Object.keys(spec.fields)]) {
    for (const order of ['ASC', 'DESC'] as const) {
      queries.push({ sort: [field, order], range: [0, 14], filter: {} });
      queries.push({ sort: [field, order], range: [40, 64], filter: {} });
    }
  }
  const records = [...store.all(table)].slice(0, 12) as unknown as Record<string, unknown>[];
  for (const record of records) {
    for (const field of spec.searchFields) {
      const value = record[field];
      if (typeof value !== 'string' || value.length === 0) continue;
      for (const length of [1, 2, 3]) {
        const piece = [...value].slice(0, length).join('');
        queries.push({ sort: spec.defaultSort, range: [0, 24], filter: { q: piece.toUpperCase() } });
      }
    }
  }
  return queries;
}

const REFUND_QUEUE_QUERIES: ListQuery[] = [
  { sort: ['slaDueAt', 'ASC'], range: [0, 24], filter: { status: [...OPEN_REFUND_STATUSES] } },
  { sort: ['slaDueAt', 'ASC'], range: [0, 24], filter: { assigneeId: 'unassigned', status: 'pending' } },
  { sort: ['submittedAt', 'DESC'], range: [0, 24], filter: { slaState: ['breached', 'due_soon'] } },
  {
    sort: ['decidedAt', 'DESC'],
    range: [0, 99],
    filter: {
      decided: { from: new Date(NOW_MS - 30 * DAY).toISOString(), to: new Date(NOW_MS).toISOString() },
    },
  },
  {
    sort: ['id', 'ASC'],
    range: [0, 99],
    filter: {
      decided: {
        from: new Date(NOW_MS - 60 * DAY).toISOString(),
        to: new Date(NOW_MS).toISOString(),
        outcome: ['approved', 'rejected'],
      },
    },
  },
];

describe.each(['sqlite', 'postgres'] as const)('the demo data on %s', (engine) => {
  const dbs = useBothEngines(`seed_${engine}`);

  it('is stored and read back field for field, and lists as in memory', async () => {
    const { db } = dbs.handles[engine];
    await migrateToLatest(db);
    await db.transaction().execute(async (trx) => {
      for (const table of WRITE_ORDER) {
        await putRecords(trx, table, [...store.all(table)] as ResourceRecords[typeof table][]);
      }
      for (const refund of store.all('refunds')) {
        await replaceRefundDecisions(trx, refund.id, decisionsOf.get(refund.id) ?? []);
      }
    });

    for (const table of WRITE_ORDER) {
      const rows = await db.selectFrom(table).selectAll().execute();
      const stored = rows.map((row) => fromRow(table, row as Record<string, unknown>));
      stored.sort((a, b) => compareIds(a.id, b.id));
      const expected = [...store.all(table)].sort((a, b) => compareIds(a.id, b.id));
      expect(stored.length, table).toBeGreaterThan(0);
      expect(stored, table).toEqual(expected);
    }

    for (const table of WRITE_ORDER) {
      const queries = [...queriesFor(table), ...(table === 'refunds' ? REFUND_QUEUE_QUERIES : [])];
      for (const query of queries) {
        const actual = await runSqlListQuery(db, table, specOf(table), query, {
          nowMs: NOW_MS,
          caller: SUPERVISOR,
        });
        const expected = reference(table, query);
        const label = `${table} ${JSON.stringify(query)}`;
        expect({ ids: actual.rows.map((r) => r.id), total: actual.total }, label).toEqual({
          ids: expected.rows.map((r) => r.id),
          total: expected.total,
        });
      }
    }
    // the decided filter found something: the click-through is not vacuously equal
    const decided = await runSqlListQuery(db, 'refunds', specOf('refunds'), REFUND_QUEUE_QUERIES[3], {
      nowMs: NOW_MS,
      caller: SUPERVISOR,
    });
    expect(decided.total).toBeGreaterThan(0);
  });
});

describe('the demo queue', () => {
  it('opens with fresh claims: none is due to go back to the queue at the timers’ first sweep', () => {
    const held = snapshot.refunds.filter((r) => r.status === 'in_review' && r.assigneeId !== null);
    expect(held.length).toBeGreaterThan(0);
    const nowIso = new Date(NOW_MS).toISOString();
    expect(held.filter((r) => dueForIdleRelease(r, DEFAULT_SLA_SETTINGS, nowIso)).map((r) => r.id)).toEqual(
      [],
    );
  });
});
