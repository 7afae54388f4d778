import type { SummaryMetric } from '../../../reports/results.ts';
import { formatBytes } from '../../../units/bytes.ts';
import { formatDuration } from '../../../units/duration.ts';

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}

/** A stat value in the metric's unit: durations for time, binary bytes for data. */
export function formatStat(metric: SummaryMetric, stat: string, value: number): string {
  if (metric.contains === 'time' && stat !== 'count') return formatDuration(value, { style: 'k6' });
  if (metric.contains === 'data' && stat !== 'rate') return formatBytes(value);
  if (metric.contains === 'data' && stat === 'rate') return `${formatBytes(value)}/s`;
  return formatNumber(value);
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}
