import { beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import { useRedisCluster } from './support/redis-cluster.ts';

/** Two replicas on one Postgres and one Redis, in-process, on port 0. */
describe('SwagBoard server: two replicas on one Redis', () => {
  const cluster = useRedisCluster({ SWAGBOARD_MAX_FRAME_BYTES: '4096' });
  const { join, connect, start } = cluster;
  let a: SwagServer;
  let b: SwagServer;
  beforeAll(() => {
    ({ a, b } = cluster);
  });

  it('delivers a task created on A to clients on A and B, once each, with seq and origin', async () => {
    const { client: onA, welcome } = await join(a, ['cross']);
    const { client: onB } = await join(b, ['cross']);
    expect(welcome).toMatchObject({
      type: 'welcome',
      v: 1,
      replica: 'replica-a',
      boards: [{ board: 'cross', seq: 0 }],
    });
    expect(welcome.connectionId).toEqual(expect.any(String));

    onA.send({
      type: 'task.create',
      ref: 'c1',
      board: 'cross',
      title: 'Buy milk',
      column: 'todo',
      clientTs: 1732630000123,
    });
    const ack = await onA.reply('c1');
    expect(ack).toMatchObject({ type: 'ack', ref: 'c1', seq: 1 });
    const expected = {
      type: 'event',
      board: 'cross',
      seq: 1,
      name: 'task.created',
      origin: 'replica-a',
      clientTs: 1732630000123,
      data: { task: { id: ack.taskId, title: 'Buy milk', column: 'todo', version: 1, board: 'cross' } },
    };
    expect(await onB.event('cross', 1)).toMatchObject(expected);
    expect(await onA.event('cross', 1)).toMatchObject(expected);

    onA.send({ type: 'ping', ref: 'fence' });
    await onA.reply('fence');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onA.frames.filter((frame) => frame.type === 'event')).toEqual([]);
    expect(onB.frames.filter((frame) => frame.type === 'event')).toEqual([]);
  });

  it('carries update, move and delete across replicas in seq order', async () => {
    const { client: onA } = await join(a, ['flow']);
    const { client: onB } = await join(b, ['flow']);
    onB.send({ type: 'task.create', ref: 'c', board: 'flow', title: 'Draft', column: 'todo' });
    const { taskId } = await onB.reply('c');
    onB.send({ type: 'task.update', ref: 'u', board: 'flow', taskId, title: 'Final' });
    onB.send({ type: 'task.move', ref: 'm', board: 'flow', taskId, column: 'done' });
    onB.send({ type: 'task.delete', ref: 'd', board: 'flow', taskId });
    expect((await onB.reply('d')).seq).toBe(4);
    expect(await onA.event('flow', 2)).toMatchObject({
      name: 'task.updated',
      origin: 'replica-b',
      data: { task: { title: 'Final', version: 2 } },
    });
    expect(await onA.event('flow', 3)).toMatchObject({
      name: 'task.moved',
      data: { task: { column: 'done', version: 3 }, fromColumn: 'todo' },
    });
    expect(await onA.event('flow', 4)).toMatchObject({ name: 'task.deleted', data: { taskId } });

    onA.send({ type: 'task.move', ref: 'gone', board: 'flow', taskId, column: 'todo' });
    expect(await onA.reply('gone')).toMatchObject({ type: 'error', code: 'E_TASK_NOT_FOUND' });
  });

  it('answers bad frames with coded errors and keeps the socket working', async () => {
    const client = await connect(a);
    client.send({ type: 'task.create', ref: 'early', board: 'bad', title: 't', column: 'todo' });
    expect(await client.reply('early')).toMatchObject({ code: 'E_HELLO_REQUIRED' });
    client.send({ type: 'hello', v: 1, user: 'mallory', boards: [{ board: 'bad' }] });
    await client.next((frame) => frame.type === 'welcome');

    const cases: [string | object, string, string?][] = [
      ['{oops', 'E_BAD_JSON'],
      [{ type: 'task.fly', ref: 'r1' }, 'E_UNKNOWN_TYPE', 'r1'],
      [{ type: 'task.create', ref: 'r2', board: 'bad', column: 'todo' }, 'E_BAD_FRAME', 'r2'],
      [{ type: 'task.create', ref: 'r3', board: 'bad', title: 'x'.repeat(5000), column: 'todo' }, 'E_FRAME_TOO_LARGE'],
      [{ type: 'task.create', ref: 'r4', board: 'elsewhere', title: 't', column: 'todo' }, 'E_UNKNOWN_BOARD', 'r4'],
      [{ type: 'hello', v: 1, user: 'again', boards: [], ref: 'r5' }, 'E_ALREADY_HELLO', 'r5'],
    ];
    for (const [frame, code, ref] of cases) {
      client.send(frame);
      const error = await client.next((f) => f.type === 'error');
      expect(error, JSON.stringify(frame).slice(0, 80)).toMatchObject({ code, ...(ref ? { ref } : {}) });
      expect(error.message).toEqual(expect.any(String));
    }
    const missing = cases[2]!;
    client.send(missing[0]);
    expect((await client.reply('r2')).message).toContain('field "title"');

    client.send({ type: 'task.create', ref: 'ok', board: 'bad', title: 'still here', column: 'todo' });
    expect(await client.reply('ok')).toMatchObject({ type: 'ack', seq: 1 });
    expect(client.isOpen).toBe(true);

    const metrics = await (await fetch(a.metricsUrl)).text();
    expect(metrics).toMatch(/swagboard_errors_total\{code="E_BAD_JSON",replica="replica-a"\} [1-9]/);
    expect(metrics).toMatch(/swagboard_fanout_latency_seconds_count\{replica="replica-a"\} [1-9]/);
  });

  it('closes the socket with 4002 on an unsupported protocol version', async () => {
    const client = await connect(b);
    client.send({ type: 'hello', v: 99, user: 'future', boards: [] });
    expect(await client.next((frame) => frame.type === 'error')).toMatchObject({ code: 'E_UNSUPPORTED_VERSION' });
    expect((await client.closed).code).toBe(4002);
  });

  it('serves the REST API and fans REST-created tasks out to sockets', async () => {
    const { client: onA } = await join(a, ['rest']);
    const created = await fetch(`${b.url}/api/boards/rest/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'From REST', column: 'todo' }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { seq: number; taskId: string };
    expect(body.seq).toBe(1);
    expect(await onA.event('rest', 1)).toMatchObject({ origin: 'replica-b', data: { task: { title: 'From REST' } } });

    const tasks = await (await fetch(`${a.url}/api/boards/rest/tasks`)).json();
    expect(tasks).toMatchObject({
      board: 'rest',
      seq: 1,
      tasks: [{ id: body.taskId, title: 'From REST', column: 'todo' }],
    });
    const events = await (await fetch(`${a.url}/api/boards/rest/events?after=0&limit=10`)).json();
    expect(events).toMatchObject({ board: 'rest', events: [{ seq: 1, name: 'task.created', origin: 'replica-b' }] });

    const missing = await fetch(`${a.url}/api/boards/no-such-board/tasks`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'E_BOARD_NOT_FOUND', message: 'board no-such-board does not exist' },
    });
    const invalid = await fetch(`${a.url}/api/boards/rest/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('E_BAD_FRAME');
  });

  it('reports health, then drains: 503, E_SHUTTING_DOWN and close 1001', async () => {
    const c = await start('replica-c');
    const health = await fetch(`${c.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', replica: 'replica-c' });

    const { client } = await join(c, ['drain']);
    const closing = c.close();
    const during = await fetch(`${c.url}/healthz`);
    expect(during.status).toBe(503);
    expect(await client.next((frame) => frame.type === 'error')).toMatchObject({ code: 'E_SHUTTING_DOWN' });
    expect((await client.closed).code).toBe(1001);
    await closing;
  });
});
