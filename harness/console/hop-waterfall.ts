// The per-hop waterfall of one cross-node change, from each hop's latest p50
// (catalogue query hop-latency-p50): bars laid end to end in the order a change
// travels. A sum of quantiles is not the quantile of the sum, so the total is
// indicative; the report's waterfall (collect-waterfall.ts) is the exact one.
import type { ChartData } from './console-series.ts';

/** Write path, then the cross-node delivery path (swagboard_hop_seconds in server/metrics.ts). */
export const CROSS_PATH_HOPS = [
  ['receive_validate', 'write'],
  ['validate_commit', 'write'],
  ['commit_publish', 'write'],
  ['bus_transit', 'cross'],
  ['release', 'cross'],
  ['socket_first', 'cross'],
  ['socket_last', 'cross'],
] as const;

export interface WaterfallBar {
  hop: string;
  path: string;
  /** Seconds from the frame's arrival to this hop's start. */
  start: number;
  seconds: number;
}

export function hopWaterfall(p50: ChartData): WaterfallBar[] {
  const latest = new Map<string, number>();
  for (const series of p50.series) {
    for (let i = series.values.length - 1; i >= 0; i--) {
      const value = series.values[i];
      if (value !== null && value !== undefined && Number.isFinite(value)) {
        latest.set(series.label, value);
        break;
      }
    }
  }
  const bars: WaterfallBar[] = [];
  let start = 0;
  for (const [hop, path] of CROSS_PATH_HOPS) {
    const seconds = latest.get(`${hop} ${path}`);
    if (seconds === undefined) continue;
    bars.push({ hop, path, start, seconds });
    start += seconds;
  }
  return bars;
}
