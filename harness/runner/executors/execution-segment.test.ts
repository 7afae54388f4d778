import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executionSegment } from './execution-segment.ts';

/** Every segment of a sequence, as k6-operator gives them to its runners. */
function segmentsOf(sequence: string) {
  const bounds = sequence.split(',');
  return bounds.slice(1).map((to, i) => executionSegment(`${bounds[i]}:${to}`, sequence));
}

describe('executionSegment', () => {
  it('is the whole test by default', () => {
    const whole = executionSegment();
    expect(whole.whole).toBe(true);
    expect(whole.countIn(37)).toBe(37);
    expect(whole.globalIndex(5)).toBe(5);
  });

  it("splits k6's documented example: 1/4:3/4 of the sequence 0,1/4,3/4,1 is half the test", () => {
    const middle = executionSegment('1/4:3/4', '0,1/4,3/4,1');
    expect(middle.label).toBe('1/4:3/4');
    expect(middle.countIn(100)).toBe(50);
    expect(middle.countIn(10)).toBe(5);
    const [first, , last] = segmentsOf('0,1/4,3/4,1');
    expect(first!.countIn(10) + middle.countIn(10) + last!.countIn(10)).toBe(10);
  });

  it('gives thirds of 10 VUs as 4, 3, 3 and thirds of 1 VU to the first instance only', () => {
    const thirds = segmentsOf('0,1/3,2/3,1');
    expect(thirds.map((s) => s.countIn(10))).toEqual([4, 3, 3]);
    expect(thirds.map((s) => s.countIn(1))).toEqual([1, 0, 0]);
    expect(thirds.map((s) => s.countIn(2))).toEqual([1, 1, 0]);
  });

  it('accepts the forms `k6 run --help` gives: 10%, 1/3, 0.2:2/3', () => {
    expect(executionSegment('10%').label).toBe('0:1/10');
    expect(executionSegment('1/3').label).toBe('0:1/3');
    const mixed = executionSegment('0.2:2/3');
    expect(mixed.label).toBe('1/5:2/3');
    // 0,1/5,2/3,1 → lengths 3/15, 7/15, 5/15: of 15 items the middle gets exactly 7.
    expect(mixed.countIn(15)).toBe(7);
  });

  it('accepts fractions, decimals and percentages alike, and "x" for "0:x"', () => {
    const forms = [
      executionSegment('0:1/2'),
      executionSegment('0:0.5'),
      executionSegment('0%:50%'),
      executionSegment('1/2'),
    ];
    for (const s of forms) expect([s.label, s.countIn(7)]).toEqual(['0:1/2', 4]);
    expect(executionSegment('1/2:1').countIn(7)).toBe(3);
  });

  it('deals interleaved items, so a ramp from 0 adds VUs to every instance in turn', () => {
    const halves = segmentsOf('0,1/2,1');
    expect([0, 1, 2, 3].map((k) => halves[0]!.globalIndex(k))).toEqual([0, 2, 4, 6]);
    expect([0, 1, 2, 3].map((k) => halves[1]!.globalIndex(k))).toEqual([1, 3, 5, 7]);
  });

  it('adds up to exactly the whole for any total, each share within one of its length', () => {
    const sequences = ['0,1/2,1', '0,1/3,2/3,1', '0,1/4,1/2,1', '0,0.1,0.35,0.6,1', '0,1/7,3/5,1'];
    fc.assert(
      fc.property(fc.constantFrom(...sequences), fc.integer({ min: 0, max: 5000 }), (sequence, n) => {
        const bounds = sequence
          .split(',')
          .map((b) => (b.includes('/') ? Number(b.split('/')[0]) / Number(b.split('/')[1]) : Number(b)));
        const counts = segmentsOf(sequence).map((s) => s.countIn(n));
        expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
        counts.forEach((c, i) => expect(Math.abs(c - n * (bounds[i + 1]! - bounds[i]!))).toBeLessThan(1 + 1e-9));
      }),
    );
  });

  it('numbers items test-wide without overlap: the segments together cover 0..N-1 once', () => {
    const segments = segmentsOf('0,1/4,1/2,1');
    const n = 203;
    const seen = segments.flatMap((s) => Array.from({ length: s.countIn(n) }, (_, k) => s.globalIndex(k)));
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('rejects what k6 rejects, as invalid options (exit 104)', () => {
    const cases: Array<[string, string | undefined, RegExp]> = [
      ['1/2:1/3', undefined, /from < to/],
      ['0:3/2', undefined, /between 0 and 1/],
      ['a:b', undefined, /got "a"/],
      ['1/3:1/2', '0,1/3,2/3,1', /one of the steps of the sequence 0,1\/3,2\/3,1/],
      ['0:1/2', '0,1/2,1/4,1', /strictly increasing/],
    ];
    for (const [segment, sequence, message] of cases) {
      let error: unknown;
      try {
        executionSegment(segment, sequence);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ message: expect.stringMatching(message), exitCode: 104 });
    }
  });
});

describe('sharedIterationsShare', () => {
  it('gives iterations only to instances that have VUs, and the shares add up', async () => {
    const { sharedIterationsShare, iterationInTest } = await import('./segment-of-run.ts');
    const thirds = segmentsOf('0,1/3,2/3,1');
    expect(thirds.map((segment) => sharedIterationsShare({ segment, vus: 1, iterations: 3 }))).toEqual([3, 0, 0]);
    expect(thirds.map((segment) => sharedIterationsShare({ segment, vus: 10, iterations: 25 }))).toEqual([10, 8, 7]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 400 }), (vus, extra) => {
        const iterations = vus + extra;
        const shares = thirds.map((segment) => sharedIterationsShare({ segment, vus, iterations }));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(iterations);
        thirds.forEach((segment, i) => expect(shares[i]! === 0).toBe(segment.countIn(vus) === 0));
        // exec.scenario.iterationInTest: the instances' numbers together are 0..iterations-1, once each.
        const numbers = thirds.flatMap((segment, i) =>
          Array.from({ length: shares[i]! }, (_, k) =>
            iterationInTest({ segment, vus, iterations, executor: 'shared-iterations' }, k),
          ),
        );
        expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: iterations }, (_, j) => j));
      }),
    );
  });
});
