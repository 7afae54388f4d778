// Synthetic swagboard_hop_seconds buckets (the Prometheus answer to
// `sum by (le, hop, path) (increase(…_bucket[w]))`) until the server has the
// real histogram. Each hop puts half its observations at one bucket bound and
// the rest in the next bucket, so its p50 is that bound and its p99 lies 98 %
// of the way into the next bucket.

/** Bucket bounds of swagboard_hop_seconds (CONTRACTS.md), seconds. */
export const HOP_BUCKETS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

const SYNTHETIC: Array<{ hop: string; path: string; p50Bound: number; count: number }> = [
  { hop: 'receive_validate', path: 'write', p50Bound: 0.00005, count: 100 },
  { hop: 'validate_commit', path: 'write', p50Bound: 0.0025, count: 100 },
  { hop: 'commit_publish', path: 'write', p50Bound: 0.00025, count: 100 },
  { hop: 'bus_transit', path: 'cross', p50Bound: 0.0005, count: 200 },
  { hop: 'release', path: 'same', p50Bound: 0.00005, count: 100 },
  { hop: 'release', path: 'cross', p50Bound: 0.0001, count: 200 },
  { hop: 'socket_first', path: 'same', p50Bound: 0.00005, count: 100 },
  { hop: 'socket_last', path: 'same', p50Bound: 0.0005, count: 100 },
  { hop: 'socket_first', path: 'cross', p50Bound: 0.00005, count: 200 },
  { hop: 'socket_last', path: 'cross', p50Bound: 0.0005, count: 200 },
];

export function syntheticHopSamples(): Array<{ labels: Record<string, string>; value: number }> {
  return SYNTHETIC.flatMap(({ hop, path, p50Bound, count }) =>
    [...HOP_BUCKETS, Infinity].map((le) => ({
      labels: { hop, path, le: Number.isFinite(le) ? String(le) : '+Inf' },
      value: le < p50Bound ? 0 : le === p50Bound ? count / 2 : count,
    })),
  );
}
