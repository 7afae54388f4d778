import { describe, expect, it } from 'vitest';
import { RemoteWriteAggregator, statSuffix } from './aggregator.ts';
import { sample } from './testing/sample.ts';

function byName(series: ReturnType<RemoteWriteAggregator['collect']>) {
  return Object.fromEntries(
    series.map((s) => [`${s.labels.__name__}${s.labels.path ? `{${s.labels.path}}` : ''}`, s.samples[0]?.value]),
  );
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
    expect(values).toMatchObject({
      k6_iterations_total: 2,
      k6_vus: 4,
      k6_checks_rate: 0.5,
      'k6_latency_max{cross}': 0.03,
      'k6_latency_count{cross}': 3,
    });
    expect(values['k6_latency_p99{cross}']).toBeCloseTo(0.0298, 6);
    expect(values['k6_latency_sum{cross}']).toBeCloseTo(0.06, 9);
  });

  it('keeps trend stats cumulative per series, as k6 does, not per push interval', () => {
    const agg = new RemoteWriteAggregator(['max', 'min', 'med', 'count']);
    for (const v of [100, 200, 300]) agg.add(sample('t', 'trend', v));
    expect(byName(agg.collect(1000))).toEqual({ k6_t_max: 300, k6_t_min: 100, k6_t_med: 200, k6_t_count: 3 });
    agg.add(sample('t', 'trend', 50));
    // Over all four samples since the start: the earlier maximum still counts.
    expect(byName(agg.collect(2000))).toEqual({ k6_t_max: 300, k6_t_min: 50, k6_t_med: 150, k6_t_count: 4 });
  });

  it('sends only the series that got samples since the last push', () => {
    const agg = new RemoteWriteAggregator(['max']);
    agg.add(sample('n', 'counter', 2));
    agg.add(sample('t', 'trend', 50));
    agg.add(sample('vus', 'gauge', 3));
    expect(agg.collect(1000)).toHaveLength(3);
    agg.add(sample('n', 'counter', 3));
    expect(byName(agg.collect(2000))).toEqual({ k6_n_total: 5 });
    expect(agg.collect(3000)).toEqual([]);
  });

  it('lets a tag win over a static label of the same name, as k6 does', () => {
    const agg = new RemoteWriteAggregator([], { run_id: 'r1', instance: 'static' });
    agg.add(sample('c', 'counter', 1, { instance: 'from-tag' }));
    expect(agg.collect(1)[0]!.labels).toEqual({ __name__: 'k6_c_total', run_id: 'r1', instance: 'from-tag' });
  });

  it('separates series by tags and makes tag names valid label names', () => {
    const agg = new RemoteWriteAggregator([]);
    agg.add(sample('c', 'counter', 1, { 'my-tag': 'a' }));
    agg.add(sample('c', 'counter', 1, { 'my-tag': 'b', empty: '' }));
    const series = agg.collect(1);
    expect(series.map((s) => s.labels)).toEqual([
      { __name__: 'k6_c_total', my_tag: 'a' },
      { __name__: 'k6_c_total', my_tag: 'b' },
    ]);
  });

  it('sends trends as cumulative native histograms when asked, named _seconds for time', () => {
    const agg = new RemoteWriteAggregator(['p(99)'], {}, { nativeHistograms: true });
    agg.add(sample('latency', 'trend', 1000, {}, 'time'));
    agg.add(sample('latency', 'trend', 2000, {}, 'time'));
    agg.add(sample('size', 'trend', 0));
    const [latency, size] = agg.collect(1000);
    expect(latency!.labels.__name__).toBe('k6_latency_seconds');
    expect(latency!.samples).toEqual([]);
    expect(latency!.histograms![0]).toMatchObject({
      count: 2,
      sum: 3,
      schema: 3,
      zeroCount: 0,
      positiveSpans: [
        { offset: 0, length: 1 },
        { offset: 7, length: 1 },
      ],
      positiveDeltas: [1, 0],
    });
    expect(size!.histograms![0]).toMatchObject({ count: 1, zeroCount: 1, positiveSpans: [] });
    agg.add(sample('latency', 'trend', 1000, {}, 'time'));
    expect(agg.collect(2000)[0]!.histograms![0]).toMatchObject({ count: 3, positiveDeltas: [2, -1] });
  });

  it('names a stale marker for every series it ever sent', () => {
    const agg = new RemoteWriteAggregator(['p(99)', 'count'], { run_id: 'r' });
    agg.add(sample('n', 'counter', 1));
    agg.add(sample('t', 'trend', 5, { path: 'x' }));
    agg.collect(1);
    const markers = agg.staleMarkers(2);
    expect(markers.map((m) => m.labels.__name__)).toEqual(['k6_n_total', 'k6_t_p99', 'k6_t_count']);
    expect(
      markers.every((m) => m.samples[0]!.stale === true && m.samples[0]!.timestampMs === 2 && m.labels.run_id === 'r'),
    ).toBe(true);
    expect(markers[1]!.labels.path).toBe('x');
  });

  it('rejects unknown trend stats and names percentiles without punctuation', () => {
    expect(() => new RemoteWriteAggregator(['p99'])).toThrow(/invalid trend stat "p99"/);
    expect(statSuffix('p(99.9)')).toBe('p999');
    expect(statSuffix('p(50)')).toBe('p50');
  });
});
