// The API's side of the metrics worker (metricsWorkerThread.ts): one long-lived worker thread with
// its own read connection, started on the first question, started again on the next question after
// it stopped or was retired. Questions are answered in turn; an error (a bad question, a database
// that cannot be read, a worker that stopped) comes back as a rejection with its message.
import { Worker } from 'node:worker_threads';
import type { MetricsAnswer } from '../src/domain/metrics';
import type { DatabaseTarget } from './db/connect';
import type { MetricsQuestion } from './metricsSource';

export interface MetricsWorkerData {
  target: DatabaseTarget;
}
export interface MetricsRequest {
  kind: 'question';
  id: number;
  question: MetricsQuestion;
}
/** What the API sends the worker: a question, or (when retiring it) stop once answered. */
export type MetricsWorkerMessage = MetricsRequest | { kind: 'stop' };
export type MetricsReply = { id: number; answer: MetricsAnswer } | { id: number; error: string };

interface Waiting {
  resolve: (answer: MetricsAnswer) => void;
  reject: (error: Error) => void;
}

/** A running worker and the questions it has been asked and not yet answered. */
interface Running {
  worker: Worker;
  waiting: Map<number, Waiting>;
  /** retires the worker once no question has come for IDLE_MS */
  idle?: NodeJS.Timeout;
}

/**
 * How long an idle worker is kept: questions asked close together (a dashboard's) find it started.
 * Idle, it holds its modules and connection, not the rows of its last question (it collects them);
 * retired, it closes its connection and its thread ends, giving all of that back; the next question
 * starts another.
 */
export const METRICS_WORKER_IDLE_MS = 5_000;
/** A retired worker that has not ended this long after being asked to stop is terminated. */
const STOP_GRACE_MS = 5_000;

export interface MetricsWorkersOptions {
  /** how long an idle worker is kept (METRICS_WORKER_IDLE_MS) */
  idleMs?: number;
}

const BOOT = new URL('./metricsWorkerBoot.mjs', import.meta.url);

export class MetricsWorkers {
  private running: Running | null = null;
  private nextRequestId = 0;
  private closed = false;
  /** retired workers that have not ended yet (close() waits for them) */
  private readonly retiring = new Set<Worker>();
  /** how many workers were started (a restart after a stop counts), and retired for being idle */
  readonly stats = { started: 0, retired: 0 };
  private readonly idleMs: number;

  constructor(
    private readonly target: DatabaseTarget,
    options: MetricsWorkersOptions = {},
  ) {
    this.idleMs = options.idleMs ?? METRICS_WORKER_IDLE_MS;
  }

  /** The answer to one question, computed on the worker thread. */
  compute(question: MetricsQuestion): Promise<MetricsAnswer> {
    if (this.closed) return Promise.reject(new Error('The metrics workers are closed.'));
    const running = this.running ?? this.start();
    clearTimeout(running.idle);
    const id = ++this.nextRequestId;
    return new Promise<MetricsAnswer>((resolve, reject) => {
      running.waiting.set(id, { resolve, reject });
      // keep the process alive only while a question waits for its answer
      running.worker.ref();
      running.worker.postMessage({ kind: 'question', id, question } satisfies MetricsWorkerMessage);
    });
  }

  /** The running worker thread, if any (the tests stop it to see it started again). */
  get worker(): Worker | null {
    return this.running?.worker ?? null;
  }

  /** Stops the worker (and one being retired); questions still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const ending = [...this.retiring].map((worker) => worker.terminate());
    const running = this.running;
    if (running) {
      this.stopped(running, 'The metrics workers were closed before answering.');
      ending.push(running.worker.terminate());
    }
    await Promise.all(ending);
  }

  private start(): Running {
    const worker = new Worker(BOOT, { workerData: { target: this.target } satisfies MetricsWorkerData });
    const running: Running = { worker, waiting: new Map() };
    this.running = running;
    this.stats.started++;
    worker.on('message', (reply: MetricsReply) => {
      const waiting = running.waiting.get(reply.id);
      if (!waiting) return;
      running.waiting.delete(reply.id);
      if (running.waiting.size === 0) {
        worker.unref();
        running.idle = setTimeout(() => this.retire(running), this.idleMs);
        running.idle.unref();
      }
      if ('error' in reply) waiting.reject(new Error(`Metrics could not be computed: ${reply.error}`));
      else waiting.resolve(reply.answer);
    });
    worker.on('error', (error) => {
      this.stopped(running, `The metrics worker failed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      this.stopped(running, `The metrics worker stopped (exit code ${code}) before answering; ask again.`);
    });
    return running;
  }

  /**
   * Retires an idle worker: it closes its connection and ends (terminated if it does not); a
   * question asked meanwhile starts another worker.
   */
  private retire(running: Running) {
    if (this.running !== running || running.waiting.size > 0) return;
    this.running = null;
    this.stats.retired++;
    const { worker } = running;
    const force = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    force.unref();
    this.retiring.add(worker);
    worker.once('exit', () => {
      clearTimeout(force);
      this.retiring.delete(worker);
    });
    worker.postMessage({ kind: 'stop' } satisfies MetricsWorkerMessage);
  }

  /** Forgets a worker that stopped (the next question starts another) and refuses its questions. */
  private stopped(running: Running, message: string) {
    clearTimeout(running.idle);
    if (this.running === running) this.running = null;
    for (const waiting of running.waiting.values()) waiting.reject(new Error(message));
    running.waiting.clear();
  }
}
