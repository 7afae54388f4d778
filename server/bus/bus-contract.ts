import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, BusHandler } from './bus.ts';

/** Two buses on one transport, standing for two replicas. */
export interface BusPair {
  a: Bus;
  b: Bus;
  close(): Promise<void>;
}

const channel = (name: string) => `board.contract-${name}-${randomUUID().slice(0, 8)}`;

function collector() {
  const received: string[] = [];
  const handler: BusHandler = (payload) => received.push(payload);
  const waitFor = async (count: number, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count) {
      if (Date.now() > deadline) throw new Error(`received ${received.length} of ${count} messages`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return received;
  };
  return { received, handler, waitFor };
}

/**
 * Every Bus must pass this suite, as every socket.io adapter passes one shared suite.
 * "Nothing arrived" is proven by a later marker message on the same channel arriving alone.
 */
export function describeBusContract(name: string, createPair: () => Promise<BusPair>): void {
  describe(`Bus contract: ${name}`, () => {
    let pair: BusPair;
    beforeAll(async () => {
      pair = await createPair();
    });
    afterAll(async () => pair?.close());

    it('delivers a message published on one bus to a subscriber on the other, unchanged', async () => {
      const ch = channel('deliver');
      const inbox = collector();
      await pair.b.subscribe(ch, inbox.handler);
      const payload = JSON.stringify({ text: 'héllo ✓ \u{1F680}', n: 1 });
      await pair.a.publish(ch, payload);
      expect(await inbox.waitFor(1)).toEqual([payload]);
    });

    it("delivers a publisher's own messages to its own subscribers", async () => {
      const ch = channel('own');
      const inbox = collector();
      await pair.a.subscribe(ch, inbox.handler);
      await pair.a.publish(ch, 'mine');
      expect(await inbox.waitFor(1)).toEqual(['mine']);
    });

    it('keeps channels apart', async () => {
      const [one, two] = [channel('one'), channel('two')];
      const inboxOne = collector();
      const inboxTwo = collector();
      await pair.b.subscribe(one, inboxOne.handler);
      await pair.b.subscribe(two, inboxTwo.handler);
      await pair.a.publish(one, 'for-one');
      await pair.a.publish(two, 'for-two');
      expect(await inboxOne.waitFor(1)).toEqual(['for-one']);
      expect(await inboxTwo.waitFor(1)).toEqual(['for-two']);
    });

    it('gives every handler of a channel its own copy', async () => {
      const ch = channel('many');
      const first = collector();
      const second = collector();
      await pair.b.subscribe(ch, first.handler);
      await pair.b.subscribe(ch, second.handler);
      await pair.a.publish(ch, 'both');
      expect(await first.waitFor(1)).toEqual(['both']);
      expect(await second.waitFor(1)).toEqual(['both']);
    });

    it("keeps one publisher's order on one channel", async () => {
      const ch = channel('order');
      const inbox = collector();
      await pair.b.subscribe(ch, inbox.handler);
      const sent = Array.from({ length: 200 }, (_, i) => String(i));
      for (const payload of sent) await pair.a.publish(ch, payload);
      expect(await inbox.waitFor(sent.length)).toEqual(sent);
    });

    it("stops delivering after unsubscribe, and keeps the channel's other handlers", async () => {
      const ch = channel('unsub');
      const leaving = collector();
      const staying = collector();
      const unsubscribe = await pair.b.subscribe(ch, leaving.handler);
      await pair.b.subscribe(ch, staying.handler);
      await unsubscribe();
      await pair.a.publish(ch, 'after');
      expect(await staying.waitFor(1)).toEqual(['after']);
      expect(leaving.received).toEqual([]);
    });

    it('stops delivering when the last handler leaves a channel', async () => {
      const ch = channel('last');
      const marker = channel('marker');
      const gone = collector();
      const markerInbox = collector();
      const unsubscribe = await pair.b.subscribe(ch, gone.handler);
      await pair.b.subscribe(marker, markerInbox.handler);
      await unsubscribe();
      await pair.a.publish(ch, 'lost');
      await pair.a.publish(marker, 'done');
      await markerInbox.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(gone.received).toEqual([]);
    });

    it('answers ping', async () => {
      await expect(pair.a.ping()).resolves.toBeUndefined();
      await expect(pair.b.ping()).resolves.toBeUndefined();
    });
  });
}
