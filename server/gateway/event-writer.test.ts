import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import { LiveEvent } from '../bus/live-event.ts';
import { createMetrics } from '../metrics.ts';
import { BatchFlusher } from './batch-flusher.ts';
import { EventWriter } from './event-writer.ts';
import { OutboundQueue, type Outlet } from './outbound-queue.ts';
import { deletedEvent } from '../testing/board-events.ts';

const ev = (board: string, seq: number): BoardEvent => deletedEvent(seq, { board });
const turn = () => new Promise((resolve) => setImmediate(resolve));

function setup(batching: boolean) {
  const sent: { type: string; seqs: number[] }[] = [];
  const outlet: Outlet = {
    bufferedAmount: 0,
    send(frame, written) {
      const parsed = JSON.parse(frame.toString()) as { type: string; seq?: number; events?: { seq: number }[] };
      sent.push({ type: parsed.type, seqs: parsed.events ? parsed.events.map((e) => e.seq) : [parsed.seq as number] });
      if (written) setImmediate(() => written());
    },
  };
  const metrics = createMetrics('test');
  const writer = new EventWriter(
    () => true,
    new OutboundQueue(outlet, { softBytes: 10_000, hardBytes: 100_000 }, metrics, () => undefined),
    new BatchFlusher(),
    metrics,
  );
  if (batching) writer.startBatching();
  const delivered = async () =>
    /swagboard_events_delivered_total\{replica="test"\} (\d+)/.exec(await metrics.registry.metrics())?.[1];
  return { writer, sent, delivered };
}

describe('EventWriter', () => {
  it('without batching writes each event at once as its event frame', async () => {
    const { writer, sent, delivered } = setup(false);
    expect(writer.send(ev('b', 1), new LiveEvent(ev('b', 1)))).toBe(true);
    expect(writer.send(ev('b', 2), undefined)).toBe(true);
    expect(sent).toEqual([
      { type: 'event', seqs: [1] },
      { type: 'event', seqs: [2] },
    ]);
    expect(await delivered()).toBe('2');
  });

  it("with batching holds a turn's events and writes one events frame per board, a lone event as a plain event frame", async () => {
    const { writer, sent, delivered } = setup(true);
    for (const seq of [1, 2, 3]) expect(writer.send(ev('b', seq), new LiveEvent(ev('b', seq)))).toBe(false);
    writer.send(ev('other', 7), undefined);
    expect(sent).toEqual([]);
    await turn();
    expect(sent).toEqual([
      { type: 'events', seqs: [1, 2, 3] },
      { type: 'event', seqs: [7] },
    ]);
    expect(await delivered()).toBe('4');
  });

  it('writes what it holds when forced (before another frame), so nothing is reordered', async () => {
    const { writer, sent } = setup(true);
    writer.send(ev('b', 1), undefined);
    writer.send(ev('b', 2), undefined);
    expect(writer.holding).toBe(true);
    expect(writer.flushBatch(true)).toBe(2);
    expect(writer.holding).toBe(false);
    await turn();
    expect(sent).toEqual([{ type: 'events', seqs: [1, 2] }]);
  });
});
