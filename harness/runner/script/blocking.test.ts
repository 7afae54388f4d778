import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../run-script.ts';

const data = (name: string) => join(import.meta.dirname, '..', 'testdata', name);

describe('blocking calls block the calling VU only', () => {
  let server: Server;
  let url: string;
  let inFlight = 0;
  let maxInFlight = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end(req.url?.startsWith('/slow') ? 'slow' : 'ok');
      }, 500);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('a bare sleep(1) pauses its VU for ~1 s while another VU’s 50 ms interval keeps ticking', async () => {
    const outcome = await runScript({ scriptPath: data('sleep-vs-interval.js'), quiet: true });
    const m = outcome.summary.metrics;
    expect(outcome.exitCode).toBe(0);
    expect(m.slept?.values.min).toBeGreaterThanOrEqual(995);
    expect(m.slept?.values.max).toBeLessThan(1600);
    expect(m.tick_gap?.values.count).toBe(24);
    // On time: no gap near the sleep's length (the old runner stalled up to 1.03 s);
    // the margins allow for this shared machine's scheduling under load.
    expect(m.tick_gap?.values.max).toBeLessThan(600);
    expect(m.tick_gap?.values.avg).toBeLessThan(120);
  });

  it('three VUs doing a blocking http.get have three requests in flight at once', async () => {
    maxInFlight = 0;
    const started = Date.now();
    const outcome = await runScript({ scriptPath: data('blocking-http.js'), env: { URL: url }, quiet: true });
    const m = outcome.summary.metrics;
    expect(outcome.exitCode).toBe(0);
    expect(maxInFlight).toBe(3);
    expect(m.http_reqs?.values.count).toBe(3);
    expect(m.checks?.values.rate).toBe(1);
    expect(m.http_req_duration?.values.min).toBeGreaterThanOrEqual(490);
    // The group waited for its request: its duration includes the 500 ms.
    expect(m.group_duration?.values.min).toBeGreaterThanOrEqual(490);
    expect(m.iteration_duration?.values.min).toBeGreaterThanOrEqual(590);
    expect(Date.now() - started).toBeLessThan(1500 + 1000);
  });

  it('array forEach/map/filter/some with a blocking callback run one element at a time', async () => {
    const outcome = await runScript({ scriptPath: data('blocking-array.js'), quiet: true });
    const m = outcome.summary.metrics;
    expect(outcome.exitCode).toBe(0);
    expect(outcome.summary.root_group.checks.map((c) => [c.name, c.passes, c.fails])).toEqual([
      ['map results in order', 1, 0],
      ['filter kept the matches', 1, 0],
      ['some stopped at the first match', 1, 0],
      ['forEach waited for each', 1, 0],
    ]);
    // 2 × 0.1 (map) + 3 × 0.05 (filter) + 2 × 0.05 (some, stops early) + 2 × 0.05 (forEach) = 0.55 s
    expect(m.iteration_duration?.values.min).toBeGreaterThanOrEqual(540);
  });

  it('blocking callbacks passed through the script’s own helpers are awaited there', async () => {
    const outcome = await runScript({ scriptPath: data('blocking-helpers.js'), quiet: true });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.summary.root_group.checks.map((c) => [c.name, c.passes, c.fails])).toEqual([
      ['step waited for its group and got its value', 1, 0],
      ['twice waited for both calls', 1, 0],
      ['a then() callback blocks and its value flows on', 1, 0],
    ]);
  });

  it.each([
    [
      'inMapForEach',
      /a callback \([\w/.-]*testdata\/blocking-misuse\.js:14\) waits for sleep\(\).*called where its caller will not wait/,
    ],
    ['inGetter', /http\.get\(\) cannot block this VU here/],
    ['stored', /sleep\(\) cannot pause this VU here/],
    ['groupViaVariable', /group\(\) call is reached in a way the runner cannot see/],
  ])('fails loudly where it cannot make the VU wait: %s', async (name, message) => {
    const errors: string[] = [];
    const outcome = await runScript({
      scriptPath: data('blocking-misuse.js'),
      env: { URL: url, CASE: name },
      quiet: true,
      onLog: (level, text) => level === 'error' && errors.push(text),
    });
    expect(outcome.exitCode).toBe(0); // as in k6, a failed iteration is logged, not fatal
    expect(errors.join('\n')).toMatch(message);
  });
});
