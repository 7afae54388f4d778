import snappy from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../fake-clock.ts';
import { RemoteWriteOutput } from './remote-write-output.ts';

describe('RemoteWriteOutput', () => {
  it('posts snappy protobuf, sends only changed series, re-sends what a failed push lost, counts failures without throwing', async () => {
    const bodies: Uint8Array[] = [];
    const headers: Array<Record<string, string>> = [];
    let fail = false;
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      bodies.push(init.body as Uint8Array);
      headers.push(init.headers as Record<string, string>);
      return fail ? new Response('nope', { status: 500 }) : new Response(null, { status: 204 });
    }) as typeof fetch;
    const logs: string[] = [];
    const output = new RemoteWriteOutput(
      {
        url: 'http://127.0.0.1:1/api/v1/write',
        pushIntervalMs: 1000,
        trendStats: ['max'],
        labels: { run_id: 'x' },
        nativeHistograms: false,
        headers: { Authorization: 'Bearer t' },
      },
      { fetch: fakeFetch, clock: new FakeClock(5000), log: (m) => logs.push(m) },
    );
    output.onSample({ metric: 'vus', type: 'gauge', contains: 'default', value: 2, tags: {}, time: 0 });
    await output.flush();
    await output.flush(); // nothing new: no request at all
    expect(bodies).toHaveLength(1);
    output.onSample({ metric: 'vus', type: 'gauge', contains: 'default', value: 3, tags: {}, time: 0 });
    fail = true;
    await output.flush();
    await output.flush(); // the failed series is retried
    fail = false;
    const stats = await output.stop();
    expect(stats).toMatchObject({ pushes: 2, failures: 2, seriesSent: 2 });
    expect(bodies).toHaveLength(4);
    expect(logs).toHaveLength(1);
    expect(headers[0]).toMatchObject({ Authorization: 'Bearer t', 'Content-Encoding': 'snappy' });
    expect(snappy.uncompress(bodies[0]!).byteLength).toBeGreaterThan(10);
  });

  it('pushes once per interval on its clock once started, and not after stop()', async () => {
    let pushes = 0;
    const countingFetch = (async () => (pushes++, new Response(null, { status: 204 }))) as typeof fetch;
    const clock = new FakeClock(10_000);
    const output = new RemoteWriteOutput(
      {
        url: 'http://127.0.0.1:1/api/v1/write',
        pushIntervalMs: 5000,
        trendStats: ['max'],
        labels: {},
        nativeHistograms: false,
      },
      { fetch: countingFetch, clock },
    );
    const gauge = (value: number) =>
      output.onSample({ metric: 'vus', type: 'gauge', contains: 'default', value, tags: {}, time: 0 });
    const settled = () => new Promise((resolve) => setImmediate(resolve)); // the push a tick started has answered
    output.start();
    gauge(1);
    clock.advance(4999);
    await settled();
    expect(pushes).toBe(0);
    clock.advance(1);
    await settled();
    expect(pushes).toBe(1);
    gauge(2);
    clock.advance(10_000);
    await settled();
    expect(pushes).toBe(2); // two ticks, but only the first had a change to send
    await output.stop();
    gauge(3);
    clock.advance(10_000);
    await settled();
    expect(pushes).toBe(2);
    expect(clock.pendingTimers).toBe(0);
  });
});
