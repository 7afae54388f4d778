import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import { WsTestClient } from '../server/testing/ws-test-client.ts';
import { startReplica } from './support/replicas.ts';
import { startNats, startPostgres, type RunningService } from './support/services.ts';

describe('SwagBoard server: two replicas on one NATS', () => {
  let postgres: RunningService;
  let nats: RunningService;
  const servers: SwagServer[] = [];
  const clients: WsTestClient[] = [];

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
    for (const replica of ['nats-a', 'nats-b']) {
      await startReplica(
        {
          SWAGBOARD_DATABASE_URL: postgres.url,
          SWAGBOARD_AUTH: 'open',
          SWAGBOARD_BUS: 'nats',
          SWAGBOARD_NATS_URL: nats.url,
          SWAGBOARD_REPLICA: replica,
        },
        servers,
      );
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([postgres?.stop(), nats?.stop()]);
  });

  it('delivers events written on either replica to both, once each', async () => {
    const [a, b] = servers as [SwagServer, SwagServer];
    const onA = (await WsTestClient.join(a.url, ['nats-board'])).client;
    const onB = (await WsTestClient.join(b.url, ['nats-board'])).client;
    clients.push(onA, onB);
    onA.send({ type: 'task.create', ref: 'a1', board: 'nats-board', title: 'from A', column: 'todo' });
    expect(await onA.reply('a1')).toMatchObject({ type: 'ack', seq: 1 });
    onB.send({ type: 'task.create', ref: 'b1', board: 'nats-board', title: 'from B', column: 'todo' });
    expect(await onB.reply('b1')).toMatchObject({ type: 'ack', seq: 2 });
    for (const client of [onA, onB]) {
      expect(await client.event('nats-board', 1)).toMatchObject({ origin: 'nats-a' });
      expect(await client.event('nats-board', 2)).toMatchObject({ origin: 'nats-b' });
    }
    const health = await (await fetch(`${b.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', checks: { postgres: 'ok', bus: 'ok' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...onA.frames, ...onB.frames].filter((frame) => frame.type === 'event')).toEqual([]);
  });
});
