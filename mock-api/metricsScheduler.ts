// Bounds the work GET /api/metrics can cause. One answer per normalised question (shared while it
// is being computed, reused while the data is unchanged); each caller has at most
// MAX_PENDING_PER_USER questions in flight (one computing, the rest waiting their turn) and is
// told to retry (429) beyond that; each computation runs in its own turn of the event loop, so
// the requests of other users are read and answered between two computations.

/** What a computation is keyed and timed by. */
export interface MetricsJob<T> {
  userId: string;
  /** the normalised question (same key, same answer) */
  key: string;
  /** the data's version when asked (any process's commit changes it): an answer is reused only while it is unchanged */
  changeCount: string;
  nowMs: number;
  compute: () => T | Promise<T>;
}

export interface MetricsSchedulerStats {
  /** computations run since start */
  computations: number;
  /** the most questions one caller had in flight at once (computing or waiting) */
  maxPendingPerUser: number;
  /** the most computations running at once, over all callers */
  maxRunning: number;
}

export const MAX_PENDING_PER_USER = 2;
/** How long an answer may be reused while the data has not changed. */
export const ANSWER_TTL_MS = 10_000;
const MAX_CACHED_ANSWERS = 50;

export class MetricsScheduler<T> {
  private readonly answers = new Map<string, { answer: T; nowMs: number; changeCount: string }>();
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly pendingByUser = new Map<string, number>();
  /** each caller's last queued computation: the next one starts after it */
  private readonly tailByUser = new Map<string, Promise<unknown>>();
  private running = 0;
  readonly stats: MetricsSchedulerStats = { computations: 0, maxPendingPerUser: 0, maxRunning: 0 };

  /** The answer, shared or computed in turn; null when the caller already has too much in flight. */
  answer(job: MetricsJob<T>): Promise<T> | T | null {
    const cached = this.answers.get(job.key);
    if (cached && cached.changeCount === job.changeCount && job.nowMs - cached.nowMs < ANSWER_TTL_MS) {
      return cached.answer;
    }
    // the same question already being computed: wait for that answer rather than compute again
    const shared = this.inFlight.get(`${job.changeCount}|${job.key}`);
    if (shared) return shared;
    const pending = this.pendingByUser.get(job.userId) ?? 0;
    if (pending >= MAX_PENDING_PER_USER) return null;
    this.pendingByUser.set(job.userId, pending + 1);
    this.stats.maxPendingPerUser = Math.max(this.stats.maxPendingPerUser, pending + 1);
    const previous = this.tailByUser.get(job.userId) ?? Promise.resolve();
    const flightKey = `${job.changeCount}|${job.key}`;
    const result = previous
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.run(job))
      .finally(() => {
        this.inFlight.delete(flightKey);
        const left = (this.pendingByUser.get(job.userId) ?? 1) - 1;
        if (left > 0) this.pendingByUser.set(job.userId, left);
        else {
          this.pendingByUser.delete(job.userId);
          this.tailByUser.delete(job.userId);
        }
      });
    this.inFlight.set(flightKey, result);
    this.tailByUser.set(
      job.userId,
      result.catch(() => undefined),
    );
    return result;
  }

  private async run(job: MetricsJob<T>): Promise<T> {
    this.running++;
    this.stats.maxRunning = Math.max(this.stats.maxRunning, this.running);
    try {
      this.stats.computations++;
      const answer = await job.compute();
      this.answers.set(job.key, { answer, nowMs: job.nowMs, changeCount: job.changeCount });
      if (this.answers.size > MAX_CACHED_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
      return answer;
    } finally {
      this.running--;
    }
  }
}
