import type { Tags } from './types.ts';

/** A threshold key like `latency{path:cross,status:200}` split into metric and tag filter. */
export interface MetricKey {
  /** The key exactly as written; submetrics are reported under it. */
  key: string;
  metric: string;
  filter: Tags | undefined;
}

export function parseMetricKey(key: string): MetricKey {
  const open = key.indexOf('{');
  if (open < 0) return { key, metric: key.trim(), filter: undefined };
  if (!key.trimEnd().endsWith('}'))
    throw new Error(`invalid metric key "${key}"; expected e.g. "http_req_duration{status:200}"`);
  const metric = key.slice(0, open).trim();
  const body = key.slice(open + 1, key.trimEnd().length - 1).trim();
  const filter: Tags = {};
  if (body !== '') {
    for (const pair of body.split(',')) {
      const colon = pair.indexOf(':');
      if (colon <= 0)
        throw new Error(`invalid tag filter "${pair.trim()}" in metric key "${key}"; expected "tag:value"`);
      filter[unquote(pair.slice(0, colon))] = unquote(pair.slice(colon + 1));
    }
  }
  if (metric === '') throw new Error(`invalid metric key "${key}": missing metric name`);
  return { key, metric, filter };
}

export function matchesFilter(tags: Tags, filter: Tags): boolean {
  for (const k in filter) if (tags[k] !== filter[k]) return false;
  return true;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(["'`]).*\1$/.test(t) ? t.slice(1, -1) : t;
}
