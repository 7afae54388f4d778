import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import type { BoardEvent } from '../server/board/board-event.ts';
import type { Task } from '../server/board/task.ts';
import { BoardModel } from '../server/page/board-model.ts';
import { WsTestClient, type Frame } from '../server/testing/ws-test-client.ts';
import { startReplica } from './support/replicas.ts';
import { startPostgres, type RunningService } from './support/services.ts';

const COLUMNS = ['todo', 'doing', 'done'];

/** A small deterministic generator, so a failing mix can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function histogram(server: SwagServer): Promise<{ count: number; sum: number; committed: number }> {
  const values = (await server.metrics.commitBatchSize.get()).values;
  const committed = (await server.metrics.changesCommitted.get()).values[0]?.value ?? 0;
  return {
    count: values.find((v) => v.metricName === 'swagboard_commit_batch_size_count')?.value ?? 0,
    sum: values.find((v) => v.metricName === 'swagboard_commit_batch_size_sum')?.value ?? 0,
    committed,
  };
}

/** Group commit and bounded admission, through two in-process replicas on one real Postgres. */
describe('SwagBoard server: group commit per board, bounded admission (two replicas, one Postgres)', () => {
  let postgres: RunningService;
  let db: pg.Pool;
  const servers: SwagServer[] = [];
  const clients: WsTestClient[] = [];

  const start = (replica: string, env: Record<string, string> = {}) =>
    startReplica(
      {
        SWAGBOARD_DATABASE_URL: postgres.url,
        SWAGBOARD_AUTH: 'open',
        SWAGBOARD_BUS: 'none',
        SWAGBOARD_REPLICA: replica,
        SWAGBOARD_RATE_PER_SECOND: '10000',
        SWAGBOARD_RATE_BURST: '10000',
        ...env,
      },
      servers,
    );
  const join = async (server: SwagServer, board: string) => {
    const { client } = await WsTestClient.join(server.url, [board]);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    postgres = await startPostgres();
    db = new pg.Pool({ connectionString: postgres.url, max: 3 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(servers.map((server) => server.close()));
    await db?.end();
    await postgres?.stop();
  });

  it('concurrent creates, moves and deletes on two replicas: every ack has its event once, seqs have no gaps, positions stay 0..n-1', async () => {
    const [a, b] = await Promise.all([start('gc-a'), start('gc-b')]);
    const board = 'group-commit';
    const writers = await Promise.all(Array.from({ length: 24 }, (_, i) => join(i % 2 === 0 ? a : b, board)));
    const known: string[] = [];
    const acks: { op: string; seq: number; taskId: string }[] = [];
    const errors: Frame[] = [];
    const next = random(9);
    const pick = () => known[Math.floor(next() * known.length)] as string;

    await Promise.all(
      writers.map(async (client, w) => {
        for (let n = 0; n < 25; n++) {
          const ref = `w${w}-${n}`;
          const roll = next();
          let frame: Record<string, unknown>;
          if (known.length < 4 || roll < 0.5)
            frame = { type: 'task.create', title: ref, column: COLUMNS[Math.floor(next() * 3)] };
          else if (roll < 0.85)
            frame = {
              type: 'task.move',
              taskId: pick(),
              column: COLUMNS[Math.floor(next() * 3)],
              ...(next() < 0.7 ? { position: Math.floor(next() * 6) } : {}),
            };
          else frame = { type: 'task.delete', taskId: pick() };
          client.send({ ...frame, ref, board });
          const reply = await client.reply(ref, 20_000);
          if (reply.type === 'error') {
            errors.push(reply);
            continue;
          }
          acks.push({ op: frame.type as string, seq: reply.seq as number, taskId: reply.taskId as string });
          if (frame.type === 'task.create') known.push(reply.taskId as string);
          if (frame.type === 'task.delete') known.splice(known.indexOf(reply.taskId as string), 1);
        }
      }),
    );

    // Only moves and deletes of a task another writer deleted meanwhile may fail, each alone in its batch.
    expect(new Set(errors.map((error) => error.code))).toEqual(
      errors.length > 0 ? new Set(['E_TASK_NOT_FOUND']) : new Set(),
    );
    expect(acks.length + errors.length).toBe(24 * 25);
    const seqs = acks.map((ack) => ack.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: acks.length }, (_, i) => i + 1));

    const {
      rows: [boardRow],
    } = await db.query<{ seq: string }>('SELECT seq FROM boards WHERE id = $1', [board]);
    expect(Number(boardRow?.seq)).toBe(acks.length);
    const { rows: events } = await db.query<{
      seq: string;
      name: BoardEvent['name'];
      data: BoardEvent['data'];
      task_id: string;
    }>('SELECT seq, name, data, task_id FROM events WHERE board_id = $1 ORDER BY seq', [board]);
    expect(events.map((event) => Number(event.seq))).toEqual(seqs);
    const names = { 'task.create': 'task.created', 'task.move': 'task.moved', 'task.delete': 'task.deleted' } as Record<
      string,
      string
    >;
    for (const ack of acks) {
      const event = events[ack.seq - 1];
      expect({ name: event?.name, taskId: event?.task_id }).toEqual({ name: names[ack.op], taskId: ack.taskId });
    }

    // The stored positions: each column numbered 0..n-1, and exactly what the protocol's rule makes of the events in seq order.
    const { rows: tasks } = await db.query<{ id: string; column_name: string; position: number }>(
      'SELECT id, column_name, position FROM tasks WHERE board_id = $1 ORDER BY column_name, position',
      [board],
    );
    const byColumn = new Map<string, number[]>();
    for (const task of tasks)
      byColumn.set(task.column_name, [...(byColumn.get(task.column_name) ?? []), task.position]);
    for (const [column, positions] of byColumn) expect(positions, column).toEqual(positions.map((_, i) => i));
    const model = new BoardModel();
    for (const event of events)
      model.apply({ board, seq: Number(event.seq), name: event.name, data: event.data, origin: '', at: 0 });
    const replayed = tasks
      .map((task) => model.get(task.id))
      .map((task) => task && { id: task.id, column_name: task.column, position: task.position });
    expect(replayed).toEqual(tasks);
    expect(known.length).toBe(tasks.length);

    // Batches did form: fewer statements than committed changes on the replicas together.
    const [onA, onB] = await Promise.all([histogram(a), histogram(b)]);
    expect(onA.committed + onB.committed).toBe(acks.length);
    expect(onA.sum + onB.sum).toBe(24 * 25);
    expect(onA.count + onB.count).toBeLessThan(acks.length);
  }, 120_000);

  it("past the bound, writes get E_BOARD_BUSY at once (while the board's batch cannot commit), and the accepted ones are still acked", async () => {
    const server = await start('busy', { SWAGBOARD_MAX_PENDING_WRITES: '3' });
    const board = 'busy';
    const writers = await Promise.all(Array.from({ length: 7 }, () => join(server, board)));
    // Another session holds the board row lock, so the replica's first batch stays in flight and nothing commits.
    const blocker = await db.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT seq FROM boards WHERE id = $1 FOR UPDATE', [board]);
      const send = (i: number) =>
        writers[i]!.send({ type: 'task.create', ref: `c${i}`, board, title: `t${i}`, column: 'todo' });
      // The first three fill the bound (one in the blocked batch, two queued), then four more arrive.
      [0, 1, 2].forEach(send);
      await new Promise((resolve) => setTimeout(resolve, 500));
      [3, 4, 5, 6].forEach(send);
      const refused = await Promise.all(writers.slice(3).map((client, i) => client.reply(`c${i + 3}`, 5000)));
      expect(refused.map((frame) => [frame.type, frame.code])).toEqual(
        Array.from({ length: 4 }, () => ['error', 'E_BOARD_BUSY']),
      );
      const rest = await fetch(`${server.url}/api/boards/${board}/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'rest', column: 'todo' }),
      });
      expect(rest.status).toBe(503);
      expect(rest.headers.get('retry-after')).toBe('1');
      expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('E_BOARD_BUSY');
      // Still nothing committed, and the first three still wait for their batch.
      expect(
        writers
          .slice(0, 3)
          .every((client) => !client.frames.some((frame) => frame.type === 'ack' || frame.type === 'error')),
      ).toBe(true);
      await blocker.query('COMMIT');
    } finally {
      blocker.release();
    }
    const acked = await Promise.all(writers.slice(0, 3).map((client, i) => client.reply(`c${i}`, 10_000)));
    expect(acked.map((frame) => frame.type)).toEqual(['ack', 'ack', 'ack']);
    expect(acked.map((frame) => frame.seq).sort()).toEqual([1, 2, 3]);
    const { rows } = await db.query('SELECT title FROM tasks WHERE board_id = $1 ORDER BY position', [board]);
    expect(rows.map((row) => row.title).sort()).toEqual(['t0', 't1', 't2']);
    const refusedCount = (await server.metrics.writesRefused.get()).values.find(
      (v) => v.labels.reason === 'pending_limit',
    )?.value;
    expect(refusedCount).toBe(5);
    const busyErrors = (await server.metrics.errors.get()).values.find((v) => v.labels.code === 'E_BOARD_BUSY')?.value;
    expect(busyErrors).toBe(5);
    // Once the batch is answered the board takes writes again.
    writers[4]!.send({ type: 'task.create', ref: 'again', board, title: 'again', column: 'todo' });
    expect(await writers[4]!.reply('again', 10_000)).toMatchObject({ type: 'ack', seq: 4 });
  }, 60_000);

  it('a change whose task is gone fails alone: the others of its batch commit with consecutive seqs', async () => {
    const server = await start('alone');
    const board = 'alone';
    const writers = await Promise.all(Array.from({ length: 5 }, () => join(server, board)));
    const blocker = await db.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT seq FROM boards WHERE id = $1 FOR UPDATE', [board]);
      // The first one's batch waits on the lock; the other four queue and go as one batch after it.
      writers[0]!.send({ type: 'task.create', ref: 'r0', board, title: 'first', column: 'todo' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      writers[1]!.send({ type: 'task.create', ref: 'r1', board, title: 'second', column: 'todo' });
      writers[2]!.send({ type: 'task.delete', ref: 'r2', board, taskId: '00000000-0000-4000-8000-000000000000' });
      writers[3]!.send({ type: 'task.create', ref: 'r3', board, title: 'third', column: 'todo' });
      writers[4]!.send({
        type: 'task.move',
        ref: 'r4',
        board,
        taskId: '00000000-0000-4000-8000-000000000001',
        column: 'done',
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await blocker.query('COMMIT');
    } finally {
      blocker.release();
    }
    const replies = await Promise.all(writers.map((client, i) => client.reply(`r${i}`, 10_000)));
    const outcome = replies.map((frame) => (frame.type === 'ack' ? frame.seq : frame.code));
    expect(outcome[0]).toBe(1);
    expect([outcome[1], outcome[3]].sort()).toEqual([2, 3]);
    expect([outcome[2], outcome[4]]).toEqual(['E_TASK_NOT_FOUND', 'E_TASK_NOT_FOUND']);
    const { rows } = await db.query<{ title: string; position: number }>(
      'SELECT title, position FROM tasks WHERE board_id = $1 ORDER BY position',
      [board],
    );
    expect(rows[0]).toEqual({ title: 'first', position: 0 });
    expect(rows.map((row) => row.position)).toEqual([0, 1, 2]);
    const sizes = await histogram(server);
    expect(sizes).toEqual({ count: 2, sum: 5, committed: 3 });
    const snapshot = (await (await fetch(`${server.url}/api/boards/${board}/tasks`)).json()) as {
      seq: number;
      tasks: Task[];
    };
    expect(snapshot.seq).toBe(3);
  }, 60_000);

  it('one connection may pipeline its commands: they share batches, apply in the order sent, and every reply keeps that order', async () => {
    const server = await start('gc-pipeline');
    const client = await join(server, 'pipelined');
    const before = await histogram(server);
    const refs = Array.from({ length: 40 }, (_, n) => `p${n}`);
    for (const ref of refs) client.send({ type: 'task.create', ref, board: 'pipelined', title: ref, column: 'todo' });
    client.send({
      type: 'task.delete',
      ref: 'gone',
      board: 'pipelined',
      taskId: '00000000-0000-4000-8000-000000000000',
    });
    client.send({ type: 'ping', ref: 'last' });
    const replies: Frame[] = [];
    while (replies.at(-1)?.ref !== 'last')
      replies.push(
        await client.next((frame) => frame.ref !== undefined && ['ack', 'error', 'pong'].includes(frame.type), 20_000),
      );
    expect(replies.map((frame) => frame.ref)).toEqual([...refs, 'gone', 'last']);
    const acks = replies.filter((frame) => frame.type === 'ack');
    expect(acks.map((frame) => frame.seq)).toEqual(refs.map((_, n) => n + 1));
    expect(replies.find((frame) => frame.ref === 'gone')?.code).toBe('E_TASK_NOT_FOUND');
    const after = await histogram(server);
    // Without pipelining one connection only ever forms batches of one.
    expect(after.sum - before.sum).toBeGreaterThan(after.count - before.count);
    const { rows } = await db.query<{ title: string; position: number }>(
      "SELECT title, position FROM tasks WHERE board_id = 'pipelined' ORDER BY position",
    );
    expect(rows.map((row) => row.title)).toEqual(refs);
  });
});
