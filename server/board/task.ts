export type BoardId = string;
export type TaskId = string;

export const BOARD_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const TITLE_MAX_LENGTH = 500;
export const COLUMN_MAX_LENGTH = 64;
export const NOTES_MAX_LENGTH = 4000;

export interface Task {
  id: TaskId;
  board: BoardId;
  title: string;
  column: string;
  /** Free text, possibly empty; plain text, never markup. Events stored before notes existed lack it. */
  notes: string;
  /** Starts at 1 and grows by one with every change of the task. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** A task.update: at least one of the two. */
export interface TaskChanges {
  title?: string;
  notes?: string;
}

export const isBoardId = (value: string): boolean => BOARD_ID_PATTERN.test(value);
