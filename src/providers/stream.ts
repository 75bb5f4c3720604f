// The live stream's client (GET /api/stream): a fetch reader, since EventSource cannot send the
// staff token in the Authorization header. It reconnects with a growing, jittered pause and the
// Last-Event-ID it last saw (the server replays what was missed, or says `reset`), restarts when
// no byte (not even a heartbeat) came for a while, and waits while nobody is signed in.
import { HEARTBEAT_MS, type LiveChange, type LiveChangeData, type LiveEventType } from '../domain/liveEvents';
import type { StaffNotification } from '../domain/notifications';
import { resolveUrl } from './apiUrl';
import { getToken } from './session';

export type LiveMessage =
  | { kind: 'change'; change: LiveChange }
  /** one of the viewer's own new notifications (not replayed after a reconnect: refetch on `ready`) */
  | { kind: 'notification'; notification: StaffNotification }
  | { kind: 'reset' }
  | { kind: 'ready' }
  | { kind: 'status'; connected: boolean };

type Listener = (message: LiveMessage) => void;

const CHANGE_TYPES: ReadonlySet<string> = new Set<LiveEventType>([
  'refund.created',
  'refund.changed',
  'complaint.changed',
]);
const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 15_000;
const SIGNED_OUT_CHECK_MS = 1_000;

/** One server-sent event block ("id: …\nevent: …\ndata: …") as the stream's message, or null. */
export function parseBlock(block: string): { id?: string; event: string; data: string } | null {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const at = line.indexOf(':');
    const field = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  return { id, event, data: data.join('\n') };
}

/** The pause before reconnect attempt `attempt` (0-based): doubling, capped, with jitter. */
export function reconnectPauseMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** attempt);
  return Math.round(base / 2 + (random() * base) / 2);
}

export class LiveStream {
  private readonly listeners = new Set<Listener>();
  private running = false;
  private abort: AbortController | null = null;
  private lastEventId: string | undefined;
  private wake: (() => void) | null = null;

  constructor(
    private readonly url: () => string = () => resolveUrl('stream'),
    private readonly token: () => string | null = getToken,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.abort?.abort();
    this.wake?.();
  }

  private emit(message: LiveMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async loop(): Promise<void> {
    let attempt = 0;
    while (this.running) {
      const token = this.token();
      if (!token) {
        // signed out: nothing to follow; the last id is another session's
        this.lastEventId = undefined;
        await this.sleep(SIGNED_OUT_CHECK_MS);
        continue;
      }
      const healthy = await this.connect(token).catch(() => false);
      this.emit({ kind: 'status', connected: false });
      if (!this.running) return;
      attempt = healthy ? 0 : attempt + 1;
      await this.sleep(reconnectPauseMs(attempt));
    }
  }

  /** One connection, until it ends; true when it got as far as `ready`. */
  private async connect(token: string): Promise<boolean> {
    const abort = new AbortController();
    this.abort = abort;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (this.lastEventId !== undefined) headers['Last-Event-ID'] = this.lastEventId;
    let quiet = setTimeout(() => abort.abort(), 3 * HEARTBEAT_MS);
    // signed out (or in as someone else): this connection is the old session's
    const session = setInterval(() => {
      if (this.token() !== token) abort.abort();
    }, SIGNED_OUT_CHECK_MS);
    try {
      const res = await fetch(this.url(), { headers, signal: abort.signal, cache: 'no-store' });
      if (!res.ok || !res.body) return false;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let ready = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return ready;
        clearTimeout(quiet);
        quiet = setTimeout(() => abort.abort(), 3 * HEARTBEAT_MS);
        buffer += value;
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = parseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          if (!block) continue;
          if (block.id !== undefined) this.lastEventId = block.id;
          if (block.event === 'ready') {
            ready = true;
            this.emit({ kind: 'status', connected: true });
            this.emit({ kind: 'ready' });
          } else if (block.event === 'reset') {
            ready = true;
            this.emit({ kind: 'status', connected: true });
            this.emit({ kind: 'reset' });
          } else if (block.event === 'notification') {
            this.emit({ kind: 'notification', notification: JSON.parse(block.data) as StaffNotification });
          } else if (CHANGE_TYPES.has(block.event)) {
            const data = JSON.parse(block.data) as LiveChangeData;
            this.emit({
              kind: 'change',
              change: { seq: Number(block.id), type: block.event as LiveEventType, data },
            });
          }
        }
      }
    } finally {
      clearTimeout(quiet);
      clearInterval(session);
      if (this.abort === abort) this.abort = null;
    }
  }
}

/** The app's one stream, started by <LiveUpdates> once the first page is shown. */
export const liveStream = new LiveStream();
