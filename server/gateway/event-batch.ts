import type { BoardId } from '../board/task.ts';
import type { EventFrame } from './event-frame.ts';

/**
 * The events a batching connection has not written yet, per board, in the order its streams released them (so
 * ascending and consecutive per board: each BoardStream sends without gaps, and the connection writes this out
 * before anything that could break the run: a reset, a resync's replay, any other frame).
 */
export class EventBatch {
  private boards = new Map<BoardId, EventFrame[]>();
  private held = 0;
  bytes = 0;

  get size(): number {
    return this.held;
  }

  add(board: BoardId, frame: EventFrame): void {
    const frames = this.boards.get(board);
    if (frames) frames.push(frame);
    else this.boards.set(board, [frame]);
    this.held += 1;
    this.bytes += frame.frame.length;
  }

  /** Everything held, per board; the batch is empty afterwards. */
  take(): Map<BoardId, EventFrame[]> {
    const taken = this.boards;
    this.boards = new Map();
    this.held = 0;
    this.bytes = 0;
    return taken;
  }
}
