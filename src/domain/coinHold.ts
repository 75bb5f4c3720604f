// Coins held, released and revoked for a refund request. While the desk decides, the order's
// unspent coins are held so the customer cannot spend coins whose money may be refunded; the
// decision then releases them (rejection, information timeout, withdrawal, cancellation) or revokes
// them (approval; a partial approval revokes its share and releases the rest). One order's coins are
// refunded once: a request holds only the unspent coins that no other request on the order holds
// or has had revoked. The refundable amount and the money rules (refundPolicy.ts) are untouched.
// Pure: the API's writer (mock-api/coinLedger.ts) applies these in the transaction of the change.
import type { CoinHold, CoinHoldStatus, CoinMovementReason, Fen, RefundRequest, RefundStatus } from './model';

/** The coins of an order that were never spent (what a refund could take back). */
export function unspentCoins(order: { coins: number; coinsSpent: number }): number {
  return Math.max(0, order.coins - Math.max(0, order.coinsSpent));
}

/** The coins a hold keeps from any other request on the order: those still held or revoked. */
export function coinsTiedUp(hold: CoinHold | null | undefined): number {
  if (!hold) return 0;
  if (hold.status === 'held') return hold.coins;
  if (hold.status === 'revoked') return hold.revokedCoins ?? hold.coins;
  return 0;
}

/**
 * The coins a new request on the order holds: its unspent coins less what the order's other
 * requests hold or had revoked (never below zero).
 */
export function coinsToHold(
  order: { coins: number; coinsSpent: number },
  others: readonly { coinHold?: CoinHold | null }[],
): number {
  const taken = others.reduce((sum, r) => sum + coinsTiedUp(r.coinHold), 0);
  return Math.max(0, unspentCoins(order) - taken);
}

export function newCoinHold(coins: number): CoinHold {
  return { coins: Math.max(0, Math.floor(coins)), status: 'held' };
}

/** What a decision does to the coins held. */
export type CoinSettlement =
  | { kind: 'release'; reason: 'rejected' | 'info_timeout' | 'withdrawn' | 'cancelled' }
  | { kind: 'revoke'; reason: 'approved' | 'partially_approved'; approvedFen: Fen; refundableFen: Fen };

/**
 * The coins a (partial) approval revokes: the held coins in the proportion approved / refundable,
 * rounded half up to a whole coin (integer arithmetic, so deterministic), never more than held.
 */
export function revokedShare(coins: number, approvedFen: Fen, refundableFen: Fen): number {
  if (coins <= 0 || approvedFen <= 0) return 0;
  if (refundableFen <= 0 || approvedFen >= refundableFen) return coins;
  return Math.min(coins, Math.floor((2 * coins * approvedFen + refundableFen) / (2 * refundableFen)));
}

/** One movement of coins a settlement makes (the ledger line, without who, when and ids). */
export interface CoinStep {
  kind: CoinHoldStatus;
  coins: number;
  reason: CoinMovementReason;
}

/**
 * Settles a hold. Only a hold still `held` moves: a settled one stays as it is (its coins were
 * given back or taken once). Movements of zero coins are not written.
 */
export function settleCoinHold(
  hold: CoinHold,
  settlement: CoinSettlement,
): { hold: CoinHold; steps: CoinStep[] } {
  if (hold.status !== 'held') return { hold, steps: [] };
  const { reason } = settlement;
  if (settlement.kind === 'release') {
    return {
      hold: { coins: hold.coins, status: 'released' },
      steps: hold.coins > 0 ? [{ kind: 'released', coins: hold.coins, reason }] : [],
    };
  }
  const revoked = revokedShare(hold.coins, settlement.approvedFen, settlement.refundableFen);
  const rest = hold.coins - revoked;
  const steps: CoinStep[] = [];
  if (revoked > 0) steps.push({ kind: 'revoked', coins: revoked, reason });
  if (rest > 0) steps.push({ kind: 'released', coins: rest, reason });
  if (revoked === 0) return { hold: { coins: hold.coins, status: 'released' }, steps };
  return {
    hold: { coins: hold.coins, status: 'revoked', ...(rest > 0 ? { revokedCoins: revoked } : {}) },
    steps,
  };
}

const APPROVED: readonly RefundStatus[] = ['approved', 'partially_approved', 'refunded'];

/**
 * The settlement a request's status calls for, or null while it is still open. A rejection by the
 * desk's timer for missing information is a timeout; an approval revokes the approved amount's
 * share of the coins (all of them when the whole refundable amount is approved).
 */
export function coinSettlementFor(
  request: Pick<RefundRequest, 'status' | 'approvedFen' | 'refundableFen' | 'decision'>,
): CoinSettlement | null {
  if (request.status === 'rejected') {
    const timedOut =
      request.decision?.by === 'system' && request.decision.reasonCode === 'information_missing';
    return { kind: 'release', reason: timedOut ? 'info_timeout' : 'rejected' };
  }
  if (APPROVED.includes(request.status)) {
    const approvedFen = request.approvedFen ?? request.refundableFen;
    const whole = approvedFen >= request.refundableFen;
    return {
      kind: 'revoke',
      reason: whole ? 'approved' : 'partially_approved',
      approvedFen,
      refundableFen: request.refundableFen,
    };
  }
  return null;
}

/** The coins that went back to the customer and that were taken, by a hold as it stands. */
export function coinHoldTotals(hold: CoinHold): { held: number; released: number; revoked: number } {
  if (hold.status === 'held') return { held: hold.coins, released: 0, revoked: 0 };
  const revoked = hold.status === 'revoked' ? (hold.revokedCoins ?? hold.coins) : 0;
  return { held: 0, released: hold.coins - revoked, revoked };
}
