import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketIndex, NativeHistogram, spansAndDeltas } from './native-histogram.ts';

describe('native histogram buckets', () => {
  it('puts each value in the bucket (2^((i-1)/8), 2^(i/8)] at schema 3', () => {
    expect(bucketIndex(1)).toBe(0); // upper bounds are inclusive
    expect(bucketIndex(2)).toBe(8);
    expect(bucketIndex(1.0001)).toBe(1);
    expect(bucketIndex(0.5)).toBe(-8);
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1e12, noNaN: true }), (v) => {
        const i = bucketIndex(v);
        expect(2 ** ((i - 1) / 8)).toBeLessThan(v);
        expect(2 ** (i / 8)).toBeGreaterThanOrEqual(v);
      }),
    );
  });

  it('encodes buckets as spans with gaps and count deltas', () => {
    const buckets = new Map([
      [-2, 3],
      [-1, 1],
      [2, 4],
      [3, 4],
      [7, 1],
    ]);
    expect(spansAndDeltas(buckets)).toEqual({
      spans: [
        { offset: -2, length: 2 },
        { offset: 2, length: 2 },
        { offset: 3, length: 1 },
      ],
      deltas: [3, -2, 3, 0, -3],
    });
  });

  it('counts zeros and negatives apart and keeps the sum', () => {
    const h = new NativeHistogram();
    for (const v of [0, -1, -1, 4]) h.add(v);
    expect(h.point(5)).toMatchObject({
      count: 4,
      sum: 2,
      zeroCount: 1,
      negativeSpans: [{ offset: 0, length: 1 }],
      negativeDeltas: [2],
      positiveSpans: [{ offset: 16, length: 1 }],
      positiveDeltas: [1],
      timestampMs: 5,
    });
  });
});
