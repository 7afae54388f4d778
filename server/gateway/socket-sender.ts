import type { WebSocket } from 'ws';
import type { BoardEvent } from '../board/board-event.ts';
import type { LiveEvent } from '../bus/live-event.ts';
import type { Clock } from '../clock.ts';
import { ERRORS } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { BatchFlusher } from './batch-flusher.ts';
import { EventWriter } from './event-writer.ts';
import { OutboundQueue, type Delivery } from './outbound-queue.ts';
import type { ServerMessage } from './protocol.ts';

/** A slow consumer that does not complete the close handshake is cut off after this long. */
const SLOW_CONSUMER_GRACE_MS = 1000;

/** ws send options for a shared, already encoded frame: it is text, not binary. */
const TEXT_FRAME = { binary: false } as const;

export interface SocketSenderDeps {
  metrics: Metrics;
  softQueueBytes: number;
  hardQueueBytes: number;
  /** The replica's one flusher of batched frames. */
  flusher: BatchFlusher;
  clock: Clock;
}

/**
 * One socket's way out: its bounded queue (typing dropped and presence coalesced past soft, the socket closed
 * with 4008 past hard and cut after a grace), board events (shared frames, or batches), and every other frame
 * after the events held before it, so batching never reorders events against acks, resets or presence.
 */
export class SocketSender {
  private readonly outbound: OutboundQueue;
  private readonly events: EventWriter;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: SocketSenderDeps,
    private readonly log: Logger,
  ) {
    this.outbound = new OutboundQueue(
      {
        get bufferedAmount() {
          return socket.bufferedAmount;
        },
        send: (frame, written) =>
          typeof frame === 'string' ? socket.send(frame, written) : socket.send(frame, TEXT_FRAME, written),
      },
      { softBytes: deps.softQueueBytes, hardBytes: deps.hardQueueBytes },
      deps.metrics,
      () => this.slowConsumer(),
    );
    this.events = new EventWriter(() => socket.readyState === socket.OPEN, this.outbound, deps.flusher, deps.metrics);
  }

  get queuedBytes(): number {
    return this.outbound.queuedBytes;
  }

  /** Resolves once the queue is at or below its soft limit (a replay waits for it). */
  drained(): Promise<void> {
    return this.outbound.belowSoft();
  }

  startBatching(): void {
    this.events.startBatching();
  }

  stopBatching(): void {
    this.events.stopBatching();
  }

  /** One board event; true when it was handed to the socket now (see EventWriter.send). */
  event(event: BoardEvent, live: LiveEvent | undefined): boolean {
    return this.events.send(event, live);
  }

  /** Writes any held batched events now. */
  flushEvents(): void {
    this.events.flushBatch(true);
  }

  send(message: ServerMessage): void {
    this.sendRaw(message.type, JSON.stringify(message));
  }

  sendRaw(type: ServerMessage['type'], frame: string, delivery?: Delivery): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // Held events go first, so batching never reorders events against the other frames (acks, resets, presence).
    if (this.events.holding) this.events.flushBatch(true);
    if (this.outbound.send(type, frame, delivery)) this.deps.metrics.sent.add(type);
  }

  /** The socket closed: drops what is held and releases replays waiting for room. */
  close(): void {
    this.events.close();
    this.outbound.close();
  }

  private slowConsumer(): void {
    this.log.info({ queuedBytes: this.outbound.queuedBytes }, 'slow consumer; closing with 4008');
    this.deps.metrics.errors.inc({ code: 'E_SLOW_CONSUMER' });
    this.socket.close(ERRORS.E_SLOW_CONSUMER.wsClose, ERRORS.E_SLOW_CONSUMER.message);
    this.deps.clock.after(SLOW_CONSUMER_GRACE_MS, () => this.socket.terminate());
  }
}
