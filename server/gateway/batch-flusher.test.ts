import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import { LiveEvent } from '../bus/live-event.ts';
import { BatchFlusher, type BatchHolder } from './batch-flusher.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const ev: BoardEvent = { board: 'b', seq: 1, name: 'task.deleted', data: { taskId: 't' }, origin: 'a', at: 0 };

function holder(written: number): BatchHolder & { calls: boolean[] } {
  const calls: boolean[] = [];
  return {
    calls,
    flushQueued: false,
    flushBatch(force) {
      calls.push(force);
      return written;
    },
  };
}

describe('BatchFlusher', () => {
  it('flushes each holder once per turn of the event loop, however often it was scheduled', async () => {
    const flusher = new BatchFlusher();
    const a = holder(2);
    const b = holder(0);
    flusher.schedule(a);
    flusher.schedule(a);
    flusher.schedule(b);
    expect(a.calls).toEqual([]);
    await turn();
    expect(a.calls).toEqual([false]);
    expect(b.calls).toEqual([false]);
    flusher.schedule(a);
    await turn();
    expect(a.calls).toEqual([false, false]);
  });

  it('settles the socket hops of the events it tracked, once per event', async () => {
    const flusher = new BatchFlusher();
    const first: number[] = [];
    const last: number[] = [];
    const live = new LiveEvent(ev, {
      releasedAt: performance.now(),
      socketFirst: { observe: (s) => first.push(s) },
      socketLast: { observe: (s) => last.push(s) },
    });
    flusher.track(live);
    expect(live.awaitingFlush).toBe(true);
    flusher.schedule(holder(1));
    flusher.schedule(holder(1));
    await turn();
    expect(first).toHaveLength(1);
    expect(last).toHaveLength(1);
    expect(last[0]).toBeGreaterThanOrEqual(first[0] as number);
  });
});
