// The metrics worker thread (started by metricsWorker.ts through metricsWorkerBoot.mjs): answers
// dashboard questions with its own read connection (readWorkerThread.ts).
import { workerData } from 'node:worker_threads';
import { SQLITE_READER_CACHE_KIB } from './db/connect';
import { readSlaSettings } from './db/deskSettings';
import { answerMetrics } from './metricsSource';
import { readReviewSegments } from './reviewSegments';
import type { MetricsQuestion } from './metricsSource';
import type { MetricsWorkerData } from './metricsWorker';
import { openForReading, serveReads } from './readWorkerThread';

const { target } = workerData as MetricsWorkerData;
const db = openForReading(target, SQLITE_READER_CACHE_KIB);
serveReads(db, async (question: MetricsQuestion) => ({
  ...(await answerMetrics(db, question)),
  // the seed's review-time factors and the week's heat map, on the desk's own calendar
  ...(await readReviewSegments(db, (await readSlaSettings(db)).settings, question)),
}));
