// What a comparison compares: named measures read from a run — a statistic of
// its summary, or a figure other parts of results.json carry (the per-hop
// waterfall, the knee, the cost). Only measures a run actually recorded take part.
import type { RunResults } from '../results.ts';
import { kneeMeasures } from './knee-measures.ts';
import { resultMeasures } from './result-measures.ts';

export interface Measure {
  id: string;
  label: string;
  /** Summary metric and statistic, for measures read from the summary. */
  metric?: string;
  stat?: string;
  /** Reads the value from elsewhere in the results (takes precedence over metric/stat). */
  read?: (results: RunResults) => number | undefined;
  /** 'ms' latency, 'cpu-ms' CPU milliseconds, 'per-second' a rate, 'count' a plain number. */
  unit: 'ms' | 'cpu-ms' | 'per-second' | 'count';
  /** Which way is better; latency, cost and losses are lower-is-better, capacity higher. Default 'lower'. */
  better?: 'lower' | 'higher';
}

export const MEASURES: readonly Measure[] = [
  {
    id: 'cross-p50',
    label: 'cross-node latency p50',
    metric: 'swag_broadcast_latency{path:cross}',
    stat: 'med',
    unit: 'ms',
  },
  {
    id: 'cross-p99',
    label: 'cross-node latency p99',
    metric: 'swag_broadcast_latency{path:cross}',
    stat: 'p(99)',
    unit: 'ms',
  },
  {
    id: 'same-p50',
    label: 'same-node latency p50',
    metric: 'swag_broadcast_latency{path:same}',
    stat: 'med',
    unit: 'ms',
  },
  {
    id: 'same-p99',
    label: 'same-node latency p99',
    metric: 'swag_broadcast_latency{path:same}',
    stat: 'p(99)',
    unit: 'ms',
  },
  { id: 'latency-p99', label: 'broadcast latency p99', metric: 'swag_broadcast_latency', stat: 'p(99)', unit: 'ms' },
  { id: 'reconnect-p50', label: 'reconnect time p50', metric: 'swag_reconnect_time', stat: 'med', unit: 'ms' },
  { id: 'reconnect-p99', label: 'reconnect time p99', metric: 'swag_reconnect_time', stat: 'p(99)', unit: 'ms' },
  { id: 'resume-p99', label: 'resume time p99', metric: 'swag_resume_time', stat: 'p(99)', unit: 'ms' },
  { id: 'events-lost', label: 'events lost', metric: 'swag_events_lost', stat: 'count', unit: 'count' },
  ...resultMeasures,
  ...kneeMeasures,
];

export function measureValue(results: RunResults, measure: Measure): number | undefined {
  if (measure.read) {
    const value = measure.read(results);
    return value !== undefined && Number.isFinite(value) ? value : undefined;
  }
  if (measure.metric === undefined || measure.stat === undefined) return undefined;
  const metric = results.summary.metrics[measure.metric];
  const value = metric?.values[measure.stat];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  // A trend with no samples reports zeros; that is "not measured", not "instant".
  if (
    metric?.type === 'trend' &&
    (metric.values.count === 0 || (metric.values.max === 0 && metric.values.min === 0 && measure.unit === 'ms'))
  )
    return undefined;
  return value;
}

/** The text after a value of this measure ("12 ms", "0.4 CPU-ms", "80 /s"). */
export function unitSuffix(measure: Measure): string {
  return { ms: ' ms', 'cpu-ms': ' CPU-ms', 'per-second': '/s', count: '' }[measure.unit];
}
