// Options of the remote-write output, read from the same environment
// variables k6's experimental-prometheus-rw output documents (a subset).
import { parseDuration } from '../../duration.ts';

export interface RemoteWriteConfig {
  /** e.g. http://127.0.0.1:9090/api/v1/write */
  url: string;
  pushIntervalMs: number;
  trendStats: string[];
  /** Added to every series, e.g. { run_id: '…' }. */
  labels: Record<string, string>;
}

/** Our default adds med and p90 to k6's `p(99)`, plus count and sum for means and rates. */
export const DEFAULT_TREND_STATS = ['p(50)', 'p(90)', 'p(99)', 'max', 'count', 'sum'];

export function remoteWriteConfigFromEnv(env: Record<string, string | undefined>, extraLabels: Record<string, string> = {}): RemoteWriteConfig {
  const url = env.K6_PROMETHEUS_RW_SERVER_URL ?? 'http://localhost:9090/api/v1/write';
  if (!/^https?:\/\//.test(url)) throw new Error(`invalid K6_PROMETHEUS_RW_SERVER_URL; expected an http(s) URL, got "${url}"`);
  const trendStats = (env.K6_PROMETHEUS_RW_TREND_STATS ?? DEFAULT_TREND_STATS.join(','))
    .split(/,(?![^(]*\))/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    url,
    pushIntervalMs: parseDuration(env.K6_PROMETHEUS_RW_PUSH_INTERVAL ?? '1s', 'K6_PROMETHEUS_RW_PUSH_INTERVAL'),
    trendStats,
    labels: { ...parseLabels(env.K6_PROMETHEUS_RW_LABELS ?? ''), ...extraLabels },
  };
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`invalid K6_PROMETHEUS_RW_LABELS; expected name=value pairs, got "${pair}"`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}
