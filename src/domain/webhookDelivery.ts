// How a webhook is delivered, as rules: when a failed delivery is tried again (exponential
// backoff with jitter, for at least the retry horizon, 24 h by default, then "failed"), and the
// signature a receiver checks. Pure apart from node:crypto's HMAC (no I/O); the dispatcher
// (mock-api/webhooks/dispatcher.ts) and the tests call these, and the README shows a receiver's check.
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'Refund-Desk-Signature';

export interface BackoffPolicy {
  /** the first retry's delay */
  baseMs: number;
  /** no retry waits longer than this */
  maxDelayMs: number;
  /** retried until this long after the event was written; the first failure after it → failed */
  horizonMs: number;
  /** each delay is scaled by a random factor in [1 − jitter, 1 + jitter] */
  jitter: number;
}

export const HOUR_MS = 3_600_000;

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 10_000,
  maxDelayMs: HOUR_MS,
  horizonMs: 24 * HOUR_MS,
  jitter: 0.2,
};

/** The delay before retry number `attempt` (1 = after the first failure), before jitter. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 40);
  return Math.min(policy.maxDelayMs, policy.baseMs * 2 ** exponent);
}

export type AfterFailure = { kind: 'retry'; atMs: number } | { kind: 'failed' };

/**
 * After attempt number `attempts` failed at `nowMs`: when to try again, or give up. An event is
 * retried until the horizon has passed since it was written (`createdMs`), so a receiver that is
 * down for up to 24 h still gets it. `random01` is the jitter's draw (Math.random in the dispatcher).
 */
export function afterFailure(
  input: { attempts: number; createdMs: number; nowMs: number; random01: number },
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): AfterFailure {
  if (input.nowMs - input.createdMs >= policy.horizonMs) return { kind: 'failed' };
  const factor = 1 - policy.jitter + 2 * policy.jitter * Math.min(Math.max(input.random01, 0), 1);
  const delay = Math.max(1, Math.round(backoffDelayMs(input.attempts, policy) * factor));
  return { kind: 'retry', atMs: input.nowMs + delay };
}

/** The delays (no jitter) of every retry an event gets before it is marked failed. */
export function backoffSchedule(policy: BackoffPolicy = DEFAULT_BACKOFF): number[] {
  const delays: number[] = [];
  let elapsed = 0;
  for (let attempt = 1; elapsed < policy.horizonMs; attempt++) {
    const delay = backoffDelayMs(attempt, policy);
    delays.push(delay);
    elapsed += delay;
  }
  return delays;
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header's value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the endpoint's secret. */
export function signatureHeader(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

export type SignatureVerdict =
  { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'stale' };

/**
 * A receiver's check: the header parses, one of its v1 signatures is the HMAC of "<t>.<body>"
 * (compared in constant time), and t is within `toleranceSec` of now (a replayed old delivery is refused).
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowMs: number,
  toleranceSec = 300,
): SignatureVerdict {
  if (!header) return { ok: false, reason: 'malformed' };
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) t = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (t === null || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(hmacHex(secret, t, body), 'hex');
  const matches = signatures.some((s) => crypto.timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!matches) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowMs / 1000 - t) > toleranceSec) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp: t };
}

/** A new endpoint's signing secret: `whsec_` and 32 random bytes in hex. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('hex')}`;
}
