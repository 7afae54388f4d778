import { describe, expect, it } from 'vitest';
import type { SummaryData } from '../../../reports/results.ts';
import { mergeSummaries } from './merge-summaries.ts';

function summary(
  durationMs: number,
  metrics: SummaryData['metrics'],
  checks: Array<{ passes: number; fails: number }>,
): SummaryData {
  return {
    metrics,
    root_group: {
      name: '',
      path: '',
      id: 'r',
      groups: [
        {
          name: 'g',
          path: '::g',
          id: 'g',
          groups: [],
          checks: checks.map((c) => ({ name: 'ok', path: '::g::ok', id: 'c', ...c })),
        },
      ],
      checks: [],
    },
    options: { summaryTrendStats: ['avg', 'med', 'max'] },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: durationMs },
  };
}

describe('mergeSummaries', () => {
  it('adds counters, checks and VUs, pools rates, recomputes trends from all values, ANDs thresholds', () => {
    const a = summary(
      10_000,
      {
        iterations: { type: 'counter', contains: 'default', values: { count: 30, rate: 3 } },
        checks: {
          type: 'rate',
          contains: 'default',
          values: { rate: 0.9, passes: 9, fails: 1 },
          thresholds: { 'rate>0.5': { ok: true } },
        },
        vus: { type: 'gauge', contains: 'default', values: { value: 3, min: 0, max: 3 } },
        latency: {
          type: 'trend',
          contains: 'time',
          values: { avg: 2, med: 2, max: 3 },
          thresholds: { 'p(95)<100': { ok: true } },
        },
      },
      [{ passes: 9, fails: 1 }],
    );
    const b = summary(
      12_000,
      {
        iterations: { type: 'counter', contains: 'default', values: { count: 30, rate: 2.5 } },
        checks: {
          type: 'rate',
          contains: 'default',
          values: { rate: 0.3, passes: 3, fails: 7 },
          thresholds: { 'rate>0.5': { ok: false } },
        },
        vus: { type: 'gauge', contains: 'default', values: { value: 2, min: 0, max: 2 } },
        latency: {
          type: 'trend',
          contains: 'time',
          values: { avg: 20, med: 20, max: 30 },
          thresholds: { 'p(95)<100': { ok: true } },
        },
      },
      [{ passes: 3, fails: 7 }],
    );
    const merged = mergeSummaries([
      { summary: a, trendValues: { latency: [1, 2, 3] } },
      { summary: b, trendValues: { latency: [10, 20, 30] } },
    ]);
    expect(merged.state.testRunDurationMs).toBe(12_000);
    expect(merged.metrics.iterations!.values).toEqual({ count: 60, rate: 5 });
    expect(merged.metrics.checks!.values).toEqual({ rate: 0.6, passes: 12, fails: 8 });
    expect(merged.metrics.checks!.thresholds).toEqual({ 'rate>0.5': { ok: false } });
    expect(merged.metrics.vus!.values).toEqual({ value: 5, min: 0, max: 5 });
    // Median of 1,2,3,10,20,30 is 6.5 — not the mean of the two instances' medians (11).
    expect(merged.metrics.latency!.values).toEqual({ avg: 11, med: 6.5, max: 30 });
    expect(merged.metrics.latency!.thresholds).toEqual({ 'p(95)<100': { ok: true } });
    expect(merged.root_group.groups[0]!.checks).toEqual([
      { name: 'ok', path: '::g::ok', id: 'c', passes: 12, fails: 8 },
    ]);
  });
});
