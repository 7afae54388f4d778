import type { Actor } from './board-event.ts';
import type { MoveTarget, NewTask, TaskChanges, TaskId } from './task.ts';

/** Who asked for a change, and when the replica accepted it (before it was queued for the board's group commit). */
export interface ChangeMeta {
  origin: string;
  at: number;
  clientTs?: number;
  actor?: Actor;
}

/** One change of a board, as queued for the board's group commit. */
export type BoardChange =
  | { op: 'create'; taskId: TaskId; task: NewTask; meta: ChangeMeta }
  | { op: 'update'; taskId: TaskId; changes: TaskChanges; meta: ChangeMeta }
  | { op: 'move'; taskId: TaskId; target: MoveTarget; meta: ChangeMeta }
  | { op: 'delete'; taskId: TaskId; meta: ChangeMeta };
