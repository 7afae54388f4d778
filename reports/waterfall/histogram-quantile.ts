// Quantiles from cumulative histogram buckets, the way Prometheus'
// histogram_quantile() estimates them (linear within the bucket the rank falls
// in), so the waterfall's figures match what a dashboard shows for the same
// buckets. Computed here rather than by Prometheus so one query returns the
// buckets of every hop, and the arithmetic is tested without a server.

export interface CumulativeBucket {
  /** Upper bound in seconds; Infinity for the +Inf bucket. */
  le: number;
  /** Observations ≤ le (increase() may make it fractional). */
  count: number;
}

/** Total observations: the +Inf bucket, else the largest count. */
export function observationCount(buckets: readonly CumulativeBucket[]): number {
  return Math.max(0, ...buckets.map((b) => b.count));
}

/** q in [0, 1] → seconds; undefined without observations. A rank in the +Inf bucket yields the highest finite bound. */
export function histogramQuantile(q: number, buckets: readonly CumulativeBucket[]): number | undefined {
  const sorted = [...buckets].filter((b) => Number.isFinite(b.count)).sort((a, b) => a.le - b.le);
  // increase() extrapolates each bucket on its own, which can break monotonicity slightly.
  let running = 0;
  const cumulative = sorted.map((b) => ({ le: b.le, count: (running = Math.max(running, b.count)) }));
  const total = cumulative.at(-1)?.count ?? 0;
  if (total <= 0) return undefined;
  const rank = Math.min(Math.max(q, 0), 1) * total;
  for (let i = 0; i < cumulative.length; i++) {
    const bucket = cumulative[i] as CumulativeBucket;
    if (bucket.count < rank) continue;
    const below = i > 0 ? (cumulative[i - 1] as CumulativeBucket) : { le: 0, count: 0 };
    if (!Number.isFinite(bucket.le)) return Number.isFinite(below.le) ? below.le : undefined;
    if (i === 0 && bucket.le <= 0) return bucket.le;
    const inBucket = bucket.count - below.count;
    if (inBucket <= 0) return bucket.le;
    return below.le + (bucket.le - below.le) * ((rank - below.count) / inBucket);
  }
  return cumulative.at(-1)?.le;
}
