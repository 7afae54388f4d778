import type { BoardEvent, ReplicaName } from '../board/board-event.ts';
import type { BoardId } from '../board/task.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { extractTraceContext, injectTraceContext, SpanKind, withSpan, withSpanSync } from '../tracing.ts';
import type { Bus, Unsubscribe } from './bus.ts';
import { BoardSequencer } from './board-sequencer.ts';
import { boardChannel, decodeEnvelope, ENVELOPE_VERSION, type BusEnvelope, type TypingSignal } from './bus-envelope.ts';
import { elapsedSeconds, monotonicMs, wallMs } from './hop-clock.ts';
import { LiveEvent } from './live-event.ts';

/** A local recipient of one board's events: a subscriber's BoardStream (server/stream/). */
export interface EventSink {
  /**
   * `live` is the same object for every sink, so each can render it once for all (how is the sink's business).
   * Returns true when the event was handed to a socket now (for the socket_first/socket_last hops); a sink that
   * holds it (a batch, a catch-up) returns false.
   */
  deliver(event: BoardEvent, live: LiveEvent): boolean | void;
  /** A typing signal of the board; the same object for every sink. */
  deliverTyping?(signal: TypingSignal): void;
}

interface BoardSubscription {
  sinks: Set<EventSink>;
  unsubscribe: Promise<Unsubscribe>;
  sequencer: BoardSequencer;
}

export interface FanoutDeps {
  bus: Bus;
  replica: ReplicaName;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  /** Reads a board's events from Postgres, to fill bus gaps; without it gaps are skipped after the reorder timeout. */
  readEvents?: (board: BoardId, after: number, limit: number) => Promise<BoardEvent[]>;
  /** How long an out-of-order event waits for the missing ones; default 100 ms. */
  reorderMs?: number;
}

const DEFAULT_REORDER_MS = 100;

/**
 * The one place that fans events out, whatever the bus: an event accepted here is delivered to local
 * sinks directly and published for the other replicas; an event from the bus is delivered locally unless
 * this replica published it. So each local sink sees each event once.
 */
export class Fanout {
  private readonly boards = new Map<BoardId, BoardSubscription>();
  /** Commit times of published events, for the writer's connection to read back; weak, so nothing is kept. */
  private readonly commits = new WeakMap<BoardEvent, number>();
  private readonly publishSpan: string;
  private readonly receiveSpan: string;

  constructor(private readonly deps: FanoutDeps) {
    this.publishSpan = `bus.publish ${deps.bus.kind}`;
    this.receiveSpan = `bus.receive ${deps.bus.kind}`;
  }

  /** Resolves once events of `board` from every replica reach `sink`. */
  async join(board: BoardId, sink: EventSink): Promise<void> {
    let subscription = this.boards.get(board);
    if (!subscription) {
      const created: BoardSubscription = {
        sinks: new Set(),
        unsubscribe: Promise.resolve(async () => undefined),
        sequencer: this.sequencerFor(board),
      };
      created.unsubscribe = this.deps.bus.subscribe(boardChannel(board), (payload) => {
        // A board left and joined again has a new subscription; late messages of the old one are not ours.
        if (this.boards.get(board) === created) this.receive(payload);
      });
      this.boards.set(board, created);
      subscription = created;
      created.unsubscribe.catch(() => {
        if (this.boards.get(board) === created) this.boards.delete(board);
      });
    }
    subscription.sinks.add(sink);
    try {
      await subscription.unsubscribe;
    } catch (error) {
      subscription.sinks.delete(sink);
      throw error;
    }
  }

  leave(board: BoardId, sink: EventSink): void {
    const subscription = this.boards.get(board);
    if (!subscription?.sinks.delete(sink) || subscription.sinks.size > 0) return;
    this.boards.delete(board);
    subscription.sequencer.close();
    subscription.unsubscribe
      .then((unsubscribe) => unsubscribe())
      .catch((error: unknown) => this.deps.log.warn({ err: error, board }, 'bus unsubscribe failed'));
  }

  /**
   * The board's seq as a joiner read it after joining: where this replica's in-order delivery starts
   * unless an event arrived first.
   */
  anchor(board: BoardId, seq: number): void {
    this.boards.get(board)?.sequencer.anchor(seq);
  }

  /** Relays a typing signal to the board's local sinks and the other replicas; best effort. */
  async publishTyping(signal: TypingSignal): Promise<void> {
    this.deliverTyping(signal);
    const { bus, replica, clock, log } = this.deps;
    const envelope: BusEnvelope = { v: ENVELOPE_VERSION, origin: replica, sentAt: clock.now(), typing: signal };
    await bus
      .publish(boardChannel(signal.board), JSON.stringify(envelope))
      .catch((error: unknown) => log.debug({ err: error }, 'typing publish failed'));
  }

  /**
   * Publishes a committed event and delivers it locally. A failed publish is logged, not thrown: the event is
   * committed. Being called is the moment of commit for the hops: BoardService calls this right after Postgres
   * committed. The bus write starts first, so other replicas are not kept waiting behind the local fan-out.
   */
  async publish(event: BoardEvent): Promise<void> {
    const committedAt = monotonicMs();
    this.commits.set(event, committedAt);
    const { bus, replica, metrics, clock, log } = this.deps;
    const channel = boardChannel(event.board);
    const published = withSpan(
      this.publishSpan,
      {
        kind: SpanKind.PRODUCER,
        attributes: () => ({
          'messaging.destination.name': channel,
          'swagboard.seq': event.seq,
          'swagboard.replica': replica,
        }),
      },
      async () => {
        const envelope: BusEnvelope = {
          v: ENVELOPE_VERSION,
          origin: replica,
          sentAt: clock.now(),
          publishedAt: wallMs(),
          trace: injectTraceContext(),
          event,
        };
        await bus.publish(channel, JSON.stringify(envelope));
      },
    );
    this.boards.get(event.board)?.sequencer.accept(event, committedAt);
    try {
      await published;
      // Seen when this replica gets to the acknowledgement: after the local fan-out above, which runs first.
      metrics.hops.commitPublish.observe(elapsedSeconds(committedAt, monotonicMs()));
      metrics.busPublished.inc({ bus: bus.kind });
    } catch (error) {
      metrics.busPublishErrors.inc({ bus: bus.kind });
      log.error(
        { err: error, board: event.board, seq: event.seq },
        'bus publish failed; other replicas miss this event until they read it back',
      );
    }
  }

