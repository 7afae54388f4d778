import { describe, expect, it } from 'vitest';
import { MetricRegistry } from './registry.ts';
import { CounterSink, GaugeSink, percentile, RateSink, TrendSink } from './sinks.ts';

describe('percentile', () => {
  it('interpolates linearly between closest ranks', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(v, 50)).toBeCloseTo(5.5);
    expect(percentile(v, 90)).toBeCloseTo(9.1);
    expect(percentile(v, 95)).toBeCloseTo(9.55);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBe(0);
  });
});

describe('sinks', () => {
  it('trend reports avg/min/med/max/p(N)/count over unsorted input', () => {
    const t = new TrendSink();
    for (const v of [5, 1, 4, 2, 3]) t.add(v);
    expect(t.stat('avg')).toBe(3);
    expect(t.stat('min')).toBe(1);
    expect(t.stat('max')).toBe(5);
    expect(t.stat('med')).toBe(3);
    expect(t.stat('p(75)')).toBe(4);
    expect(t.stat('count')).toBe(5);
    t.add(100); // invalidates the sorted cache
    expect(t.stat('max')).toBe(100);
    expect(t.stat('med')).toBe(3.5);
    expect(t.stat('rate')).toBeUndefined();
  });
  it('counter reports count and per-second rate over the test duration', () => {
    const c = new CounterSink();
    c.add(3);
    c.add(7);
    expect(c.stat('count', 2000)).toBe(10);
    expect(c.stat('rate', 2000)).toBe(5);
  });
  it('rate counts non-zero values as passes', () => {
    const r = new RateSink();
    for (const v of [1, 0, 1, 1]) r.add(v);
    expect(r.stat('rate')).toBe(0.75);
    expect(r.stat('passes')).toBe(3);
    expect(r.stat('fails')).toBe(1);
  });
  it('gauge keeps last, min and max', () => {
    const g = new GaugeSink();
    for (const v of [3, 9, 1, 4]) g.add(v);
    expect([g.stat('value'), g.stat('min'), g.stat('max')]).toEqual([4, 1, 9]);
  });
});

describe('MetricRegistry', () => {
  it('feeds tag-filtered submetrics only matching samples', () => {
    const reg = new MetricRegistry();
    reg.define('latency', 'trend', 'time');
    const cross = reg.submetric('latency{path:cross}');
    reg.add('latency', 10, { path: 'cross' });
    reg.add('latency', 99, { path: 'local' });
    expect(cross.count).toBe(1);
    expect(reg.get('latency')?.sink.count).toBe(2);
  });
  it('rejects redefinition with another type and bad names', () => {
    const reg = new MetricRegistry();
    expect(() => reg.define('checks', 'trend')).toThrow(/already defined as a rate/);
    expect(() => reg.define('1bad', 'counter')).toThrow(/invalid metric name/);
  });
  it('streams samples to listeners', () => {
    const reg = new MetricRegistry();
    const seen: string[] = [];
    reg.onSample((s) => seen.push(`${s.metric}=${s.value}@${s.tags.scenario}`));
    reg.add('iterations', 1, { scenario: 'default' });
    expect(seen).toEqual(['iterations=1@default']);
  });
});
