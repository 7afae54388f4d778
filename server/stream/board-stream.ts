import type { BoardEvent } from '../board/board-event.ts';
import type { BoardId } from '../board/task.ts';
import type { TypingSignal } from '../bus/bus-envelope.ts';
import type { EventSink } from '../bus/fanout.ts';
import type { LiveEvent } from '../bus/live-event.ts';

/** Events read from Postgres per round trip during a catch-up. */
export const CATCH_UP_PAGE = 200;

/**
 * What consumes a board stream and renders it in its own format: a WebSocket connection (frames) or a page's
 * SSE stream (htmx fragments). Everything it is given is in order, once, and after what it already has.
 */
export interface StreamSink {
  /**
   * The next event of `event.board`. `live` is the fan-out's object, shared by every sink of the replica (render
   * once for all); undefined for an event read from Postgres. Returns true when it was handed to a socket now.
   */
  event(event: BoardEvent, live: LiveEvent | undefined): boolean;
  /** Someone types on the board (the same signal object for every sink). */
  typing(signal: TypingSignal): void;
  /** The subscriber is more than its window behind: it must reload the board as of `seq`. */
  reset(board: BoardId, seq: number): void;
  /** Resolves when the subscriber can take more (backpressure during a replay). */
  drained(): Promise<void>;
  /** Postgres failed mid catch-up; the subscriber can no longer be brought up to date on this stream. */
  failed(board: BoardId, error: unknown): void;
}

export interface BoardStreamDeps {
  /** Events of the board with seq > after, ascending, at most `limit`. */
  read(after: number, limit: number): Promise<BoardEvent[]>;
  /** Past this many events behind, the subscriber is reset instead of replayed. */
  window: number;
  onReplayed(count: number): void;
  onReset(): void;
}

export type CatchUpOutcome = 'replayed' | 'reset' | 'current';

/**
 * One board's events towards one subscriber, strictly in seq order without gaps or duplicates.
 * `cursor` is the last seq the subscriber has. Live events are sent at once when they are next; anything else is
 * held while the missing ones are read from Postgres (a resume, a resync, or a gap seen live), then released.
 * Until `start`, everything is held: the board was subscribed before its seq was read.
 */
export class BoardStream<S extends StreamSink = StreamSink> implements EventSink {
  private cursor = -1;
  private started = false;
  private closed = false;
  /** Highest seq known to exist; the catch-up reads up to it. */
  private target = 0;
  private catchingUp = false;
  /** The running (or last) catch-up, for `settled`. */
  private replaying: Promise<void> = Promise.resolve();
  private readonly held = new Map<number, { event: BoardEvent; live: LiveEvent | undefined }>();

  constructor(
    readonly board: BoardId,
    /** Who the events go to. */
    readonly sink: S,
    private readonly deps: BoardStreamDeps,
  ) {}

  get position(): number {
    return this.cursor;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A live event from the fan-out; returns true when it was handed to the socket now. */
  deliver(event: BoardEvent, live: LiveEvent): boolean {
    if (this.closed || (this.started && event.seq <= this.cursor)) return false;
    if (!this.started || this.catchingUp || event.seq !== this.cursor + 1) {
      this.held.set(event.seq, { event, live });
      if (this.started && !this.catchingUp) this.catchUp(event.seq - 1);
      return false;
    }
    this.cursor = event.seq;
    return this.sink.event(event, live);
  }

  deliverTyping(signal: TypingSignal): void {
    if (!this.closed) this.sink.typing(signal);
  }

  /**
   * Begins delivery from `since` (the subscriber's last applied seq; the board's `latest` when it is new).
   * Returns how it was brought up to date; the replay itself continues in the background.
   */
  start(latest: number, since: number = latest): CatchUpOutcome {
    this.started = true;
    return this.rewind(latest, since);
  }

  /** A subscriber that saw a gap asks again for everything after `since`. */
  resync(latest: number, since: number): CatchUpOutcome {
    for (const seq of this.held.keys()) if (seq <= since) this.held.delete(seq);
    return this.rewind(latest, since);
  }

  /** Nothing more reaches the sink; a running catch-up stops at its next page. */
  close(): void {
    this.closed = true;
    this.held.clear();
  }

  /** Resolves when no catch-up is running, for tests and orderly shutdown. */
  async settled(): Promise<void> {
    while (this.catchingUp) await this.replaying;
  }

  private rewind(latest: number, since: number): CatchUpOutcome {
    if (since > latest || latest - since > this.deps.window) {
      this.cursor = Math.max(latest, this.cursor);
      this.deps.onReset();
      this.sink.reset(this.board, latest);
      this.release();
      if (this.held.size > 0) this.catchUp(latest);
      return 'reset';
    }
    this.cursor = since;
    if (since === latest && this.held.size === 0) return 'current';
    this.catchUp(latest);
    return since === latest ? 'current' : 'replayed';
  }

  private catchUp(target: number): void {
    this.target = Math.max(this.target, target);
    if (this.catchingUp) return;
    this.catchingUp = true;
    this.replaying = this.replay();
  }

  private async replay(): Promise<void> {
    try {
      while (!this.closed) {
        this.release();
        const firstHeld = this.firstHeld();
        const want = Math.max(this.target, firstHeld === undefined ? 0 : firstHeld - 1);
        if (this.cursor >= want) break;
        await this.sink.drained();
        const page = await this.deps.read(this.cursor, Math.min(CATCH_UP_PAGE, want - this.cursor));
        let replayed = 0;
        for (const event of page) {
          if (this.closed) return;
          if (event.seq <= this.cursor) continue;
          this.held.delete(event.seq);
          this.cursor = event.seq;
          this.sink.event(event, undefined);
          replayed += 1;
        }
        this.deps.onReplayed(replayed);
        // Postgres has nothing more up to `want`: never wait forever for a seq that does not exist.
        if (page.length === 0) this.cursor = want;
      }
    } catch (error) {
      if (!this.closed) this.sink.failed(this.board, error);
    } finally {
      // Cleared in the same turn as the last release (not a microtask later), so a live event is never held
      // behind a catch-up that has ended.
      this.catchingUp = false;
    }
  }

  /** Sends held events that are next in line; forgets those the subscriber already has. */
  private release(): void {
    for (const seq of [...this.held.keys()]) if (seq <= this.cursor) this.held.delete(seq);
    for (let next = this.held.get(this.cursor + 1); next; next = this.held.get(this.cursor + 1)) {
      this.held.delete(this.cursor + 1);
      this.cursor += 1;
      this.sink.event(next.event, next.live);
    }
  }

  private firstHeld(): number | undefined {
    let first: number | undefined;
    for (const seq of this.held.keys()) if (first === undefined || seq < first) first = seq;
    return first;
  }
}
