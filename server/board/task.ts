export type BoardId = string;
export type TaskId = string;
export type Tag = string;

export const BOARD_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const TITLE_MAX_LENGTH = 500;
export const COLUMN_MAX_LENGTH = 64;
export const NOTES_MAX_LENGTH = 4000;
export const TAGS_MAX_COUNT = 16;
export const ASSIGNEE_MAX_LENGTH = 128;

export interface Task {
  id: TaskId;
  board: BoardId;
  title: string;
  column: string;
  /** 0-based index within the column; a column's tasks are numbered 0..n-1 without gaps. */
  position: number;
  /** Free text, possibly empty; plain text, never markup. Events stored before notes existed lack it. */
  notes: string;
  /** Tag slugs, without duplicates, in the order given. Events stored before tags existed lack it. */
  tags: Tag[];
  /** A board member's user id (with SWAGBOARD_AUTH=open, any user name), or null. */
  assignee: string | null;
  /** Starts at 1 and grows by one with every change of the task. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewTask {
  title: string;
  column: string;
  tags?: Tag[];
  assignee?: string | null;
}

/** A task.update: at least one field; a field left out keeps its value, assignee null clears it. */
export interface TaskChanges {
  title?: string;
  notes?: string;
  tags?: Tag[];
  assignee?: string | null;
}

/** Where a task.move puts the task: `position` in `column` (default: the end). `offset` moves it by that many places instead (the page's up/down). */
export interface MoveTarget {
  column?: string;
  position?: number;
  offset?: number;
}

/** Which tasks a snapshot lists: those having every tag, and/or assigned to this user. */
export interface TaskFilter {
  tags?: Tag[];
  assignee?: string;
}

export const isBoardId = (value: string): boolean => BOARD_ID_PATTERN.test(value);

export const matchesFilter = (task: Pick<Task, 'tags' | 'assignee'>, filter: TaskFilter): boolean =>
  (filter.tags ?? []).every((tag) => (task.tags ?? []).includes(tag)) &&
  (filter.assignee === undefined || task.assignee === filter.assignee);
