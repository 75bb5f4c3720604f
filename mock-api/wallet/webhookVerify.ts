// The wallet's side of the desk's webhooks: the `Refund-Desk-Signature: t=<unix seconds>,v1=<hex>`
// header checked (HMAC-SHA256 of "<t>.<raw body>" with the endpoint's secret, compared in constant
// time, within a tolerance of the signing time so an old capture cannot be replayed), and each event
// taken once however often it is delivered (the desk delivers at least once).
import crypto from 'node:crypto';

export type SignatureCheck =
  { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** The signature the desk sends for this body at this time (also what a test's sender uses). */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  const v1 = crypto.createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** t and every v1 of the header (a rotating secret may send two); null when malformed. */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== null) return null;
      timestamp = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return null;
      signatures.push(value.toLowerCase());
    }
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export function verifyWebhookSignature(options: {
  secret: string;
  header: string | undefined;
  rawBody: string;
  nowSeconds: number;
  toleranceSeconds: number;
}): SignatureCheck {
  if (!options.header) return { ok: false, reason: 'missing' };
  const parsed = parseSignatureHeader(options.header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  if (Math.abs(options.nowSeconds - parsed.timestamp) > options.toleranceSeconds) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(
    crypto
      .createHmac('sha256', options.secret)
      .update(`${parsed.timestamp}.${options.rawBody}`)
      .digest('hex'),
  );
  const match = parsed.signatures.some((s) => crypto.timingSafeEqual(Buffer.from(s), expected));
  return match ? { ok: true, timestamp: parsed.timestamp } : { ok: false, reason: 'mismatch' };
}

/**
 * The event ids already taken, the most recent `capacity` of them (a redelivery comes within the
 * desk's retry window, long before that many newer events). `seen` answers and remembers at once.
 */
export class EventDeduplicator {
  private readonly ids = new Set<string>();

  constructor(
    private readonly capacity = 50_000,
    initial: readonly string[] = [],
  ) {
    for (const id of initial) this.remember(id);
  }

  /** true if this id was taken before; otherwise remembers it and answers false */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.remember(id);
    return false;
  }

  /** forget an id whose event could not be taken after all, so the desk's retry is taken */
  forget(id: string): void {
    this.ids.delete(id);
  }

  list(): string[] {
    return [...this.ids];
  }

  private remember(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
  }
}

/** Whether a parsed body has the shape of a desk event (id, type, createdAt, data). */
export function isWebhookEvent(value: unknown): value is {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
} {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    v.id !== '' &&
    typeof v.type === 'string' &&
    typeof v.createdAt === 'string' &&
    typeof v.data === 'object' &&
    v.data !== null
  );
}
