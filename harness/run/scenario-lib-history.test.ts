// The pure parts of the history scenario's client (scenarios/lib), held to the
// checker's side of the same contract.
import { describe, expect, it } from 'vitest';
import { clientHistorySchema } from '../../reports/history/history-schema.ts';
import { replayBoard } from '../../reports/history/replay-board.ts';
import { changeRecord, HISTORY_LINE_PREFIX, historyLine, type ClientHistory } from '../../scenarios/lib/history-log.ts';
import { LiveBoard, nextOpKind } from '../../scenarios/lib/live-board.ts';
import { HISTORY_LINE_PREFIX as HARNESS_PREFIX } from './collect-history.ts';

const task = (id: string, column: string, position: number, title = id) => ({
  id,
  board: 'b',
  title,
  column,
  position,
  notes: '',
  tags: [],
  assignee: null,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
});
const events = [
  {
    type: 'event',
    board: 'b',
    seq: 1,
    name: 'task.created',
    data: { task: task('a', 'todo', 0) },
    origin: 'replica-1',
    at: 5,
    clientTs: 3,
    actor: { userId: 'u', name: 'alice' },
  },
  {
    type: 'event',
    board: 'b',
    seq: 2,
    name: 'task.created',
    data: { task: task('b', 'todo', 1) },
    origin: 'replica-2',
    at: 6,
  },
  {
    type: 'event',
    board: 'b',
    seq: 3,
    name: 'task.moved',
    data: { task: task('b', 'done', 0), fromColumn: 'todo', fromPosition: 1 },
    origin: 'replica-1',
    at: 7,
    clientTs: 4,
    actor: { userId: 'u', name: 'alice' },
  },
  {
    type: 'event',
    board: 'b',
    seq: 4,
    name: 'task.moved',
    data: { task: task('a', 'done', 0), fromColumn: 'todo', fromPosition: 0 },
    origin: 'replica-1',
    at: 8,
    clientTs: 5,
    actor: { userId: 'u', name: 'alice' },
  },
  {
    type: 'event',
    board: 'b',
    seq: 5,
    name: 'task.deleted',
    data: { taskId: 'b' },
    origin: 'replica-2',
    at: 9,
    clientTs: 6,
    actor: { userId: 'v', name: 'bob' },
  },
];

describe('history client library', () => {
  it('reduces events to the records the checker compares (the harness uses the same conversion)', () => {
    expect(changeRecord(events[0]!)).toEqual({
      seq: 1,
      name: 'task.created',
      taskId: 'a',
      column: 'todo',
      position: 0,
      title: 'a',
      actor: 'alice',
      clientTs: 3,
      origin: 'replica-1',
    });
    expect(changeRecord(events[4]!)).toEqual({
      seq: 5,
      name: 'task.deleted',
      taskId: 'b',
      actor: 'bob',
      clientTs: 6,
      origin: 'replica-2',
    });
    expect(HISTORY_LINE_PREFIX).toBe(HARNESS_PREFIX);
  });

  it('keeps a live board that agrees with the checker’s replay', () => {
    const board = new LiveBoard();
    const records = events.map(changeRecord);
    for (const record of records) board.apply(record);
    expect(board.size).toBe(1);
    expect([...replayBoard(records).tasks.keys()]).toEqual(['a']);
    expect(board.anyTask(() => 0.99)).toBe('a');
    const place = board.anyPlace(() => 0.99);
    expect(place.column).toBe('done');
    expect(place.position).toBeLessThanOrEqual(2);
  });

  it('creates until the board has a few tasks, and seldom once it is full', () => {
    expect(nextOpKind(0, 30, () => 0.99)).toBe('create');
    expect(nextOpKind(10, 30, () => 0.1)).toBe('create');
    expect(nextOpKind(30, 30, () => 0.1)).not.toBe('create');
    expect(nextOpKind(10, 30, () => 0.99)).toBe('delete');
  });

  it('writes a history line the harness accepts', () => {
    const history: ClientHistory = {
      client: 'alice',
      board: 'b',
      replicas: ['replica-1'],
      resets: 0,
      events: [changeRecord(events[0]!)],
      ops: [{ ref: 'r1', kind: 'create', clientTs: 3, column: 'todo', title: 'a', outcome: { ack: 1, taskId: 'a' } }],
    };
    const line = historyLine(history);
    expect(line.startsWith(HISTORY_LINE_PREFIX)).toBe(true);
    expect(clientHistorySchema.parse(JSON.parse(line.slice(HISTORY_LINE_PREFIX.length)))).toEqual(history);
  });
});
