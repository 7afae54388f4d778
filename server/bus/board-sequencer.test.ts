import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import { FakeClock } from '../testing/fake-clock.ts';
import { BoardSequencer } from './board-sequencer.ts';
import { deletedEvent } from '../testing/board-events.ts';

const ev = (seq: number): BoardEvent => deletedEvent(seq, { origin: 'r' });

function sequencer(stored: number[] = []) {
  const delivered: number[] = [];
  const arrivals: (number | undefined)[] = [];
  let fills = 0;
  const clock = new FakeClock();
  const s = new BoardSequencer({
    clock,
    deliver: (event, arrivedAt) => {
      delivered.push(event.seq);
      arrivals.push(arrivedAt);
    },
    read: async (after, limit) =>
      stored
        .filter((seq) => seq > after)
        .slice(0, limit)
        .map(ev),
    reorderMs: 20,
    onGapFill: () => fills++,
    onError: (error) => {
      throw error;
    },
  });
  return { s, delivered, arrivals, fills: () => fills, clock };
}

describe('BoardSequencer', () => {
  it('reorders events that arrive out of order and drops duplicates', () => {
    const { s, delivered, fills } = sequencer();
    s.anchor(0);
    for (const seq of [2, 1, 1, 4, 3, 2]) s.accept(ev(seq));
    expect(delivered).toEqual([1, 2, 3, 4]);
    expect(fills()).toBe(0);
  });

  it('fills a gap the bus never closes from the store after the reorder timeout', async () => {
    const { s, delivered, fills, clock } = sequencer([1, 2, 3, 4, 5]);
    s.anchor(1);
    s.accept(ev(2));
    s.accept(ev(5));
    expect(delivered).toEqual([2]);
    await clock.tick(19);
    expect(fills()).toBe(0);
    await clock.tick(1);
    expect(delivered).toEqual([2, 3, 4, 5]);
    expect(fills()).toBe(1);
  });

  it('releases each event with the time it arrived, and none for events read from the store', async () => {
    const { s, delivered, arrivals, clock } = sequencer([1, 2, 3]);
    s.anchor(0);
    s.accept(ev(3), 30);
    s.accept(ev(1), 10);
    expect(delivered).toEqual([1]);
    await clock.tick(20);
    expect(delivered).toEqual([1, 2, 3]);
    expect(arrivals).toEqual([10, undefined, 30]);
  });

  it('skips seqs the store does not have rather than holding forever', async () => {
    const { s, delivered, clock } = sequencer([]);
    s.anchor(0);
    s.accept(ev(3));
    await clock.tick(20);
    expect(delivered).toEqual([3]);
  });

  // Found by the history checker: every socket of a replica stopped at one seq, for good, while it kept acking.
  it('keeps delivering when the bus closes a gap while the store is being read', async () => {
    const delivered: number[] = [];
    let answer: (events: BoardEvent[]) => void = () => {};
    const clock = new FakeClock();
    const s = new BoardSequencer({
      clock,
      deliver: (event) => delivered.push(event.seq),
      read: () => new Promise((resolve) => (answer = resolve)),
      reorderMs: 5,
      onGapFill: () => {},
      onError: (error) => {
        throw error;
      },
    });
    s.anchor(0);
    s.accept(ev(2));
    await clock.tick(5); // the gap's read is in flight
    s.accept(ev(1)); // the bus closes the gap meanwhile
    answer([ev(1)]);
    await clock.tick(0);
    s.accept(ev(3));
    expect(delivered).toEqual([1, 2, 3]);
  });
});
