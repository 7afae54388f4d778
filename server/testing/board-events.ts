import type { BoardEvent } from '../board/board-event.ts';

/** A minimal committed event for tests of delivery (no task payload to speak of); override what the test looks at. */
export const deletedEvent = (seq: number, fields: Partial<BoardEvent> = {}): BoardEvent => ({
  board: 'b',
  seq,
  name: 'task.deleted',
  data: { taskId: 't' },
  origin: 'a',
  at: 0,
  ...fields,
});
