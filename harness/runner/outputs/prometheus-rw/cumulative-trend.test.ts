import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrendSink } from '../../metrics/sinks.ts';
import { CumulativeTrend } from './cumulative-trend.ts';

describe('CumulativeTrend', () => {
  it('gives the same stats as the summary trend sink, however the values arrive in batches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 50 }), {
          minLength: 1,
          maxLength: 20,
        }),
        (batches) => {
          const trend = new CumulativeTrend();
          const reference = new TrendSink();
          for (const batch of batches) {
            for (const v of batch) {
              trend.add(v);
              reference.add(v);
            }
            for (const stat of ['count', 'min', 'max', 'med', 'p(90)', 'p(99.9)']) {
              const expected = reference.count === 0 ? 0 : reference.stat(stat)!;
              expect(trend.stat(stat)).toBeCloseTo(expected, 9);
            }
            expect(trend.stat('avg')).toBeCloseTo(reference.count === 0 ? 0 : reference.stat('avg')!, 6);
          }
        },
      ),
    );
  });

  it('is 0 before any value and rejects unknown stats', () => {
    const trend = new CumulativeTrend();
    expect([trend.stat('p(99)'), trend.stat('count'), trend.stat('sum')]).toEqual([0, 0, 0]);
    trend.add(1);
    expect(() => trend.stat('p99')).toThrow(/unknown trend stat/);
  });
});
