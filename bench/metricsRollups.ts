// `npx tsx bench/metricsRollups.ts <database file>`: the bench's metrics question (90 days by day in
// Asia/Shanghai, as manager, 5 different windows) answered from the roll-ups and from the raw rows,
// interleaved on the same SQLite file, on this thread. The file must have its roll-ups built
// (rebuildMetricsRollups: `npm run db:migrate` on a seeded file does it).
import { connect } from '../mock-api/db/connect';
import { rollupsCurrent } from '../mock-api/db/metricsRollups';
import { answerMetrics, loadMetricsInput, type MetricsQuestion } from '../mock-api/metricsSource';
import { computeMetrics } from '../src/domain/metrics';

const DAY = 86_400_000;
const file = process.argv[2];
if (!file) throw new Error('Usage: npx tsx bench/metricsRollups.ts <database file>');
const handle = connect({ engine: 'sqlite', file });
if (!(await rollupsCurrent(handle.db))) throw new Error(`${file}: the roll-ups are not built for this seed.`);

const nowMs = Date.now();
const question = (k: number): MetricsQuestion => ({
  fromMs: nowMs - (90 + k) * DAY,
  toMs: nowMs - k * DAY,
  granularity: 'day',
  tz: 'Asia/Shanghai',
  filters: {},
  nowMs,
  viewer: { id: 'u4', role: 'manager' },
});
const rounds = Number(process.argv[3] ?? 4);
const fast: number[] = [];
const raw: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < 5; k++) {
    let t = performance.now();
    await answerMetrics(handle.db, question(k));
    fast.push(performance.now() - t);
    t = performance.now();
    computeMetrics(await loadMetricsInput(handle.db, question(k)));
    raw.push(performance.now() - t);
  }
}
const p = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((q / 100) * values.length) - 1)];
for (const [name, values] of [
  ['roll-ups', fast],
  ['raw rows', raw],
] as const) {
  console.log(
    `${name}: p50 ${p(values, 50).toFixed(0)} ms, p95 ${p(values, 95).toFixed(0)} ms (${values.length} answers)`,
  );
}
await handle.close();
