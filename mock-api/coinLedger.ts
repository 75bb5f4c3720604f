// The coin ledger kept with the requests: every commit of the desk (db/sqlDesk.ts SqlWriter.commit,
// and the seed's world, seed/world.ts) passes its changes through settleCoinChanges first, so a
// request created anywhere (seed, platform intake) holds its order's coins and a decision taken
// anywhere (staff, timers, complaints) releases or revokes them, in the same transaction as the
// change. The rules are src/domain/coinHold.ts; this file only compares the request before and after.
import {
  coinSettlementFor,
  coinsToHold,
  newCoinHold,
  settleCoinHold,
  type CoinStep,
} from '../src/domain/coinHold';
import type { CoinHold, CoinMovement, RefundRequest } from '../src/domain/model';
import type { Change, DeskReader } from './deskData';

/** What settleCoinChanges reads and where it takes the ledger lines' ids from (a DeskWriter is one). */
export interface CoinLedgerSource extends Pick<DeskReader, 'get' | 'refundsForOrder'> {
  nextId(prefix: string): Promise<string>;
}

/** The ledger's id prefix ("cm12"). */
export const COIN_MOVEMENT_PREFIX = 'cm';

export interface SettledChanges {
  /** the changes to write: each request's `coinHold` set by the rules, the ledger lines last */
  changes: Change[];
  /** the ledger lines the commit writes, in order (also among `changes`) */
  movements: CoinMovement[];
}

/**
 * The changes of one commit with the coins settled: for each request written, its hold as stored
 * before the commit (the change's `was`, else the stored record) is settled by the request's new
 * status, or, for a request not stored yet, its order's free coins are held. A request stored before
 * coins were held (no hold) keeps none. The hold the rules give replaces whatever the change carried,
 * on the change's record itself (so the command's answer shows it).
 */
export async function settleCoinChanges(
  source: CoinLedgerSource,
  changes: readonly Change[],
): Promise<SettledChanges> {
  if (!changes.some((c) => c.c === 'refunds')) return { changes: [...changes], movements: [] };
  // the hold of each request as this commit has left it so far
  const holds = new Map<string, CoinHold | null>();
  const created: RefundRequest[] = [];
  const movements: CoinMovement[] = [];
  const out: Change[] = [];
  for (const change of changes) {
    if (change.c !== 'refunds') {
      out.push(change);
      continue;
    }
    const next = change.v;
    let before: CoinHold | null | undefined = holds.get(next.id);
    if (!holds.has(next.id)) {
      const stored = change.was ?? (await source.get('refunds', next.id));
      before = stored ? (stored.coinHold ?? null) : undefined;
    }
    const steps: CoinStep[] = [];
    let hold: CoinHold | null;
    if (before === undefined) {
      // a new request: the order's coins that no other request holds or had revoked
      const others = (await source.refundsForOrder(next.orderId))
        .filter((r) => r.id !== next.id && !holds.has(r.id))
        .concat(created.filter((r) => r.orderId === next.orderId && r.id !== next.id));
      const withHolds = others.map((r) => ({ coinHold: holds.has(r.id) ? holds.get(r.id) : r.coinHold }));
      hold = newCoinHold(coinsToHold(next, withHolds));
      if (hold.coins > 0) steps.push({ kind: 'held', coins: hold.coins, reason: 'request_received' });
      created.push(next);
    } else {
      hold = before;
    }
    const settlement = hold ? coinSettlementFor(next) : null;
    if (hold && settlement) {
      const settled = settleCoinHold(hold, settlement);
      hold = settled.hold;
      steps.push(...settled.steps);
    }
    holds.set(next.id, hold);
    for (const step of steps) {
      movements.push({
        id: await source.nextId(COIN_MOVEMENT_PREFIX),
        refundId: next.id,
        orderId: next.orderId,
        customerId: next.customerId,
        kind: step.kind,
        coins: step.coins,
        actorId: next.updatedBy ?? null,
        reason: step.reason,
        at: next.updatedAt,
      });
    }
    // set on the record itself: the command answers with the record it committed
    if (hold !== null || next.coinHold !== undefined) next.coinHold = hold;
    out.push(change);
  }
  for (const movement of movements) out.push({ c: 'coinMovements', v: movement });
  return { changes: out, movements };
}

/**
 * The ledger lines among a commit's changes, as settleCoinChanges added them: what the webhooks
 * piece turns into `coins.held`, `coins.released` and `coins.revoked` events (one per line, in
 * order), in the same transaction: in SqlWriter.commit (db/sqlDesk.ts), call it on the settled
 * `changes` (or read settleCoinChanges' `movements`) and write the outbox rows beside them.
 */
export function coinMovementsIn(changes: readonly Change[]): CoinMovement[] {
  return changes.flatMap((c) => (c.c === 'coinMovements' ? [c.v] : []));
}
