// Percentiles by selection (reviewSegments' many waits) answer what the sorting reference answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentilesBySelection, percentilesNearestRank } from '../../src/domain/metricsPercentiles';

describe('percentilesBySelection', () => {
  it('gives the nearest-rank percentiles of a sort, for any values and ranks, duplicates included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -5, max: 5 }),
            fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0),
          ),
        ),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
        (values, ps) => {
          expect(percentilesBySelection(Float64Array.from(values), ps)).toEqual(
            percentilesNearestRank(values, ps),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('answers null for no values, and the one value for one', () => {
    expect(percentilesBySelection(new Float64Array(0), [50, 90])).toEqual([null, null]);
    expect(percentilesBySelection(Float64Array.of(7), [50, 90])).toEqual([7, 7]);
  });
});
