import type { BoardEvent } from '../board/board-event.ts';
import type { Cancel, Clock } from '../clock.ts';

export interface BoardSequencerDeps {
  clock: Clock;
  /**
   * Delivers one event to the board's local sinks, in seq order. `arrivedAt` is what `accept` was given (when the
   * event reached this replica); undefined for events read from Postgres to fill a gap.
   */
  deliver(event: BoardEvent, arrivedAt: number | undefined): void;
  /** Events with seq > after, ascending, at most `limit`; for gaps the bus did not fill in time. */
  read?(after: number, limit: number): Promise<BoardEvent[]>;
  /** How long an out-of-order event waits for the missing ones before they are read from Postgres. */
  reorderMs: number;
  onGapFill(): void;
  onError(error: unknown): void;
}

/**
 * Puts one board's events back in seq order on this replica. The bus may reorder (two replicas publishing)
 * or lose messages (at-most-once): an event past a gap is held up to `reorderMs`, then the gap is read from
 * Postgres. Events at or below the last delivered seq are duplicates and dropped.
 */
export class BoardSequencer {
  private last: number | undefined;
  private readonly pending = new Map<number, { event: BoardEvent; arrivedAt: number | undefined }>();
  private cancelTimer: Cancel | undefined;
  private filling = false;

  constructor(private readonly deps: BoardSequencerDeps) {}

  /** The board's seq as a joiner read it; the first event otherwise sets the starting point. */
  anchor(seq: number): void {
    if (this.last !== undefined) return;
    this.last = seq;
    for (const held of [...this.pending.keys()]) if (held <= seq) this.pending.delete(held);
    this.release();
  }

  /** `arrivedAt`: when the event reached this replica (committed here, or received from the bus), for the release hop. */
  accept(event: BoardEvent, arrivedAt?: number): void {
    this.last ??= event.seq - 1;
    if (event.seq <= this.last) return;
    this.pending.set(event.seq, { event, arrivedAt });
    this.release();
  }

  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.pending.clear();
  }

  private release(): void {
    if (this.last === undefined) return;
    for (let next = this.pending.get(this.last + 1); next; next = this.pending.get(this.last + 1)) {
      this.pending.delete(next.event.seq);
      this.last = next.event.seq;
      this.deps.deliver(next.event, next.arrivedAt);
    }
    if (this.pending.size === 0) {
      this.cancelTimer?.();
      this.cancelTimer = undefined;
    } else if (!this.cancelTimer && !this.filling) {
      this.cancelTimer = this.deps.clock.after(this.deps.reorderMs, () => void this.fill());
    }
  }

  private async fill(): Promise<void> {
    this.cancelTimer = undefined;
    if (this.last === undefined || this.pending.size === 0) return;
    const upTo = Math.min(...this.pending.keys()) - 1;
    this.filling = true;
    this.deps.onGapFill();
    try {
      const missing = this.deps.read ? await this.deps.read(this.last, upTo - this.last) : [];
      for (const event of missing)
        if (event.seq > (this.last ?? Infinity) && event.seq <= upTo)
          this.pending.set(event.seq, { event, arrivedAt: undefined });
    } catch (error) {
      this.deps.onError(error);
    } finally {
      this.filling = false;
    }
    // Whatever Postgres could not give is skipped: holding later events forever would be worse. Nothing is
    // skipped when nothing is held: the bus may have closed the gap during the read (Math.min() of none is
    // Infinity, which would drop every later event).
    if (this.last !== undefined && this.pending.size > 0 && !this.pending.has(this.last + 1))
      this.last = Math.min(...this.pending.keys()) - 1;
    this.release();
  }
}
