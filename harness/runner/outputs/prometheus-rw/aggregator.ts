// Turns the runner's sample stream into Prometheus series, one point per
// series per flush, named as k6's experimental-prometheus-rw output names them:
//   counter → k6_<name>_total   (cumulative)
//   gauge   → k6_<name>         (last value)
//   rate    → k6_<name>_rate    (cumulative share of non-zero samples)
//   trend   → k6_<name>_<stat>  (p(99) → _p99, p(99.9) → _p999, max → _max …);
//             quantiles/min/max/avg over the samples of the interval only,
//             count and sum cumulative, so rate(k6_x_sum)/rate(k6_x_count) is a mean.
// Time values (trends and gauges that contain time) are converted from ms to
// seconds, Prometheus' base unit.
import { parsePercentileStat, percentile } from '../../metrics/sinks.ts';
import type { Sample } from '../../metrics/types.ts';
import type { TimeSeries } from './write-request.ts';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface SeriesState {
  sample: Pick<Sample, 'metric' | 'type' | 'contains' | 'tags'>;
  labels: Record<string, string>;
  total: number;
  count: number;
  passes: number;
  last: number;
  window: number[];
}

export class RemoteWriteAggregator {
  private readonly series = new Map<string, SeriesState>();

  constructor(
    private readonly trendStats: readonly string[],
    private readonly staticLabels: Record<string, string> = {},
  ) {
    for (const stat of trendStats) {
      if (!['count', 'sum', 'min', 'max', 'avg', 'med'].includes(stat) && parsePercentileStat(stat) === undefined) {
        throw new Error(`invalid trend stat "${stat}"; expected count, sum, min, max, avg, med or p(N)`);
      }
    }
  }

  add(sample: Sample): void {
    const key = `${sample.metric}\u0000${tagKey(sample.tags)}`;
    let state = this.series.get(key);
    if (!state) {
      state = { sample, labels: { ...labelsOf(sample.tags), ...this.staticLabels }, total: 0, count: 0, passes: 0, last: 0, window: [] };
      this.series.set(key, state);
    }
    state.count += 1;
    state.total += sample.value;
    state.last = sample.value;
    if (sample.value !== 0) state.passes += 1;
    if (sample.type === 'trend') state.window.push(sample.value);
  }

  /** One point per series at `timestampMs`; trend windows start afresh. */
  collect(timestampMs: number): TimeSeries[] {
    const out: TimeSeries[] = [];
    const point = (name: string, labels: Record<string, string>, value: number) =>
      out.push({ labels: { ...labels, __name__: name }, samples: [{ value, timestampMs }] });
    for (const state of this.series.values()) {
      const { metric, type, contains } = state.sample;
      const scale = contains === 'time' ? 1 / 1000 : 1;
      const base = `k6_${metric}`;
      switch (type) {
        case 'counter':
          point(`${base}_total`, state.labels, state.total * scale);
          break;
        case 'gauge':
          point(base, state.labels, state.last * scale);
          break;
        case 'rate':
          point(`${base}_rate`, state.labels, state.passes / state.count);
          break;
        case 'trend':
          for (const stat of this.trendStats) {
            const value = trendStat(stat, state, scale);
            if (value !== undefined) point(`${base}_${statSuffix(stat)}`, state.labels, value);
          }
          state.window = [];
          break;
      }
    }
    return out;
  }
}

function trendStat(stat: string, state: SeriesState, scale: number): number | undefined {
  if (stat === 'count') return state.count;
  if (stat === 'sum') return state.total * scale;
  const window = state.window;
  if (window.length === 0) return undefined;
  if (stat === 'min') return Math.min(...window) * scale;
  if (stat === 'max') return Math.max(...window) * scale;
  if (stat === 'avg') return (window.reduce((a, b) => a + b, 0) / window.length) * scale;
  const p = stat === 'med' ? 50 : parsePercentileStat(stat);
  if (p === undefined) return undefined;
  return percentile(Float64Array.from(window).sort(), p) * scale;
}

/** "p(99.9)" → "p999", "max" → "max". */
export function statSuffix(stat: string): string {
  const p = parsePercentileStat(stat);
  return p === undefined ? stat : `p${String(p).replace('.', '')}`;
}

function tagKey(tags: Record<string, string>): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join('\u0001');
}

/** Tags as labels: empty values dropped, names made valid (`expected_response` stays, `a-b` → `a_b`). */
function labelsOf(tags: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(tags)) {
    if (value === '' || value === undefined) continue;
    const safe = LABEL_NAME.test(name) ? name : name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(\d)/, '_$1');
    if (safe.startsWith('__')) continue;
    labels[safe] = String(value);
  }
  return labels;
}
