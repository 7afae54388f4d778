import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import type { BoardEvent } from '../server/board/board-event.ts';
import type { Task } from '../server/board/task.ts';
import { BoardModel } from '../server/page/board-model.ts';
import { COLUMNS } from '../server/page/views/task-card.ts';
import { WsTestClient } from '../server/testing/ws-test-client.ts';
import { signUpAndIn, type Account } from './support/accounts.ts';
import { startReplica } from './support/replicas.ts';
import { startPostgres, startRedis, type RunningService } from './support/services.ts';

/** Tags, assignees, positions and the snapshot filters, through real Postgres and Redis on two replicas. */
describe('SwagBoard server: tags, assignee, position (auth required, two replicas on Redis)', () => {
  let postgres: RunningService;
  let redis: RunningService;
  let a: SwagServer;
  let b: SwagServer;
  const servers: SwagServer[] = [];
  const clients: WsTestClient[] = [];
  let alice: Account;
  let bob: Account;
  let carol: Account;

  const start = async (replica: string) => {
    return startReplica(
      {
        SWAGBOARD_DATABASE_URL: postgres.url,
        SWAGBOARD_BUS: 'redis',
        SWAGBOARD_REDIS_URL: redis.url,
        SWAGBOARD_REPLICA: replica,
        SWAGBOARD_TOKEN_SECRET: 'tasks-integration-secret-0123',
      },
      servers,
    );
  };

  const request = async (server: SwagServer, method: string, path: string, cookie: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown> & {
        tasks?: Task[];
        error?: { code: string; message: string };
      },
    };
  };

  const account = (username: string): Promise<Account> => signUpAndIn(a.url, username);

  const board = async (id: string) => {
    expect((await request(a, 'POST', '/api/boards', alice.cookie, { id, name: id })).status).toBe(201);
    expect((await request(a, 'POST', `/api/boards/${id}/members`, alice.cookie, { username: 'bob' })).status).toBe(201);
  };

  const connect = async (server: SwagServer, who: Account, boardId: string) => {
    const client = await WsTestClient.connect(server.url);
    clients.push(client);
    client.send({ type: 'hello', v: 1, token: who.token, boards: [{ board: boardId }] });
    expect((await client.next((frame) => frame.type === 'welcome' || frame.type === 'error')).type).toBe('welcome');
    return client;
  };

  const tasksOf = async (boardId: string, query = '', who: Account = alice) =>
    (await request(a, 'GET', `/api/boards/${boardId}/tasks${query}`, who.cookie)).body.tasks as Task[];

  /** Per column, titles in position order; and every column numbered 0..n-1. */
  const columns = (tasks: Task[]) => {
    const byColumn: Record<string, string[]> = {};
    for (const task of tasks) {
      const list = (byColumn[task.column] ??= []);
      expect(task.position, `${task.title} in ${task.column}`).toBe(list.length);
      list.push(task.title);
    }
    return byColumn;
  };

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    [a, b] = await Promise.all([start('tasks-a'), start('tasks-b')]);
    [alice, bob, carol] = await Promise.all([account('alice'), account('bob'), account('carol')]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it('sets tags and assignee over WebSocket and REST, sends them in events, and filters snapshots by them', async () => {
    await board('tags');
    const writer = await connect(a, alice, 'tags');
    const reader = await connect(b, bob, 'tags');

    writer.send({
      type: 'task.create',
      ref: 'c1',
      board: 'tags',
      title: 'fix login',
      column: 'todo',
      tags: ['ui', 'bug', 'ui'],
      assignee: bob.user.id,
    });
    const created = await writer.reply('c1');
    expect(created.type).toBe('ack');
    expect((await reader.event('tags', 1)).data).toMatchObject({
      task: { title: 'fix login', tags: ['ui', 'bug'], assignee: bob.user.id, position: 0 },
    });

    writer.send({ type: 'task.create', ref: 'bad', board: 'tags', title: 'x', column: 'todo', tags: ['UI'] });
    expect(await writer.reply('bad')).toMatchObject({
      type: 'error',
      code: 'E_BAD_FRAME',
      message: expect.stringContaining('field "tags[0]"'),
    });
    writer.send({
      type: 'task.create',
      ref: 'stranger',
      board: 'tags',
      title: 'x',
      column: 'todo',
      assignee: carol.user.id,
    });
    expect(await writer.reply('stranger')).toMatchObject({
      type: 'error',
      code: 'E_ASSIGNEE_NOT_MEMBER',
      message: expect.stringContaining('field "assignee"'),
    });
    const notMember = await request(a, 'POST', '/api/boards/tags/tasks', alice.cookie, {
      title: 'x',
      column: 'todo',
      assignee: 'not-a-user',
    });
    expect(notMember).toMatchObject({ status: 422, body: { error: { code: 'E_ASSIGNEE_NOT_MEMBER' } } });

    const posted = await request(b, 'POST', '/api/boards/tags/tasks', bob.cookie, {
      title: 'polish css',
      column: 'todo',
      tags: ['ui'],
      clientTs: 1,
    });
    expect(posted.status).toBe(201);
    expect(posted.body.event).toMatchObject({ data: { task: { tags: ['ui'], assignee: null, position: 1 } } });
    const taskId = posted.body.taskId as string;
    const patched = await request(b, 'PATCH', `/api/boards/tags/tasks/${taskId}`, bob.cookie, {
      tags: ['ui', 'ops'],
      assignee: alice.user.id,
    });
    expect(patched.body.event).toMatchObject({
      data: { task: { title: 'polish css', tags: ['ui', 'ops'], assignee: alice.user.id, version: 2 } },
    });
    expect((await reader.event('tags', 3)).data).toMatchObject({
      task: { tags: ['ui', 'ops'], assignee: alice.user.id },
    });
    writer.send({ type: 'task.update', ref: 'u1', board: 'tags', taskId, assignee: null });
    await writer.reply('u1');
    expect((await reader.event('tags', 4)).data).toMatchObject({ task: { tags: ['ui', 'ops'], assignee: null } });

    expect((await tasksOf('tags', '?tag=ui')).map((task) => task.title)).toEqual(['fix login', 'polish css']);
    expect((await tasksOf('tags', '?tag=ui&tag=bug')).map((task) => task.title)).toEqual(['fix login']);
    expect((await tasksOf('tags', '?tag=ops&tag=bug')).map((task) => task.title)).toEqual([]);
    expect((await tasksOf('tags', '?assignee=me', bob)).map((task) => task.title)).toEqual(['fix login']);
    expect((await tasksOf('tags', `?assignee=${bob.user.id}&tag=ui`)).map((task) => task.title)).toEqual(['fix login']);
    expect((await tasksOf('tags', '?assignee=me', alice)).map((task) => task.title)).toEqual([]);
    const badFilter = await request(a, 'GET', '/api/boards/tags/tasks?tag=Not%20A%20Tag', alice.cookie);
    expect(badFilter).toMatchObject({
      status: 400,
      body: { error: { code: 'E_BAD_FRAME', message: expect.stringContaining('field "tag"') } },
    });
  });

  it('appends new tasks, moves to a position, closes gaps on move and delete, and lists by column then position', async () => {
    await board('order');
    const client = await connect(a, alice, 'order');
    const ids: string[] = [];
    for (const title of ['one', 'two', 'three', 'four']) {
      client.send({ type: 'task.create', ref: title, board: 'order', title, column: 'todo', clientTs: 1 });
      ids.push((await client.reply(title)).taskId as string);
    }
    client.send({ type: 'task.move', ref: 'm1', board: 'order', taskId: ids[3], column: 'todo', position: 0 });
    await client.reply('m1');
    expect(await client.event('order', 5)).toMatchObject({
      name: 'task.moved',
      data: { task: { title: 'four', position: 0 }, fromColumn: 'todo', fromPosition: 3 },
    });
    client.send({ type: 'task.move', ref: 'm2', board: 'order', taskId: ids[1], column: 'done' });
    await client.reply('m2');
    expect(columns(await tasksOf('order'))).toEqual({ done: ['two'], todo: ['four', 'one', 'three'] });

    const moved = await request(b, 'POST', `/api/boards/order/tasks/${ids[0]}/move`, bob.cookie, {
      column: 'done',
      position: 0,
    });
    expect(moved.body.event).toMatchObject({ data: { task: { title: 'one', column: 'done', position: 0 } } });
    client.send({ type: 'task.move', ref: 'far', board: 'order', taskId: ids[3], column: 'done', position: 99 });
    await client.reply('far');
    expect((await request(b, 'DELETE', `/api/boards/order/tasks/${ids[1]}`, bob.cookie)).status).toBe(200);
    expect(columns(await tasksOf('order'))).toEqual({ done: ['one', 'four'], todo: ['three'] });
  });

  it('keeps positions 0..n-1 under concurrent moves from two replicas, and events replay to the same order', async () => {
    await board('race');
    const onA = await connect(a, alice, 'race');
    const onB = await connect(b, bob, 'race');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      onA.send({ type: 'task.create', ref: `c${i}`, board: 'race', title: `t${i}`, column: 'todo' });
      ids.push((await onA.reply(`c${i}`)).taskId as string);
    }
    const columnsCycle = ['todo', 'doing', 'done'];
    const burst = (client: WsTestClient, prefix: string, offset: number) => {
      for (let i = 0; i < 15; i++) {
        const taskId = ids[(i * 5 + offset) % ids.length];
        client.send({
          type: 'task.move',
          ref: `${prefix}${i}`,
          board: 'race',
          taskId,
          column: columnsCycle[(i + offset) % 3],
          position: (i * 7 + offset) % 4,
        });
      }
    };
    burst(onA, 'a', 0);
    burst(onB, 'b', 1);
    const replies = await Promise.all(
      Array.from({ length: 15 }, (_, i) => [onA.reply(`a${i}`), onB.reply(`b${i}`)]).flat(),
    );
    expect(replies.every((reply) => reply.type === 'ack')).toBe(true);

    const snapshot = await tasksOf('race');
    expect(snapshot).toHaveLength(6);
    const ordered = columns(snapshot);

    const { body } = await request(a, 'GET', '/api/boards/race/events?limit=1000', alice.cookie);
    const model = new BoardModel();
    for (const event of body.events as BoardEvent[]) model.apply(event);
    const replayed = Object.fromEntries(
      COLUMNS.map((column) => [column.id, model.cards(column).map((task) => task.title)] as const).filter(
        ([, titles]) => titles.length > 0,
      ),
    );
    expect(replayed).toEqual(ordered);
  });
});
