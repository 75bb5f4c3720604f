// The sign-in throttle: how many failed sign-ins a username and a client address may have before
// they are refused for a while, and how many sign-ins one address may have in flight. Pure: the
// caller passes the time. Each attempt takes its slot before the password is checked (`begin`),
// so parallel guesses cannot all pass the check before the first failure is counted.

export interface FailureLimit {
  /** failed (or still unsettled) attempts within `windowMs` that exhaust the budget */
  maxFailures: number;
  windowMs: number;
  /** how long the key is refused once `maxFailures` have failed */
  lockMs: number;
}

export interface SignInLimits {
  perUser: FailureLimit;
  /**
   * usernames, and client addresses, remembered at most (each): what a flood of distinct ones
   * may cost in memory. Once full, a sign-in whose username or address is not remembered is
   * refused as busy until entries go idle, rather than forgetting anyone's failures.
   */
  maxTrackedKeys?: number;
  /** one client address (many usernames); a success does not forgive its failures */
  perAddress: FailureLimit & { maxInFlight: number };
}

export const SIGN_IN_LIMITS: SignInLimits = {
  perUser: { maxFailures: 5, windowMs: 60_000, lockMs: 60_000 },
  perAddress: { maxFailures: 20, windowMs: 60_000, lockMs: 60_000, maxInFlight: 4 },
  maxTrackedKeys: 100_000,
};

/** How soon to try again when the throttle remembers as many keys as it may. */
const FULL_RETRY_MS = 5_000;
/** A full throttle looks for idle entries at most this often (a sweep walks every entry). */
const FULL_SWEEP_EVERY_MS = 1_000;

/** How soon to try again after too many sign-ins at once from one address. */
const IN_FLIGHT_RETRY_MS = 1_000;

export type SignInRefusal = 'user_locked' | 'address_locked' | 'address_busy' | 'throttle_full';
/**
 * `not_checked`: the password was never checked (say, the request failed), so nothing counts.
 * `busy`: refused unchecked because too many checks were waiting. It counts against the address
 * as a failure, or a flood answered "busy" would cost the flooder nothing while it keeps every
 * real user out; not against the username, which a flood must not lock.
 */
export type SignInOutcome = 'success' | 'failure' | 'not_checked' | 'busy';

export interface SignInTicket {
  readonly username: string;
  readonly address: string;
  readonly startedAt: number;
}

export type SignInDecision =
  { allowed: true; ticket: SignInTicket } | { allowed: false; refusal: SignInRefusal; retryAfterMs: number };

interface BudgetEntry {
  /** start times of failed attempts still within the window */
  failures: number[];
  inFlight: number;
  lockedUntil: number;
}

/** Failures per key within a sliding window, counting attempts in flight as failures-to-be. */
class FailureBudget {
  private readonly entries = new Map<string, BudgetEntry>();
  private pruneAt = 10_000;
  private sweptAt = -Infinity;

  constructor(
    private readonly limit: FailureLimit,
    private readonly maxKeys: number,
  ) {}

  /** Whether `key` is remembered or may be; a full budget forgets idle keys (now and then) first. */
  hasRoom(key: string, nowMs: number): boolean {
    if (this.entries.size < this.maxKeys || this.entries.has(key)) return true;
    if (nowMs - this.sweptAt >= FULL_SWEEP_EVERY_MS) this.forgetIdle(nowMs);
    return this.entries.size < this.maxKeys;
  }

