// The wallet's side of the desk's webhooks, beside the signature check (the desk's own rule,
// src/domain/webhookDelivery.ts verifySignature): each event taken once however often it is
// delivered (the desk delivers at least once), and the shape of an event.
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
