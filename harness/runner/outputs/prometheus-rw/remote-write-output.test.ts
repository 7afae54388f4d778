import snappy from 'snappyjs';
import { describe, expect, it } from 'vitest';
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
      { url: 'http://127.0.0.1:1/api/v1/write', pushIntervalMs: 1000, trendStats: ['max'], labels: { run_id: 'x' }, nativeHistograms: false, headers: { Authorization: 'Bearer t' } },
      { fetch: fakeFetch, now: () => 5000, log: (m) => logs.push(m) },
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
});