  /** How long `key` must wait, or 0 if it may take a slot now. */
  waitFor(key: string, nowMs: number): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    if (entry.lockedUntil > nowMs) return entry.lockedUntil - nowMs;
    const recent = entry.failures.filter((t) => nowMs - t < this.limit.windowMs).length;
    // unsettled attempts may all fail: if they would exhaust the budget, wait as for the lock
    return recent + entry.inFlight >= this.limit.maxFailures ? this.limit.lockMs : 0;
  }

  inFlight(key: string): number {
    return this.entries.get(key)?.inFlight ?? 0;
  }

  lockedFor(key: string, nowMs: number): number {
    const until = this.entries.get(key)?.lockedUntil ?? 0;
    return until > nowMs ? until - nowMs : 0;
  }

  take(key: string, nowMs: number): void {
    this.prune(nowMs);
    const entry = this.entries.get(key) ?? { failures: [], inFlight: 0, lockedUntil: 0 };
    entry.inFlight += 1;
    this.entries.set(key, entry);
  }

  settle(key: string, startedAt: number, outcome: SignInOutcome, nowMs: number, forgive: boolean): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    if (outcome === 'success' && forgive) entry.failures = [];
    if (outcome !== 'failure') return;
    entry.failures = entry.failures.filter((t) => nowMs - t < this.limit.windowMs);
    entry.failures.push(startedAt);
    if (entry.failures.length >= this.limit.maxFailures) {
      entry.lockedUntil = nowMs + this.limit.lockMs;
      entry.failures = [];
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets idle keys once the map has doubled, so random usernames cannot grow it without bound. */
  private prune(nowMs: number): void {
    if (this.entries.size < this.pruneAt) return;
    this.forgetIdle(nowMs);
    this.pruneAt = Math.max(10_000, this.entries.size * 2);
  }

  private forgetIdle(nowMs: number): void {
    this.sweptAt = nowMs;
    for (const [key, entry] of this.entries) {
      const idle =
        entry.inFlight === 0 &&
        entry.lockedUntil <= nowMs &&
        entry.failures.every((t) => nowMs - t >= this.limit.windowMs);
      if (idle) this.entries.delete(key);
    }
  }
}

export class SignInThrottle {
  private readonly users: FailureBudget;
  private readonly addresses: FailureBudget;
  /** tickets not yet settled: settling twice must not free a second slot */
  private readonly open = new WeakSet<SignInTicket>();

  constructor(private readonly limits: SignInLimits = SIGN_IN_LIMITS) {
    const maxKeys = limits.maxTrackedKeys ?? Infinity;
    this.users = new FailureBudget(limits.perUser, maxKeys);
    this.addresses = new FailureBudget(limits.perAddress, maxKeys);
  }

  /**
   * Takes a slot for one sign-in attempt, or refuses it. Synchronous, so however many attempts
   * arrive at once, no more than the budget ever reach the password check.
   */
  begin(username: string, address: string, nowMs: number): SignInDecision {
    const addressWait = this.addresses.waitFor(address, nowMs);
    if (addressWait > 0) return { allowed: false, refusal: 'address_locked', retryAfterMs: addressWait };
    if (this.addresses.inFlight(address) >= this.limits.perAddress.maxInFlight) {
      return { allowed: false, refusal: 'address_busy', retryAfterMs: IN_FLIGHT_RETRY_MS };
    }
    const userWait = this.users.waitFor(username, nowMs);
    if (userWait > 0) return { allowed: false, refusal: 'user_locked', retryAfterMs: userWait };
    if (!this.addresses.hasRoom(address, nowMs) || !this.users.hasRoom(username, nowMs)) {
      return { allowed: false, refusal: 'throttle_full', retryAfterMs: FULL_RETRY_MS };
    }
    this.addresses.take(address, nowMs);
    this.users.take(username, nowMs);
    const ticket: SignInTicket = { username, address, startedAt: nowMs };
    this.open.add(ticket);
    return { allowed: true, ticket };
  }

  /**
   * Frees the slot: a failure counts against both, `busy` against the address only, and a success
   * forgives the user's failures only.
   */
  settle(ticket: SignInTicket, outcome: SignInOutcome, nowMs: number): void {
    if (!this.open.delete(ticket)) return;
    const unchecked = outcome === 'busy';
    this.users.settle(ticket.username, ticket.startedAt, unchecked ? 'not_checked' : outcome, nowMs, true);
    this.addresses.settle(ticket.address, ticket.startedAt, unchecked ? 'failure' : outcome, nowMs, false);
  }

  userLockedFor(username: string, nowMs: number): number {
    return this.users.lockedFor(username, nowMs);
  }

  addressLockedFor(address: string, nowMs: number): number {
    return this.addresses.lockedFor(address, nowMs);
  }

  /** keys held in memory (for tests of the bound) */
  get trackedKeys(): number {
    return this.users.size + this.addresses.size;
  }
}
