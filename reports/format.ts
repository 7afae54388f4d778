// Human formatting shared by the renderers. k6 records durations in
// milliseconds; Prometheus series carry their own unit names.
import type { SummaryMetric } from './results.ts';

export function formatNumber(value: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs !== 0 && abs < 1 ? Math.max(maxFractionDigits, 3) : abs >= 100 ? Math.min(maxFractionDigits, 1) : maxFractionDigits;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function formatMilliseconds(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (Math.abs(ms) >= 60_000) return `${formatNumber(ms / 60_000)} min`;
  if (Math.abs(ms) >= 1000) return `${formatNumber(ms / 1000)} s`;
  if (ms !== 0 && Math.abs(ms) < 1) return `${formatNumber(ms * 1000)} µs`;
  return `${formatNumber(ms)} ms`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value)} ${units[unit]}`;
}

/** Formats one statistic of a k6 summary metric according to what it contains. */
export function formatStatistic(metric: Pick<SummaryMetric, 'contains' | 'type'>, statistic: string, value: number): string {
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

/** A compact duration: `45s`, `3m 02s`, `1h 05m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

export function runDurationMs(startedAt: string, endedAt: string): number {
  return Date.parse(endedAt) - Date.parse(startedAt);
}

/** `2026-03-14 09:30:00 UTC`: unambiguous and wraps less than raw ISO. */
export function formatTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}
