import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import { LiveEvent } from '../bus/live-event.ts';
import { BoardStream } from './board-stream.ts';
import { deletedEvent } from '../testing/board-events.ts';

const ev = (seq: number): BoardEvent => deletedEvent(seq, { origin: 'r' });

const live = (seq: number): [BoardEvent, LiveEvent] => {
  const event = ev(seq);
  return [event, new LiveEvent(event)];
};

function feed(stored: number, window = 100) {
  const sent: number[] = [];
  const resets: number[] = [];
  const sink = {
    event: (event: BoardEvent) => {
      sent.push(event.seq);
      return true;
    },
    typing: () => undefined,
    drained: async () => undefined,
    reset: (_board: string, seq: number) => resets.push(seq),
    failed: (_board: string, error: unknown) => {
      throw error;
    },
  };
  const feedUnderTest = new BoardStream('b', sink, {
    read: async (after, limit) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return Array.from({ length: Math.max(0, Math.min(limit, stored - after)) }, (_, i) => ev(after + 1 + i));
    },
    window,
    onReplayed: () => undefined,
    onReset: () => undefined,
  });
  return { feed: feedUnderTest, sent, resets };
}

describe('BoardStream', () => {
  it("holds events until started, then sends only those after the board's seq", () => {
    const { feed: f, sent } = feed(5);
    f.deliver(...live(5));
    f.deliver(...live(6));
    expect(sent).toEqual([]);
    expect(f.start(5)).toBe('current');
    f.deliver(...live(7));
    expect(sent).toEqual([6, 7]);
  });

  it('replays from since, with live events arriving meanwhile, without gaps or duplicates', async () => {
    const { feed: f, sent } = feed(60);
    f.deliver(...live(59));
    expect(f.start(58, 10)).toBe('replayed');
    f.deliver(...live(60));
    f.deliver(...live(58));
    await f.settled();
    f.deliver(...live(61));
    expect(sent).toEqual(Array.from({ length: 51 }, (_, i) => 11 + i));
  });

  it('fills a live gap from the store and reorders', async () => {
    const { feed: f, sent } = feed(10);
    f.start(3);
    f.deliver(...live(6));
    f.deliver(...live(4));
    await f.settled();
    expect(sent).toEqual([4, 5, 6]);
  });

  it('sends reset when the client is further behind than the window', async () => {
    const { feed: f, sent, resets } = feed(500, 100);
    expect(f.start(500, 10)).toBe('reset');
    f.deliver(...live(501));
    expect(resets).toEqual([500]);
    expect(sent).toEqual([501]);
  });
});

describe('BoardStream, closing and timing', () => {
  it('passes nothing on once closed, not even the rest of a running replay', async () => {
    const { feed: f, sent } = feed(500, 1000);
    expect(f.start(450, 0)).toBe('replayed');
    f.close();
    f.deliver(...live(501));
    await f.settled();
    expect(sent).toEqual([]);
    expect(f.isClosed).toBe(true);
  });

  it('sends a live event that arrives in the same turn a replay ends, without waiting for another', async () => {
    const { feed: f, sent } = feed(3);
    f.start(3, 0);
    await f.settled();
    await Promise.resolve();
    f.deliver(...live(4));
    expect(sent).toEqual([1, 2, 3, 4]);
  });
});
