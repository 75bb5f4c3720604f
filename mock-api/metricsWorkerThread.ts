// The metrics worker thread (started by metricsWorker.ts through metricsWorkerBoot.mjs): answers
// dashboard questions with its own read connection (readWorkerThread.ts).
import { workerData } from 'node:worker_threads';
import { SQLITE_READER_CACHE_KIB } from './db/connect';
import { readSlaSettings } from './db/deskSettings';
import { readCustomerSatisfaction } from './customerSatisfaction';
import { answerMetrics } from './metricsSource';
import { readReviewSegments } from './reviewSegments';
import type { MetricsQuestion } from './metricsSource';
import type { MetricsWorkerData } from './metricsWorker';
import { openForReading, serveReads } from './readWorkerThread';

const { target } = workerData as MetricsWorkerData;
const db = openForReading(target, SQLITE_READER_CACHE_KIB);
serveReads(db, async (question: MetricsQuestion) => {
  const answer = await answerMetrics(db, question);
  // the customers' ratings of the period's decisions, with the totals, and by who, why and what
  const { csat, csatBy } = await readCustomerSatisfaction(db, question);
  return {
    ...answer,
    totals: { ...answer.totals, csat },
    csatBy,
    // the seed's review-time factors and the week's heat map, on the desk's own calendar
    ...(await readReviewSegments(db, (await readSlaSettings(db)).settings, question)),
  };
});
