// The dashboard's roll-ups (mock-api/db/metricsRollups.ts): counts per 15-minute UTC slot kept by
// the commands in their own transaction, latency histograms, and one narrow row per decision for
// reading exact percentiles; filled from the rows a database already holds.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../schema';
import { engineOf } from '../engine';
import { KEYS, ROLLUP_TABLES, rebuildMetricsRollups } from '../metricsRollups';

const COLUMNS: Record<(typeof ROLLUP_TABLES)[number], [name: string, kind: 'int' | 'int?' | 'text'][]> = {
  metricsSlots: [
    ['slot', 'int'],
    ['reasonCategory', 'text'],
    ['submitted', 'int'],
    ['refundedFen', 'int'],
  ],
  metricsSlotDecisions: [
    ['slot', 'int'],
    ['reasonCategory', 'text'],
    ['reviewerId', 'text'],
    ['outcome', 'text'],
    ['decided', 'int'],
    ['timed', 'int'],
    ['withinSla', 'int'],
    ['against', 'int'],
    ['pairFirsts', 'int'],
  ],
  metricsSlotLatency: [
    ['slot', 'int'],
    ['bin', 'int'],
    ['n', 'int'],
  ],
  metricsReviewerLatency: [
    ['reviewerId', 'text'],
    ['day', 'int'],
    ['bin', 'int'],
    ['n', 'int'],
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
};

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['metricsFactsRefund', 'metricsDecisionFacts', ['refundId']],
  // one bin of one period, sorted in the index's range (percentiles)
  ['metricsFactsBin', 'metricsDecisionFacts', ['latencyBin', 'atMs', 'latencyMs', 'reviewerId']],
  // the bins of a period's edges, and of one reviewer's period
  ['metricsFactsAt', 'metricsDecisionFacts', ['atMs', 'latencyBin', 'reviewerId']],
  ['metricsFactsReviewerAt', 'metricsDecisionFacts', ['reviewerId', 'atMs', 'latencyBin']],
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
      create = create.addColumn(name, type, (col) => (kind === 'int?' ? col : col.notNull()));
    }
    create = create.addPrimaryKeyConstraint(`${table}Key`, [...KEYS[table]] as never);
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
  await rebuildMetricsRollups(db as Kysely<Database>);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('refundsOverturned').ifExists().execute();
  for (const table of ROLLUP_TABLES) await db.schema.dropTable(table).ifExists().execute();
}
