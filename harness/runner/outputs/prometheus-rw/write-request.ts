// Prometheus remote-write 1.0 payload: a protobuf WriteRequest, snappy
// block-compressed. Field numbers from prompb (remote.proto / types.proto):
//   WriteRequest { repeated TimeSeries timeseries = 1; }
//   TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
//   Label        { string name = 1; string value = 2; }
//   Sample       { double value = 1; int64 timestamp = 2; }   // ms since epoch
import snappy from 'snappyjs';
import { ProtobufWriter } from './protobuf-writer.ts';

export interface TimeSeries {
  /** Must include `__name__`. */
  labels: Record<string, string>;
  samples: Array<{ value: number; timestampMs: number }>;
}

export function encodeWriteRequest(series: readonly TimeSeries[]): Uint8Array {
  const request = new ProtobufWriter();
  for (const one of series) {
    const ts = new ProtobufWriter();
    // The spec asks for labels sorted by name.
    for (const name of Object.keys(one.labels).sort()) {
      ts.bytes(1, new ProtobufWriter().string(1, name).string(2, one.labels[name] as string).finish());
    }
    for (const sample of one.samples) {
      ts.bytes(2, new ProtobufWriter().double(1, sample.value).int64(2, Math.round(sample.timestampMs)).finish());
    }
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
