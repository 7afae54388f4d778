import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import { WsTestClient } from '../server/testing/ws-test-client.ts';
import { signUpAndIn } from './support/accounts.ts';
import { startReplica } from './support/replicas.ts';
import { startPostgres, type RunningService } from './support/services.ts';

/** The smaller deviations from server/PROTOCOL.md (issue 10, item 7), one test each, through a real replica and Postgres. */
describe('SwagBoard server: behaviour as PROTOCOL.md words it', () => {
  let postgres: RunningService;
  let open: SwagServer;
  let required: SwagServer;
  const servers: SwagServer[] = [];
  const clients: WsTestClient[] = [];
  const MAX_FRAME_BYTES = 1024;

  beforeAll(async () => {
    postgres = await startPostgres();
    const common = { SWAGBOARD_DATABASE_URL: postgres.url, SWAGBOARD_MAX_FRAME_BYTES: String(MAX_FRAME_BYTES) };
    [open, required] = await Promise.all([
      startReplica({ ...common, SWAGBOARD_AUTH: 'open', SWAGBOARD_REPLICA: 'doc-open' }, servers),
      startReplica(
        {
          ...common,
          SWAGBOARD_REPLICA: 'doc-required',
          SWAGBOARD_TOKEN_SECRET: 'doc-deviations-secret-0123',
          SWAGBOARD_USER_RATE_PER_SECOND: '1',
          SWAGBOARD_USER_RATE_BURST: '3',
        },
        servers,
      ),
    ]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(servers.map((server) => server.close()));
    await postgres?.stop();
  });

  const join = async (board: string) => {
    const { client } = await WsTestClient.join(open.url, [board], 'doc');
    clients.push(client);
    return client;
  };

  const connect = async (server: SwagServer) => {
    const client = await WsTestClient.connect(server.url);
    clients.push(client);
    return client;
  };

  const rest = async (method: string, path: string, body?: string, contentType = 'application/json') => {
    const response = await fetch(`${open.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': contentType },
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as { error?: { code: string; message: string } } & Record<string, unknown>,
    };
  };

  it('answers a frame above SWAGBOARD_MAX_FRAME_BYTES with E_FRAME_TOO_LARGE carrying its ref, and stays open', async () => {
    const client = await join('too-large');
    client.send({ type: 'ping', ref: 'big', pad: 'x'.repeat(MAX_FRAME_BYTES * 2) });
    expect(await client.next((frame) => frame.type === 'error')).toMatchObject({
      code: 'E_FRAME_TOO_LARGE',
      ref: 'big',
    });
    client.send({ type: 'ping', ref: 'after' });
    expect(await client.reply('after')).toMatchObject({ type: 'pong' });
  });

  it.each([
    ['a string v', { v: '1' }],
    ['no v', {}],
  ])('closes a hello with %s with E_UNSUPPORTED_VERSION and 4002', async (_name, version) => {
    const client = await connect(open);
    client.send({ type: 'hello', ref: 'h', user: 'doc', boards: [], ...version });
    expect(await client.next((frame) => frame.type === 'error')).toMatchObject({
      code: 'E_UNSUPPORTED_VERSION',
      ref: 'h',
    });
    expect((await client.closed).code).toBe(4002);
  });

  it('closes a text frame that is not UTF-8 with 1007, as documented', async () => {
    const socket = new WebSocket(`${open.url.replace(/^http/, 'ws')}/ws`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
  });

  it('refuses a title with a lone surrogate (it could not be stored as given), over WebSocket and REST', async () => {
    const client = await join('surrogates');
    client.send('{"type":"task.create","ref":"s1","board":"surrogates","title":"a\\ud800b","column":"todo"}');
    const error = await client.reply('s1');
    expect(error).toMatchObject({ type: 'error', code: 'E_BAD_FRAME' });
    expect(error.message).toContain('field "title"');
    const posted = await rest('POST', '/api/boards/surrogates/tasks', '{"title":"ok","column":"to\\udc00do"}');
    expect(posted.status).toBe(400);
    expect(posted.body.error).toMatchObject({
      code: 'E_BAD_FRAME',
      message: expect.stringContaining('field "column"'),
    });
    // A well-formed pair (an emoji) is stored and sent back exactly as given.
    client.send({ type: 'task.create', ref: 's2', board: 'surrogates', title: 'a\u{1F600}b', column: 'todo' });
    expect(await client.reply('s2')).toMatchObject({ type: 'ack' });
    const { tasks } = (await rest('GET', '/api/boards/surrogates/tasks')).body as { tasks: { title: string }[] };
    expect(tasks.map((task) => task.title)).toEqual(['a\u{1F600}b']);
  });

  it('refuses NUL in stored text with E_BAD_FRAME (it failed the whole commit batch with E_INTERNAL), board names included', async () => {
    const posted = await rest('POST', '/api/boards/nul/tasks', JSON.stringify({ title: 'a\u0000b', column: 'todo' }));
    expect(posted.status).toBe(400);
    expect(posted.body.error).toMatchObject({ code: 'E_BAD_FRAME', message: expect.stringContaining('field "title"') });
    const owner = await signUpAndIn(required.url, 'nul-owner');
    const board = await fetch(`${required.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: owner.cookie },
      body: JSON.stringify({ id: 'nul', name: 'a\u0000b' }),
    });
    expect(board.status).toBe(400);
  });

  it("quotes the user bucket's rate when the user bucket refuses a message", async () => {
    const alice = await signUpAndIn(required.url, 'alice');
    const client = await connect(required);
    client.send({ type: 'hello', v: 1, token: alice.token, boards: [] });
    expect((await client.next((frame) => frame.type === 'welcome' || frame.type === 'error')).type).toBe('welcome');
    for (let i = 0; i < 6; i++) client.send({ type: 'ping', ref: `u${i}` });
    const refused = await client.next((frame) => frame.type === 'error');
    expect(refused.code).toBe('E_RATE_LIMITED');
    expect(refused.message).toMatch(/more than 1 messages per second from this user/);
  });

  it('answers a REST body of another content type with 415 E_UNSUPPORTED_MEDIA_TYPE', async () => {
    const body = JSON.stringify({ title: 'milk', column: 'todo' });
    const posted = await rest('POST', '/api/boards/media/tasks', body, 'text/plain');
    expect(posted.status).toBe(415);
    expect(posted.body.error).toMatchObject({
      code: 'E_UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringContaining('application/json'),
    });
    const created = await rest('POST', '/api/boards/media/tasks', body);
    expect(created.status).toBe(201);
    const patched = await rest(
      'PATCH',
      `/api/boards/media/tasks/${String(created.body.taskId)}`,
      'title=x',
      'application/x-www-form-urlencoded',
    );
    expect(patched.status).toBe(415);
    expect(patched.body.error?.code).toBe('E_UNSUPPORTED_MEDIA_TYPE');
  });

  it("answers the activity of a task that was never on the board with 404 E_TASK_NOT_FOUND, and keeps a deleted task's", async () => {
    const created = await rest(
      'POST',
      '/api/boards/history/tasks',
      JSON.stringify({ title: 'gone soon', column: 'todo' }),
    );
    const taskId = String(created.body.taskId);
    expect((await rest('DELETE', `/api/boards/history/tasks/${taskId}`)).status).toBe(200);
    const kept = await rest('GET', `/api/boards/history/tasks/${taskId}/activity`);
    expect(kept.status).toBe(200);
    expect((kept.body.activity as { name: string }[]).map((event) => event.name)).toEqual([
      'task.deleted',
      'task.created',
    ]);
    const missing = await rest('GET', '/api/boards/history/tasks/00000000-0000-4000-8000-000000000000/activity');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('E_TASK_NOT_FOUND');
  });

  it('answers a REST body above SWAGBOARD_MAX_FRAME_BYTES with 413 E_FRAME_TOO_LARGE, as documented', async () => {
    const posted = await rest(
      'POST',
      '/api/boards/big/tasks',
      JSON.stringify({ title: 'x', column: 'todo', pad: 'y'.repeat(MAX_FRAME_BYTES) }),
    );
    expect(posted.status).toBe(413);
    expect(posted.body.error?.code).toBe('E_FRAME_TOO_LARGE');
  });
});
