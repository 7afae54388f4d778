import { describe, expect, it } from 'vitest';
import type { Sample } from '../../metrics/types.ts';
import { RemoteWriteAggregator, statSuffix } from './aggregator.ts';

const sample = (metric: string, type: Sample['type'], value: number, tags: Record<string, string> = {}, contains: Sample['contains'] = 'default'): Sample => ({
  metric, type, contains, value, tags, time: 0,
});

function byName(series: ReturnType<RemoteWriteAggregator['collect']>) {
  return Object.fromEntries(series.map((s) => [`${s.labels.__name__}${s.labels.path ? `{${s.labels.path}}` : ''}`, s.samples[0]!.value]));
}

describe('RemoteWriteAggregator', () => {
  it('names series like k6: _total, _rate, trend stats; time in seconds; static labels on all', () => {
    const agg = new RemoteWriteAggregator(['p(99)', 'max', 'count', 'sum'], { run_id: 'r1' });
    agg.add(sample('iterations', 'counter', 1));
    agg.add(sample('iterations', 'counter', 1));
    agg.add(sample('vus', 'gauge', 4));
    agg.add(sample('checks', 'rate', 1));
    agg.add(sample('checks', 'rate', 0));
    for (const v of [10, 20, 30]) agg.add(sample('latency', 'trend', v, { path: 'cross' }, 'time'));
    const first = agg.collect(1000);
    expect(first.every((s) => s.labels.run_id === 'r1' && s.samples[0]!.timestampMs === 1000)).toBe(true);
    const values = byName(first);
    expect(values).toMatchObject({ k6_iterations_total: 2, k6_vus: 4, k6_checks_rate: 0.5, 'k6_latency_max{cross}': 0.03, 'k6_latency_count{cross}': 3 });
    expect(values['k6_latency_p99{cross}']).toBeCloseTo(0.0298, 6);
    expect(values['k6_latency_sum{cross}']).toBeCloseTo(0.06, 9);
  });

  it('keeps counters cumulative and trend quantiles per interval', () => {
    const agg = new RemoteWriteAggregator(['max', 'count']);
    agg.add(sample('n', 'counter', 2));
    agg.add(sample('t', 'trend', 50));
    agg.collect(1000);
    agg.add(sample('n', 'counter', 3));
    const second = byName(agg.collect(2000));
    expect(second.k6_n_total).toBe(5);
    expect(second.k6_t_count).toBe(1);
    expect(second.k6_t_max).toBeUndefined(); // no samples this interval: no made-up quantile
  });

  it('separates series by tags and makes tag names valid label names', () => {
    const agg = new RemoteWriteAggregator([]);
    agg.add(sample('c', 'counter', 1, { 'my-tag': 'a' }));
    agg.add(sample('c', 'counter', 1, { 'my-tag': 'b', empty: '' }));
    const series = agg.collect(1);
    expect(series.map((s) => s.labels)).toEqual([{ __name__: 'k6_c_total', my_tag: 'a' }, { __name__: 'k6_c_total', my_tag: 'b' }]);
  });

  it('rejects unknown trend stats and names percentiles without punctuation', () => {
    expect(() => new RemoteWriteAggregator(['p99'])).toThrow(/invalid trend stat "p99"/);
    expect(statSuffix('p(99.9)')).toBe('p999');
    expect(statSuffix('p(50)')).toBe('p50');
  });
});
