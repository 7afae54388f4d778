// What a comparison compares: named measures read from a run's summary. Only
// measures a run actually recorded take part.
import type { RunResults } from '../results.ts';

export interface Measure {
  id: string;
  label: string;
  metric: string;
  stat: string;
  /** 'ms' values are milliseconds; lower is better for all of these. */
  unit: 'ms' | 'count';
}

export const MEASURES: readonly Measure[] = [
  { id: 'cross-p50', label: 'cross-node latency p50', metric: 'swag_broadcast_latency{path:cross}', stat: 'med', unit: 'ms' },
  { id: 'cross-p99', label: 'cross-node latency p99', metric: 'swag_broadcast_latency{path:cross}', stat: 'p(99)', unit: 'ms' },
  { id: 'same-p50', label: 'same-node latency p50', metric: 'swag_broadcast_latency{path:same}', stat: 'med', unit: 'ms' },
  { id: 'same-p99', label: 'same-node latency p99', metric: 'swag_broadcast_latency{path:same}', stat: 'p(99)', unit: 'ms' },
  { id: 'latency-p99', label: 'broadcast latency p99', metric: 'swag_broadcast_latency', stat: 'p(99)', unit: 'ms' },
  { id: 'reconnect-p50', label: 'reconnect time p50', metric: 'swag_reconnect_time', stat: 'med', unit: 'ms' },
  { id: 'reconnect-p99', label: 'reconnect time p99', metric: 'swag_reconnect_time', stat: 'p(99)', unit: 'ms' },
  { id: 'resume-p99', label: 'resume time p99', metric: 'swag_resume_time', stat: 'p(99)', unit: 'ms' },
  { id: 'events-lost', label: 'events lost', metric: 'swag_events_lost', stat: 'count', unit: 'count' },
];

export function measureValue(results: RunResults, measure: Measure): number | undefined {
  const metric = results.summary.metrics[measure.metric];
  const value = metric?.values[measure.stat];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  // A trend with no samples reports zeros; that is "not measured", not "instant".
  if (metric?.type === 'trend' && (metric.values.count === 0 || (metric.values.max === 0 && metric.values.min === 0 && measure.unit === 'ms'))) return undefined;
  return value;
}
