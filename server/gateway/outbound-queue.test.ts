import { describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics.ts';
import { OutboundQueue, type Outlet } from './outbound-queue.ts';

/** A socket whose kernel never drains until `drain()` is called. */
class FakeOutlet implements Outlet {
  bufferedAmount = 0;
  readonly sent: string[] = [];
  private callbacks: (() => void)[] = [];
  /** How many writes asked to hear when they were written. */
  asked = 0;
  send(frame: string | Buffer, written?: () => void): void {
    this.sent.push(frame.toString());
    this.bufferedAmount += Buffer.byteLength(frame);
    if (written) {
      this.asked++;
      this.callbacks.push(written);
    }
  }
  drain(): void {
    this.bufferedAmount = 0;
    for (const callback of this.callbacks.splice(0)) callback();
  }
}

function setup() {
  const outlet = new FakeOutlet();
  const metrics = createMetrics('test');
  let overflows = 0;
  const queue = new OutboundQueue(outlet, { softBytes: 100, hardBytes: 300 }, metrics, () => overflows++);
  return { outlet, metrics, queue, overflows: () => overflows };
}

const frame = (n: number, tag = 'e') => tag.repeat(n);

describe('OutboundQueue', () => {
  it('writes everything below the soft limit', () => {
    const { outlet, queue } = setup();
    expect(queue.send('event', frame(50))).toBe(true);
    expect(queue.send('typing', frame(10, 't'), { kind: 'droppable' })).toBe(true);
    expect(outlet.sent).toHaveLength(2);
  });

  it('past soft drops typing and holds presence, sending one up-to-date snapshot once drained', async () => {
    const { outlet, queue, metrics } = setup();
    let snapshot = 'p-full-1';
    const presence = {
      kind: 'coalesced',
      key: 'presence:demo',
      latest: () => ({ type: 'presence', frame: snapshot }),
    } as const;
    queue.send('event', frame(150));
    expect(queue.send('typing', frame(10, 't'), { kind: 'droppable' })).toBe(false);
    expect(queue.send('presence.delta', 'p-delta-1', presence)).toBe(false);
    expect(queue.send('presence.delta', 'p-delta-2', presence)).toBe(false);
    expect(queue.send('event', frame(20))).toBe(true);
    expect(outlet.sent.some((f) => f.startsWith('p'))).toBe(false);
    expect(queue.queuedBytes).toBe(179);
    snapshot = 'p-full-2';
    outlet.drain();
    expect(outlet.sent.filter((f) => f.startsWith('p'))).toEqual(['p-full-2']);
    expect(queue.send('presence.delta', 'p-delta-3', presence)).toBe(true);
    const text = await metrics.registry.metrics();
    expect(text).toContain('swagboard_ws_messages_dropped_total{type="typing",replica="test"} 1');
    expect(text).toContain('swagboard_ws_messages_dropped_total{type="presence.delta",replica="test"} 1');
    expect(text).toContain('swagboard_ws_messages_sent_total{type="presence",replica="test"} 1');
  });

  it('past hard overflows once and stops writing', async () => {
    const { outlet, queue, metrics, overflows } = setup();
    queue.send('event', frame(250));
    expect(queue.send('event', frame(100))).toBe(false);
    expect(queue.send('event', frame(1))).toBe(false);
    expect(overflows()).toBe(1);
    expect(outlet.sent).toHaveLength(1);
    expect(await metrics.registry.metrics()).toContain(
      'swagboard_ws_slow_consumer_disconnects_total{replica="test"} 1',
    );
  });

  it('lets a replay wait until the queue is below soft', async () => {
    const { outlet, queue } = setup();
    queue.send('event', frame(150));
    let resumed = false;
    const waiting = queue.belowSoft().then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(false);
    outlet.drain();
    await waiting;
    expect(resumed).toBe(true);
  });

  it('counts a shared Buffer frame by its length and sends it as given', () => {
    const { outlet, queue } = setup();
    expect(queue.send('event', Buffer.from('é'.repeat(10)))).toBe(true);
    expect(queue.queuedBytes).toBe(20);
    expect(outlet.sent).toEqual(['é'.repeat(10)]);
  });

  it('counts bytes reserved for a batch against the hard limit, and tells when the socket is idle again', () => {
    const { outlet, queue, overflows } = setup();
    let idle = 0;
    queue.onIdle = () => idle++;
    expect(queue.reserve(200)).toBe(true);
    expect(queue.queuedBytes).toBe(200);
    expect(queue.socketBytes).toBe(0);
    queue.unreserve(200);
    expect(queue.send('events', frame(200))).toBe(true);
    expect(queue.reserve(50)).toBe(true);
    outlet.drain();
    expect(idle).toBe(1);
    expect(queue.reserve(260)).toBe(false);
    expect(overflows()).toBe(1);
  });

  it('asks for a written callback only when it may need one', () => {
    const { outlet, queue } = setup();
    queue.send('event', frame(20));
    expect(outlet.asked).toBe(0);
    // A backlog: this callback fires after the earlier write, so a drain is still seen.
    queue.send('event', frame(20));
    expect(outlet.asked).toBe(1);
    outlet.drain();
    // Frames above half the soft limit always ask: alone they could take the queue past it.
    queue.send('event', frame(60));
    expect(outlet.asked).toBe(2);
  });
});
