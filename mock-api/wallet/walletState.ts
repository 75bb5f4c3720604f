// What the wallet knows of each customer's requests: the newest public view of each (from the
// desk's answers and its webhooks), the events that reached the customer (their inbox), and so the
// coins that are held or were taken back. Kept in memory and in a JSON file under mock-api/data/.
import fs from 'node:fs';
import path from 'node:path';
import type { CoinBalance, InboxEntry } from '../../src/wallet/walletTypes';
import type { PlatformRefundView, WebhookEvent } from './platformClient';
import { EventDeduplicator } from './webhookVerify';

export interface CustomerState {
  requests: Record<string, PlatformRefundView>;
  inbox: InboxEntry[];
}

interface StoredState {
  /** the platform client the state was gathered under: a new client (a fresh database) starts afresh */
  clientId: string;
  customers: Record<string, CustomerState>;
  seenEventIds: string[];
}

const INBOX_LIMIT = 200;

/** What the requests' coin holds do to the coins of the customer's orders. */
export function coinBalance(unspentCoins: number, requests: readonly PlatformRefundView[]): CoinBalance {
  let held = 0;
  let revoked = 0;
  for (const request of requests) {
    const hold = request.coinHold;
    if (!hold) continue;
    if (hold.status === 'held') held += hold.coins;
    if (hold.status === 'revoked') revoked += hold.revokedCoins ?? hold.coins;
  }
  const balance = Math.max(0, unspentCoins - revoked);
  return { balance, held, revoked, available: Math.max(0, balance - held) };
}

/** The newer of two views of one request (the desk's updatedAt; a tie takes the one just given). */
export function newerView(
  known: PlatformRefundView | undefined,
  given: PlatformRefundView,
): PlatformRefundView {
  if (!known) return given;
  return given.updatedAt >= known.updatedAt ? given : known;
}

export class WalletState {
  private readonly customers: Record<string, CustomerState>;
  private readonly dedup: EventDeduplicator;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string | null,
    private readonly clientId: string,
  ) {
    const read = file ? readState(file) : null;
    const stored = read?.clientId === clientId ? read : null;
    this.customers = stored?.customers ?? {};
    this.dedup = new EventDeduplicator(50_000, stored?.seenEventIds ?? []);
  }

  customer(id: string): CustomerState {
    return (this.customers[id] ??= { requests: {}, inbox: [] });
  }

  recordView(view: PlatformRefundView): PlatformRefundView {
    const state = this.customer(view.customerId);
    state.requests[view.id] = newerView(state.requests[view.id], view);
    this.scheduleSave();
    return state.requests[view.id]!;
  }

  /** Takes a verified event once: false (and nothing changes) when it was taken before. */
  takeEvent(event: WebhookEvent): boolean {
    if (this.dedup.seen(event.id)) return false;
    const view = event.data.refundRequest;
    if (view && typeof view.customerId === 'string' && typeof view.id === 'string') {
      this.recordView(view);
      const inbox = this.customer(view.customerId).inbox;
      inbox.unshift({
        eventId: event.id,
        type: event.type,
        at: event.createdAt,
        refundId: view.id,
        orderNumber: view.orderNumber,
      });
      inbox.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      inbox.length = Math.min(inbox.length, INBOX_LIMIT);
    }
    this.scheduleSave();
    return true;
  }

  /** The customer's request with this id, wherever it is known. */
  findRequest(id: string): PlatformRefundView | undefined {
    for (const state of Object.values(this.customers)) if (state.requests[id]) return state.requests[id];
    return undefined;
  }

  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.save();
  }

  private scheduleSave(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, 200);
    this.saveTimer.unref();
  }

  private save(): void {
    if (!this.file) return;
    const data: StoredState = {
      clientId: this.clientId,
      customers: this.customers,
      seenEventIds: this.dedup.list(),
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(data), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }
}

function readState(file: string): StoredState | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredState;
    return typeof parsed.customers === 'object' && Array.isArray(parsed.seenEventIds) ? parsed : null;
  } catch {
    return null;
  }
}
