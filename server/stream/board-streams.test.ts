import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import { Fanout } from '../bus/fanout.ts';
import { LocalBus } from '../bus/local-bus.ts';
import { createMetrics } from '../metrics.ts';
import { PresenceTracker, type PresenceUpdate } from '../presence/presence-tracker.ts';
import { FakeClock } from '../testing/fake-clock.ts';
import { testLogger } from '../testing/test-logger.ts';
import { BoardStreams, type Subscriber } from './board-streams.ts';
import { deletedEvent } from '../testing/board-events.ts';

const ev = (seq: number): BoardEvent => deletedEvent(seq);

function replica() {
  const clock = new FakeClock();
  const bus = new LocalBus();
  const metrics = createMetrics('a');
  const log = testLogger();
  const fanout = new Fanout({ bus, replica: 'a', metrics, log, clock });
  const presence = new PresenceTracker({ bus, replica: 'a', metrics, log, clock, heartbeatMs: 1000, coalesceMs: 0 });
  const streams = new BoardStreams({ fanout, presence, metrics, readEvents: async () => [] });
  const seen: number[] = [];
  const shown: PresenceUpdate[] = [];
  const subscriber: Subscriber = {
    event: (event) => seen.push(event.seq) > 0,
    typing: () => undefined,
    reset: () => undefined,
    drained: async () => undefined,
    failed: (_board, error) => {
      throw error;
    },
    presence: (_board, update) => shown.push(update),
  };
  return { clock, fanout, streams, subscriber, seen, shown };
}

describe('BoardStreams', () => {
  it('joins before reading, so an event committed while the seq is read still reaches the subscriber', async () => {
    const { fanout, streams, subscriber, seen, shown, clock } = replica();
    const stream = streams.create('b', subscriber, 100);
    const opened = await streams.open([stream], async () => {
      await fanout.publish(ev(2)); // committed after the seq below was read
      return [{ board: 'b', seq: 1 }];
    });
    expect(streams.start(stream, { userId: 'u', name: 'U' }, (opened[0] as { seq: number }).seq)).toBe('current');
    expect(seen).toEqual([2]);
    clock.advance(0);
    expect(shown.map((update) => update.type)).toEqual(['presence']);
  });

  it('leaves the board when the read fails, and never shows a subscriber that went away during the reads', async () => {
    const { fanout, streams, subscriber, seen, shown, clock } = replica();
    const failing = streams.create('b', subscriber, 100);
    await expect(streams.open([failing], () => Promise.reject(new Error('postgres is down')))).rejects.toThrow(
      'postgres is down',
    );
    await fanout.publish(ev(1));
    expect(seen).toEqual([]);

    const gone = streams.create('b', subscriber, 100);
    await streams.open([gone], async () => {
      streams.close([gone]);
      return [{ board: 'b', seq: 1 }];
    });
    expect(streams.start(gone, { userId: 'u', name: 'U' }, 1)).toBeUndefined();
    await fanout.publish(ev(2));
    clock.advance(1000);
    expect(seen).toEqual([]);
    expect(shown).toEqual([]);
  });
});
