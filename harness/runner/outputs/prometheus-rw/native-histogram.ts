// A Prometheus native (sparse, exponential) histogram of one trend series,
// cumulative over the run: bucket i (schema s) holds values in
// (2^((i-1)/2^s), 2^(i/2^s)], values at or below the zero threshold go to the
// zero bucket, negative values mirror positive ones. Encoded as prompb's
// Histogram in write-request.ts.

/** Schema 3: 8 buckets per power of two, about 4 % relative width — fine for latencies. */
export const NATIVE_HISTOGRAM_SCHEMA = 3;
/** Prometheus' client libraries use 2^-128 as the default zero threshold. */
export const ZERO_THRESHOLD = 2 ** -128;

export interface BucketSpan {
  offset: number;
  length: number;
}

/** What a remote-write Histogram carries (integer counts, delta-encoded buckets). */
export interface HistogramPoint {
  count: number;
  sum: number;
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  negativeSpans: BucketSpan[];
  negativeDeltas: number[];
  positiveSpans: BucketSpan[];
  positiveDeltas: number[];
  timestampMs: number;
}

/** Index of the bucket holding |value| (> zero threshold) at `schema`. */
export function bucketIndex(value: number, schema = NATIVE_HISTOGRAM_SCHEMA): number {
  const scale = 2 ** schema;
  let index = Math.ceil(Math.log2(value) * scale);
  // log2 is inexact near bucket bounds; nudge so that bound(index-1) < value <= bound(index).
  if (2 ** (index / scale) < value) index += 1;
  else if (2 ** ((index - 1) / scale) >= value) index -= 1;
  return index;
}

export class NativeHistogram {
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zeroCount = 0;
  private count = 0;
  private sum = 0;

  constructor(private readonly schema = NATIVE_HISTOGRAM_SCHEMA) {}

  add(value: number): void {
    this.count += 1;
    this.sum += value;
    const magnitude = Math.abs(value);
    if (magnitude <= ZERO_THRESHOLD) {
      this.zeroCount += 1;
      return;
    }
    const buckets = value > 0 ? this.positive : this.negative;
    const index = bucketIndex(magnitude, this.schema);
    buckets.set(index, (buckets.get(index) ?? 0) + 1);
  }

  point(timestampMs: number): HistogramPoint {
    const positive = spansAndDeltas(this.positive);
    const negative = spansAndDeltas(this.negative);
    return {
      count: this.count,
      sum: this.sum,
      schema: this.schema,
      zeroThreshold: ZERO_THRESHOLD,
      zeroCount: this.zeroCount,
      negativeSpans: negative.spans,
      negativeDeltas: negative.deltas,
      positiveSpans: positive.spans,
      positiveDeltas: positive.deltas,
      timestampMs,
    };
  }
}

/**
 * Buckets as prompb wants them: spans of consecutive indices (the first
 * offset is the first index, later ones the gap since the previous span) and
 * each bucket's count as the difference from the previous bucket's.
 */
export function spansAndDeltas(buckets: ReadonlyMap<number, number>): { spans: BucketSpan[]; deltas: number[] } {
  const indices = [...buckets.keys()].sort((a, b) => a - b);
  const spans: BucketSpan[] = [];
  const deltas: number[] = [];
  let previousIndex = 0;
  let previousCount = 0;
  indices.forEach((index, i) => {
    if (i > 0 && index === previousIndex + 1) spans[spans.length - 1]!.length += 1;
    else spans.push({ offset: i === 0 ? index : index - previousIndex - 1, length: 1 });
    const count = buckets.get(index)!;
    deltas.push(count - previousCount);
    previousIndex = index;
    previousCount = count;
  });
  return { spans, deltas };
}
