import type { BoardChange } from '../board/board-change.ts';
import type { BoardEvent, EventData, EventName } from '../board/board-event.ts';
import type { Outcome } from '../board/group-commit.ts';
import type { BoardId } from '../board/task.ts';
import { SwagError } from '../errors.ts';

/** One call of swagboard_apply_changes (migration 005): the batch's only round trip, and its own transaction. */
export const APPLY_CHANGES_SQL =
  'SELECT change_index, change_seq, change_error, change_data FROM swagboard_apply_changes($1, $2::jsonb) ORDER BY change_index';

export interface AppliedRow {
  change_index: number;
  change_seq: number | null;
  change_error: string | null;
  change_data: EventData[EventName] | null;
}

const EVENT_NAMES = {
  create: 'task.created',
  update: 'task.updated',
  move: 'task.moved',
  delete: 'task.deleted',
} as const;

/** The JSON element swagboard_apply_changes reads for a change; keys left out mean "not given". */
export function encodeChange(change: BoardChange): Record<string, unknown> {
  const { meta } = change;
  const common = {
    op: change.op,
    id: change.taskId,
    at: meta.at,
    origin: meta.origin,
    clientTs: meta.clientTs,
    actorId: meta.actor?.userId,
    actorName: meta.actor?.name,
  };
  switch (change.op) {
    case 'create':
      return {
        ...common,
        title: change.task.title,
        column: change.task.column,
        tags: change.task.tags,
        assignee: change.task.assignee,
      };
    case 'update':
      return {
        ...common,
        title: change.changes.title,
        notes: change.changes.notes,
        tags: change.changes.tags,
        assignee: change.changes.assignee,
      };
    case 'move':
      return {
        ...common,
        column: change.target.column,
        position: change.target.position,
        offset: change.target.offset,
      };
    case 'delete':
      return common;
  }
}

/** A change's row back from swagboard_apply_changes: its event, or its own error. */
export function toOutcome(board: BoardId, change: BoardChange, row: AppliedRow | undefined): Outcome<BoardEvent> {
  if (!row) return { ok: false, error: new SwagError('E_INTERNAL', 'no result for a change of the batch') };
  if (row.change_error === 'E_TASK_NOT_FOUND') {
    return {
      ok: false,
      error: new SwagError('E_TASK_NOT_FOUND', `task ${change.taskId} does not exist on board ${board}`),
    };
  }
  if (row.change_error === 'E_BOARD_NOT_FOUND')
    return { ok: false, error: new SwagError('E_BOARD_NOT_FOUND', `board ${board} does not exist`) };
  if (row.change_error !== null || row.change_seq === null || row.change_data === null) {
    return { ok: false, error: new SwagError('E_INTERNAL', `unexpected result ${row.change_error ?? 'without seq'}`) };
  }
  const { meta } = change;
  const event: BoardEvent = {
    board,
    seq: row.change_seq,
    name: EVENT_NAMES[change.op],
    data: row.change_data,
    origin: meta.origin,
    at: meta.at,
  };
  if (meta.clientTs !== undefined) event.clientTs = meta.clientTs;
  if (meta.actor !== undefined) event.actor = meta.actor;
  return { ok: true, value: event };
}
