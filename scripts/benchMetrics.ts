// `npx tsx scripts/benchMetrics.ts [--count N] [--copies K] [--file path] [--runs R]`
//
// Times dashboard questions through the metrics worker (mock-api/metricsWorker.ts) on a big SQLite
// file: the demo data of N requests (generateSeed), copied K times with new ids (N·K requests with
// their events, decisions and complaints; the copies keep the originals' times). The file is built
// once and reused. The copies skip the search index (the file serves this bench only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { putRecords, replaceRefundDecisions, type ResourceRecords } from '../mock-api/db/codecs';
import { connect } from '../mock-api/db/connect';
import { migrateToLatest } from '../mock-api/db/migrate';
import type { Database, ResourceTable } from '../mock-api/db/schema';
import { loadMetricsInput, type MetricsQuestion } from '../mock-api/metricsSource';
import { MetricsWorkers } from '../mock-api/metricsWorker';
import { generateSeed } from '../mock-api/seed';
import { classifyDecisions, computeMetrics } from '../src/domain/metrics';
import type { AuditEvent } from '../src/domain/model';

const DAY = 86_400_000;
const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}
const count = Number(option('--count', '100000'));
const copies = Number(option('--copies', '1'));
const runs = Number(option('--runs', '20'));
const file = path.resolve(
  option('--file', path.join(os.tmpdir(), `metrics-bench-${count}x${copies}.sqlite`)),
);

const log = (text: string) => console.log(`[metrics bench] ${text}`);

async function build(db: Kysely<Database>) {
  let t = performance.now();
  const snapshot = generateSeed({ count, seed: 42, nowMs: NOW_MS, withComplaints: true });
  log(
    `generated ${count} requests, ${snapshot.events.length} events in ${Math.round(performance.now() - t)} ms`,
  );
  t = performance.now();
  await migrateToLatest(db);
  const byRefund = new Map<string, AuditEvent[]>();
  for (const e of snapshot.events) {
    const list = byRefund.get(e.refundId) ?? [];
    list.push(e);
    byRefund.set(e.refundId, list);
  }
  const tables: ResourceTable[] = [
    'customers',
    'orders',
    'users',
    'refunds',
    'complaints',
    'events',
    'notes',
  ];
  await db.transaction().execute(async (trx) => {
    for (const table of tables) {
      const records = table === 'notes' ? (snapshot.notes ?? []) : snapshot[table];
      await putRecords(trx, table, [...records] as ResourceRecords[typeof table][]);
    }
    for (const refund of snapshot.refunds) {
      await replaceRefundDecisions(trx, refund.id, classifyDecisions(refund, byRefund.get(refund.id) ?? []));
    }
  });
  log(`written in ${Math.round(performance.now() - t)} ms`);
}

/** Copies the original rows until the file holds `copies` times them. */
async function copy(db: Kysely<Database>, held: number) {
  if (held >= copies) return;
  const t = performance.now();
  const triggers = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(
    db,
  );
  for (const { name } of triggers.rows) await sql.raw(`drop trigger "${name}"`).execute(db);
  const columnsOf = async (table: string) =>
    (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows
      .map((c) => c.name)
      .filter((c) => c !== 'rowKey');
  // each copy: the same rows under new ids (a suffix), pointing at their own copies
  const renamed: Record<string, string[]> = {
    refunds: ['id'],
    complaints: ['id', 'refundId'],
    events: ['id', 'refundId', 'complaintId'],
    refundDecisions: ['eventId', 'refundId'],
  };
  const columnsByTable = new Map<string, string[]>();
  for (const table of Object.keys(renamed)) columnsByTable.set(table, await columnsOf(table));
  for (let k = held; k < copies; k++) {
    // (the one SQLite connection is the transaction's until it ends: nothing else may use it)
    await db.transaction().execute(async (trx) => {
      for (const [table, ids] of Object.entries(renamed)) {
        const columns = columnsByTable.get(table)!;
        const list = columns.map((c) => `"${c}"`).join(', ');
        const values = columns
          .map((c) =>
            ids.includes(c) ? `case when "${c}" is null then null else "${c}" || 'x${k}' end` : `"${c}"`,
          )
          .join(', ');
        const original = ids.includes('id') ? `"id" not like '%x%'` : `"eventId" not like '%x%'`;
        await sql
          .raw(`insert into "${table}" (${list}) select ${values} from "${table}" where ${original}`)
          .execute(trx);
      }
    });
  }
  log(`copied ${copies - held} times in ${Math.round(performance.now() - t)} ms`);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
};

async function main() {
  const fresh = !fs.existsSync(file);
  const handle = connect({ engine: 'sqlite', file });
  try {
    if (fresh) await build(handle.db);
    const countRefunds = async () =>
      Number(
        (
          await handle.db
            .selectFrom('refunds')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await copy(handle.db, Math.round((await countRefunds()) / count));
    const counted = { n: await countRefunds() };
    log(`${file}: ${counted.n} requests, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);

    const base = { granularity: 'day', tz: 'UTC', filters: {}, nowMs: NOW_MS } as const;
    const questions: [string, MetricsQuestion][] = [
      [
        '90 days, manager',
        { ...base, fromMs: NOW_MS - 90 * DAY, toMs: NOW_MS, viewer: { id: 'u4', role: 'manager' } },
      ],
      [
        '90 days, weeks, Asia/Shanghai, one reason',
        {
          ...base,
          granularity: 'week',
          tz: 'Asia/Shanghai',
          filters: { reasonCategory: ['other'] },
          fromMs: NOW_MS - 90 * DAY,
          toMs: NOW_MS,
          viewer: { id: 'u4', role: 'manager' },
        },
      ],
      [
        '90 days, a reviewer',
        {
          ...base,
          filters: { reviewerId: 'u1' },
          fromMs: NOW_MS - 90 * DAY,
          toMs: NOW_MS,
          viewer: { id: 'u1', role: 'reviewer' },
        },
      ],
      [
        '7 days, manager',
        { ...base, fromMs: NOW_MS - 7 * DAY, toMs: NOW_MS, viewer: { id: 'u4', role: 'manager' } },
      ],
    ];

    // where the time goes, on this thread: reading the rows, then computing
    const [, first] = questions[0];
    let t = performance.now();
    const input = await loadMetricsInput(handle.db, first);
    const readMs = performance.now() - t;
    t = performance.now();
    computeMetrics(input);
    log(
      `90 days on the main thread: read ${Math.round(readMs)} ms, compute ${Math.round(performance.now() - t)} ms`,
    );

    const workers = new MetricsWorkers({ engine: 'sqlite', file });
    try {
      await workers.compute(first);
      for (const [label, question] of questions) {
        const times: number[] = [];
        for (let r = 0; r < runs; r++) {
          const start = performance.now();
          await workers.compute(question);
          times.push(performance.now() - start);
        }
        log(
          `${label}: p50 ${Math.round(percentile(times, 50))} ms, p95 ${Math.round(percentile(times, 95))} ms (${runs} runs, worker)`,
        );
      }
    } finally {
      await workers.close();
    }
    log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
