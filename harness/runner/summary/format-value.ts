import type { SummaryMetric } from '../../../reports/results.ts';
import { formatDuration } from '../duration.ts';

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** A stat value in the metric's unit: durations for time, SI bytes for data. */
export function formatStat(metric: SummaryMetric, stat: string, value: number): string {
  if (metric.contains === 'time' && stat !== 'count') return formatDuration(value);
  if (metric.contains === 'data' && stat !== 'rate') return formatBytes(value);
  if (metric.contains === 'data' && stat === 'rate') return `${formatBytes(value)}/s`;
  return formatNumber(value);
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}
