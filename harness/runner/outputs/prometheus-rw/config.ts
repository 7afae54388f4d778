// Options of the remote-write output, read from the same environment
// variables k6's experimental-prometheus-rw output documents (a subset).
import { parseDuration } from '../../../../reports/units/duration.ts';

export interface RemoteWriteConfig {
  /** e.g. http://127.0.0.1:9090/api/v1/write */
  url: string;
  pushIntervalMs: number;
  trendStats: string[];
  /** Added to every series, e.g. { run_id: '…' }; a sample's tag of the same name wins. */
  labels: Record<string, string>;
  /** K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: trends as native histograms instead of trend stats. */
  nativeHistograms: boolean;
  /** Extra request headers: K6_PROMETHEUS_RW_HTTP_HEADERS, K6_PROMETHEUS_RW_HEADERS_<name>, and Authorization from USERNAME/PASSWORD or BEARER_TOKEN. */
  headers?: Record<string, string>;
  /** K6_PROMETHEUS_RW_STALE_MARKERS: at the end, mark every series stale so it stops at once in queries (default false, as in k6). */
  staleMarkers?: boolean;
}

/** k6's documented defaults. */
export const DEFAULT_TREND_STATS = ['p(99)'];
export const DEFAULT_PUSH_INTERVAL = '5s';

/**
 * What the lab sets unless the environment says otherwise: a push every
 * second (runs are short and the report's charts have 1 s steps), and med,
 * p90 and max besides k6's p(99), with count and sum for means and rates.
 * The dashboards' queries rely on these.
 */
export const LAB_REMOTE_WRITE_ENV = {
  K6_PROMETHEUS_RW_PUSH_INTERVAL: '1s',
  K6_PROMETHEUS_RW_TREND_STATS: 'p(50),p(90),p(99),max,count,sum',
} as const;

export function remoteWriteConfigFromEnv(
  env: Record<string, string | undefined>,
  extraLabels: Record<string, string> = {},
): RemoteWriteConfig {
  const url = env.K6_PROMETHEUS_RW_SERVER_URL ?? 'http://localhost:9090/api/v1/write';
  if (!/^https?:\/\//.test(url))
    throw new Error(`invalid K6_PROMETHEUS_RW_SERVER_URL; expected an http(s) URL, got "${url}"`);
  const trendStats = (env.K6_PROMETHEUS_RW_TREND_STATS ?? DEFAULT_TREND_STATS.join(','))
    .split(/,(?![^(]*\))/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    url,
    pushIntervalMs: parseDuration(env.K6_PROMETHEUS_RW_PUSH_INTERVAL ?? DEFAULT_PUSH_INTERVAL, {
      bareUnit: 'ms',
      what: 'K6_PROMETHEUS_RW_PUSH_INTERVAL',
    }),
    trendStats,
    labels: { ...parseLabels(env.K6_PROMETHEUS_RW_LABELS ?? ''), ...extraLabels },
    nativeHistograms: parseBoolean(
      env.K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM,
      'K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM',
    ),
    staleMarkers: parseBoolean(env.K6_PROMETHEUS_RW_STALE_MARKERS, 'K6_PROMETHEUS_RW_STALE_MARKERS'),
    headers: parseHeaders(env),
  };
}

/** The header and auth options k6 documents for this output. */
function parseHeaders(env: Record<string, string | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (env.K6_PROMETHEUS_RW_HTTP_HEADERS ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf(':');
    if (at <= 0) throw new Error(`invalid K6_PROMETHEUS_RW_HTTP_HEADERS; expected name:value pairs, got "${pair}"`);
    headers[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('K6_PROMETHEUS_RW_HEADERS_') && value !== undefined)
      headers[key.slice('K6_PROMETHEUS_RW_HEADERS_'.length)] = value;
  }
  if (env.K6_PROMETHEUS_RW_BEARER_TOKEN) headers.Authorization = `Bearer ${env.K6_PROMETHEUS_RW_BEARER_TOKEN}`;
  else if (env.K6_PROMETHEUS_RW_USERNAME !== undefined || env.K6_PROMETHEUS_RW_PASSWORD !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${env.K6_PROMETHEUS_RW_USERNAME ?? ''}:${env.K6_PROMETHEUS_RW_PASSWORD ?? ''}`).toString('base64')}`;
  }
  return headers;
}

function parseBoolean(text: string | undefined, name: string): boolean {
  if (text === undefined || text === '') return false;
  if (/^(true|1)$/i.test(text)) return true;
  if (/^(false|0)$/i.test(text)) return false;
  throw new Error(`invalid ${name}; expected true or false, got "${text}"`);
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`invalid K6_PROMETHEUS_RW_LABELS; expected name=value pairs, got "${pair}"`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}
