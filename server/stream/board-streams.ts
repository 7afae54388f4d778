/**
 * One board stream for every live subscriber: a WebSocket connection and a page's SSE stream alike.
 *
 * The shape, in two levels because they cost differently:
 * - per replica and board, the fan-out's sequencer (bus/board-sequencer.ts) turns an at-most-once, possibly
 *   reordering bus into one in-order tail, filling bus gaps from Postgres once per replica, not once per socket;
 * - per subscriber and board, a BoardStream (board-stream.ts) starts after the seq the subscriber has: it catches
 *   up from Postgres (paced by the subscriber's backpressure, or a reset past its window), holds the live tail
 *   meanwhile, and from then on passes each event once, in order, without gaps or duplicates.
 * This module is the lifecycle both consumers share: join → read → anchor → start → presence, and the way out.
 * Consumers only render (StreamSink): the gateway into shared WebSocket frames, the page into htmx fragments.
 */
import type { BoardEvent } from '../board/board-event.ts';
import type { BoardId } from '../board/task.ts';
import type { Fanout } from '../bus/fanout.ts';
import type { Metrics } from '../metrics.ts';
import type { Member, PresenceSink, PresenceTracker } from '../presence/presence-tracker.ts';
import { BoardStream, type CatchUpOutcome, type StreamSink } from './board-stream.ts';

export interface BoardStreamsDeps {
  fanout: Fanout;
  presence: PresenceTracker;
  metrics: Metrics;
  /** Events of a board with seq > after, ascending, at most `limit` (the store). */
  readEvents(board: BoardId, after: number, limit: number): Promise<BoardEvent[]>;
}

/** The subscriber: renders the stream (StreamSink) and is shown online (PresenceSink). */
export type Subscriber = StreamSink & PresenceSink;

/** One board's stream towards a subscriber. */
export type SubscriberStream = BoardStream<Subscriber>;

export class BoardStreams {
  constructor(private readonly deps: BoardStreamsDeps) {}

  /** A stream of `board` towards `subscriber`, not yet joined; `window` bounds a replay (past it: reset). */
  create(board: BoardId, subscriber: Subscriber, window: number): SubscriberStream {
    const { metrics, readEvents } = this.deps;
    return new BoardStream(board, subscriber, {
      read: (after, limit) => readEvents(board, after, limit),
      window,
      onReplayed: (count) => metrics.replayedEvents.inc(count),
      onReset: () => metrics.resets.inc(),
    });
  }

  /**
   * Joins each stream's board, then `read`s the boards' seqs (and whatever else the consumer needs at that
   * point), then anchors each board's sequencer there. Joined before reading: an event committed in between is
   * then both counted and delivered, never lost. On failure nothing stays joined.
   */
  async open<T extends { board: BoardId; seq: number }>(
    streams: readonly BoardStream[],
    read: () => Promise<T[]>,
  ): Promise<T[]> {
    const { fanout } = this.deps;
    try {
      await Promise.all(streams.map((stream) => fanout.join(stream.board, stream)));
      const opened = await read();
      for (const { board, seq } of opened) fanout.anchor(board, seq);
      return opened;
    } catch (error) {
      for (const stream of streams) fanout.leave(stream.board, stream);
      throw error;
    }
  }

  /**
   * Starts delivery after `since` (the subscriber's last seq; undefined: it is new, from `latest`) and shows
   * `member` online. A stream closed meanwhile (the subscriber went away during the reads) stays closed.
   */
  start(stream: SubscriberStream, member: Member, latest: number, since?: number): CatchUpOutcome | undefined {
    if (stream.isClosed) return undefined;
    const outcome = stream.start(latest, since);
    this.deps.presence.join(stream.board, stream.sink, member);
    return outcome;
  }

  /** The subscriber went away: leaves the boards' fan-out and presence, and ends each stream; again, it does nothing more. */
  close(streams: Iterable<SubscriberStream>): void {
    for (const stream of streams) {
      stream.close();
      this.deps.fanout.leave(stream.board, stream);
      this.deps.presence.leave(stream.board, stream.sink);
    }
  }
}
