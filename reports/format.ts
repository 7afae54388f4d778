// Human formatting shared by the renderers. k6 records durations in
// milliseconds; Prometheus series carry their own unit names.
// Numbers, bytes and run durations are written once, in units/, for the runner and chaos as well.
import { formatBytes } from './units/bytes.ts';
import { formatNumber } from './units/number.ts';
import type { SummaryMetric } from './results.ts';

export { formatBytes, formatNumber };

export function formatMilliseconds(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (Math.abs(ms) >= 60_000) return `${formatNumber(ms / 60_000)} min`;
  if (Math.abs(ms) >= 1000) return `${formatNumber(ms / 1000)} s`;
  if (ms !== 0 && Math.abs(ms) < 1) return `${formatNumber(ms * 1000)} µs`;
  return `${formatNumber(ms)} ms`;
}

/** Formats one statistic of a k6 summary metric according to what it contains. */
export function formatStatistic(
  metric: Pick<SummaryMetric, 'contains' | 'type'>,
  statistic: string,
  value: number,
): string {
  // Counts and per-second rates are plain numbers whatever the metric holds.
  if (statistic === 'passes' || statistic === 'fails') return formatNumber(value, 0);
  if (metric.type === 'rate' && statistic === 'rate') return `${formatNumber(value * 100)}%`;
  if (statistic === 'rate') return `${formatNumber(value)}/s`;
  if (metric.contains === 'time') return formatMilliseconds(value);
  if (metric.contains === 'data') return formatBytes(value);
  return formatNumber(value);
}

/** Formats a Prometheus sample according to a SeriesResult unit name. */
export function formatSeriesValue(unit: string, value: number): string {
  switch (unit) {
    case 'seconds':
      return formatMilliseconds(value * 1000);
    case 'bytes':
      return formatBytes(value);
    case 'per-second':
      return `${formatNumber(value)}/s`;
    case 'ratio':
      return `${formatNumber(value * 100)}%`;
    default:
      return formatNumber(value);
  }
}

export function runDurationMs(startedAt: string, endedAt: string): number {
  return Date.parse(endedAt) - Date.parse(startedAt);
}

/** `2026-03-14 09:30:00 UTC`: unambiguous and wraps less than raw ISO. */
export function formatTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} UTC`;
}
