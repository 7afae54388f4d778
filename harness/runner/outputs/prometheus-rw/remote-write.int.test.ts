import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../clock.ts';
import { RemoteWriteOutput } from './remote-write-output.ts';
import { startTestPrometheus, type TestPrometheus } from './testing/prometheus-container.ts';
import { sample } from './testing/sample.ts';

describe('remote write into a real Prometheus (the lab image, native histograms enabled)', () => {
  let prometheus: TestPrometheus;
  beforeAll(async () => {
    prometheus = await startTestPrometheus();
  }, 120_000);
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('stores cumulative trend stats, only changed series, and tag labels over static ones', async () => {
    const run = `cumulative-${Date.now()}`;
    // Timestamps one second apart, in the recent past, so every point is inside the 5 min lookback.
    let clock = Date.now() - 10_000;
    const output = new RemoteWriteOutput(
      {
        url: `${prometheus.url}/api/v1/write`,
        pushIntervalMs: 60_000,
        trendStats: ['max', 'min', 'count'],
        labels: { run_id: run, instance: 'static' },
        nativeHistograms: false,
      },
      { clock: { ...systemClock, now: () => (clock += 1000) } },
    );
    for (const v of [100, 200, 300]) output.onSample(sample('latency', 'trend', v, {}, 'time'));
    output.onSample(sample('done', 'counter', 1, { instance: 'tagged' }));
    await output.flush();
    output.onSample(sample('latency', 'trend', 50, {}, 'time'));
    await output.flush();
    await output.flush();
    const stats = await output.stop();
    expect(stats.failures).toBe(0);

    const value = async (expr: string) => (await prometheus.query(expr)).map((r) => r.value);
    // Over all samples: the first push's maximum still counts after a push with a lower value.
    expect(await value(`k6_latency_max{run_id="${run}"}`)).toEqual([0.3]);
    expect(await value(`k6_latency_min{run_id="${run}"}`)).toEqual([0.05]);
    expect(await value(`k6_latency_count{run_id="${run}"}`)).toEqual([4]);
    // Two pushes changed the trend, one the counter; the empty pushes sent nothing.
    expect(await value(`count_over_time(k6_latency_max{run_id="${run}"}[1m])`)).toEqual([2]);
    expect(await value(`count_over_time(k6_done_total{run_id="${run}"}[1m])`)).toEqual([1]);
    expect((await prometheus.query(`k6_done_total{run_id="${run}"}`))[0]!.labels.instance).toBe('tagged');
  });

  it('stores trends as native histograms that histogram_quantile and histogram_count read', async () => {
    const run = `native-${Date.now()}`;
    let clock = Date.now() - 5_000;
    const output = new RemoteWriteOutput(
      {
        url: `${prometheus.url}/api/v1/write`,
        pushIntervalMs: 60_000,
        trendStats: ['p(99)'],
        labels: { run_id: run },
        nativeHistograms: true,
      },
      { clock: { ...systemClock, now: () => (clock += 1000) } },
    );
    for (let i = 1; i <= 100; i++) output.onSample(sample('latency', 'trend', i * 10, {}, 'time')); // 10 ms … 1 s
    await output.flush();
    for (let i = 1; i <= 100; i++) output.onSample(sample('latency', 'trend', i * 10, {}, 'time'));
    const stats = await output.stop();
    expect(stats).toMatchObject({ failures: 0, pushes: 2 });

    const one = async (expr: string) => (await prometheus.query(expr))[0]?.value;
    expect(await one(`histogram_count(k6_latency_seconds{run_id="${run}"})`)).toBe(200);
    expect(await one(`histogram_sum(k6_latency_seconds{run_id="${run}"})`)).toBeCloseTo(101, 6);
    const median = await one(`histogram_quantile(0.5, k6_latency_seconds{run_id="${run}"})`);
    // Schema 3 buckets are about 9 % wide: the median of 10 ms … 1 s (0.505 s) within a bucket.
    expect(median).toBeGreaterThan(0.46);
    expect(median).toBeLessThan(0.55);
  });

  it('ends every series with a stale marker when K6_PROMETHEUS_RW_STALE_MARKERS is on', async () => {
    const run = `stale-${Date.now()}`;
    const start = Date.now() - 20_000;
    let clock = start;
    const output = new RemoteWriteOutput(
      {
        url: `${prometheus.url}/api/v1/write`,
        pushIntervalMs: 60_000,
        trendStats: ['max'],
        labels: { run_id: run },
        nativeHistograms: false,
        staleMarkers: true,
      },
      { clock: { ...systemClock, now: () => (clock += 1000) } },
    );
    output.onSample(sample('done', 'counter', 7));
    output.onSample(sample('latency', 'trend', 100, {}, 'time'));
    const stats = await output.stop();
    expect(stats).toMatchObject({ failures: 0, pushes: 2 });
    const at = async (expr: string, ms: number) => {
      const response = await fetch(
        `${prometheus.url}/api/v1/query?${new URLSearchParams({ query: expr, time: String(ms / 1000) })}`,
      );
      return ((await response.json()) as { data: { result: Array<{ value: [number, string] }> } }).data.result.map(
        (r) => Number(r.value[1]),
      );
    };
    // Between the last point and the marker the value is there; after the marker the series is gone,
    // although the 5 min lookback would otherwise still return it.
    expect(await at(`k6_done_total{run_id="${run}"}`, start + 1500)).toEqual([7]);
    expect(await at(`k6_done_total{run_id="${run}"}`, start + 5000)).toEqual([]);
    expect(await at(`k6_latency_max{run_id="${run}"}`, start + 5000)).toEqual([]);

    // A native histogram series takes the same (float) stale marker.
    let hclock = start;
    const histograms = new RemoteWriteOutput(
      {
        url: `${prometheus.url}/api/v1/write`,
        pushIntervalMs: 60_000,
        trendStats: [],
        labels: { run_id: `${run}-h` },
        nativeHistograms: true,
        staleMarkers: true,
      },
      { clock: { ...systemClock, now: () => (hclock += 1000) } },
    );
    histograms.onSample(sample('latency', 'trend', 100, {}, 'time'));
    expect(await histograms.stop()).toMatchObject({ failures: 0, pushes: 2 });
    expect(await at(`histogram_count(k6_latency_seconds{run_id="${run}-h"})`, start + 1500)).toEqual([1]);
    expect(await at(`histogram_count(k6_latency_seconds{run_id="${run}-h"})`, start + 5000)).toEqual([]);
  });
});
