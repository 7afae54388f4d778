import { describe, expect, it } from 'vitest';
import { histogramQuantile, observationCount } from './histogram-quantile.ts';

const buckets = (pairs: Array<[number, number]>) => pairs.map(([le, count]) => ({ le, count }));

describe('histogramQuantile', () => {
  // 100 observations: 10 ≤ 1 ms, 60 in (1, 2.5] ms, 30 in (2.5, 5] ms.
  const hop = buckets([
    [0.001, 10],
    [0.0025, 70],
    [0.005, 100],
    [Infinity, 100],
  ]);

  it('interpolates linearly inside the bucket the rank falls in, as Prometheus does', () => {
    expect(histogramQuantile(0.5, hop)).toBeCloseTo(0.001 + 0.0015 * (40 / 60), 12);
    expect(histogramQuantile(0.99, hop)).toBeCloseTo(0.0025 + 0.0025 * (29 / 30), 12);
    expect(histogramQuantile(0.05, hop)).toBeCloseTo(0.0005, 12); // first bucket counts from zero
  });

  it('does not depend on the order the buckets arrive in', () => {
    expect(histogramQuantile(0.5, [...hop].reverse())).toBe(histogramQuantile(0.5, hop));
  });

  it('answers the highest finite bound when the rank is in +Inf', () => {
    expect(
      histogramQuantile(
        0.99,
        buckets([
          [0.001, 10],
          [0.005, 50],
          [Infinity, 100],
        ]),
      ),
    ).toBe(0.005);
  });

  it('repairs the slight non-monotonicity increase() extrapolation can cause', () => {
    // The 5 ms bucket dipped below the 2.5 ms one: it counts as 60, so the rank 80 lies half-way into (5, 10] ms.
    expect(
      histogramQuantile(
        0.8,
        buckets([
          [0.001, 10],
          [0.0025, 60],
          [0.005, 59],
          [0.01, 100],
          [Infinity, 100],
        ]),
      ),
    ).toBeCloseTo(0.0075, 12);
  });

  it('has no answer without observations', () => {
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [0.001, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeUndefined();
    expect(histogramQuantile(0.5, [])).toBeUndefined();
    expect(observationCount(hop)).toBe(100);
  });
});
