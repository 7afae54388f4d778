import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import type { Env } from '../server/config.ts';
import { WsTestClient, type Frame } from '../server/testing/ws-test-client.ts';
import { startReplica } from './support/replicas.ts';
import { startPostgres, type RunningService } from './support/services.ts';

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const seqsOf = (client: WsTestClient, board: string) =>
  client.frames.filter((frame) => frame.type === 'event' && frame.board === board).map((frame) => frame.seq as number);
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Many clients on one board, and a stalled one, on one replica (auth open, no bus) with real Postgres. */
describe('SwagBoard server under load: presence bursts and slow consumers', () => {
  let postgres: RunningService;
  const servers: SwagServer[] = [];
  const clients: WsTestClient[] = [];

  const start = async (env: Env) => {
    return startReplica(
      {
        SWAGBOARD_DATABASE_URL: postgres.url,
        SWAGBOARD_BUS: 'none',
        SWAGBOARD_AUTH: 'open',
        SWAGBOARD_REPLICA: 'scale',
        SWAGBOARD_RATE_PER_SECOND: '100000',
        SWAGBOARD_RATE_BURST: '100000',
        ...env,
      },
      servers,
    );
  };

  /** Connects and says hello; the welcome may take a while on a loaded machine. */
  const join = async (server: SwagServer, user: string, boards: { board: string; since?: number }[]) => {
    const client = await WsTestClient.connect(server.url);
    clients.push(client);
    client.send({ type: 'hello', v: 1, user, boards });
    const welcome = await client.next((frame) => frame.type === 'welcome' || frame.type === 'error', 30_000);
    expect(welcome.type).toBe('welcome');
    return client;
  };

  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await Promise.all(servers.map((server) => server.close()));
    await postgres?.stop();
  });

  it('welcomes 300 clients joining one board at once, and their presence converges on all 300', async () => {
    const server = await start({});
    const names = Array.from({ length: 300 }, (_, i) => `user-${String(i).padStart(3, '0')}`);
    const startedAt = Date.now();
    const crowd: WsTestClient[] = [];
    // Fifty handshakes at a time: the point is the burst of joins on one board, not the TCP accept queue.
    for (let i = 0; i < names.length; i += 50)
      crowd.push(
        ...(await Promise.all(names.slice(i, i + 50).map((name) => join(server, name, [{ board: 'crowd' }])))),
      );
    const welcomedIn = Date.now() - startedAt;
    await until(
      () => crowd.every((client) => client.members('crowd').length === names.length),
      30_000,
      'presence converged',
    );
    for (const client of crowd) expect(client.members('crowd')).toEqual(names);

    // Full lists only as each client's first frame; the rest are deltas. With a full list per join per viewer
    // this would be about 300 × 300 / 2 lists of up to 12 KB each (hundreds of MB).
    const presenceBytes = crowd.reduce(
      (sum, client) =>
        sum +
        client.frames
          .filter((frame) => frame.type.startsWith('presence'))
          .reduce((bytes, frame) => bytes + JSON.stringify(frame).length, 0),
      0,
    );
    const fullLists = crowd.map((client) => client.frames.filter((frame) => frame.type === 'presence').length);
    expect(Math.max(...fullLists)).toBe(1);
    expect(presenceBytes).toBeLessThan(300 * 2 * 300 * 60);
    console.info(`300 joins welcomed in ${welcomedIn} ms; ${Math.round(presenceBytes / 1024)} KiB of presence in all`);
    await Promise.all(crowd.map((client) => client.close()));
  });

  it('closes a stalled client with 4008 while a fast one gets everything in order, and the stalled one resumes without loss', async () => {
    const server = await start({
      SWAGBOARD_SOFT_QUEUE_BYTES: String(32 * 1024),
      SWAGBOARD_HARD_QUEUE_BYTES: String(128 * 1024),
    });
    const board = 'stall';
    const writer = await join(server, 'writer', [{ board }]);
    const fast = await join(server, 'fast', [{ board }]);
    const slow = await join(server, 'slow', [{ board }]);
    writer.send({ type: 'task.create', ref: 'c', board, title: 'big', column: 'todo' });
    const { taskId } = await writer.reply('c', 10_000);
    await until(() => seqsOf(slow, board).includes(1), 10_000, 'slow client got the create');
    slow.pauseReading();

    const slowClosed = async () => (await server.metrics.slowConsumerDisconnects.get()).values[0]?.value === 1;
    const notes = (n: number) => `${n}:`.padEnd(4000, 'n');
    // Kernel buffers on loopback absorb a few hundred KB to a few MB before the server's queue grows; write until
    // the server gives up on the stalled client, in a closed loop of 16 commands in flight, at most 3000.
    const MAX_UPDATES = 3000;
    let sent = 0;
    let acked = 0;
    let lastSeq = 1;
    while (sent < MAX_UPDATES && !(await slowClosed())) {
      while (sent - acked < 16 && sent < MAX_UPDATES)
        writer.send({ type: 'task.update', ref: `u${++sent}`, board, taskId, notes: notes(sent) });
      const ack = await writer.reply(`u${acked + 1}`, 20_000);
      expect(ack.type).toBe('ack');
      acked += 1;
      lastSeq = ack.seq as number;
    }
    for (; acked < sent; acked++) lastSeq = (await writer.reply(`u${acked + 1}`, 20_000)).seq as number;
    expect(await slowClosed()).toBe(true);
    console.info(`slow consumer closed after ${sent} updates of 4000-character notes`);

    slow.resumeReading();
    expect((await slow.closed).code).toBe(4008);
    await until(() => seqsOf(fast, board).at(-1) === lastSeq, 20_000, 'fast client got every event');
    expect(seqsOf(fast, board)).toEqual(range(1, lastSeq));
    expect(fast.isOpen).toBe(true);

    const applied = seqsOf(slow, board);
    expect(applied).toEqual(range(1, applied.length));
    expect(applied.length).toBeLessThan(lastSeq);
    const since = applied.at(-1) as number;
    const back = await join(server, 'slow', [{ board, since }]);
    writer.send({ type: 'task.update', ref: 'after', board, taskId, title: 'after the stall' });
    const after = (await writer.reply('after', 20_000)).seq as number;
    await until(() => seqsOf(back, board).at(-1) === after, 20_000, 'resumed client caught up');
    expect(seqsOf(back, board)).toEqual(range(since + 1, after));
    const last = back.frames.filter((frame: Frame) => frame.type === 'event').at(-2) as Frame & {
      data: { task: { notes: string } };
    };
    expect(last.data.task.notes).toBe(notes(sent));
  });
});
