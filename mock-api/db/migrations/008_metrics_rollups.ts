// The dashboard's roll-ups (mock-api/db/metricsRollups.ts): cumulative counts per 15-minute UTC
// slot kept by the commands in their own transaction, and one narrow row per decision for reading
// exact percentiles; filled from the rows a database already holds.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../schema';
import { engineOf } from '../engine';
import { ROLLUP_TABLES, rebuildMetricsRollups } from '../metricsRollups';

const COLUMNS: Record<(typeof ROLLUP_TABLES)[number], [name: string, kind: 'int' | 'int?' | 'text'][]> = {
  metricsCumulative: [
    ['slot', 'int'],
    ['counts', 'text'],
  ],
  metricsDecisionFacts: [
    ['eventId', 'text'],
    ['refundId', 'text'],
    ['reviewerId', 'text'],
    ['atMs', 'int'],
    ['latencyMs', 'int?'],
    ['latencyBin', 'int?'],
    ['pairPrevAtMs', 'int?'],
  ],
  metricsComplaintFacts: [
    ['complaintId', 'text'],
    ['openedMs', 'int'],
    ['resolvedMs', 'int?'],
    ['resolutionMs', 'int?'],
    ['escalated', 'int'],
    ['overturned', 'int'],
  ],
};
const KEYS: Record<(typeof ROLLUP_TABLES)[number], string> = {
  metricsCumulative: 'slot',
  metricsDecisionFacts: 'eventId',
  metricsComplaintFacts: 'complaintId',
};

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['metricsFactsRefund', 'metricsDecisionFacts', ['refundId']],
  // one bin of one period, sorted in the index's range (percentiles)
  ['metricsFactsBin', 'metricsDecisionFacts', ['latencyBin', 'atMs', 'latencyMs', 'reviewerId']],
  // the bins of a period's edges, and of one reviewer's period
  ['metricsFactsAt', 'metricsDecisionFacts', ['atMs', 'latencyBin', 'reviewerId']],
  ['metricsFactsReviewerAt', 'metricsDecisionFacts', ['reviewerId', 'atMs', 'latencyBin']],
  ['metricsComplaintsOpened', 'metricsComplaintFacts', ['openedMs', 'escalated']],
  ['metricsComplaintsResolved', 'metricsComplaintFacts', ['resolvedMs', 'resolutionMs', 'overturned']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const types = {
    int: sql.raw(engine === 'sqlite' ? 'integer' : 'bigint'),
    text: sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"'),
  };
  for (const table of ROLLUP_TABLES) {
    let create = db.schema.createTable(table);
    for (const [name, kind] of COLUMNS[table]) {
      const type = kind === 'text' ? types.text : types.int;
      const key = name === KEYS[table];
      create = create.addColumn(name, type, (col) =>
        key ? col.primaryKey() : kind === 'int?' ? col : col.notNull(),
      );
    }
    await create.execute();
  }
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  // a reviewer's later decisions on a request they had decided before (distinct requests per reviewer)
  await db.schema
    .createIndex('metricsFactsRepeats')
    .on('metricsDecisionFacts')
    .columns(['atMs', 'pairPrevAtMs', 'reviewerId'])
    .where(sql<SqlBool>`${sql.ref('pairPrevAtMs')} is not null`)
    .execute();
  // the overturned requests (a reviewer's overturn rate)
  await db.schema
    .createIndex('refundsOverturned')
    .on('refunds')
    .column('id')
    .where(sql<SqlBool>`${sql.ref('overturned')} = ${sql.lit(engine === 'sqlite' ? 1 : true)}`)
    .execute();
  // a database with rows: its roll-ups now; an empty one gets them from the seed that fills it
  const any = await (db as Kysely<Database>).selectFrom('refunds').select('id').limit(1).executeTakeFirst();
  if (any) await rebuildMetricsRollups(db as Kysely<Database>);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('refundsOverturned').ifExists().execute();
  for (const table of ROLLUP_TABLES) await db.schema.dropTable(table).ifExists().execute();
}
