import type { BoardEvent } from '../board/board-event.ts';
import type { LiveEvent } from '../bus/live-event.ts';
import type { Metrics } from '../metrics.ts';
import type { BatchFlusher, BatchHolder } from './batch-flusher.ts';
import { EventBatch } from './event-batch.ts';
import { EventFrame, sharedBatchFrame, sharedEventFrame } from './event-frame.ts';
import type { OutboundQueue } from './outbound-queue.ts';

/**
 * How board events leave one connection: each at once as its shared `event` frame, or — when the client's hello
 * asked for `batch` — held until the replica's flusher runs (or the socket drains) and written as one `events`
 * frame per board. Counts swagboard_events_delivered_total as plain numbers (no metric observation per socket).
 */
export class EventWriter implements BatchHolder {
  flushQueued = false;
  private batch: EventBatch | undefined;
  private closed = false;

  constructor(
    private readonly isOpen: () => boolean,
    private readonly outbound: OutboundQueue,
    private readonly flusher: BatchFlusher,
    private readonly metrics: Metrics,
  ) {}

  /** From now on, events are held and batched. */
  startBatching(): void {
    this.batch = new EventBatch();
    // Events held because the socket was still busy are written once it drains.
    this.outbound.onIdle = () => {
      if (this.holding) this.flusher.schedule(this);
    };
  }

  stopBatching(): void {
    this.flushBatch(true);
    this.batch = undefined;
    this.outbound.onIdle = undefined;
  }

  /** Events are held, waiting for a flush. */
  get holding(): boolean {
    return this.batch !== undefined && this.batch.size > 0;
  }

  /**
   * One event towards the client. A live one (`live`: the fan-out's object, the same for every socket) goes as the
   * frame every socket shares; a replayed one gets its own. Returns true when it was handed to the socket now
   * (false: held for a batch, or not sent).
   */
  send(event: BoardEvent, live: LiveEvent | undefined): boolean {
    if (this.closed || !this.isOpen()) return false;
    const shared = live ? sharedEventFrame(event) : new EventFrame(event);
    if (this.batch) {
      if (!this.outbound.reserve(shared.frame.length)) return false;
      this.batch.add(event.board, shared);
      if (live?.timing && !live.awaitingFlush) this.flusher.track(live);
      this.flusher.schedule(this);
      return false;
    }
    if (!this.outbound.send('event', shared.frame)) return false;
    this.metrics.sent.add('event');
    this.metrics.delivered.add(1);
    return true;
  }

  /**
   * Writes the held events, one frame per board, in the order they were held; keeps holding while the socket still
   * has bytes buffered, unless forced (before any other frame, so events never pass it). Returns the events written.
   */
  flushBatch(force: boolean): number {
    const batch = this.batch;
    if (!batch || batch.size === 0 || this.closed) return 0;
    if (!force && this.outbound.socketBytes > 0) return 0;
    this.outbound.unreserve(batch.bytes);
    let written = 0;
    for (const [board, frames] of batch.take()) {
      if (!this.isOpen()) break;
      // A batch of one goes out as a plain `event` frame: same content, and the frame every socket already shares.
      const single = frames.length === 1;
      if (
        !this.outbound.send(
          single ? 'event' : 'events',
          single ? (frames[0] as EventFrame).frame : sharedBatchFrame(board, frames),
        )
      )
        break;
      this.metrics.sent.add(single ? 'event' : 'events');
      written += frames.length;
    }
    this.metrics.delivered.add(written);
    return written;
  }

  close(): void {
    this.closed = true;
    this.batch?.take();
  }
}
