// Password checks with bounded concurrency. Each scrypt check costs tens of milliseconds of CPU
// and 16 MB of memory on libuv's threadpool (shared with file I/O, the journal's fsync included):
// a few run at once, a bounded number wait, and the rest are refused at once so a flood of
// sign-ins can neither starve other requests nor grow memory.
import os from 'node:os';
import { hashPasswordOffLoop, verifyPasswordOffLoop } from './auth';

export interface PasswordCheckLimits {
  /** checks running at once (below the threadpool's 4 threads, leaving room for file I/O) */
  concurrency: number;
  /** checks waiting for a turn; beyond that a sign-in is answered "busy" */
  maxQueued: number;
}

export const PASSWORD_CHECK_LIMITS: PasswordCheckLimits = {
  concurrency: Math.max(1, Math.min(3, os.availableParallelism() - 1)),
  maxQueued: 32,
};

/** How soon a client refused as "busy" should try again. */
export const BUSY_RETRY_MS = 2_000;

export class PasswordChecks {
  /** checks started since the server began (observable by tests) */
  performed = 0;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: PasswordCheckLimits = PASSWORD_CHECK_LIMITS) {}

  /** Whether the password matches the stored hash, or `null` at once when too many are waiting. */
  check(password: string, stored: string): Promise<boolean> | null {
    return this.inTurn(() => verifyPasswordOffLoop(password, stored).catch(() => false));
  }

  /**
   * A new password's hash (an administrator setting a staff account's initial password) in the
   * same slots, so account creation cannot starve sign-in; `null` at once when too many are waiting.
   */
  hash(password: string): Promise<string> | null {
    return this.inTurn(() => hashPasswordOffLoop(password));
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> | null {
    if (this.running >= this.limits.concurrency && this.waiting.length >= this.limits.maxQueued) {
      return null;
    }
    return new Promise((resolve, reject) => {
      const run = () => {
        this.running += 1;
        this.performed += 1;
        work()
          .finally(() => {
            this.running -= 1;
            this.waiting.shift()?.();
          })
          .then(resolve, reject);
      };
      if (this.running < this.limits.concurrency) run();
      else this.waiting.push(run);
    });
  }

  get queued(): number {
    return this.waiting.length;
  }
}
