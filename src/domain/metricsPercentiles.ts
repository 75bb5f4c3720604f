// Nearest-rank percentiles and ratios of the dashboard's figures.
// ---------------------------------------------------------------------------------------------
// Percentiles

/**
 * Nearest-rank percentile: the value at 1-based rank ⌈p/100 · n⌉ of the values sorted ascending
 * (no interpolation: the answer is always one of the observed values). n = 0 → null.
 * Examples: p50 of [1, 3] is 1 (rank 1); p50 of [1, 2, 3] is 2 (rank 2); p90 of 10 values is the 9th.
 */
export function percentileNearestRank(values: readonly number[], p: number): number | null {
  return percentilesNearestRank(values, [p])[0];
}

/** Several percentiles from one sort (a typed array sorts numerically, without a comparator). */
export function percentilesNearestRank(values: readonly number[], ps: readonly number[]): (number | null)[] {
  if (values.length === 0) return ps.map(() => null);
  const sorted = Float64Array.from(values).sort();
  return ps.map(
    (p) => sorted[Math.min(Math.max(1, Math.ceil((p / 100) * sorted.length)), sorted.length) - 1],
  );
}

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
