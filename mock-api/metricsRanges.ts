// Periods as the roll-up answer (metricsRollupAnswer.ts) reads them: whole slots and raw edges,
// latency bins' counts, and the nearest rank of a percentile.
export interface Range {
  a: number;
  b: number;
}

/** [a, b) as whole slots of `width` [lo, hi) and the raw ranges left at its edges. */
export function split({ a, b }: Range, width: number): { lo: number; hi: number; raw: Range[] } {
  const lo = Math.ceil(a / width);
  const hi = Math.floor(b / width);
  if (lo >= hi) return { lo: 0, hi: 0, raw: [{ a, b }] };
  const raw: Range[] = [];
  if (a < lo * width) raw.push({ a, b: lo * width });
  if (hi * width < b) raw.push({ a: hi * width, b });
  return { lo, hi, raw };
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const num = (v: unknown): number => Number(v ?? 0);

export type Bins = Map<number, number>;
export function addBin(bins: Bins, bin: number, n: number) {
  bins.set(bin, (bins.get(bin) ?? 0) + n);
}

/** 1-based nearest rank of percentile p among n values (percentilesNearestRank's). */
export const rankOf = (p: number, n: number) => Math.min(Math.max(1, Math.ceil((p / 100) * n)), n);
