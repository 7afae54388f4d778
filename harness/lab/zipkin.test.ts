import { describe, expect, it } from 'vitest';
import { zipkinReplicaEnv } from './zipkin.ts';

describe('zipkinReplicaEnv', () => {
  it("points a replica's SDK at the lab's Zipkin with the lab's sampling ratio and its own name", () => {
    expect(zipkinReplicaEnv({ traces: true, traceSampleRatio: 0.02 }, 'replica-3')).toMatchObject({
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://zipkin:9411/api/v2/spans',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.02',
      OTEL_RESOURCE_ATTRIBUTES: 'swagboard.replica=replica-3',
    });
  });

  it("sets nothing without traces, so the server's tracing stays a no-op", () => {
    expect(zipkinReplicaEnv({ traces: false, traceSampleRatio: 1 }, 'replica-1')).toEqual({});
  });
});
