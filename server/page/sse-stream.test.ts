import { describe, expect, it } from 'vitest';
import { RecordedResponse } from '../testing/recorded-response.ts';
import { SseStream, type SseResponse } from './sse-stream.ts';

/** A response whose reader takes nothing: every write stays unsent until `read()`. */
class StalledResponse extends RecordedResponse {
  destroyed = false;
  override write(chunk: string) {
    super.write(chunk);
    this.writableLength += Buffer.byteLength(chunk);
    return false;
  }
  override destroy() {
    this.destroyed = true;
    this.emit('close');
    return this;
  }
  read() {
    this.writableLength = 0;
  }
}

function open(limits = { softBytes: 1000, hardBytes: 3000 }) {
  const res = new StalledResponse();
  let overflows = 0;
  const stream = new SseStream(res as unknown as SseResponse, {
    keepaliveMs: 60_000,
    limits,
    onOverflow: () => overflows++,
  });
  return { res, stream, overflows: () => overflows };
}

const events = (res: StalledResponse, name: string) =>
  res.written.filter((chunk) => chunk.startsWith(`event: ${name}`));

describe('SseStream', () => {
  it('sends everything while the reader keeps up', () => {
    const { res, stream } = open();
    expect(stream.send('update', 'a', 1)).toBe(true);
    expect(stream.send('update', 'typing', undefined, 'droppable')).toBe(true);
    expect(res.written.at(-2)).toBe('event: update\nid: 1\ndata: a\n\n');
  });

  it('drops typing past the soft mark and cuts the stream before the hard mark', () => {
    const { res, stream, overflows } = open();
    const card = 'x'.repeat(600);
    expect(stream.send('update', card, 1)).toBe(true);
    expect(stream.send('update', card, 2)).toBe(true);
    expect(stream.send('update', 'typing', undefined, 'droppable')).toBe(false);
    expect(stream.send('update', card, 3)).toBe(true);
    expect(stream.send('update', card, 4)).toBe(true);
    expect(res.writableLength).toBeLessThanOrEqual(3000);
    expect(stream.send('update', card, 5)).toBe(false);
    expect(res.destroyed).toBe(true);
    expect(stream.isOpen).toBe(false);
    expect(overflows()).toBe(1);
    expect(stream.send('update', card, 6)).toBe(false);
    expect(events(res, 'update').map((chunk) => /id: (\d+)/.exec(chunk)?.[1])).toEqual(['1', '2', '3', '4']);
  });

  it('sends typing again once the reader caught up', () => {
    const { res, stream } = open();
    stream.send('update', 'x'.repeat(1500), 1);
    expect(stream.send('update', 'typing', undefined, 'droppable')).toBe(false);
    res.read();
    expect(stream.send('update', 'typing', undefined, 'droppable')).toBe(true);
  });

  it('splits data at CR, LF and CRLF, as EventSource reads lines', () => {
    const { res, stream } = open();
    stream.send('update', 'one\r\ntwo\rthree\nfour');
    expect(res.written.at(-1)).toBe('event: update\ndata: one\ndata: two\ndata: three\ndata: four\n\n');
  });
});
