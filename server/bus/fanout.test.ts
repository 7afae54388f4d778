import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.ts';
import type { BoardEvent } from '../board/board-event.ts';
import { createMetrics } from '../metrics.ts';
import { testLogger } from '../testing/test-logger.ts';
import { Fanout, type EventSink } from './fanout.ts';
import type { LiveEvent } from './live-event.ts';
import { LocalBus } from './local-bus.ts';
import { deletedEvent } from '../testing/board-events.ts';

function sink() {
  const events: BoardEvent[] = [];
  const lives: LiveEvent[] = [];
  const s: EventSink & { events: BoardEvent[]; lives: LiveEvent[] } = {
    events,
    lives,
    deliver(event, live) {
      events.push(event);
      lives.push(live);
      return true;
    },
  };
  return s;
}

const event = (board: string, seq: number, origin: string): BoardEvent =>
  deletedEvent(seq, { board, origin, at: 1000 });

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('Fanout', () => {
  const opened: Fanout[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((fanout) => fanout.close()));
  });

  const metricsOf = new Map<Fanout, ReturnType<typeof createMetrics>>();

  function replicas(...names: string[]) {
    const hub = new EventEmitter();
    return names.map((replica) => {
      const metrics = createMetrics(replica);
      const fanout = new Fanout({
        bus: new LocalBus(hub),
        replica,
        metrics,
        log: testLogger(),
        clock: new FakeClock(1005),
      });
      metricsOf.set(fanout, metrics);
      opened.push(fanout);
      return fanout;
    });
  }

  it('delivers an event once to local sinks on the writing replica and on the others', async () => {
    const [a, b] = replicas('a', 'b') as [Fanout, Fanout];
    const onA = sink();
    const onB = sink();
    const alsoOnB = sink();
    await a.join('demo', onA);
    await b.join('demo', onB);
    await b.join('demo', alsoOnB);
    await a.publish(event('demo', 1, 'a'));
    await settle();
    expect(onA.events.map((e) => e.seq)).toEqual([1]);
    expect(onB.events.map((e) => e.seq)).toEqual([1]);
    expect(onB.events[0]).toMatchObject({ board: 'demo', seq: 1, origin: 'a' });
    // One object per event per replica, so every sink's rendering of it is built once.
    expect(alsoOnB.lives[0]).toBe(onB.lives[0]);
    expect(onB.lives[0]?.event).toBe(alsoOnB.events[0]);
  });

  it("delivers only to sinks of the event's board", async () => {
    const [a] = replicas('a') as [Fanout];
    const demo = sink();
    const other = sink();
    await a.join('demo', demo);
    await a.join('other', other);
    await a.publish(event('demo', 1, 'a'));
    await settle();
    expect(demo.events).toHaveLength(1);
    expect(other.events).toHaveLength(0);
  });

  it('stops delivering to a sink that left', async () => {
    const [a, b] = replicas('a', 'b') as [Fanout, Fanout];
    const onB = sink();
    await b.join('demo', onB);
    b.leave('demo', onB);
    await a.publish(event('demo', 1, 'a'));
    await settle();
    expect(onB.events).toHaveLength(0);
  });

  it('counts bus traffic with bounded labels', async () => {
    const [a, b] = replicas('a', 'b') as [Fanout, Fanout];
    await b.join('demo', sink());
    await a.publish(event('demo', 1, 'a'));
    await settle();
    const text = await metricsOf.get(b)!.registry.metrics();
    expect(text).toContain('swagboard_bus_received_total{bus="local",replica="b"} 1');
    expect(text).not.toContain('demo');
  });

  it('observes every hop of a cross-node event once per replica, whatever the number of sinks', async () => {
    const [a, b] = replicas('a', 'b') as [Fanout, Fanout];
    await a.join('demo', sink());
    for (let i = 0; i < 3; i++) await b.join('demo', sink());
    const committed = event('demo', 1, 'a');
    await a.publish(committed);
    expect(a.committedAt(committed)).toEqual(expect.any(Number));
    await settle();
    const count = async (fanout: Fanout, hop: string, path: string) => {
      const text = await metricsOf.get(fanout)!.registry.metrics();
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('swagboard_hop_seconds_count{') && l.includes(`hop="${hop}"`) && l.includes(`path="${path}"`),
        );
      return Number(line?.split(' ')[1]);
    };
    expect(await count(a, 'commit_publish', 'write')).toBe(1);
    expect(await count(a, 'release', 'same')).toBe(1);
    expect(await count(a, 'socket_first', 'same')).toBe(1);
    expect(await count(a, 'socket_last', 'same')).toBe(1);
    expect(await count(b, 'bus_transit', 'cross')).toBe(1);
    expect(await count(b, 'release', 'cross')).toBe(1);
    expect(await count(b, 'socket_first', 'cross')).toBe(1);
    expect(await count(b, 'socket_last', 'cross')).toBe(1);
    expect((await count(b, 'release', 'same')) || 0).toBe(0);
  });
});
