import { describe, expect, it } from 'vitest';
import { FAULT_ACTIVE_METRIC } from '../../dashboards/fault-series.ts';
import { faultSample, FaultSeriesWriter } from './fault-series-writer.ts';

const on = { action: 'latency', target: 'replica-2.bus', step: 1, active: true, at: 1_000 };

describe('faultSample', () => {
  it('is the gauge the dashboards annotate from: 1 while active, 0 after, with fault, target, step and the run labels', () => {
    expect(faultSample(on, { run_id: 'r1' })).toEqual({
      labels: { run_id: 'r1', __name__: FAULT_ACTIVE_METRIC, fault: 'latency', target: 'replica-2.bus', step: '1' },
      samples: [{ value: 1, timestampMs: 1_000 }],
    });
    expect(faultSample({ ...on, active: false, at: 2_000 }).samples).toEqual([{ value: 0, timestampMs: 2_000 }]);
  });

  it('cannot be renamed by the run labels', () => {
    expect(faultSample(on, { __name__: 'other', fault: 'x' }).labels).toMatchObject({
      __name__: FAULT_ACTIVE_METRIC,
      fault: 'latency',
    });
  });
});

describe('FaultSeriesWriter', () => {
  it('pushes one request per transition, in the order recorded, and counts failures without throwing', async () => {
    const order: number[] = [];
    const encodings: string[] = [];
    let call = 0;
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      const mine = ++call;
      // The first push is slow: the second must still wait for it (samples of a series go oldest first).
      if (mine === 1) await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(mine);
      encodings.push((init.headers as Record<string, string>)['Content-Encoding'] ?? '');
      return mine === 3 ? new Response('out of order sample', { status: 400 }) : new Response(null, { status: 204 });
    }) as unknown as typeof fetch;
    const logs: string[] = [];
    const writer = new FaultSeriesWriter(
      'http://prometheus/api/v1/write',
      {},
      { fetch: fakeFetch, log: (l) => logs.push(l) },
    );
    writer.record(on);
    writer.record({ ...on, active: false, at: 2_000 });
    writer.record({ ...on, step: 2, at: 3_000 });
    expect(await writer.flush()).toEqual({ written: 2, failures: 1, lastError: 'HTTP 400: out of order sample' });
    expect(order).toEqual([1, 2, 3]);
    expect(encodings).toEqual(['snappy', 'snappy', 'snappy']);
    expect(logs).toHaveLength(1);
  });
});
