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
    expect(() => parseLabSpec({ serverEnv: { PATH: '/x' } })).toThrow(
      /serverEnv.PATH: server settings are SWAGBOARD_\* variables/,
    );
  });

  it('accepts direct links by name or glob, and names the valid links for one that matches none', () => {
    expect(parseLabSpec({ directLinks: ['client.edge', 'replica-*.bus'] }).directLinks).toEqual([
      'client.edge',
      'replica-*.bus',
    ]);
    expect(() => parseLabSpec({ replicas: 1, directLinks: ['replica-2.bus'] })).toThrow(
      /invalid lab spec; directLinks: expected link names or globs .* matching one of client.edge, client.slow, replica-1.http, replica-1.bus, replica-1.postgres; got "replica-2.bus"/,
    );
  });

  it('rejects unknown fields', () => {
    expect(() => parseLabSpec({ replica: 3 } as never)).toThrow(/invalid lab spec/);
  });
});
