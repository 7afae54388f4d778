import { describe, expect, it } from 'vitest';
import { hopBucketsExpr, waterfallWindow } from './collect-waterfall.ts';

const warmup = (start: string, seconds: number) => ({ seconds, start, steady: {} });

describe('waterfallWindow', () => {
  const runStart = new Date('2026-01-01T00:00:00Z');
  const evaluateAt = new Date('2026-01-01T00:00:32.5Z');

  it('covers the whole run when the warm-up is unknown', () => {
    expect(waterfallWindow({ runStart, evaluateAt, warmup: undefined })).toEqual({ seconds: 33, phase: 'whole-run' });
  });

  it('starts at the end of the warm-up, counted from the test start', () => {
    expect(waterfallWindow({ runStart, evaluateAt, warmup: warmup('2026-01-01T00:00:02Z', 5) })).toEqual({
      seconds: 26,
      phase: 'steady',
    });
  });

  it('falls back to the whole run when too little steady state is left', () => {
    expect(waterfallWindow({ runStart, evaluateAt, warmup: warmup('2026-01-01T00:00:02Z', 28) })).toEqual({
      seconds: 33,
      phase: 'whole-run',
    });
  });
});

describe('hopBucketsExpr', () => {
  it('sums bucket increases by le, hop and path over the window', () => {
    expect(hopBucketsExpr(26)).toBe(
      'sum by (le, hop, path) (increase(swagboard_hop_seconds_bucket{job="swagboard"}[26s]))',
    );
  });
});
