import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_SAMPLE_RATIO, parseLabSpec } from './lab-spec.ts';

describe('parseLabSpec', () => {
  it('fills sane defaults', () => {
    expect(parseLabSpec({})).toMatchObject({ replicas: 2, bus: 'redis', balance: 'leastconn', lifetime: 'ephemeral' });
  });

  it('traces a small share of requests into Zipkin unless told otherwise', () => {
    expect(parseLabSpec({})).toMatchObject({ traces: true, traceSampleRatio: DEFAULT_TRACE_SAMPLE_RATIO });
    expect(DEFAULT_TRACE_SAMPLE_RATIO).toBeLessThanOrEqual(0.05);
    expect(parseLabSpec({ traces: false, traceSampleRatio: 1 })).toMatchObject({ traces: false, traceSampleRatio: 1 });
    expect(() => parseLabSpec({ traceSampleRatio: 5 })).toThrow(/traceSampleRatio: .*1.*got 5/);
  });

  it('names the field, the expectation and the value', () => {
    expect(() => parseLabSpec({ replicas: 40 })).toThrow(/invalid lab spec; replicas: .*32.*got 40/);
    expect(() => parseLabSpec({ bus: 'kafka' as 'redis' })).toThrow(/bus: .*"redis".*"nats".*got "kafka"/);
    expect(() => parseLabSpec({ serverEnv: { PATH: '/x' } })).toThrow(/serverEnv.PATH: server settings are SWAGBOARD_\* variables/);
  });

  it('rejects unknown fields', () => {
    expect(() => parseLabSpec({ replica: 3 } as never)).toThrow(/invalid lab spec/);
  });
});
