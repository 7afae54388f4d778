import type { BoardEvent } from "../board/board-event.ts";
import type { BoardId } from "../board/task.ts";
import type { EventFrame } from "../bus/event-frame.ts";

/** Events read from Postgres per round trip during a catch-up. */
export const CATCH_UP_PAGE = 200;

export interface BoardFeedDeps {
  board: BoardId;
  /**
   * Writes one event to the client: `frame` is the live event's shared frame, undefined for events read from
   * Postgres. Returns true when it was handed to the socket now (false: held for a batch, or not sent).
   */
  send(event: BoardEvent, frame: EventFrame | undefined): boolean;
  /** Events of the board with seq > after, ascending, at most `limit`. */
  read(after: number, limit: number): Promise<BoardEvent[]>;
  /** Resolves when the client can take more (backpressure during a replay). */
  ready(): Promise<void>;
  /** Tells the client to reload a snapshot: it is more than `window` events behind. */
  reset(seq: number): void;
  window: number;
  onReplayed(count: number): void;
  /** Postgres failed mid catch-up; the client can no longer be brought up to date on this connection. */
  failed(error: unknown): void;
}

export type CatchUpOutcome = "replayed" | "reset" | "current";

/**
 * One board's events towards one client, strictly in seq order without gaps or duplicates.
 * `cursor` is the last seq the client has. Live events are sent at once when they are next; anything else is
 * held while the missing ones are read from Postgres (a resume, a resync, or a gap seen live), then released.
 * Until `start`, everything is held: the board was subscribed before its seq was read.
 */
export class BoardFeed {
  private cursor = -1;
  private started = false;
  private catchingUp = false;
  /** Highest seq known to exist; the catch-up reads up to it. */
  private target = 0;
  private readonly held = new Map<number, { event: BoardEvent; frame: EventFrame }>();

  constructor(private readonly deps: BoardFeedDeps) {}

  get position(): number {
    return this.cursor;
  }

  /** Returns true when this event was handed to the socket now. */
  live(event: BoardEvent, frame: EventFrame): boolean {
    if (this.started && event.seq <= this.cursor) return false;
    if (!this.started || this.catchingUp || event.seq !== this.cursor + 1) {
      this.held.set(event.seq, { event, frame });
      if (this.started && !this.catchingUp) void this.catchUp(event.seq - 1);
      return false;
    }
    this.cursor = event.seq;
    return this.deps.send(event, frame);
  }

  /**
   * Begins delivery from `since` (the client's last applied seq; the board's `latest` when the client is new).
   * Returns how the client was brought up to date; the replay itself continues in the background.
   */
  start(latest: number, since: number = latest): CatchUpOutcome {
    this.started = true;
    return this.rewind(latest, since);
  }

  /** A client that saw a gap asks again for everything after `since`. */
  resync(latest: number, since: number): CatchUpOutcome {
    for (const seq of this.held.keys()) if (seq <= since) this.held.delete(seq);
    return this.rewind(latest, since);
  }

  /** Resolves when no catch-up is running, for tests and orderly shutdown. */
  async settled(): Promise<void> {
    while (this.catchingUp) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private rewind(latest: number, since: number): CatchUpOutcome {
    if (since > latest || latest - since > this.deps.window) {
      this.cursor = Math.max(latest, this.cursor);
      this.deps.reset(latest);
      this.release();
      if (this.held.size > 0) void this.catchUp(latest);
      return "reset";
    }
    this.cursor = since;
    if (since === latest && this.held.size === 0) return "current";
    void this.catchUp(latest);
    return since === latest ? "current" : "replayed";
  }

  private async catchUp(target: number): Promise<void> {
    this.target = Math.max(this.target, target);
    if (this.catchingUp) return;
    this.catchingUp = true;
    try {
      for (;;) {
        this.release();
        const firstHeld = this.firstHeld();
        const want = Math.max(this.target, firstHeld === undefined ? 0 : firstHeld - 1);
        if (this.cursor >= want) break;
        await this.deps.ready();
        const page = await this.deps.read(this.cursor, Math.min(CATCH_UP_PAGE, want - this.cursor));
        let replayed = 0;
        for (const event of page) {
          if (event.seq <= this.cursor) continue;
          this.held.delete(event.seq);
          this.cursor = event.seq;
          this.deps.send(event, undefined);
          replayed += 1;
        }
        this.deps.onReplayed(replayed);
        // Postgres has nothing more up to `want`: never wait forever for a seq that does not exist.
        if (page.length === 0) this.cursor = want;
      }
    } catch (error) {
      this.deps.failed(error);
    } finally {
      this.catchingUp = false;
    }
  }

  /** Sends held events that are next in line; forgets those the client already has. */
  private release(): void {
    for (const seq of [...this.held.keys()]) if (seq <= this.cursor) this.held.delete(seq);
    for (let next = this.held.get(this.cursor + 1); next; next = this.held.get(this.cursor + 1)) {
      this.held.delete(this.cursor + 1);
      this.cursor += 1;
      this.deps.send(next.event, next.frame);
    }
  }

  private firstHeld(): number | undefined {
    let first: number | undefined;
    for (const seq of this.held.keys()) if (first === undefined || seq < first) first = seq;
    return first;
  }
}
