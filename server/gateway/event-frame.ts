import type { BoardEvent } from '../board/board-event.ts';
import type { TypingSignal } from '../bus/bus-envelope.ts';

/**
 * One event as it leaves the replica on WebSocket: serialised once, on first use, and shared by every socket it goes
 * to (the `event` frame as a ready Buffer, and the bare JSON an `events` batch is joined from).
 */
export class EventFrame {
  private json: string | undefined;
  private encoded: Buffer | undefined;
  /** The `events` frame of the batch that starts with this event, kept for the other sockets whose batch is the same. */
  batch: { count: number; frame: Buffer } | undefined;

  constructor(readonly event: BoardEvent) {}

  /** The event as JSON without `type`: an element of an `events` frame. */
  get eventJson(): string {
    return (this.json ??= JSON.stringify(this.event));
  }

  /** The whole `event` frame (the event's fields after `"type":"event"`), UTF-8 encoded once for all sockets. */
  get frame(): Buffer {
    return (this.encoded ??= Buffer.from(`{"type":"event",${this.eventJson.slice(1)}`));
  }
}

/**
 * Frames by the object the fan-out handed to every socket: the first socket builds it, the others share it.
 * Weak, so a frame lives as long as its event; keyed by identity, so nothing else can share or change an entry.
 */
const eventFrames = new WeakMap<BoardEvent, EventFrame>();
const typingFrames = new WeakMap<TypingSignal, string>();

/** The shared frame of a live event (one object for every socket of the replica). */
export function sharedEventFrame(event: BoardEvent): EventFrame {
  let frame = eventFrames.get(event);
  if (!frame) eventFrames.set(event, (frame = new EventFrame(event)));
  return frame;
}

/** The `typing` frame of a signal, built once for every socket; the sender's connection id stays on the server. */
export function sharedTypingFrame(signal: TypingSignal): string {
  let frame = typingFrames.get(signal);
  if (frame === undefined) {
    const { connectionId: _origin, ...visible } = signal;
    typingFrames.set(signal, (frame = JSON.stringify({ type: 'typing', ...visible })));
  }
  return frame;
}

/** The `events` frame of consecutive events of one board, in order. */
export function batchFrame(board: string, frames: readonly EventFrame[]): Buffer {
  let body = '';
  for (let i = 0; i < frames.length; i++)
    body += i === 0 ? (frames[i] as EventFrame).eventJson : `,${(frames[i] as EventFrame).eventJson}`;
  return Buffer.from(`{"type":"events","board":${JSON.stringify(board)},"events":[${body}]}`);
}

/** The batch frame for `frames`, built once and shared by every socket whose pending batch is the same run of events. */
export function sharedBatchFrame(board: string, frames: readonly EventFrame[]): Buffer {
  const first = frames[0] as EventFrame;
  if (first.batch?.count === frames.length) return first.batch.frame;
  const frame = batchFrame(board, frames);
  first.batch = { count: frames.length, frame };
  return frame;
}
