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

/**
 * What the kept answers may hold: a count, and a size (the answers' JSON length, a year by day
 * with every reviewer is far larger than a week): the oldest go first, an answer larger than the
 * whole size is not kept.
 */
export interface AnswerCacheLimits {
  maxAnswers: number;
  maxChars: number;
}
export const ANSWER_CACHE_LIMITS: AnswerCacheLimits = { maxAnswers: 50, maxChars: 4_000_000 };

export interface MetricsSchedulerOptions<T> {
  cache?: AnswerCacheLimits;
  /** an answer's size as the cache counts it (its JSON length by default) */
  sizeOf?: (answer: T) => number;
}

export class MetricsScheduler<T> {
  private readonly answers = new Map<
    string,
    { answer: T; nowMs: number; changeCount: string; size: number }
  >();
  private cachedChars = 0;
  private readonly limits: AnswerCacheLimits;
  private readonly sizeOf: (answer: T) => number;
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly pendingByUser = new Map<string, number>();
  /** each caller's last queued computation: the next one starts after it */
  private readonly tailByUser = new Map<string, Promise<unknown>>();
  private running = 0;
  readonly stats: MetricsSchedulerStats = { computations: 0, maxPendingPerUser: 0, maxRunning: 0 };

  constructor(options: MetricsSchedulerOptions<T> = {}) {
    this.limits = options.cache ?? ANSWER_CACHE_LIMITS;
    this.sizeOf = options.sizeOf ?? ((answer) => JSON.stringify(answer)?.length ?? 0);
  }

  /** How many answers are kept, and their size (tests). */
  get cached(): { answers: number; chars: number } {
    return { answers: this.answers.size, chars: this.cachedChars };
  }

  /** The answer, shared or computed in turn; null when the caller already has too much in flight. */
  answer(job: MetricsJob<T>): Promise<T> | T | null {
    const cached = this.answers.get(job.key);
    if (cached && cached.changeCount === job.changeCount && job.nowMs - cached.nowMs < ANSWER_TTL_MS) {
      return cached.answer;
    }
    // out of date: not kept until the count or the size pushes it out
    if (cached) this.forget(job.key);
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
      this.keep(job, answer);
      return answer;
    } finally {
      this.running--;
    }
  }

  private keep(job: MetricsJob<T>, answer: T) {
    this.forget(job.key);
    const size = this.sizeOf(answer);
    if (size > this.limits.maxChars) return;
    this.answers.set(job.key, { answer, nowMs: job.nowMs, changeCount: job.changeCount, size });
    this.cachedChars += size;
    while (this.answers.size > this.limits.maxAnswers || this.cachedChars > this.limits.maxChars) {
      this.forget(this.answers.keys().next().value!);
    }
  }

  private forget(key: string) {
    const kept = this.answers.get(key);
    if (!kept) return;
    this.answers.delete(key);
    this.cachedChars -= kept.size;
  }
}
