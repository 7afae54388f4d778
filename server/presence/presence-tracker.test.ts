import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock.ts';
import { LocalBus } from '../bus/local-bus.ts';
import { createMetrics } from '../metrics.ts';
import { testLogger } from '../testing/test-logger.ts';
import type { Member } from './member.ts';
import { PresenceTracker, type PresenceSink, type PresenceUpdate } from './presence-tracker.ts';

const COALESCE_MS = 250;

/** A viewer that applies full lists and deltas as a client would, and keeps every update it got. */
class Viewer implements PresenceSink {
  readonly updates: PresenceUpdate[] = [];
  readonly online = new Map<string, string>();
  presence(_board: string, update: PresenceUpdate): void {
    this.updates.push(update);
    if (update.type === 'presence') {
      this.online.clear();
      for (const member of update.members) this.online.set(member.userId, member.name);
    } else {
      for (const member of update.left) this.online.delete(member.userId);
      for (const member of update.joined) this.online.set(member.userId, member.name);
    }
  }
  get names(): string[] {
    return [...this.online.values()].sort();
  }
}

const member = (name: string): Member => ({ userId: `id-${name}`, name });
const names = (count: number, prefix = 'u') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

describe('PresenceTracker', () => {
  const trackers: PresenceTracker[] = [];
  const hub = new EventEmitter();
  const tracker = (replica = 'r1') => {
    const created = new PresenceTracker({
      bus: new LocalBus(hub),
      replica,
      metrics: createMetrics(replica),
      log: testLogger(),
      clock: systemClock,
      heartbeatMs: 1000,
      coalesceMs: COALESCE_MS,
    });
    trackers.push(created);
    return created;
  };
  // setImmediate stays real: the local bus delivers with it.
  beforeEach(
    () => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }),
  );
  afterEach(async () => {
    await Promise.all(trackers.splice(0).map((created) => created.close()));
    vi.useRealTimers();
  });

  it('answers a burst of joins with one full list per newcomer and one delta per earlier viewer', async () => {
    const presence = tracker();
    const first = names(100).map((name) => ({ name, viewer: new Viewer() }));
    for (const { name, viewer } of first) presence.join('demo', viewer, member(name));
    await vi.advanceTimersByTimeAsync(0);
    for (const { viewer } of first) {
      expect(viewer.updates).toHaveLength(1);
      expect(viewer.updates[0]).toMatchObject({ type: 'presence' });
      expect(viewer.names).toEqual(names(100));
    }

    const later = names(50, 'v').map((name) => ({ name, viewer: new Viewer() }));
    for (const { name, viewer } of later) presence.join('demo', viewer, member(name));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    const delta = first[0]!.viewer.updates[1];
    expect(delta).toMatchObject({ type: 'presence.delta', left: [] });
    expect(delta?.type === 'presence.delta' && delta.joined.map((m) => m.name)).toEqual(names(50, 'v'));
    // One member is about 40 bytes of JSON: the delta grows with the change, not with the board.
    expect(delta!.frame.length).toBeLessThan(50 * 60);
    for (const { viewer } of first)
      expect(viewer.updates.map((update) => update.type)).toEqual(['presence', 'presence.delta']);
    for (const { viewer } of later) expect(viewer.updates.map((update) => update.type)).toEqual(['presence']);
    for (const { viewer } of [...first, ...later]) expect(viewer.names).toEqual([...names(100), ...names(50, 'v')]);
  });

  it('sends at most one update per board per interval, carrying every change since the last', async () => {
    const presence = tracker();
    const alice = new Viewer();
    const bob = new Viewer();
    presence.join('demo', alice, member('alice'));
    presence.join('demo', bob, member('bob'));
    await vi.advanceTimersByTimeAsync(0);
    presence.leave('demo', bob);
    await vi.advanceTimersByTimeAsync(10);
    const carol = new Viewer();
    presence.join('demo', carol, member('carol'));
    await vi.advanceTimersByTimeAsync(COALESCE_MS - 20);
    expect(alice.updates).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(alice.updates).toHaveLength(2);
    expect(alice.updates[1]).toMatchObject({
      type: 'presence.delta',
      joined: [member('carol')],
      left: [member('bob')],
    });
    expect(carol.names).toEqual(['alice', 'carol']);
    expect(presence.snapshot('demo')).toMatchObject({ type: 'presence', members: [member('alice'), member('carol')] });
  });

  it('lists a user once however many sockets they have, and only drops them with the last', async () => {
    const presence = tracker();
    const watcher = new Viewer();
    const [tab1, tab2] = [new Viewer(), new Viewer()];
    presence.join('demo', watcher, member('watcher'));
    presence.join('demo', tab1, member('dana'));
    presence.join('demo', tab2, member('dana'));
    await vi.advanceTimersByTimeAsync(0);
    expect(watcher.names).toEqual(['dana', 'watcher']);
    presence.leave('demo', tab1);
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(watcher.updates).toHaveLength(1);
    presence.leave('demo', tab2);
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(watcher.updates.at(-1)).toMatchObject({ type: 'presence.delta', joined: [], left: [member('dana')] });
  });

  it("shows another replica's users, and drops them when it says bye", async () => {
    const [one, two] = [tracker('r1'), tracker('r2')];
    await Promise.all([one.start(), two.start()]);
    const here = new Viewer();
    one.join('demo', here, member('here'));
    two.join('demo', new Viewer(), member('there'));
    await vi.waitFor(async () => {
      await vi.advanceTimersByTimeAsync(COALESCE_MS);
      expect(here.names).toEqual(['here', 'there']);
    });
    await two.close();
    trackers.splice(trackers.indexOf(two), 1);
    await vi.waitFor(async () => {
      await vi.advanceTimersByTimeAsync(COALESCE_MS);
      expect(here.names).toEqual(['here']);
    });
  });
});
