export type BoardId = string;
export type TaskId = string;

export const BOARD_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const TITLE_MAX_LENGTH = 500;
export const COLUMN_MAX_LENGTH = 64;

export interface Task {
  id: TaskId;
  board: BoardId;
  title: string;
  column: string;
  /** Starts at 1 and grows by one with every change of the task. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export const isBoardId = (value: string): boolean => BOARD_ID_PATTERN.test(value);
