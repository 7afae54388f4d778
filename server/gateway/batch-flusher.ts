import { monotonicMs } from '../bus/hop-clock.ts';
import type { LiveEvent } from '../bus/live-event.ts';

/** A connection that holds events for batched frames. */
export interface BatchHolder {
  /** Set and cleared by the flusher, so a holder is queued once per round however many events it got. */
  flushQueued: boolean;
  /** Writes what it holds unless its socket still has bytes buffered; returns the number of events written. */
  flushBatch(force: boolean): number;
}

/**
 * One per replica: writes every batching connection's held events once per turn of the event loop (setImmediate),
 * so events that became ready in the same turn — several bus messages read at once, several commits — leave as
 * one frame per board. It also settles the socket hops of the events it wrote: once per event, not per socket.
 */
export class BatchFlusher {
  private due: BatchHolder[] = [];
  private tracked: LiveEvent[] = [];
  private scheduled = false;

  schedule(holder: BatchHolder): void {
    if (holder.flushQueued) return;
    holder.flushQueued = true;
    this.due.push(holder);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.run);
    }
  }

  /** A live event some holder took: its socket_first/socket_last are observed when this round ends. */
  track(live: LiveEvent): void {
    live.awaitingFlush = true;
    this.tracked.push(live);
  }

  private readonly run = (): void => {
    this.scheduled = false;
    const due = this.due;
    const tracked = this.tracked;
    this.due = [];
    this.tracked = [];
    let first = 0;
    for (const holder of due) {
      holder.flushQueued = false;
      if (holder.flushBatch(false) > 0 && first === 0) first = monotonicMs();
    }
    const end = monotonicMs();
    // Sockets still draining are not waited for: socket_last is this replica's fan-out, not a slow client's.
    for (const live of tracked) live.settle(live.firstHandedAt || first || end, end);
  };
}
