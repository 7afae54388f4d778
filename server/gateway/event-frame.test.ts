import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import { deletedEvent } from '../testing/board-events.ts';
import { batchFrame, EventFrame, sharedBatchFrame, sharedEventFrame, sharedTypingFrame } from './event-frame.ts';

const ev = (seq: number): BoardEvent =>
  deletedEvent(seq, { board: 'demo', data: { taskId: `t${seq}` }, at: 1000 + seq, clientTs: 5 });

describe('EventFrame', () => {
  it('is the event frame of the protocol, field for field, encoded once', () => {
    const frame = new EventFrame(ev(3));
    expect(JSON.parse(frame.frame.toString('utf8'))).toEqual({ type: 'event', ...ev(3) });
    expect(frame.frame.toString('utf8').startsWith('{"type":"event",')).toBe(true);
    expect(frame.frame).toBe(frame.frame);
  });

  it('is shared by every socket the same live event goes to, and not by another event', () => {
    const event = ev(4);
    expect(sharedEventFrame(event)).toBe(sharedEventFrame(event));
    expect(sharedEventFrame(ev(4))).not.toBe(sharedEventFrame(event));
  });
});

describe('typing frames', () => {
  it("leave the sender's connection id out and are built once per signal", () => {
    const signal = { board: 'demo', taskId: null, userId: 'u', name: 'Ann', expiresAt: 9, connectionId: 'c1' };
    expect(JSON.parse(sharedTypingFrame(signal))).toEqual({
      type: 'typing',
      board: 'demo',
      taskId: null,
      userId: 'u',
      name: 'Ann',
      expiresAt: 9,
    });
    expect(sharedTypingFrame(signal)).toBe(sharedTypingFrame(signal));
  });
});

describe('batch frames', () => {
  it('carry one board and the events without their type, in order', () => {
    const frames = [2, 3, 4].map((seq) => new EventFrame(ev(seq)));
    expect(JSON.parse(batchFrame('demo', frames).toString('utf8'))).toEqual({
      type: 'events',
      board: 'demo',
      events: [ev(2), ev(3), ev(4)],
    });
  });

  it('are built once for every socket with the same run of events, and again for a different run', () => {
    const frames = [5, 6, 7].map((seq) => new EventFrame(ev(seq)));
    const once = sharedBatchFrame('demo', frames);
    expect(sharedBatchFrame('demo', [...frames])).toBe(once);
    const shorter = sharedBatchFrame('demo', frames.slice(0, 2));
    expect(shorter).not.toBe(once);
    expect((JSON.parse(shorter.toString('utf8')) as { events: BoardEvent[] }).events.map((e) => e.seq)).toEqual([5, 6]);
  });
});
