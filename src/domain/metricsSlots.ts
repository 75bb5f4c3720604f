// The keys of the dashboard's roll-ups (mock-api/db/metricsRollups.ts): UTC time slots and latency bins.
import { DAY_MS } from './sla';

const MINUTE_MS = 60_000;

/**
 * The roll-ups' time slot: every real time zone's offset is a multiple of 15 minutes, so every
 * local midnight falls on a slot edge; a period edge that does not is read from the raw rows.
 */
export const SLOT_MS = 15 * MINUTE_MS;

/** The slot holding the instant `ms` (slots of `width` ms from the epoch). */
export const slotOf = (ms: number, width: number = SLOT_MS): number => Math.floor(ms / width);

/**
 * Upper edges (exclusive, integer ms) of the latency bins: geometric from one minute to 60 days, so
 * that each bin holds a small share of the values. Bin i holds [edge[i-1], edge[i]); bin 0 everything
 * below one minute, the last bin everything from 60 days. Integers, so SQL and JS bin alike.
 */
export const LATENCY_BIN_EDGES: readonly number[] = (() => {
  const edges: number[] = [];
  const first = MINUTE_MS;
  const last = 60 * DAY_MS;
  const steps = 96;
  for (let i = 0; i <= steps; i++) {
    const edge = Math.round(first * (last / first) ** (i / steps));
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
})();

/** The bin of a latency in ms: how many edges are at or below it (monotone in the value). */
export function latencyBinOf(latencyMs: number): number {
  let lo = 0;
  let hi = LATENCY_BIN_EDGES.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (LATENCY_BIN_EDGES[mid] <= latencyMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
