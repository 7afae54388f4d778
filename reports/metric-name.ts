// k6 names a submetric after its parent plus the tag filter that selects it,
// e.g. `swag_broadcast_latency{path:cross}`. Reports group and compare
// submetrics by those tags, so the name is parsed once here.

export interface MetricName {
  /** The full name as it appears in the summary. */
  full: string;
  /** The parent metric, e.g. `swag_broadcast_latency`. */
  base: string;
  /** Tag filters of a submetric; empty for the parent metric. */
  tags: Record<string, string>;
}

export function parseMetricName(full: string): MetricName {
  const open = full.indexOf('{');
  if (open < 0 || !full.endsWith('}')) return { full, base: full, tags: {} };
  const tags: Record<string, string> = {};
  for (const part of full.slice(open + 1, -1).split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    tags[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
  }
  return { full, base: full.slice(0, open), tags };
}
