import { beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import type { WsTestClient, Frame } from '../server/testing/ws-test-client.ts';
import { useRedisCluster } from './support/redis-cluster.ts';

const HOPS: [hop: string, path: string][] = [
  ['receive_validate', 'write'],
  ['validate_commit', 'write'],
  ['commit_publish', 'write'],
  ['bus_transit', 'cross'],
  ['release', 'same'],
  ['release', 'cross'],
  ['socket_first', 'same'],
  ['socket_first', 'cross'],
  ['socket_last', 'same'],
  ['socket_last', 'cross'],
];

/** The sample count of one hop series in a /metrics text (label order is prom-client's business). */
function hopCount(metrics: string, hop: string, path: string): number {
  const line = metrics
    .split('\n')
    .find(
      (l) => l.startsWith('swagboard_hop_seconds_count{') && l.includes(`hop="${hop}"`) && l.includes(`path="${path}"`),
    );
  return line ? Number(line.split(' ')[1]) : 0;
}

/** Seqs of one board's batched frames, each as it came; asserts the batch shape on the way. */
function batches(client: WsTestClient, board: string): number[][] {
  return client.frames
    .filter(
      (frame): frame is Frame & { events: { seq: number; board: string }[] } =>
        frame.type === 'events' && frame.board === board,
    )
    .map((frame) => {
      for (const event of frame.events) expect(event).not.toHaveProperty('type');
      return frame.events.map((event) => event.seq);
    });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Two replicas on one Postgres and one Redis, in-process: per-hop metrics and batched delivery. */
describe('SwagBoard fan-out: hops and batched delivery across two replicas', () => {
  const cluster = useRedisCluster();
  let a: SwagServer;
  let b: SwagServer;
  beforeAll(() => {
    ({ a, b } = cluster);
  });
  const join = (
    server: SwagServer,
    boards: string[],
    options: { batch?: boolean; since?: Record<string, number> } = {},
  ) => cluster.join(server, boards, options);
  /** Creates `count` tasks through `writer`, all sent at once, and waits for the last ack. */
  const write = async (writer: WsTestClient, board: string, count: number, tag: string) => {
    for (let i = 0; i < count; i++)
      writer.send({ type: 'task.create', ref: `${tag}${i}`, board, title: `${tag} ${i}`, column: 'todo' });
    return writer.reply(`${tag}${count - 1}`, 20_000);
  };

  it('has samples in every hop histogram after cross-node writes, and counts deliveries per socket', async () => {
    const { client: writer } = await join(a, ['hops']);
    const { client: onB } = await join(b, ['hops']);
    const { client: alsoOnB } = await join(b, ['hops']);
    expect(await write(writer, 'hops', 5, 'h')).toMatchObject({ type: 'ack', seq: 5 });
    await onB.until('hops', 5);
    await alsoOnB.until('hops', 5);
    await writer.until('hops', 5);

    const scrape = async (server: SwagServer) => (await fetch(server.metricsUrl)).text();
    const [onA, onBMetrics] = await Promise.all([scrape(a), scrape(b)]);
    const merged = `${onA}\n${onBMetrics}`;
    for (const [hop, path] of HOPS) {
      const count = hopCount(onA, hop, path) + hopCount(onBMetrics, hop, path);
      expect(count, `${hop} ${path}`).toBeGreaterThan(0);
    }
    // Once per event per replica, not per socket: B has two sockets but five cross-node events.
    expect(hopCount(onBMetrics, 'socket_last', 'cross')).toBe(5);
    expect(hopCount(onBMetrics, 'bus_transit', 'cross')).toBe(5);
    expect(hopCount(onA, 'validate_commit', 'write')).toBe(5);
    expect(merged).toMatch(/swagboard_events_delivered_total\{replica="replica-b"\} 10\b/);
    expect(merged).toMatch(/swagboard_events_delivered_total\{replica="replica-a"\} 5\b/);
  });

  it('batches events for clients that ask, in order and without gaps, through a resume; others see only event frames', async () => {
    const { client: writer } = await join(a, ['batched']);
    const { client: plain } = await join(b, ['batched']);
    const { client: first } = await join(b, ['batched'], { batch: true });

    await write(writer, 'batched', 20, 'w');
    await first.until('batched', 20);
    expect(first.seqs('batched')).toEqual(range(1, 20));
    await first.close();

    // Missed while away: replayed from Postgres on resume, in batched frames, while live ones keep coming.
    await write(writer, 'batched', 30, 'x');
    const { client: resumed, welcome } = await join(b, ['batched'], { batch: true, since: { batched: 20 } });
    expect(welcome).toMatchObject({ boards: [{ board: 'batched', seq: 50 }] });
    await write(writer, 'batched', 15, 'y');
    await resumed.until('batched', 65);
    await plain.until('batched', 65);

    expect(resumed.seqs('batched')).toEqual(range(21, 65));
    const frames = batches(resumed, 'batched');
    expect(frames.some((seqs) => seqs.length > 1)).toBe(true);
    for (const seqs of frames) expect(seqs).toEqual(range(seqs[0] as number, (seqs[0] as number) + seqs.length - 1));
    expect(plain.seqs('batched')).toEqual(range(1, 65));
    expect(plain.frames.some((frame) => frame.type === 'events')).toBe(false);

    // A resync replays again from `since`, after what was already written: each frame still ascends without gaps.
    resumed.send({ type: 'resync', board: 'batched', since: 55 });
    for (let waited = 0; resumed.seqs('batched').length < 55 && waited < 5000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await write(writer, 'batched', 5, 'z');
    await resumed.until('batched', 70);
    expect(resumed.seqs('batched')).toEqual([...range(21, 65), ...range(56, 70)]);
    for (const seqs of batches(resumed, 'batched'))
      expect(seqs).toEqual(range(seqs[0] as number, (seqs[0] as number) + seqs.length - 1));
  });

  it('replays a long absence as batched frames of a resume, then stays current', async () => {
    const { client: writer } = await join(a, ['replay']);
    await write(writer, 'replay', 40, 'r');
    const { client: late } = await join(b, ['replay'], { batch: true, since: { replay: 0 } });
    await late.until('replay', 40);
    expect(late.seqs('replay')).toEqual(range(1, 40));
    expect(batches(late, 'replay').length).toBeLessThan(40);
    writer.send({ type: 'task.create', ref: 'one-more', board: 'replay', title: 'live', column: 'todo' });
    await late.until('replay', 41);
    expect(late.seqs('replay')).toEqual(range(1, 41));
  });
});
