// Prometheus remote-write 1.0 payload: a protobuf WriteRequest, snappy
// block-compressed. Field numbers from prompb (remote.proto / types.proto):
//   WriteRequest { repeated TimeSeries timeseries = 1; }
//   TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
//   Label        { string name = 1; string value = 2; }
//   Sample       { double value = 1; int64 timestamp = 2; }   // ms since epoch
//   TimeSeries.histograms = 4: Histogram { uint64 count_int = 1; double sum = 3;
//     sint32 schema = 4; double zero_threshold = 5; uint64 zero_count_int = 6;
//     repeated BucketSpan negative_spans = 8; repeated sint64 negative_deltas = 9;
//     repeated BucketSpan positive_spans = 11; repeated sint64 positive_deltas = 12;
//     int64 timestamp = 15; }   BucketSpan { sint32 offset = 1; uint32 length = 2; }
import snappy from 'snappyjs';
import type { BucketSpan, HistogramPoint } from './native-histogram.ts';
import { ProtobufWriter } from './protobuf-writer.ts';

export interface TimeSeries {
  /** Must include `__name__`. */
  labels: Record<string, string>;
  /** `stale`: Prometheus' stale marker (a NaN with a set payload) instead of `value`: the series ends here. */
  samples: Array<{ value: number; timestampMs: number; stale?: true }>;
  /** Native histograms (Prometheus needs --enable-feature=native-histograms). */
  histograms?: HistogramPoint[];
}

/** Prometheus' StaleNaN, 0x7ff0000000000002. */
const STALE_NAN_HIGH = 0x7ff00000;
const STALE_NAN_LOW = 0x00000002;

function encodeSpan(span: BucketSpan): Uint8Array {
  return new ProtobufWriter().sint(1, span.offset).uint(2, span.length).finish();
}

function encodeHistogram(h: HistogramPoint): Uint8Array {
  const w = new ProtobufWriter()
    .uint(1, h.count)
    .double(3, h.sum)
    .sint(4, h.schema)
    .double(5, h.zeroThreshold)
    .uint(6, h.zeroCount);
  for (const span of h.negativeSpans) w.bytes(8, encodeSpan(span));
  w.packedSint(9, h.negativeDeltas);
  for (const span of h.positiveSpans) w.bytes(11, encodeSpan(span));
  w.packedSint(12, h.positiveDeltas);
  return w.int64(15, Math.round(h.timestampMs)).finish();
}

export function encodeWriteRequest(series: readonly TimeSeries[]): Uint8Array {
  const request = new ProtobufWriter();
  for (const one of series) {
    const ts = new ProtobufWriter();
    // The spec asks for labels sorted by name.
    for (const name of Object.keys(one.labels).sort()) {
      ts.bytes(
        1,
        new ProtobufWriter()
          .string(1, name)
          .string(2, one.labels[name] as string)
          .finish(),
      );
    }
    for (const sample of one.samples) {
      const value = new ProtobufWriter();
      if (sample.stale) value.doubleBits(1, STALE_NAN_HIGH, STALE_NAN_LOW);
      else value.double(1, sample.value);
      ts.bytes(2, value.int64(2, Math.round(sample.timestampMs)).finish());
    }
    for (const histogram of one.histograms ?? []) ts.bytes(4, encodeHistogram(histogram));
    request.bytes(1, ts.finish());
  }
  return request.finish();
}

/** The HTTP body and headers for POST <prometheus>/api/v1/write. */
export function remoteWriteBody(series: readonly TimeSeries[]): { body: Uint8Array; headers: Record<string, string> } {
  return {
    body: new Uint8Array(snappy.compress(encodeWriteRequest(series))),
    headers: {
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    },
  };
}
