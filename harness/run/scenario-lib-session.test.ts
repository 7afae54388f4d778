// SwagSession (scenarios/lib/swagboard.ts) on the runner against a fake
// gateway: send → ack is timed per write, E_BOARD_BUSY is counted as refused
// (never as an error) and retried only when asked, and batched `events`
// frames feed the same path as single events (ledger, onEvent).
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { runScript } from '../runner/index.ts';

const SCRIPT = join(import.meta.dirname, '../../scenarios/lib/testdata/session-busy-batch.ts');

describe('SwagSession against a gateway that refuses once and batches', () => {
  let wss: WebSocketServer;
  let baseUrl: string;
  const hellos: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, path: '/ws' });
    wss.on('connection', (socket) => {
      const refused = new Set<string>();
      let seq = 0;
      socket.on('message', (raw) => {
        const msg = JSON.parse(String(raw)) as Record<string, unknown>;
        if (msg.type === 'hello') {
          hellos.push(msg);
          socket.send(JSON.stringify({ type: 'welcome', v: 1, replica: 'fake-1', connectionId: 'c1', boards: [{ board: 'b', seq: 0 }] }));
          return;
        }
        if (msg.type !== 'task.create') return;
        const ref = String(msg.ref);
        if (!refused.has(ref)) {
          refused.add(ref);
          socket.send(JSON.stringify({ type: 'error', ref, code: 'E_BOARD_BUSY', message: 'board busy' }));
          return;
        }
        seq += 1;
        const event = { seq, name: 'task.created', data: { title: msg.title }, origin: 'fake-1', at: Date.now(), clientTs: msg.clientTs };
        socket.send(JSON.stringify({ type: 'ack', ref, seq }));
        // A batched client gets the event in an `events` frame, repeated once to prove the ledger sees it.
        if (hellos.at(-1)?.batch === true) socket.send(JSON.stringify({ type: 'events', board: 'b', events: [event, event] }));
        else socket.send(JSON.stringify({ type: 'event', board: 'b', ...event }));
      });
    });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    baseUrl = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  });

  it('retries refused writes when asked, times each to its ack, and unbatches events', async () => {
    const outcome = await runScript({ scriptPath: SCRIPT, env: { BASE_URL: baseUrl, BATCH: '1', RETRY: '1', WRITES: '3' }, quiet: true });
    const m = outcome.summary.metrics;
    expect(outcome.exitCode).toBe(0);
    expect(hellos.at(-1)?.batch).toBe(true);
    expect(m.swag_writes_refused?.values.count).toBe(3);
    expect(m.t_refused_retrying?.values.count).toBe(3);
    expect(m.t_errors).toBeUndefined();
    expect(m.swag_ack_latency?.values.count).toBe(3);
    expect(m.swag_ack_latency?.values.min).toBeGreaterThanOrEqual(10 * 0.5); // at least the jittered retry delay
    // 3 events, each delivered twice in its batch: 3 new, 3 duplicates by the ledger.
    expect(m.t_events?.values.count).toBe(6);
    expect([m['t_events{kind:new}']?.values.count, m['t_events{kind:duplicate}']?.values.count]).toEqual([3, 3]);
  });

  it('without retry, a refused write is settled as refused: no ack, no error, no batch asked', async () => {
    const outcome = await runScript({ scriptPath: SCRIPT, env: { BASE_URL: baseUrl, WRITES: '2' }, quiet: true });
    const m = outcome.summary.metrics;
    expect(hellos.at(-1)?.batch).toBeUndefined();
    expect(m.swag_writes_refused?.values.count).toBe(2);
    expect(m.t_refused_retrying).toBeUndefined();
    expect(m.t_errors).toBeUndefined();
    expect(m.swag_ack_latency).toBeUndefined();
  });
});
