import { describe, expect, it } from 'vitest';
import { checkHistory } from './check-history.ts';
import type { ChangeRecord, ClientHistory, ServerHistory, ViolationKind } from './history.ts';

// A small honest history: alice and bob on one board, six committed changes,
// one refused command and one that was never answered.
const log = (): ChangeRecord[] => [
  { seq: 1, name: 'task.created', taskId: 't1', column: 'todo', position: 0, title: 'a1', actor: 'alice', clientTs: 1 },
  { seq: 2, name: 'task.created', taskId: 't2', column: 'todo', position: 1, title: 'b1', actor: 'bob', clientTs: 1 },
  { seq: 3, name: 'task.moved', taskId: 't2', column: 'done', position: 0, title: 'b1', actor: 'alice', clientTs: 2 },
  { seq: 4, name: 'task.updated', taskId: 't1', column: 'todo', position: 0, title: 'b2', actor: 'bob', clientTs: 2 },
  { seq: 5, name: 'task.created', taskId: 't3', column: 'todo', position: 1, title: 'a3', actor: 'alice', clientTs: 3 },
  { seq: 6, name: 'task.deleted', taskId: 't1', actor: 'bob', clientTs: 3 },
];

function honest(): { clients: ClientHistory[]; server: ServerHistory } {
  const alice: ClientHistory = {
    client: 'alice',
    board: 'b',
    replicas: ['replica-1', 'replica-2'],
    resets: 0,
    events: log(),
    ops: [
      { ref: 'r1', kind: 'create', clientTs: 1, column: 'todo', title: 'a1', outcome: { ack: 1, taskId: 't1' } },
      {
        ref: 'r2',
        kind: 'move',
        clientTs: 2,
        taskId: 't2',
        column: 'done',
        position: 0,
        outcome: { ack: 3, taskId: 't2' },
      },
      { ref: 'r3', kind: 'create', clientTs: 3, column: 'todo', title: 'a3', outcome: { ack: 5, taskId: 't3' } },
      { ref: 'r4', kind: 'update', clientTs: 4, taskId: 't1', title: 'a4', outcome: { error: 'E_TASK_NOT_FOUND' } },
    ],
  };
  const bob: ClientHistory = {
    client: 'bob',
    board: 'b',
    replicas: ['replica-2'],
    resets: 0,
    events: log(),
    ops: [
      { ref: 'r1', kind: 'create', clientTs: 1, column: 'todo', title: 'b1', outcome: { ack: 2, taskId: 't2' } },
      { ref: 'r2', kind: 'update', clientTs: 2, taskId: 't1', title: 'b2', outcome: { ack: 4, taskId: 't1' } },
      { ref: 'r3', kind: 'delete', clientTs: 3, taskId: 't1', outcome: { ack: 6, taskId: 't1' } },
      { ref: 'r4', kind: 'move', clientTs: 4, taskId: 't3', column: 'done', position: 0, outcome: 'unanswered' },
    ],
  };
  const server: ServerHistory = {
    board: 'b',
    events: log(),
    snapshot: {
      seq: 6,
      tasks: [
        { id: 't3', column: 'todo', position: 0, title: 'a3' },
        { id: 't2', column: 'done', position: 0, title: 'b1' },
      ],
    },
  };
  return { clients: [alice, bob], server };
}

const kinds = (verdict: ReturnType<typeof checkHistory>): ViolationKind[] => [
  ...new Set(verdict.violations.map((v) => v.kind)),
];

