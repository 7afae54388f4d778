import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import { LiveEvent } from './live-event.ts';
import { deletedEvent } from '../testing/board-events.ts';

const ev = (seq: number): BoardEvent =>
  deletedEvent(seq, { board: 'demo', data: { taskId: `t${seq}` }, at: 1000 + seq });

function observer() {
  const seen: number[] = [];
  return { seen, observe: (seconds: number) => seen.push(seconds) };
}

describe('LiveEvent', () => {
  it('settles the socket hops once, in seconds since release', () => {
    const first = observer();
    const last = observer();
    const live = new LiveEvent(ev(1), { releasedAt: 100, socketFirst: first, socketLast: last });
    live.settle(100.5, 102);
    live.settle(200, 300);
    expect(first.seen).toEqual([0.0005]);
    expect(last.seen).toEqual([0.002]);
  });
});
