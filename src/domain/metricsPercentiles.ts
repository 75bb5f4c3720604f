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

/**
 * Nearest-rank percentiles of values in any order, found by selection (linear on average, not a
 * full sort); reorders `values` in place. Same answers as percentilesNearestRank.
 */
export function percentilesBySelection(values: Float64Array, ps: readonly number[]): (number | null)[] {
  const n = values.length;
  if (n === 0) return ps.map(() => null);
  const ranks = ps.map((p) => Math.min(Math.max(1, Math.ceil((p / 100) * n)), n) - 1);
  // select the smallest rank first: every larger one then lies right of it
  const order = ranks.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b]);
  const out: number[] = new Array<number>(ps.length);
  let left = 0;
  for (const i of order) {
    out[i] = selectInPlace(values, ranks[i], left, n - 1);
    left = ranks[i];
  }
  return out;
}

/** The value of 0-based rank k among values[left..right] (Hoare's selection, middle pivot). */
function selectInPlace(values: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
