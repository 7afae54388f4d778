import type { BoardEvent } from '../board/board-event.ts';
import type { HopObserver } from '../metrics.ts';
import { elapsedSeconds } from './hop-clock.ts';

/** When a live event was released by its board's sequencer, and where its socket hops are observed. */
export interface ReleaseTiming {
  /** monotonicMs() at release. */
  releasedAt: number;
  socketFirst: HopObserver;
  socketLast: HopObserver;
}

/**
 * One live event as the fan-out hands it to every local sink: the same object for all of them, so each sink's
 * format can be built once per event (the gateway's frame, the page's fragment), and the first and last socket
 * hand-off are observed once per event, not per socket. How it is rendered is the sinks' business, not the bus's.
 */
export class LiveEvent {
  /** monotonicMs() of the first hand-off to a socket; 0 = none yet. */
  firstHandedAt = 0;
  /** Some socket holds it for a batched frame: the socket hops are observed when that flush ends. */
  awaitingFlush = false;
  private settled = false;

  constructor(
    readonly event: BoardEvent,
    readonly timing?: ReleaseTiming,
  ) {}

  /** Observes socket_first and socket_last once, from hand-off times in monotonicMs(); later calls do nothing. */
  settle(first: number, last: number): void {
    if (this.settled || !this.timing) return;
    this.settled = true;
    this.timing.socketFirst.observe(elapsedSeconds(this.timing.releasedAt, first));
    this.timing.socketLast.observe(elapsedSeconds(this.timing.releasedAt, last));
  }
}