describe('checkHistory', () => {
  it('passes an honest history and counts what it checked', () => {
    const { clients, server } = honest();
    const verdict = checkHistory(clients, server);
    expect(verdict.violations).toEqual([]);
    expect(verdict.passed).toBe(true);
    expect(verdict.counterexample).toBeUndefined();
    expect(verdict.ops).toEqual({
      sent: 8,
      acked: 6,
      refused: 1,
      unanswered: 1,
      byKind: { create: 3, update: 2, move: 2, delete: 1 },
      errors: { E_TASK_NOT_FOUND: 1 },
    });
    expect(verdict).toMatchObject({
      clients: 2,
      replicas: ['replica-1', 'replica-2'],
      logEvents: 6,
      finalSeq: 6,
      tasksAtEnd: 2,
      reconnects: 1,
    });
  });

  it('passes when an unanswered command did commit, once', () => {
    const { clients, server } = honest();
    const moved: ChangeRecord = {
      seq: 7,
      name: 'task.moved',
      taskId: 't3',
      column: 'done',
      position: 0,
      title: 'a3',
      actor: 'bob',
      clientTs: 4,
    };
    server.events.push(moved);
    server.snapshot = {
      seq: 7,
      tasks: [
        { id: 't3', column: 'done', position: 0, title: 'a3' },
        { id: 't2', column: 'done', position: 1, title: 'b1' },
      ],
    };
    for (const c of clients) c.events.push(moved);
    expect(checkHistory(clients, server).violations).toEqual([]);
  });

  it('finds a gap in the log, and names the missing seq as the counterexample', () => {
    const { clients, server } = honest();
    server.events.splice(2, 1);
    const verdict = checkHistory(clients, server);
    expect(verdict.passed).toBe(false);
    expect(kinds(verdict)).toContain('log-gap');
    expect(kinds(verdict)).toContain('ack-not-in-log');
    expect(verdict.counterexample).toMatchObject({ kind: 'log-gap', seq: 3 });
  });

  it('finds a seq the log repeats', () => {
    const { clients, server } = honest();
    server.events.splice(3, 0, { ...server.events[2]! });
    expect(kinds(checkHistory(clients, server))).toContain('log-duplicate');
  });

  it('finds an acked change that is not in the log, with both sides', () => {
    const { clients, server } = honest();
    server.events[4] = { ...server.events[4]!, clientTs: 99 };
    const verdict = checkHistory(clients, server);
    const missing = verdict.violations.find((v) => v.kind === 'ack-not-in-log');
    expect(missing).toMatchObject({ seq: 5, client: 'alice', server: null, clientSide: { ref: 'r3', kind: 'create' } });
    // The log's change in alice's name is one she never sent.
    expect(kinds(verdict)).toContain('unsent-change');
  });

  it('finds a change applied twice', () => {
    const { clients, server } = honest();
    const again: ChangeRecord = {
      seq: 7,
      name: 'task.created',
      taskId: 't4',
      column: 'todo',
      position: 1,
      title: 'b1',
      actor: 'bob',
      clientTs: 1,
    };
    server.events.push(again);
    server.snapshot = {
      seq: 7,
      tasks: [...server.snapshot.tasks, { id: 't4', column: 'todo', position: 1, title: 'b1' }],
    };
    for (const c of clients) c.events.push(again);
    const verdict = checkHistory(clients, server);
    expect(verdict.violations).toEqual([expect.objectContaining({ kind: 'applied-twice', seq: 7, client: 'bob' })]);
  });

  it('finds an ack whose seq is not where the log has the change', () => {
    const { clients, server } = honest();
    clients[0]!.ops[1]!.outcome = { ack: 4, taskId: 't2' };
    const verdict = checkHistory(clients, server);
    expect(verdict.violations).toEqual([expect.objectContaining({ kind: 'ack-wrong-seq', seq: 3 })]);
  });

  it('finds a change in the log that is not what was sent', () => {
    const { clients, server } = honest();
    clients[1]!.ops[1]!.title = 'something else';
    expect(checkHistory(clients, server).violations).toEqual([
      expect.objectContaining({ kind: 'ack-mismatch', seq: 4, client: 'bob' }),
    ]);
  });

  it('finds a refused command that was applied anyway', () => {
    const { clients, server } = honest();
    const applied: ChangeRecord = {
      seq: 7,
      name: 'task.updated',
      taskId: 't3',
      column: 'todo',
      position: 0,
      title: 'a4',
      actor: 'alice',
      clientTs: 4,
    };
    server.events.push(applied);
    server.snapshot = {
      seq: 7,
      tasks: [
        { id: 't3', column: 'todo', position: 0, title: 'a4' },
        { id: 't2', column: 'done', position: 0, title: 'b1' },
      ],
    };
    for (const c of clients) c.events.push(applied);
    expect(checkHistory(clients, server).violations).toEqual([
      expect.objectContaining({ kind: 'refused-but-applied', seq: 7 }),
    ]);
  });

  it('finds a snapshot the log does not replay to, and a column not numbered 0..n-1', () => {
    const { clients, server } = honest();
    server.snapshot.tasks[0] = { id: 't3', column: 'todo', position: 1, title: 'a3' };
    const verdict = checkHistory(clients, server);
    expect(kinds(verdict).sort()).toEqual(['client-state', 'snapshot-mismatch', 'snapshot-positions']);
    expect(verdict.violations.find((v) => v.kind === 'snapshot-mismatch')).toMatchObject({
      message:
        'the log replayed has t3 at "todo" 0 titled "a3"; the snapshot at "todo" 1 titled "a3" (last changed in the log at seq 5)',
      server: { id: 't3', position: 1 },
      clientSide: { id: 't3', position: 0 },
    });
  });

  it('finds a snapshot that is not at the log end', () => {
    const { clients, server } = honest();
    server.snapshot.seq = 5;
    expect(kinds(checkHistory(clients, server))).toEqual(['snapshot-seq']);
  });

  it('finds a log that cannot be replayed: a move past the end of a column', () => {
    const { clients, server } = honest();
    server.events[2] = { ...server.events[2]!, position: 3 };
    for (const c of clients) c.events[2] = { ...server.events[2] };
    const verdict = checkHistory(clients, server);
    expect(verdict.violations[0]).toMatchObject({ kind: 'replay-anomaly', seq: 3 });
    expect(verdict.violations[0]!.message).toContain('position 3 of "done", which has 0 task(s)');
  });

  it('finds a client that skipped a seq', () => {
    const { clients, server } = honest();
    clients[1]!.events.splice(3, 1);
    const verdict = checkHistory(clients, server);
    expect(verdict.violations).toEqual([
      expect.objectContaining({ kind: 'client-gap', seq: 4, client: 'bob', server: server.events[3] }),
    ]);
    expect(verdict.counterexample).toMatchObject({ kind: 'client-gap', seq: 4 });
  });

  it('finds a client that got a seq twice', () => {
    const { clients, server } = honest();
    clients[0]!.events.splice(2, 0, { ...log()[1]! });
    expect(checkHistory(clients, server).violations).toEqual([
      expect.objectContaining({ kind: 'client-duplicate', seq: 2, client: 'alice' }),
    ]);
  });

  it('gives the first seq where a client diverges from the log, with both sides', () => {
    const { clients, server } = honest();
    clients[1]!.events[2] = { ...clients[1]!.events[2]!, column: 'todo', position: 1 };
    const verdict = checkHistory(clients, server);
    expect(verdict.counterexample).toEqual({
      kind: 'client-diverged',
      seq: 3,
      client: 'bob',
      message: "bob's event at seq 3 differs from the log's",
      server: log()[2],
      clientSide: { ...log()[2], column: 'todo', position: 1 },
    });
    // Its board then ends up wrong too.
    expect(kinds(verdict)).toContain('client-state');
  });

  it('finds a client that ended behind the log', () => {
    const { clients, server } = honest();
    clients[0]!.events.pop();
    expect(checkHistory(clients, server).violations).toEqual([
      expect.objectContaining({
        kind: 'client-behind',
        seq: 6,
        client: 'alice',
        message:
          'alice ended at seq 5; the log goes on to 6. It was last on replica-2, which acked its commands up to seq 5',
        clientSide: { lastSeq: 5, replica: 'replica-2', lastAck: 5 },
      }),
    ]);
  });

  it('does not pass a client that was reset', () => {
    const { clients, server } = honest();
    clients[0]!.resets = 1;
    expect(kinds(checkHistory(clients, server))).toEqual(['client-reset']);
  });

  it('does not pass when a client that started reported no history', () => {
    const { clients, server } = honest();
    const verdict = checkHistory(clients, server, {
      expectedClients: 3,
      missingBecause: ['TypeError: x is undefined'],
    });
    expect(verdict.violations).toEqual([
      {
        kind: 'client-missing',
        message: '1 of 3 clients reported no history; the runner logged: TypeError: x is undefined',
      },
    ]);
    expect(checkHistory(clients, server, { expectedClients: 2 }).passed).toBe(true);
  });

  it('keeps at most 50 violations but counts them all', () => {
    const { clients, server } = honest();
    for (let i = 0; i < 60; i++)
      clients.push({ client: `c${i}`, board: 'b', replicas: [], ops: [], events: [], resets: 0 });
    const verdict = checkHistory(clients, server);
    expect(verdict.violationCount).toBe(60);
    expect(verdict.violations).toHaveLength(50);
  });
});
