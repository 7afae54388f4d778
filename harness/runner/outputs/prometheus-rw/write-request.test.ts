import protobuf from 'protobufjs';
import snappy from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { encodeWriteRequest, remoteWriteBody, type TimeSeries } from './write-request.ts';

// An independent decoder (protobufjs, present as an OpenTelemetry dependency) built from prompb's schema.
const root = protobuf.parse(`
syntax = "proto3";
message WriteRequest { repeated TimeSeries timeseries = 1; }
message TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; repeated Histogram histograms = 4; }
message BucketSpan { sint32 offset = 1; uint32 length = 2; }
message Histogram {
  oneof count { uint64 count_int = 1; double count_float = 2; }
  double sum = 3; sint32 schema = 4; double zero_threshold = 5;
  oneof zero_count { uint64 zero_count_int = 6; double zero_count_float = 7; }
  repeated BucketSpan negative_spans = 8; repeated sint64 negative_deltas = 9; repeated double negative_counts = 10;
  repeated BucketSpan positive_spans = 11; repeated sint64 positive_deltas = 12; repeated double positive_counts = 13;
  int32 reset_hint = 14; int64 timestamp = 15;
}
message Label { string name = 1; string value = 2; }
message Sample { double value = 1; int64 timestamp = 2; }
`).root;
const WriteRequest = root.lookupType('WriteRequest');

const series: TimeSeries[] = [
  {
    labels: { __name__: 'k6_vus', run_id: 'r1', scenario: 'default' },
    samples: [{ value: 3, timestampMs: 1764180000123 }],
  },
  {
    labels: { __name__: 'k6_latency_p99', path: 'cross' },
    samples: [
      { value: 0.0125, timestampMs: 1764180001000 },
      { value: 1e-9, timestampMs: 1764180002000 },
    ],
  },
];

describe('encodeWriteRequest', () => {
  it('decodes as prompb WriteRequest with sorted labels, doubles and ms timestamps', () => {
    const decoded = WriteRequest.toObject(WriteRequest.decode(encodeWriteRequest(series)), { longs: Number }) as {
      timeseries: Array<{
        labels: Array<{ name: string; value: string }>;
        samples: Array<{ value: number; timestamp: number }>;
      }>;
    };
    expect(decoded.timeseries).toHaveLength(2);
    expect(decoded.timeseries[0]!.labels.map((l) => l.name)).toEqual(['__name__', 'run_id', 'scenario']);
    expect(decoded.timeseries[0]!.samples).toEqual([{ value: 3, timestamp: 1764180000123 }]);
    expect(decoded.timeseries[1]!.samples[1]).toEqual({ value: 1e-9, timestamp: 1764180002000 });
  });

  it('handles non-ASCII label values and empty requests', () => {
    const bytes = encodeWriteRequest([
      { labels: { __name__: 'x', check: 'größer → 0' }, samples: [{ value: 1, timestampMs: 1 }] },
    ]);
    const decoded = WriteRequest.toObject(WriteRequest.decode(bytes)) as {
      timeseries: Array<{ labels: Array<{ value: string }> }>;
    };
    expect(decoded.timeseries[0]!.labels[1]!.value).toBe('größer → 0');
    expect(encodeWriteRequest([])).toHaveLength(0);
  });

  it('encodes native histograms as prompb Histogram: zigzag schema and offsets, packed deltas', () => {
    const bytes = encodeWriteRequest([
      {
        labels: { __name__: 'k6_latency_seconds' },
        samples: [],
        histograms: [
          {
            count: 7,
            sum: 1.5,
            schema: 3,
            zeroThreshold: 2 ** -128,
            zeroCount: 1,
            negativeSpans: [{ offset: 2, length: 1 }],
            negativeDeltas: [1],
            positiveSpans: [
              { offset: -30, length: 2 },
              { offset: 1, length: 1 },
            ],
            positiveDeltas: [2, 1, -2],
            timestampMs: 1764180000123,
          },
        ],
      },
    ]);
    const decoded = WriteRequest.toObject(WriteRequest.decode(bytes), { longs: Number, oneofs: true }) as {
      timeseries: Array<{ histograms: Array<Record<string, unknown>> }>;
    };
    expect(decoded.timeseries[0]!.histograms[0]).toMatchObject({
      countInt: 7,
      sum: 1.5,
      schema: 3,
      zeroThreshold: 2 ** -128,
      zeroCountInt: 1,
      negativeSpans: [{ offset: 2, length: 1 }],
      negativeDeltas: [1],
      positiveSpans: [
        { offset: -30, length: 2 },
        { offset: 1, length: 1 },
      ],
      positiveDeltas: [2, 1, -2],
      timestamp: 1764180000123,
    });
  });

  it("writes a stale sample as Prometheus' StaleNaN bits 0x7ff0000000000002", () => {
    const bytes = Buffer.from(
      encodeWriteRequest([{ labels: { __name__: 'x' }, samples: [{ value: 0, timestampMs: 1, stale: true }] }]),
    );
    expect(bytes.includes(Buffer.from([0x09, 0x02, 0, 0, 0, 0, 0, 0xf0, 0x7f]))).toBe(true); // field 1, fixed64, little-endian
  });

  it('snappy-compresses the body and sets the remote-write headers', () => {
    const { body, headers } = remoteWriteBody(series);
    expect(headers['Content-Encoding']).toBe('snappy');
    expect(headers['X-Prometheus-Remote-Write-Version']).toBe('0.1.0');
    expect(Buffer.from(snappy.uncompress(body))).toEqual(Buffer.from(encodeWriteRequest(series)));
  });
});
