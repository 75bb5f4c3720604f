// The API's side of a read worker (readWorkerThread.ts): one worker thread with its own read
// connection, started on the first question, started again on the next question after it stopped or
// was retired. Questions are answered in turn; an error (a bad question, a database that cannot be
// read, a worker that stopped) comes back as a rejection with its message, a refusal (ApiError) as
// the same refusal. The metrics worker (metricsWorker.ts) and the list readers (listReaders.ts) are two.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { ApiError } from './http';

export interface ReadRequest<Q> {
  kind: 'question';
  id: number;
  question: Q;
}
/** What the API sends a worker: a question, or (when retiring it) stop once answered. */
export type ReadWorkerMessage<Q> = ReadRequest<Q> | { kind: 'stop' };
export type ReadReply<A> =
  | { id: number; answer: A }
  | { id: number; error: string; refusal?: { status: number; extra: Record<string, unknown> } };

interface Waiting<A> {
  resolve: (answer: A) => void;
  reject: (error: Error) => void;
}

/** A running worker and the questions it has been asked and not yet answered. */
interface Running<A> {
  worker: Worker;
  waiting: Map<number, Waiting<A>>;
  /** retires the worker once no question has come for idleMs */
  idle?: NodeJS.Timeout;
}

/** A retired worker that has not ended this long after being asked to stop is terminated. */
const STOP_GRACE_MS = 5_000;

export interface ReadWorkerOptions {
  /** the worker's entry (a .mjs that registers tsx, then loads the TypeScript thread) */
  boot: URL;
  workerData: unknown;
  /** how long an idle worker is kept */
  idleMs: number;
  /** what the worker answers, in the messages of its failures ("metrics", "list") */
  what: string;
  resourceLimits?: ResourceLimits;
}

export class ReadWorker<Q, A> {
  private running: Running<A> | null = null;
  private nextRequestId = 0;
  private closed = false;
  /** retired workers that have not ended yet (close() waits for them) */
  private readonly retiring = new Set<Worker>();
  /** how many workers were started (a restart after a stop counts), and retired for being idle */
  readonly stats = { started: 0, retired: 0 };

  constructor(private readonly options: ReadWorkerOptions) {}

  /** The answer to one question, computed on the worker thread. */
  ask(question: Q): Promise<A> {
    if (this.closed) return Promise.reject(new Error(`The ${this.options.what} workers are closed.`));
    const running = this.running ?? this.start();
    clearTimeout(running.idle);
    const id = ++this.nextRequestId;
    return new Promise<A>((resolve, reject) => {
      running.waiting.set(id, { resolve, reject });
      // keep the process alive only while a question waits for its answer
      running.worker.ref();
      running.worker.postMessage({ kind: 'question', id, question } satisfies ReadWorkerMessage<Q>);
    });
  }

  /** How many questions the running worker has not answered yet. */
  get pending(): number {
    return this.running?.waiting.size ?? 0;
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
      this.stopped(running, `The ${this.options.what} workers were closed before answering.`);
      ending.push(running.worker.terminate());
    }
    await Promise.all(ending);
  }

  private start(): Running<A> {
    const { boot, workerData, what, resourceLimits } = this.options;
    const worker = new Worker(boot, { workerData, resourceLimits });
    const running: Running<A> = { worker, waiting: new Map() };
    this.running = running;
    this.stats.started++;
    worker.on('message', (reply: ReadReply<A>) => {
      const waiting = running.waiting.get(reply.id);
      if (!waiting) return;
      running.waiting.delete(reply.id);
      if (running.waiting.size === 0) {
        worker.unref();
        running.idle = setTimeout(() => this.retire(running), this.options.idleMs);
        running.idle.unref();
      }
      if (!('error' in reply)) waiting.resolve(reply.answer);
      else if (reply.refusal)
        waiting.reject(new ApiError(reply.refusal.status, reply.error, reply.refusal.extra));
      else waiting.reject(new Error(`The ${what} worker could not answer: ${reply.error}`));
    });
    worker.on('error', (error) => {
      this.stopped(running, `The ${what} worker failed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      this.stopped(running, `The ${what} worker stopped (exit code ${code}) before answering; ask again.`);
    });
    return running;
  }

  /**
   * Retires an idle worker: it closes its connection and ends (terminated if it does not); a
   * question asked meanwhile starts another worker.
   */
  private retire(running: Running<A>) {
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
    worker.postMessage({ kind: 'stop' } satisfies ReadWorkerMessage<Q>);
  }

  /** Forgets a worker that stopped (the next question starts another) and refuses its questions. */
  private stopped(running: Running<A>, message: string) {
    clearTimeout(running.idle);
    if (this.running === running) this.running = null;
    for (const waiting of running.waiting.values()) waiting.reject(new Error(message));
    running.waiting.clear();
  }
}
