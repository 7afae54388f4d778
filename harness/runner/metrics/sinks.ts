import type { MetricType } from './types.ts';

// Aggregates for one metric (or submetric). Stat names follow k6's threshold
// and summary vocabulary so the same lookup serves both.
export interface Sink {
  readonly type: MetricType;
  readonly count: number;
  add(value: number): void;
  /** An aggregate by k6 name ("avg", "p(95)", "rate", ...); undefined if the metric type lacks it. */
  stat(name: string, testDurationMs: number): number | undefined;
}

export function createSink(type: MetricType): Sink {
  switch (type) {
    case 'trend':
      return new TrendSink();
    case 'counter':
      return new CounterSink();
    case 'rate':
      return new RateSink();
    case 'gauge':
      return new GaugeSink();
  }
}

/** Stats a threshold may use on each metric type, as k6 validates them before the run (a Trend has no `count`). */
export function isStatValid(type: MetricType, stat: string): boolean {
  switch (type) {
    case 'trend':
      return ['avg', 'min', 'max', 'med'].includes(stat) || parsePercentileStat(stat) !== undefined;
    case 'counter':
      return stat === 'count' || stat === 'rate';
    case 'rate':
      return stat === 'rate';
    case 'gauge':
      return stat === 'value';
  }
}

/** "p(99.9)" → 99.9; anything else → undefined. */
export function parsePercentileStat(stat: string): number | undefined {
  const m = /^p\((\d+(?:\.\d+)?)\)$/.exec(stat.trim());
  if (!m) return undefined;
  const p = Number(m[1]);
  return p >= 0 && p <= 100 ? p : undefined;
}

/**
 * Percentile over sorted values with linear interpolation between the two
 * closest ranks (position p/100·(n-1)), the common "linear" definition; with one
 * value every percentile is that value.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  if (n === 1) return sorted[0] as number;
  const pos = (p / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * frac;
}

export class TrendSink implements Sink {
  readonly type = 'trend';
  private values = new Float64Array(64);
  private n = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  private sorted: Float64Array | undefined;

  get count(): number {
    return this.n;
  }

  add(value: number): void {
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = value;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.sorted = undefined;
  }

  stat(name: string): number | undefined {
    if (this.n === 0) return name === 'count' || isStatValid('trend', name) ? 0 : undefined;
    switch (name) {
      case 'avg':
        return this.sum / this.n;
      case 'min':
        return this.min;
      case 'max':
        return this.max;
      case 'count':
        return this.n;
      case 'med':
        return percentile(this.sortedValues(), 50);
    }
    const p = parsePercentileStat(name);
    return p === undefined ? undefined : percentile(this.sortedValues(), p);
  }

  private sortedValues(): Float64Array {
    this.sorted ??= this.values.slice(0, this.n).sort();
    return this.sorted;
  }
}

export class CounterSink implements Sink {
  readonly type = 'counter';
  private sum = 0;
  private n = 0;
  get count(): number {
    return this.n;
  }
  add(value: number): void {
    this.sum += value;
    this.n++;
  }
  stat(name: string, testDurationMs: number): number | undefined {
    if (name === 'count') return this.sum;
    if (name === 'rate') return testDurationMs > 0 ? this.sum / (testDurationMs / 1000) : 0;
    return undefined;
  }
}

export class RateSink implements Sink {
  readonly type = 'rate';
  private passes = 0;
  private total = 0;
  get count(): number {
    return this.total;
  }
  add(value: number): void {
    this.total++;
    if (value !== 0) this.passes++;
  }
  stat(name: string): number | undefined {
    if (name === 'rate') return this.total === 0 ? 0 : this.passes / this.total;
    if (name === 'passes') return this.passes;
    if (name === 'fails') return this.total - this.passes;
    return undefined;
  }
}

export class GaugeSink implements Sink {
  readonly type = 'gauge';
  private last = 0;
  private min = Infinity;
  private max = -Infinity;
  private n = 0;
  get count(): number {
    return this.n;
  }
  add(value: number): void {
    this.last = value;
    this.n++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
  stat(name: string): number | undefined {
    if (name === 'value') return this.last;
    if (name === 'min') return this.n ? this.min : 0;
    if (name === 'max') return this.n ? this.max : 0;
    return undefined;
  }
}
