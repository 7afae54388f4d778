import type { BoardEvent } from "../board/board-event.ts";
import type { HopObserver } from "../metrics.ts";
import { elapsedSeconds } from "./hop-clock.ts";

/** When a live event was released by its board's sequencer, and where its socket hops are observed. */
export interface ReleaseTiming {
  /** monotonicMs() at release. */
  releasedAt: number;
  socketFirst: HopObserver;
  socketLast: HopObserver;
}

/**
 * One event as it leaves the replica: serialised once, on first use, and shared by every socket it goes to (the
 * `event` frame as a ready Buffer, and the bare JSON an `events` batch is joined from). Live events also carry
 * their release time, so the first and last socket hand-off are observed once per event, not per socket.
 */
export class EventFrame {
  private json: string | undefined;
  private encoded: Buffer | undefined;
  /** The `events` frame of the batch that starts with this event, kept for the other sockets whose batch is the same. */
  batch: { count: number; frame: Buffer } | undefined;
  /** monotonicMs() of the first hand-off to a socket; 0 = none yet. */
  firstHandedAt = 0;
  /** Some socket holds it for a batched frame: the socket hops are observed when that flush ends. */
  awaitingFlush = false;
  private settled = false;

  constructor(
    readonly event: BoardEvent,
    readonly timing?: ReleaseTiming,
  ) {}

  /** The event as JSON without `type`: an element of an `events` frame. */
  get eventJson(): string {
    return (this.json ??= JSON.stringify(this.event));
  }

  /** The whole `event` frame (the event's fields after `"type":"event"`), UTF-8 encoded once for all sockets. */
  get frame(): Buffer {
    return (this.encoded ??= Buffer.from(`{"type":"event",${this.eventJson.slice(1)}`));
  }

  /** Observes socket_first and socket_last once, from hand-off times in monotonicMs(); later calls do nothing. */
  settle(first: number, last: number): void {
    if (this.settled || !this.timing) return;
    this.settled = true;
    this.timing.socketFirst.observe(elapsedSeconds(this.timing.releasedAt, first));
    this.timing.socketLast.observe(elapsedSeconds(this.timing.releasedAt, last));
  }
}

/** The `events` frame of consecutive events of one board, in order. */
export function batchFrame(board: string, frames: readonly EventFrame[]): Buffer {
  let body = "";
  for (let i = 0; i < frames.length; i++) body += i === 0 ? (frames[i] as EventFrame).eventJson : `,${(frames[i] as EventFrame).eventJson}`;
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
