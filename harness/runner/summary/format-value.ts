import type { SummaryMetric } from '../../../reports/results.ts';
import { formatBytes } from '../../../reports/units/bytes.ts';

/** k6 prints data in SI units (kB), and the summary mirrors k6. */
const K6_BYTES = { units: 'k6' } as const;
import { formatDuration } from '../../../reports/units/duration.ts';

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}

/** A stat value in the metric's unit: durations for time, SI bytes for data, as k6 prints them. */
export function formatStat(metric: SummaryMetric, stat: string, value: number): string {
  if (metric.contains === 'time' && stat !== 'count') return formatDuration(value, { style: 'k6' });
  if (metric.contains === 'data' && stat !== 'rate') return formatBytes(value, K6_BYTES);
  if (metric.contains === 'data' && stat === 'rate') return `${formatBytes(value, K6_BYTES)}/s`;
  return formatNumber(value);
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}
