// A table read in order of its sequence number by every API process while at least one listener is
// on: the live stream's events (live/feed.ts) and the bell's notifications (notifications/feed.ts).
// PostgreSQL hands out sequence values before the commit, so a row may appear after a higher one:
// each poll looks back a little and skips the numbers it has delivered. What is there when the first
// listener comes counts as delivered (a stream replays or refetches it itself).

/** How a polled table is read: its newest number, and its rows after a number, oldest first. */
export interface SequencedRows<Row> {
  newestSeq(): Promise<number>;
  seqsAfter(after: number): Promise<number[]>;
  rowsAfter(after: number, limit: number): Promise<Row[]>;
  seqOf(row: Row): number;
}

/** How far back (in sequence numbers) each poll looks for rows committed after a higher one. */
const LOOK_BACK = 200;
const DELIVERED_KEPT = 2_000;

export class SeqPoller<Row, Item> {
  private readonly listeners = new Set<(item: Item) => void>();
  private timer: NodeJS.Timeout | null = null;
  private cursor = -1;
  private readonly delivered = new Set<number>();
  private polling: Promise<void> | null = null;
  /** Resolves once the poller knows where the table stands. */
  started: Promise<void> = Promise.resolve();

  constructor(
    private readonly rows: SequencedRows<Row>,
    /** what the listeners are handed for new rows (a row may give nothing) */
    private readonly itemsOf: (rows: Row[]) => Promise<Item[]> | Item[],
    private readonly options: { pollMs: number; pollLimit: number; label: string },
  ) {}

  subscribe(listener: (item: Item) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.started = this.begin();
      this.timer = setInterval(() => void this.poll(), this.options.pollMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.cursor = -1;
    this.delivered.clear();
    this.started = Promise.resolve();
  }

  private async begin(): Promise<void> {
    const newest = await this.rows.newestSeq();
    for (const seq of await this.rows.seqsAfter(Math.max(0, newest - LOOK_BACK))) this.delivered.add(seq);
    this.cursor = Math.max(this.cursor, newest);
  }

  private poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .catch((error: unknown) => console.error(`${this.options.label}:`, error))
      .finally(() => {
        this.polling = null;
      });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    await this.started;
    if (this.cursor < 0) return;
    const rows = await this.rows.rowsAfter(Math.max(0, this.cursor - LOOK_BACK), this.options.pollLimit);
    const fresh = rows.filter((row) => !this.delivered.has(this.rows.seqOf(row)));
    if (fresh.length === 0) return;
    // read first: a poll that fails delivers nothing and marks nothing, so the next one retries
    const items = await this.itemsOf(fresh);
    for (const row of fresh) this.remember(this.rows.seqOf(row));
    for (const item of items) {
      for (const listener of this.listeners) listener(item);
    }
  }

  private remember(seq: number): void {
    this.delivered.add(seq);
    if (seq > this.cursor) this.cursor = seq;
    if (this.delivered.size > DELIVERED_KEPT) {
      for (const old of this.delivered) {
        if (old > this.cursor - LOOK_BACK) break;
        this.delivered.delete(old);
      }
    }
  }
}
