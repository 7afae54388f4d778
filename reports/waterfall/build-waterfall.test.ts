import { describe, expect, it } from 'vitest';
import { syntheticHopSamples } from '../testdata/waterfall-samples.ts';
import { buildWaterfall, figuresFromSummary, hopBucketsFromSamples } from './build-waterfall.ts';

describe('hopBucketsFromSamples', () => {
  it('groups bucket samples by hop and path, +Inf included', () => {
    const hops = hopBucketsFromSamples([
      { labels: { hop: 'bus_transit', path: 'cross', le: '0.001' }, value: 3 },
      { labels: { hop: 'bus_transit', path: 'cross', le: '+Inf' }, value: 4 },
      { labels: { hop: 'release', path: 'same', le: '+Inf' }, value: 1 },
      { labels: { le: '+Inf' }, value: 9 },
    ]);
    expect(hops).toEqual([
      {
        hop: 'bus_transit',
        path: 'cross',
        buckets: [
          { le: 0.001, count: 3 },
          { le: Infinity, count: 4 },
        ],
      },
      { hop: 'release', path: 'same', buckets: [{ le: Infinity, count: 1 }] },
    ]);
  });
});

describe('buildWaterfall', () => {
  const hopBuckets = hopBucketsFromSamples(syntheticHopSamples());

  it('orders each path by where a change goes, sharing the write hops', () => {
    const waterfall = buildWaterfall({ hopBuckets, endToEnd: {} });
    const order = (path: string) => waterfall?.paths.find((p) => p.path === path)?.hops.map((h) => h.hop);
    expect(order('same')).toEqual(['receive_validate', 'validate_commit', 'release', 'socket_first', 'socket_last']);
    expect(order('cross')).toEqual([
      'receive_validate',
      'validate_commit',
      'bus_transit',
      'release',
      'socket_first',
      'socket_last',
    ]);
  });

  it('takes p50 and p99 from the buckets, in ms, with the observation count', () => {
    const cross = buildWaterfall({ hopBuckets, endToEnd: {} })?.paths.find((p) => p.path === 'cross');
    const bus = cross?.hops.find((h) => h.hop === 'bus_transit');
    // Synthetic bus hop: 200 observations, 100 ≤ 0.5 ms and 100 in (0.5, 1] ms → p50 at 0.5 ms, p99 at 0.99 ms.
    expect(bus).toEqual({ hop: 'bus_transit', p50Ms: 0.5, p99Ms: 0.99, count: 200 });
    // The same-node release is not the cross-node one.
    const same = buildWaterfall({ hopBuckets, endToEnd: {} })?.paths.find((p) => p.path === 'same');
    expect(same?.hops.find((h) => h.hop === 'release')?.p50Ms).not.toBe(
      cross?.hops.find((h) => h.hop === 'release')?.p50Ms,
    );
  });

  it('leaves out hops without observations, and is absent when nothing at all was seen', () => {
    const onlyBus = hopBuckets.filter((h) => h.hop === 'bus_transit');
    expect(buildWaterfall({ hopBuckets: onlyBus, endToEnd: {} })?.paths).toEqual([
      { path: 'cross', hops: [{ hop: 'bus_transit', p50Ms: 0.5, p99Ms: 0.99, count: 200 }] },
    ]);
    expect(buildWaterfall({ hopBuckets: [], endToEnd: {} })).toBeUndefined();
  });

  it('keeps client figures even before the server has hop histograms', () => {
    const waterfall = buildWaterfall({
      hopBuckets: [],
      endToEnd: { cross: { p50Ms: 9, p99Ms: 40 } },
      windowSeconds: 15,
      phase: 'steady',
    });
    expect(waterfall).toEqual({
      paths: [{ path: 'cross', hops: [], endToEnd: { p50Ms: 9, p99Ms: 40 } }],
      windowSeconds: 15,
      phase: 'steady',
    });
  });
});

describe('figuresFromSummary', () => {
  const metrics = {
    'lat{path:cross}': { type: 'trend' as const, contains: 'time' as const, values: { med: 20, 'p(99)': 90 } },
    'lat{path:cross,phase:steady}': {
      type: 'trend' as const,
      contains: 'time' as const,
      values: { med: 12, 'p(99)': 60 },
    },
    'lat{path:same}': { type: 'trend' as const, contains: 'time' as const, values: { med: 5 } },
  };

  it('prefers the steady-state submetric and says which it took', () => {
    expect(figuresFromSummary(metrics, 'lat{path:cross}', true)).toEqual({ p50Ms: 12, p99Ms: 60, phase: 'steady' });
    expect(figuresFromSummary(metrics, 'lat{path:cross}', false)).toEqual({ p50Ms: 20, p99Ms: 90, phase: 'whole-run' });
  });

  it('needs both p50 and p99', () => {
    expect(figuresFromSummary(metrics, 'lat{path:same}', true)).toBeUndefined();
    expect(figuresFromSummary(metrics, 'lat{path:none}', true)).toBeUndefined();
  });
});