  /** monotonicMs() when `event` (the object given to publish) was committed on this replica, for validate_commit. */
  committedAt(event: BoardEvent): number | undefined {
    return this.commits.get(event);
  }

  async close(): Promise<void> {
    const subscriptions = [...this.boards.values()];
    this.boards.clear();
    for (const subscription of subscriptions) subscription.sequencer.close();
    await Promise.allSettled(subscriptions.map(async (subscription) => (await subscription.unsubscribe)()));
  }

  private receive(payload: string): void {
    const receivedAt = monotonicMs();
    const { bus, replica, metrics, clock, log } = this.deps;
    const envelope = decodeEnvelope(payload);
    if (!envelope) {
      log.warn({ bytes: payload.length }, 'dropped an undecodable bus message');
      return;
    }
    metrics.busReceived.inc({ bus: bus.kind });
    metrics.busReceiveLag.observe({ bus: bus.kind }, Math.max(0, clock.now() - envelope.sentAt) / 1000);
    if (envelope.origin === replica) return;
    if (envelope.typing) return this.deliverTyping(envelope.typing);
    if (envelope.publishedAt !== undefined)
      metrics.hops.busTransit.observe(elapsedSeconds(envelope.publishedAt, wallMs(receivedAt)));
    const event = envelope.event as BoardEvent;
    const sequencer = this.boards.get(event.board)?.sequencer;
    if (!sequencer) return;
    withSpanSync(
      this.receiveSpan,
      {
        kind: SpanKind.CONSUMER,
        parent: extractTraceContext(envelope.trace),
        attributes: () => ({
          'swagboard.origin': envelope.origin,
          'swagboard.seq': event.seq,
          'swagboard.board': event.board,
          'swagboard.replica': replica,
        }),
      },
      () => sequencer.accept(event, receivedAt),
    );
  }

  private sequencerFor(board: BoardId): BoardSequencer {
    const { readEvents, metrics, log, clock } = this.deps;
    return new BoardSequencer({
      clock,
      deliver: (event, arrivedAt) => this.deliverLocally(event, arrivedAt),
      read: readEvents && ((after, limit) => readEvents(board, after, limit)),
      reorderMs: this.deps.reorderMs ?? DEFAULT_REORDER_MS,
      onGapFill: () => metrics.fanoutGapFills.inc(),
      onError: (error) => log.warn({ err: error, board }, 'filling a bus gap from postgres failed; skipping it'),
    });
  }

  private deliverTyping(signal: TypingSignal): void {
    const sinks = this.boards.get(signal.board)?.sinks;
    if (!sinks || sinks.size === 0) return;
    for (const sink of sinks) sink.deliverTyping?.(signal);
  }

  /**
   * One span per event per replica (not per socket). It is a child of whatever delivered the event in order:
   * the bus receive, or the local publish; an event held for a gap follows the one that released it.
   * `arrivedAt`: when it was committed here or received from the bus (undefined when read from Postgres).
   */
  private deliverLocally(event: BoardEvent, arrivedAt: number | undefined): void {
    const sinks = this.boards.get(event.board)?.sinks;
    if (!sinks || sinks.size === 0) return;
    const { hops } = this.deps.metrics;
    const releasedAt = monotonicMs();
    const path = event.origin === this.deps.replica ? 'same' : 'cross';
    if (arrivedAt !== undefined) hops.release[path].observe(elapsedSeconds(arrivedAt, releasedAt));
    const live = new LiveEvent(event, {
      releasedAt,
      socketFirst: hops.socketFirst[path],
      socketLast: hops.socketLast[path],
    });
    withSpanSync(
      'fanout.deliver',
      {
        attributes: () => ({
          'swagboard.board': event.board,
          'swagboard.seq': event.seq,
          'swagboard.replica': this.deps.replica,
          'swagboard.sinks': sinks.size,
        }),
      },
      () => this.deliverTo(sinks, live),
    );
  }

  private deliverTo(sinks: Set<EventSink>, live: LiveEvent): void {
    const { event } = live;
    const { clock, metrics } = this.deps;
    const first = clock.now();
    let handed = 0;
    for (const sink of sinks) {
      try {
        if (sink.deliver(event, live) === true && ++handed === 1) live.firstHandedAt = monotonicMs();
      } catch (error) {
        this.deps.log.warn({ err: error, board: event.board }, 'event delivery to a local sink failed');
      }
    }
    // Sockets that batch write it when their flush runs; that flush then settles the socket hops.
    if (handed > 0 && !live.awaitingFlush) live.settle(live.firstHandedAt, monotonicMs());
    // Two observations per event, not one per socket: the first and the last socket bound everyone's latency.
    metrics.fanoutLatency.observe(Math.max(0, first - event.at) / 1000);
    metrics.fanoutLatency.observe(Math.max(0, clock.now() - event.at) / 1000);
  }
}
