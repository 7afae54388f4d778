import { describe, expect, it } from 'vitest';
import type { BoardChange } from '../board/board-change.ts';
import { SwagError } from '../errors.ts';
import { encodeChange, toOutcome } from './board-changes.ts';

const meta = { origin: 'replica-1', at: 1_732_630_000_123 };
const taskId = '5b0d1c3e-8c1f-4c1e-9a57-0f8a3c1d2e4f';
/** What swagboard_apply_changes receives: keys left out mean "not given", so JSON is the test. */
const wire = (change: BoardChange) => JSON.parse(JSON.stringify(encodeChange(change))) as Record<string, unknown>;

describe('encodeChange', () => {
  it('leaves out what an update does not change, and keeps an explicit null assignee (unassign)', () => {
    expect(wire({ op: 'update', taskId, changes: { title: 'New' }, meta })).toEqual({
      op: 'update',
      id: taskId,
      at: meta.at,
      origin: 'replica-1',
      title: 'New',
    });
    expect(wire({ op: 'update', taskId, changes: { assignee: null }, meta })).toEqual({
      op: 'update',
      id: taskId,
      at: meta.at,
      origin: 'replica-1',
      assignee: null,
    });
  });

  it('carries the move target, client time and actor', () => {
    const change: BoardChange = {
      op: 'move',
      taskId,
      target: { column: 'done', position: 0 },
      meta: { ...meta, clientTs: 5, actor: { userId: 'u1', name: 'alice' } },
    };
    expect(wire(change)).toEqual({
      op: 'move',
      id: taskId,
      at: meta.at,
      origin: 'replica-1',
      clientTs: 5,
      actorId: 'u1',
      actorName: 'alice',
      column: 'done',
      position: 0,
    });
    expect(wire({ op: 'move', taskId, target: { offset: -1 }, meta })).toMatchObject({ offset: -1 });
    expect(wire({ op: 'move', taskId, target: { offset: -1 }, meta })).not.toHaveProperty('column');
  });
});

describe('toOutcome', () => {
  const change: BoardChange = { op: 'delete', taskId, meta: { ...meta, clientTs: 7 } };

  it('makes the event of an applied change from its seq and data', () => {
    expect(
      toOutcome('demo', change, { change_index: 0, change_seq: 42, change_error: null, change_data: { taskId } }),
    ).toEqual({
      ok: true,
      value: {
        board: 'demo',
        seq: 42,
        name: 'task.deleted',
        data: { taskId },
        origin: 'replica-1',
        at: meta.at,
        clientTs: 7,
      },
    });
  });

  it('gives a change whose task is gone its own E_TASK_NOT_FOUND, naming the task', () => {
    const outcome = toOutcome('demo', change, {
      change_index: 0,
      change_seq: null,
      change_error: 'E_TASK_NOT_FOUND',
      change_data: null,
    });
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: SwagError }).error;
    expect([error.code, error.message]).toEqual(['E_TASK_NOT_FOUND', `task ${taskId} does not exist on board demo`]);
  });

  it('treats a missing or unknown result as internal, never as applied', () => {
    expect(toOutcome('demo', change, undefined)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(
      toOutcome('demo', change, { change_index: 0, change_seq: null, change_error: 'E_WHAT', change_data: null }),
    ).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
  });
});
