import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import type { Env } from '../server/config.ts';
import { PRESENCE_CHANNEL } from '../server/presence/presence-tracker.ts';
import { WsTestClient, type Frame } from '../server/testing/ws-test-client.ts';
import { signUpAndIn, type Account } from './support/accounts.ts';
import { startReplica } from './support/replicas.ts';
import { startPostgres, startRedis, type RunningService } from './support/services.ts';

const SECRET = 'integration-test-secret-0123456789';

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Sign-in, boards, resume, presence, typing, activity and limits, through real Postgres and Redis. */
describe('SwagBoard server: the complete board (auth required, two replicas on Redis)', () => {
  let postgres: RunningService;
  let redis: RunningService;
  let a: SwagServer;
  let b: SwagServer;
  const servers: SwagServer[] = [];
  const clients: WsTestClient[] = [];

  const start = async (replica: string, env: Env = {}) => {
    return startReplica(
      {
        SWAGBOARD_DATABASE_URL: postgres.url,
        SWAGBOARD_BUS: 'redis',
        SWAGBOARD_REDIS_URL: redis.url,
        SWAGBOARD_REPLICA: replica,
        SWAGBOARD_TOKEN_SECRET: SECRET,
        SWAGBOARD_RESUME_WINDOW: '60',
        SWAGBOARD_PRESENCE_HEARTBEAT_MS: '200',
        ...env,
      },
      servers,
    );
  };

  const post = (server: SwagServer, path: string, body: unknown, cookie?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });

  const account = (username: string, server: SwagServer = a): Promise<Account> => signUpAndIn(server.url, username);

  const connect = async (
    server: SwagServer,
    token: string | undefined,
    boards: { board: string; since?: number }[],
  ) => {
    const client = await WsTestClient.connect(server.url);
    clients.push(client);
    client.send({ type: 'hello', v: 1, ...(token ? { token } : { user: 'x' }), boards });
    const first = await client.next((frame) => frame.type === 'welcome' || frame.type === 'error');
    return { client, first };
  };

  const createBoard = async (owner: Account, id: string, members: Account[] = []) => {
    expect((await post(a, '/api/boards', { id, name: `Board ${id}` }, owner.cookie)).status).toBe(201);
    for (const member of members)
      expect((await post(a, `/api/boards/${id}/members`, { username: member.username }, owner.cookie)).status).toBe(
        201,
      );
  };

  const events = (client: WsTestClient, board: string) =>
    client.frames
      .filter((frame) => frame.type === 'event' && frame.board === board)
      .map((frame) => frame.seq as number);

  let alice: Account;
  let bob: Account;
  let carol: Account;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    [a, b] = await Promise.all([start('replica-a'), start('replica-b')]);
    [alice, bob, carol] = await Promise.all([account('alice'), account('bob'), account('carol')]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it('signs up and in with an HttpOnly SameSite=Lax cookie, issues tokens, and refuses bad credentials', async () => {
    const taken = await post(a, '/api/auth/signup', { username: 'ALICE', password: 'whatever-long' });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { code: string } }).error.code).toBe('E_USERNAME_TAKEN');
    const short = await post(a, '/api/auth/signup', { username: 'dave', password: 'short' });
    expect(((await short.json()) as { error: { message: string } }).error.message).toContain('field "password"');
    const wrong = await post(a, '/api/auth/signin', { username: 'alice', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('E_AUTH');

    const signin = await post(b, '/api/auth/signin', { username: 'alice', password: 'correct horse battery' });
    expect(signin.headers.get('set-cookie')).toMatch(/^swag_session=[0-9a-f-]{36}; .*HttpOnly.*SameSite=Lax/i);
    const fresh = await post(b, '/api/auth/token', {}, alice.cookie);
    expect(fresh.status).toBe(200);
    const body = (await fresh.json()) as { token: string; expiresAt: number; user: { username: string } };
    expect(body.user.username).toBe('alice');
    expect(body.expiresAt).toBeGreaterThan(Date.now() + 200_000);
    expect((await post(b, '/api/auth/token', {})).status).toBe(401);
  });

  it('lets members, and only members, see and change a board over REST and WebSocket', async () => {
    await createBoard(alice, 'team', [bob]);
    expect((await post(a, '/api/boards', { id: 'team', name: 'again' }, alice.cookie)).status).toBe(409);
    const list = (await (await fetch(`${b.url}/api/boards`, { headers: { cookie: bob.cookie } })).json()) as {
      boards: { id: string; role: string }[];
    };
    expect(list.boards).toEqual([expect.objectContaining({ id: 'team', role: 'member' })]);
    expect((await post(a, '/api/boards/team/members', { username: 'carol' }, bob.cookie)).status).toBe(403);

    const forbidden = await fetch(`${a.url}/api/boards/team/tasks`, { headers: { cookie: carol.cookie } });
    expect(forbidden.status).toBe(403);
    expect((await fetch(`${a.url}/api/boards/team/tasks`)).status).toBe(401);
    const html = await post(
      a,
      '/api/boards/team/tasks',
      { title: '<script>alert(1)</script>', column: 'todo' },
      bob.cookie,
    );
    expect(html.status).toBe(201);
    const tasks = (await (
      await fetch(`${a.url}/api/boards/team/tasks`, { headers: { cookie: alice.cookie } })
    ).json()) as { tasks: { title: string }[] };
    expect(tasks.tasks[0]?.title).toBe('<script>alert(1)</script>');

    const { client: carolWs, first } = await connect(a, carol.token, [{ board: 'team' }]);
    expect(first).toMatchObject({ type: 'error', code: 'E_FORBIDDEN' });
    expect(carolWs.isOpen).toBe(true);
    const { first: welcome } = await connect(b, bob.token, [{ board: 'team' }]);
    expect(welcome).toMatchObject({ type: 'welcome', boards: [{ board: 'team', seq: 1 }], user: { username: 'bob' } });
  });

  it('closes with 4001 on a missing or invalid token', async () => {
    const { client: anonymous, first } = await connect(a, undefined, []);
    expect(first).toMatchObject({ type: 'error', code: 'E_AUTH' });
    expect((await anonymous.closed).code).toBe(4001);
    const { client: forged, first: rejected } = await connect(a, `${alice.token.slice(0, -4)}AAAA`, []);
    expect(rejected).toMatchObject({ code: 'E_AUTH' });
    expect((await forged.closed).code).toBe(4001);
    const metrics = await (await fetch(a.metricsUrl)).text();
    expect(metrics).toMatch(/swagboard_auth_failures_total\{reason="missing_token",replica="replica-a"\} 1/);
  });

  it('refreshes a token in band, and closes with 4001 when it expires without refresh', async () => {
    const short = await start('replica-short', { SWAGBOARD_TOKEN_TTL_SECONDS: '2' });
    const dana = await account('dana', short);
    const { client, first } = await connect(short, dana.token, []);
    expect(first.type).toBe('welcome');
    const issued = (await (await post(short, '/api/auth/token', {}, dana.cookie)).json()) as {
      token: string;
      expiresAt: number;
    };
    client.send({ type: 'auth.refresh', ref: 'r1', token: issued.token });
    expect(await client.next((frame) => frame.type === 'auth.refreshed')).toMatchObject({
      ref: 'r1',
      expiresAt: issued.expiresAt,
    });
    client.send({ type: 'auth.refresh', ref: 'r2', token: alice.token });
    // alice's token was signed with the same secret but names another user.
    expect(await client.next((frame) => frame.type === 'error')).toMatchObject({ code: 'E_AUTH', ref: 'r2' });
    expect((await client.closed).code).toBe(4001);

    const { client: idle } = await connect(short, issued.token, []);
    const closed = await idle.closed;
    expect(closed.code).toBe(4001);
    expect(idle.frames.find((frame) => frame.type === 'error')?.message).toContain('expired');
  });

  it('closes every socket of a session on every replica when it signs out', async () => {
    const erin = await account('erin');
    const { client } = await connect(b, erin.token, []);
    expect((await post(a, '/api/auth/signout', {}, erin.cookie)).status).toBe(204);
    expect((await client.closed).code).toBe(4001);
    const { client: again, first } = await connect(a, erin.token, []);
    expect(first).toMatchObject({ code: 'E_AUTH' });
    await again.closed;
    expect((await post(a, '/api/auth/token', {}, erin.cookie)).status).toBe(401);
  });

  it('resumes after a disconnect with exactly the missed events in order, and resets beyond the window', async () => {
    await createBoard(alice, 'resume', [bob]);
    const { client: writer } = await connect(b, bob.token, [{ board: 'resume' }]);
    writer.send({ type: 'task.create', ref: 't0', board: 'resume', title: 'first', column: 'todo' });
    const { taskId } = await writer.reply('t0');
    const { client: reader } = await connect(a, alice.token, [{ board: 'resume' }]);
    writer.send({ type: 'task.update', ref: 't1', board: 'resume', taskId, title: 'second' });
    await reader.event('resume', 2);
    await reader.close();

    for (let i = 0; i < 50; i++)
      writer.send({ type: 'task.move', ref: `m${i}`, board: 'resume', taskId, column: i % 2 ? 'todo' : 'done' });
    expect((await writer.reply('m49')).seq).toBe(52);

    const { client: back, first } = await connect(a, alice.token, [{ board: 'resume', since: 2 }]);
    expect(first).toMatchObject({ type: 'welcome', boards: [{ board: 'resume', seq: 52 }] });
    await until(() => events(back, 'resume').includes(52));
    writer.send({ type: 'task.update', ref: 'live', board: 'resume', taskId, title: 'live' });
    await writer.reply('live');
    await until(() => events(back, 'resume').includes(53));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events(back, 'resume')).toEqual(Array.from({ length: 51 }, (_, i) => 3 + i));

    back.send({ type: 'resync', ref: 'rs', board: 'resume', since: 50 });
    await until(() => events(back, 'resume').length === 54);
    expect(events(back, 'resume').slice(-3)).toEqual([51, 52, 53]);

    for (let i = 0; i < 10; i++)
      writer.send({ type: 'task.update', ref: `u${i}`, board: 'resume', taskId, title: `again ${i}` });
    expect((await writer.reply('u9')).seq).toBe(63);
    const { client: stale } = await connect(b, alice.token, [{ board: 'resume', since: 1 }]);
    expect(await stale.next((frame) => frame.type === 'reset')).toEqual({ type: 'reset', board: 'resume', seq: 63 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events(stale, 'resume')).toEqual([]);
    const metrics = await (await fetch(a.metricsUrl)).text();
    expect(metrics).toMatch(/swagboard_resumes_total\{outcome="replayed",replica="replica-a"\} [1-9]/);
    expect(metrics).toMatch(/swagboard_replayed_events_total\{replica="replica-a"\} [1-9]/);
  });

  it("shows who is online across replicas, relays typing to others, and drops a silent replica's users", async () => {
    await createBoard(alice, 'present', [bob]);
    const { client: onA } = await connect(a, alice.token, [{ board: 'present' }]);
    const { client: onB } = await connect(b, bob.token, [{ board: 'present' }]);
    await until(() => onA.members('present').length === 2 && onB.members('present').length === 2);
    // The first presence frame of a board is the full list; changes come as deltas.
    expect(onA.frames.find((frame) => frame.type === 'presence')).toMatchObject({ type: 'presence', board: 'present' });
    expect(onA.online.get('present')).toEqual(
      new Map([
        [alice.user.id, 'alice'],
        [bob.user.id, 'bob'],
      ]),
    );
    onA.send({ type: 'presence.get', board: 'present' });
    expect(await onA.next((frame) => frame.type === 'presence' && (frame.members as unknown[]).length === 2)).toEqual({
      type: 'presence',
      board: 'present',
      members: [
        { userId: alice.user.id, name: 'alice' },
        { userId: bob.user.id, name: 'bob' },
      ],
    });

    onB.send({ type: 'typing', board: 'present', taskId: null });
    expect(await onA.next((frame) => frame.type === 'typing')).toMatchObject({
      board: 'present',
      taskId: null,
      userId: bob.user.id,
      name: 'bob',
      expiresAt: expect.any(Number),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onB.frames.some((frame) => frame.type === 'typing')).toBe(false);

    const ghostBus = new Redis(redis.url);
    await ghostBus.publish(
      PRESENCE_CHANNEL,
      JSON.stringify({
        v: 1,
        kind: 'heartbeat',
        replica: 'ghost',
        boards: { present: [{ userId: 'g', name: 'ghost' }] },
      }),
    );
    const aboutGhost = (frame: Frame) => frame.type === 'presence.delta' && JSON.stringify(frame).includes('"ghost"');
    expect(await onA.next(aboutGhost)).toEqual({
      type: 'presence.delta',
      board: 'present',
      joined: [{ userId: 'g', name: 'ghost' }],
      left: [],
    });
    const goneAt = Date.now();
    expect(await onA.next(aboutGhost, 3000)).toEqual({
      type: 'presence.delta',
      board: 'present',
      joined: [],
      left: [{ userId: 'g', name: 'ghost' }],
    });
    expect(Date.now() - goneAt).toBeLessThan(1500);
    ghostBus.disconnect();

    await onB.close();
    await until(() => onA.members('present').length === 1);
    expect(onA.members('present')).toEqual(['alice']);
  });

  it('stores notes as text with task.update and PATCH, and sends them in events', async () => {
    await createBoard(alice, 'notes', [bob]);
    const { client: writer } = await connect(a, alice.token, [{ board: 'notes' }]);
    const { client: reader } = await connect(b, bob.token, [{ board: 'notes' }]);
    writer.send({ type: 'task.create', ref: 'n1', board: 'notes', title: 'with notes', column: 'todo' });
    const { taskId } = await writer.reply('n1');
    const notes = '<b>not bold</b>\n  second line';
    writer.send({ type: 'task.update', ref: 'n2', board: 'notes', taskId, notes });
    expect(await writer.reply('n2')).toMatchObject({ type: 'ack', seq: 2 });
    expect((await reader.event('notes', 2)).data).toMatchObject({ task: { title: 'with notes', notes, version: 2 } });
    writer.send({ type: 'task.update', ref: 'n3', board: 'notes', taskId });
    expect(await writer.reply('n3')).toMatchObject({ type: 'error', code: 'E_BAD_FRAME' });

    const patch = await fetch(`${b.url}/api/boards/notes/tasks/${taskId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: bob.cookie },
      body: JSON.stringify({ title: 'renamed' }),
    });
    expect(patch.status).toBe(200);
    expect((await reader.event('notes', 3)).data).toMatchObject({ task: { title: 'renamed', notes, version: 3 } });
    const listed = (await (
      await fetch(`${a.url}/api/boards/notes/tasks`, { headers: { cookie: alice.cookie } })
    ).json()) as { tasks: { notes: string }[] };
    expect(listed.tasks[0]?.notes).toBe(notes);
    const page = await (await fetch(`${a.url}/boards/notes`, { headers: { cookie: alice.cookie } })).text();
    expect(page).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(page).not.toContain('<b>not bold</b>');
  });

  it('pages activity newest first, for the board and for one task', async () => {
    await createBoard(alice, 'history');
    const { client } = await connect(a, alice.token, [{ board: 'history' }]);
    client.send({ type: 'task.create', ref: 'c1', board: 'history', title: 'one', column: 'todo' });
    client.send({ type: 'task.create', ref: 'c2', board: 'history', title: 'two', column: 'todo' });
    const { taskId } = await client.reply('c1');
    await client.reply('c2');
    client.send({ type: 'task.move', ref: 'm', board: 'history', taskId, column: 'done' });
    await client.reply('m');
    const get = async (path: string) =>
      (await (await fetch(`${a.url}${path}`, { headers: { cookie: alice.cookie } })).json()) as {
        activity: Frame[];
        nextBefore: number | null;
      };
    const page1 = await get('/api/boards/history/activity?limit=2');
    expect(page1.activity.map((event) => event.seq)).toEqual([3, 2]);
    expect(page1.activity[0]).toMatchObject({ name: 'task.moved', actor: { userId: alice.user.id, name: 'alice' } });
    const page2 = await get(`/api/boards/history/activity?limit=2&before=${page1.nextBefore}`);
    expect(page2.activity.map((event) => event.seq)).toEqual([1]);
    expect(page2.nextBefore).toBeNull();
    const ofTask = await get(`/api/boards/history/tasks/${taskId}/activity`);
    expect(ofTask.activity.map((event) => event.name)).toEqual(['task.moved', 'task.created']);
    expect((await fetch(`${a.url}/api/boards/history/activity`, { headers: { cookie: bob.cookie } })).status).toBe(403);
  });

  it('rate limits per connection, closes a flooder with 4029, and refuses upgrades past the connection limit with 503', async () => {
    const limited = await start('replica-limited', {
      SWAGBOARD_RATE_PER_SECOND: '5',
      SWAGBOARD_RATE_BURST: '5',
      SWAGBOARD_MAX_CONNECTIONS: '1',
    });
    const { client, first } = await connect(limited, alice.token, []);
    expect(first.type).toBe('welcome');

    const refused = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${limited.url.replace(/^http/, 'ws')}/ws`);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('second connection was admitted')));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(503);

    for (let i = 0; i < 8; i++) client.send({ type: 'ping', ref: `p${i}` });
    expect(await client.next((frame) => frame.type === 'error')).toMatchObject({
      code: 'E_RATE_LIMITED',
      ref: expect.stringMatching(/^p/),
    });
    expect(client.isOpen).toBe(true);
    for (let i = 0; i < 20; i++) client.send({ type: 'ping' });
    expect((await client.closed).code).toBe(4029);
    const metrics = await (await fetch(limited.metricsUrl)).text();
    expect(metrics).toMatch(
      /swagboard_rate_limited_messages_total\{scope="connection",replica="replica-limited"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /swagboard_ws_rejected_connections_total\{reason="max_connections",replica="replica-limited"\} 1/,
    );
  });
});
