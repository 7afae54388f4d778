// Turns the runner's sample stream into Prometheus series, named as k6's
// experimental-prometheus-rw output documents them:
//   counter → k6_<name>_total   (cumulative)
//   gauge   → k6_<name>         (last value)
//   rate    → k6_<name>_rate    (cumulative share of non-zero samples)
//   trend   → k6_<name>_<stat>  (p(99) → _p99, p(99.9) → _p999, max → _max …),
//             every stat over all the series' samples since the start (as k6's
//             trend sinks are cumulative), so the last point is the run's figure;
//   trend as a native histogram → k6_<name> (k6_<name>_seconds for time), cumulative.
// Each push carries only the series that got samples since the previous one.
// Labels are the static ones overlaid by the sample's tags: a tag wins.
// Time values (trends and gauges that contain time) are converted from ms to
// seconds, Prometheus' base unit.
import { parsePercentileStat } from '../../metrics/sinks.ts';
import { CumulativeTrend } from './cumulative-trend.ts';
import type { Sample } from '../../metrics/types.ts';
import { NativeHistogram } from './native-histogram.ts';
import type { TimeSeries } from './write-request.ts';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface SeriesState {
  sample: Pick<Sample, 'metric' | 'type' | 'contains' | 'tags'>;
  labels: Record<string, string>;
  /** Samples arrived since the last collect(). */
  dirty: boolean;
  total: number;
  count: number;
  passes: number;
  last: number;
  trend?: CumulativeTrend;
  histogram?: NativeHistogram;
}

export interface AggregatorOptions {
  /** Send trends as native histograms instead of the trend stats. */
  nativeHistograms?: boolean;
}

export class RemoteWriteAggregator {
  private readonly series = new Map<string, SeriesState>();
  private lastCollected: SeriesState[] = [];

  constructor(
    private readonly trendStats: readonly string[],
    private readonly staticLabels: Record<string, string> = {},
    private readonly options: AggregatorOptions = {},
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
      state = {
        sample,
        labels: { ...this.staticLabels, ...labelsOf(sample.tags) },
        dirty: false,
        total: 0,
        count: 0,
        passes: 0,
        last: 0,
      };
      if (sample.type === 'trend') {
        if (this.options.nativeHistograms) state.histogram = new NativeHistogram();
        else state.trend = new CumulativeTrend();
      }
      this.series.set(key, state);
    }
    state.dirty = true;
    state.count += 1;
    state.total += sample.value;
    state.last = sample.value;
    if (sample.value !== 0) state.passes += 1;
    const scale = sample.contains === 'time' ? 1 / 1000 : 1;
    state.trend?.add(sample.value);
    state.histogram?.add(sample.value * scale);
  }

  /** After a failed push: the last collect()'s series go out again with the next one (their values are cumulative). */
  markUnsent(): void {
    for (const state of this.lastCollected) state.dirty = true;
  }

  /** A stale marker at `timestampMs` for every series sent so far (k6's K6_PROMETHEUS_RW_STALE_MARKERS at the end of a test). */
  staleMarkers(timestampMs: number): TimeSeries[] {
    const out: TimeSeries[] = [];
    for (const state of this.series.values()) {
      for (const name of this.seriesNames(state))
        out.push({
          labels: { ...state.labels, __name__: name },
          samples: [{ value: Number.NaN, timestampMs, stale: true }],
        });
    }
    return out;
  }

  private seriesNames(state: SeriesState): string[] {
    const { metric, type, contains } = state.sample;
    const base = `k6_${metric}`;
    if (type === 'counter') return [`${base}_total`];
    if (type === 'gauge') return [base];
    if (type === 'rate') return [`${base}_rate`];
    if (state.histogram) return [contains === 'time' ? `${base}_seconds` : base];
    return this.trendStats.map((stat) => `${base}_${statSuffix(stat)}`);
  }

  /** One point at `timestampMs` for every series that got samples since the last call. */
  collect(timestampMs: number): TimeSeries[] {
    this.lastCollected = [];
    const out: TimeSeries[] = [];
    const point = (name: string, labels: Record<string, string>, value: number) =>
      out.push({ labels: { ...labels, __name__: name }, samples: [{ value, timestampMs }] });
    for (const state of this.series.values()) {
      if (!state.dirty) continue;
      state.dirty = false;
      this.lastCollected.push(state);
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
          if (state.histogram) {
            const name = contains === 'time' ? `${base}_seconds` : base;
            out.push({
              labels: { ...state.labels, __name__: name },
              samples: [],
              histograms: [state.histogram.point(timestampMs)],
            });
            break;
          }
          for (const stat of this.trendStats)
            point(`${base}_${statSuffix(stat)}`, state.labels, trendStat(stat, state, scale));
          break;
      }
    }
    return out;
  }
}

function trendStat(stat: string, state: SeriesState, scale: number): number {
  return stat === 'count' ? state.count : state.trend!.stat(stat) * scale;
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
