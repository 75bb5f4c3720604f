// The API's side of the metrics worker (metricsWorkerThread.ts): one long-lived worker thread with
// its own read connection (readWorker.ts), started on the first question, retired when idle.
import type { MetricsAnswer } from '../src/domain/metrics';
import type { DatabaseTarget } from './db/connect';
import type { MetricsQuestion } from './metricsSource';
import { ReadWorker } from './readWorker';

export interface MetricsWorkerData {
  target: DatabaseTarget;
}

/**
 * How long an idle worker is kept: questions asked close together (a dashboard's) find it started.
 * Idle, it holds its modules and connection, not the rows of its last question (it collects them);
 * retired, it closes its connection and its thread ends, giving all of that back; the next question
 * starts another.
 */
export const METRICS_WORKER_IDLE_MS = 5_000;

export interface MetricsWorkersOptions {
  /** how long an idle worker is kept (METRICS_WORKER_IDLE_MS) */
  idleMs?: number;
}

const BOOT = new URL('./metricsWorkerBoot.mjs', import.meta.url);

export class MetricsWorkers extends ReadWorker<MetricsQuestion, MetricsAnswer> {
  constructor(target: DatabaseTarget, options: MetricsWorkersOptions = {}) {
    super({
      boot: BOOT,
      workerData: { target } satisfies MetricsWorkerData,
      idleMs: options.idleMs ?? METRICS_WORKER_IDLE_MS,
      what: 'metrics',
    });
  }

  /** The answer to one question, computed on the worker thread. */
  compute(question: MetricsQuestion): Promise<MetricsAnswer> {
    return this.ask(question);
  }
}
