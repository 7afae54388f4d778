import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectHistory, historyLineCatcher, readServerHistory } from './collect-history.ts';

describe('historyLineCatcher', () => {
  it('keeps history lines, passes the rest on, and names lines it cannot read', () => {
    const passed: string[] = [];
    const catcher = historyLineCatcher((_level, message) => passed.push(message));
    catcher.onLog('info', 'hello', {});
    catcher.onLog('info', 'swag-history {"client":"a","board":"b","replicas":[],"ops":[],"events":[],"resets":0}', {});
    catcher.onLog('info', 'swag-history {"client":', {});
    catcher.onLog('error', 'TypeError: boom\n    at client (history.ts:1)\n    at x\n    at y', { vu: 3 });
    expect(passed).toEqual(['hello', 'TypeError: boom\n    at client (history.ts:1)\n    at x\n    at y']);
    expect(catcher.errors).toEqual(['vu 3: TypeError: boom     at client (history.ts:1)     at x']);
    expect(catcher.histories()).toEqual([{ client: 'a', board: 'b', replicas: [], ops: [], events: [], resets: 0 }]);
    expect(catcher.problems).toHaveLength(1);
    expect(catcher.problems[0]).toMatch(/^history line 2 is not a client history/);
  });
});

// A stand-in for the REST API's two reads (paging included), on port 0.
describe('readServerHistory', () => {
  const events = Array.from({ length: 1500 }, (_, i) => ({
    seq: i + 1,
    name: 'task.updated',
    data: { task: { id: 't', column: 'todo', position: 0, title: `v${i}` } },
    actor: { name: 'a' },
    clientTs: i,
  }));
  events[0] = {
    seq: 1,
    name: 'task.created',
    data: { task: { id: 't', column: 'todo', position: 0, title: 'v0' } },
    actor: { name: 'a' },
    clientTs: 0,
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://x');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/api/boards/b/tasks')
      return res.end(
        JSON.stringify({
          board: 'b',
          seq: 1500,
          tasks: [{ id: 't', board: 'b', column: 'todo', position: 0, title: 'v1499', notes: '' }],
        }),
      );
    if (url.pathname === '/api/boards/b/events') {
      const after = Number(url.searchParams.get('after'));
      const limit = Number(url.searchParams.get('limit'));
      return res.end(JSON.stringify({ board: 'b', events: events.filter((e) => e.seq > after).slice(0, limit) }));
    }
    res.statusCode = 404;
    res.end('{}');
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads every page of the log and the snapshot', async () => {
    const history = await readServerHistory(base, 'b');
    expect(history.events).toHaveLength(1500);
    expect(history.events.at(-1)).toEqual({
      seq: 1500,
      name: 'task.updated',
      taskId: 't',
      column: 'todo',
      position: 0,
      title: 'v1499',
      actor: 'a',
      clientTs: 1499,
    });
    expect(history.snapshot).toEqual({ seq: 1500, tasks: [{ id: 't', column: 'todo', position: 0, title: 'v1499' }] });
  });

  it('fails the verdict, saying why, when there is nothing to check or the board cannot be read', async () => {
    const none = await collectHistory(base, []);
    expect(none).toMatchObject({ passed: false, error: 'no client reported a history (did every client finish?)' });
    const missing = await collectHistory(base, [
      { client: 'a', board: 'nope', replicas: [], ops: [], events: [], resets: 0 },
    ]);
    expect(missing).toMatchObject({
      passed: false,
      error: "could not read the server's history: GET /tasks answered 404",
    });
  });
});
