// Properties over random histories from a reference board written here (not
// the checker's replay): an honest history always passes, and any one of a
// set of small corruptions of it always fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from './check-history.ts';
import type { ChangeRecord, ClientHistory, OpKind, OpRecord, ServerHistory } from './history.ts';

interface Command {
  client: number;
  kind: OpKind;
  pick: number;
  column: number;
  position: number;
  /** 0: acked; 1: socket dropped before the ack, committed; 2: dropped, never committed. */
  fate: number;
}

const COLUMNS = ['todo', 'doing', 'done'];
const NAME = { create: 'task.created', update: 'task.updated', move: 'task.moved', delete: 'task.deleted' } as const;
const command = fc.record({
  client: fc.nat(2),
  kind: fc.constantFrom<OpKind>('create', 'create', 'update', 'move', 'delete'),
  pick: fc.nat(50),
  column: fc.nat(2),
  position: fc.nat(6),
  fate: fc.oneof(
    { weight: 8, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.constant(2) },
  ),
});

/** A reference board: each column an array, applied one command at a time, as the protocol says. */
function honestHistory(commands: Command[]): { clients: ClientHistory[]; server: ServerHistory } {
  const columns: string[][] = COLUMNS.map(() => []);
  const titles = new Map<string, string>();
  const log: ChangeRecord[] = [];
  const clients: ClientHistory[] = [0, 1, 2].map((i) => ({
    client: `c${i}`,
    board: 'b',
    replicas: [`replica-${(i % 2) + 1}`],
    ops: [],
    events: [],
    resets: 0,
  }));
  let nextId = 0;
  commands.forEach((cmd, index) => {
    const client = clients[cmd.client]!;
    const clientTs = index + 1;
    const ref = `r${index}`;
    const all = columns.flat();
    const taskId = cmd.kind === 'create' ? `t${++nextId}` : all[cmd.pick % Math.max(1, all.length)];
    const op: OpRecord = { ref, kind: cmd.kind, clientTs, outcome: 'unanswered' };
    if (cmd.kind !== 'create') op.taskId = taskId ?? 'missing';
    if (cmd.kind === 'create' || cmd.kind === 'update') op.title = `${client.client} ${index}`;
    if (cmd.kind === 'create' || cmd.kind === 'move') op.column = COLUMNS[cmd.column]!;
    if (cmd.kind === 'move') op.position = cmd.position;
    client.ops.push(op);
    if (taskId === undefined) {
      op.outcome = { error: 'E_TASK_NOT_FOUND' };
      return;
    }
    if (cmd.fate === 2) return;
    const where = () => {
      const c = columns.findIndex((col) => col.includes(taskId));
      return { c, p: columns[c]?.indexOf(taskId) ?? -1 };
    };
    const seq = log.length + 1;
    const record: ChangeRecord = { seq, name: 'task.created', taskId, actor: client.client, clientTs };
    if (cmd.kind === 'delete') {
      const { c, p } = where();
      columns[c]!.splice(p, 1);
      titles.delete(taskId);
      record.name = 'task.deleted';
    } else {
      if (cmd.kind === 'create') columns[cmd.column]!.push(taskId);
      if (cmd.kind === 'move') {
        const { c, p } = where();
        columns[c]!.splice(p, 1);
        columns[cmd.column]!.splice(Math.min(cmd.position, columns[cmd.column]!.length), 0, taskId);
      }
      if (op.title !== undefined) titles.set(taskId, op.title);
      const { c, p } = where();
      Object.assign(record, { name: NAME[cmd.kind], column: COLUMNS[c], position: p, title: titles.get(taskId) });
    }
    log.push(record);
    if (cmd.fate === 0) op.outcome = { ack: seq, taskId };
  });
  for (const client of clients) client.events = log.map((e) => ({ ...e }));
  const tasks = columns.flatMap((ids, c) =>
    ids.map((id, position) => ({ id, column: COLUMNS[c]!, position, title: titles.get(id) ?? '' })),
  );
  return { clients, server: { board: 'b', events: log, snapshot: { seq: log.length, tasks } } };
}

type Corruption = (h: { clients: ClientHistory[]; server: ServerHistory }, at: number) => boolean;

/** Each corruption returns false when this history has nothing it applies to. */
const CORRUPTIONS: Record<string, Corruption> = {
  'drop a log event': ({ server }, at) => server.events.splice(at % server.events.length, 1).length > 0,
  'drop a client event': ({ clients }, at) =>
    clients[at % 3]!.events.splice(at % clients[at % 3]!.events.length, 1).length > 0,
  'repeat a client event': ({ clients }, at) => {
    const events = clients[at % 3]!.events;
    const event = events[at % events.length];
    if (!event) return false;
    events.splice((at % events.length) + 1, 0, { ...event });
    return true;
  },
  'move a task elsewhere in a client event': ({ clients }, at) => {
    const event = clients[at % 3]!.events.find((e, i) => i >= at % 7 && e.column !== undefined);
    if (!event) return false;
    event.column = event.column === 'todo' ? 'done' : 'todo';
    return true;
  },
  'ack with another seq': ({ clients, server }, at) => {
    const op = clients
      .flatMap((c) => c.ops)
      .find((o, i) => i >= at % 5 && typeof o.outcome === 'object' && 'ack' in o.outcome);
    if (!op || typeof op.outcome !== 'object' || !('ack' in op.outcome) || server.events.length < 2) return false;
    // The next seq round the log: always another seq that exists.
    op.outcome = { ...op.outcome, ack: (op.outcome.ack % server.events.length) + 1 };
    return true;
  },
  'ack something never committed': ({ clients }, at) => {
    const op = clients.flatMap((c) => c.ops).find((o, i) => i >= at % 5 && o.outcome === 'unanswered');
    if (!op) return false;
    op.outcome = { ack: 1, taskId: 'ghost' };
    return true;
  },
  'retitle a task in the snapshot': ({ server }, at) => {
    const task = server.snapshot.tasks[at % Math.max(1, server.snapshot.tasks.length)];
    if (!task) return false;
    task.title += '!';
    return true;
  },
  'apply a command twice': ({ clients, server }) => {
    const last = server.events.at(-1);
    if (!last || last.name !== 'task.updated') return false;
    const again = { ...last, seq: last.seq + 1 };
    server.events.push(again);
    server.snapshot.seq += 1;
    for (const c of clients) c.events.push({ ...again });
    return true;
  },
};

describe('checkHistory over random histories', () => {
  it('passes every honest history', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 80 }), (commands) => {
        const { clients, server } = honestHistory(commands);
        const verdict = checkHistory(clients, server);
        expect(verdict.violations).toEqual([]);
        expect(verdict.ops.sent).toBe(commands.length);
      }),
      { numRuns: 300 },
    );
  });

  for (const [name, corrupt] of Object.entries(CORRUPTIONS)) {
    it(`fails when it must: ${name}`, () => {
      fc.assert(
        fc.property(fc.array(command, { minLength: 5, maxLength: 60 }), fc.nat(1000), (commands, at) => {
          const history = honestHistory(commands);
          fc.pre(corrupt(history, at));
          const verdict = checkHistory(history.clients, history.server);
          expect(verdict.passed).toBe(false);
          expect(verdict.counterexample).toBeDefined();
        }),
        { numRuns: 200 },
      );
    });
  }
});
