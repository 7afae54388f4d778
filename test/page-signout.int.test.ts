import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import { signUpAndIn, type Account } from './support/accounts.ts';
import { startReplica } from './support/replicas.ts';
import { startPostgres, startRedis, type RunningService } from './support/services.ts';
import { SseTestClient, type SseMessage } from './support/sse-client.ts';

const SECRET = 'integration-test-secret-0123456789';
const BOARD = 'signout';

/** The users a presence fragment shows as online, by username. */
const onlineIn = (message: SseMessage): string[] | undefined =>
  message.data.includes('id="presence"')
    ? [...message.data.matchAll(/data-user="([^"]+)"/g)].map((match) => match[1]!)
    : undefined;

const isUpdate = (message: SseMessage) => message.event === 'update' && message.id !== undefined;

/** The board page's live side against two real replicas on one Postgres and one Redis, auth required. */
describe('SwagBoard page streams: resume and order, sign-out, page errors (auth required, replicas on one Redis)', () => {
  let postgres: RunningService;
  let redis: RunningService;
  let one: SwagServer;
  let two: SwagServer;
  const servers: SwagServer[] = [];
  const streams: SseTestClient[] = [];
  let alice: Account;
  let bob: Account;

  const start = (replica: string, env: Record<string, string> = {}) =>
    startReplica(
      {
        SWAGBOARD_DATABASE_URL: postgres.url,
        SWAGBOARD_BUS: 'redis',
        SWAGBOARD_REDIS_URL: redis.url,
        SWAGBOARD_REPLICA: replica,
        SWAGBOARD_AUTH: 'required',
        SWAGBOARD_TOKEN_SECRET: SECRET,
        // Long enough that a heartbeat timeout cannot be what removes a user from presence in these tests.
        SWAGBOARD_PRESENCE_HEARTBEAT_MS: '5000',
        ...env,
      },
      servers,
    );

  const post = (
    server: SwagServer,
    path: string,
    body: unknown,
    cookie: string,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, ...headers },
      body: JSON.stringify(body),
    });

  const open = async (server: SwagServer, who: Account) => {
    const stream = await SseTestClient.open(`${server.url}/boards/${BOARD}/stream?after=0`, who.cookie);
    streams.push(stream);
    return stream;
  };

  /** Creates a task through the REST API of `server` as `who`; resolves with its event's seq. */
  const create = async (server: SwagServer, board: string, title: string, who: Account): Promise<number> => {
    const response = await post(server, `/api/boards/${board}/tasks`, { title, column: 'todo' }, who.cookie);
    expect(response.status).toBe(201);
    return ((await response.json()) as { seq: number }).seq;
  };

  /** A page that rendered `board` at seq `after` (a reconnect), or 0. */
  const resume = async (server: SwagServer, board: string, after: number, who: Account) => {
    const stream = await SseTestClient.open(`${server.url}/boards/${board}/stream?after=${after}`, who.cookie);
    streams.push(stream);
    return stream;
  };

  /** The ids of the stream's `update` messages until one carries `last`. */
  const idsUntil = async (stream: SseTestClient, last: number): Promise<number[]> => {
    const ids: number[] = [];
    while (ids.at(-1) !== last) ids.push(Number((await stream.next(isUpdate, 5000)).id));
    return ids;
  };

  /** The next presence fragment on `stream` for which `expected` holds. */
  const presenceUntil = (stream: SseTestClient, expected: (online: string[]) => boolean, timeoutMs = 3000) =>
    stream.next((message) => {
      const online = onlineIn(message);
      return online !== undefined && expected(online);
    }, timeoutMs);

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    [one, two] = await Promise.all([start('replica-1'), start('replica-2')]);
    [alice, bob] = await Promise.all([signUpAndIn(one.url, 'alice'), signUpAndIn(one.url, 'bob')]);
    expect((await post(one, '/api/boards', { id: BOARD, name: 'Sign-out' }, alice.cookie)).status).toBe(201);
    expect((await post(one, `/api/boards/${BOARD}/members`, { username: 'bob' }, alice.cookie)).status).toBe(201);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  // A page's stream is a board stream like a socket's: resumed without loss, then every event once, in order.
  it('redraws what a reconnecting page missed, then sends each later event once, in order', async () => {
    expect((await post(one, '/api/boards', { id: 'resume', name: 'Resume' }, bob.cookie)).status).toBe(201);
    for (const title of ['one', 'two', 'three']) await create(one, 'resume', title, bob);
    const stream = await resume(two, 'resume', 1, bob);
    const missed = await stream.next(isUpdate);
    expect(missed.id).toBe('3');
    expect(missed.data).toContain('two');
    expect(missed.data).toContain('three');
    let last = 0;
    for (const title of ['four', 'five', 'six']) last = await create(one, 'resume', title, bob);
    expect(await idsUntil(stream, last)).toEqual([4, 5, 6]);
  });

  it('loses and repeats nothing of what is committed while the page joins', async () => {
    expect((await post(one, '/api/boards', { id: 'burst', name: 'Burst' }, bob.cookie)).status).toBe(201);
    await create(one, 'burst', 'first', bob);
    // Writes on both replicas while the stream joins, reads its snapshot and starts.
    const writes = Promise.all(
      Array.from({ length: 30 }, (_, i) => create(i % 2 === 0 ? one : two, 'burst', `burst ${i}`, bob)),
    );
    const stream = await resume(two, 'burst', 1, bob);
    const last = Math.max(...(await writes));
    const ids = await idsUntil(stream, last);
    const first = ids[0] as number;
    expect(ids).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
  });

  it("closes the session's page streams on every replica at sign-out, and takes the user off Online for others", async () => {
    const alicesOtherTab = await open(two, alice);
    const alicesTabHere = await open(one, alice);
    const bobsTab = await open(two, bob);
    await presenceUntil(bobsTab, (online) => online.includes('alice') && online.includes('bob'));

    const signedOutAt = Date.now();
    expect((await post(one, '/api/auth/signout', {}, alice.cookie)).status).toBe(204);

    // Each of the session's streams is told why, then ended by the server, on the replica that signed out and the other.
    for (const tab of [alicesOtherTab, alicesTabHere]) {
      const endedAt = await Promise.race([
        tab.ended,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000)),
      ]);
      expect(endedAt, 'stream still open 2 s after sign-out').toBeDefined();
      expect(tab.messages.filter((message) => message.event === 'signedout')).toEqual([
        { event: 'signedout', data: 'session was signed out' },
      ]);
    }
    const gone = await presenceUntil(bobsTab, (online) => !online.includes('alice'), 3000);
    expect(onlineIn(gone)).toEqual(['bob']);
    // Bus latency plus at most two presence coalescing intervals (250 ms each, the board just had joins): about
    // 0.5 s here, 20-80 ms on a board quiet for 250 ms; generous for a loaded machine, far under a heartbeat timeout (3 × 5 s).
    expect(Date.now() - signedOutAt).toBeLessThan(2500);
    expect(bobsTab.isEnded).toBe(false);

    // The browser's EventSource reconnects: a signed-out session gets no stream.
    expect(
      (await fetch(`${two.url}/boards/${BOARD}/stream?after=0`, { headers: { cookie: alice.cookie } })).status,
    ).toBe(401);
  });

  it("ends a stream whose sign-out the bus never brought, within a token's lifetime, as a socket's token would", async () => {
    // Tokens live 1 s on this replica, so its streams' sessions are looked up every second.
    const three = await start('replica-3', { SWAGBOARD_TOKEN_TTL_SECONDS: '1' });
    const dave = await signUpAndIn(three.url, 'dave');
    const owner = await signUpAndIn(one.url, 'erin');
    expect((await post(one, '/api/boards', { id: 'missed', name: 'Missed' }, owner.cookie)).status).toBe(201);
    expect((await post(one, '/api/boards/missed/members', { username: 'dave' }, owner.cookie)).status).toBe(201);
    const tab = await SseTestClient.open(`${three.url}/boards/missed/stream?after=0`, dave.cookie);
    streams.push(tab);
    await tab.next((message) => onlineIn(message)?.includes('dave') === true);

    // Signed out behind the servers' backs: no replica publishes a revocation, as if the bus had lost it.
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const sessionId = decodeURIComponent(dave.cookie.split('=')[1]!);
      expect((await db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1', [sessionId])).rowCount).toBe(1);
    } finally {
      await db.end();
    }
    const endedAt = await Promise.race([
      tab.ended,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3000)),
    ]);
    expect(endedAt, 'stream still open 3 s after its session was revoked').toBeDefined();
    expect(tab.messages.filter((message) => message.event === 'signedout')).toEqual([
      { event: 'signedout', data: 'session was signed out' },
    ]);
  });

  it('answers page errors as pages or short texts, each with its code counted', async () => {
    const carol = await signUpAndIn(two.url, 'carol');
    const htmx = { 'HX-Request': 'true', 'content-type': 'application/x-www-form-urlencoded' };
    const form = (path: string, body: string, headers: Record<string, string> = htmx) =>
      fetch(`${two.url}${path}`, { method: 'POST', headers: { cookie: bob.cookie, ...headers }, body });

    const notMember = await fetch(`${two.url}/boards/${BOARD}`, { headers: { cookie: carol.cookie } });
    expect(notMember.status).toBe(403);
    expect(notMember.headers.get('content-type')).toContain('text/html');
    expect(await notMember.text()).toContain('You are not a member of board signout; ask its owner to add you.');

    const badId = await fetch(`${two.url}/boards/Not_A_Board`, { headers: { cookie: bob.cookie } });
    expect(badId.status).toBe(404);
    expect(await badId.text()).toContain('There is no such board.');

    const notFromPage = await form(`/boards/${BOARD}/tasks`, 'title=x&column=todo', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(notFromPage.status).toBe(403);
    expect(await notFromPage.text()).toBe('form posts must come from the page');

    const noTitle = await form(`/boards/${BOARD}/tasks`, 'column=todo');
    expect(noTitle.status).toBe(400);
    expect(noTitle.headers.get('content-type')).toContain('text/plain');
    expect(await noTitle.text()).toContain('title:');

    // Postgres text cannot hold a NUL: the page refuses it like the API does, instead of failing the commit batch.
    const nul = await form(`/boards/${BOARD}/tasks`, 'title=a%00b&column=todo');
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain('title:');

    // A bad filter on the stream is refused before the stream opens, not inside a response already sent.
    const badFilter = await fetch(`${two.url}/boards/${BOARD}/stream?tag=Not%20A%20Tag`, {
      headers: { cookie: bob.cookie },
    });
    expect(badFilter.status).toBe(400);
    expect(badFilter.headers.get('content-type')).not.toContain('text/event-stream');

    const noTask = await form(`/boards/${BOARD}/tasks/not-a-task/delete`, '');
    expect(noTask.status).toBe(404);
    expect(await noTask.text()).toBe('no such task');

    const missingTask = await form(`/boards/${BOARD}/tasks/00000000-0000-4000-8000-000000000000/delete`, '');
    expect(missingTask.status).toBe(404);

    const metrics = await (await fetch(two.metricsUrl)).text();
    const count = (code: string) =>
      Number(
        new RegExp(`swagboard_errors_total\\{code="${code}",replica="replica-2"\\} (\\d+)`).exec(metrics)?.[1] ?? 0,
      );
    expect(count('E_FORBIDDEN')).toBeGreaterThanOrEqual(1);
    expect(count('E_BOARD_NOT_FOUND')).toBeGreaterThanOrEqual(1);
    expect(count('E_FORM_NOT_FROM_PAGE')).toBe(1);
    expect(count('E_BAD_FORM')).toBe(3);
    expect(count('E_TASK_NOT_FOUND')).toBe(2);
  });
});
