import type { Metrics } from '../metrics.ts';

/**
 * The part of a WebSocket the queue needs: bytes not yet handed to the kernel, and send with a written callback.
 * A Buffer frame is UTF-8 text encoded once and shared by many sockets (an event); it is sent as a text message.
 */
export interface Outlet {
  readonly bufferedAmount: number;
  /** `written` is omitted when the queue does not need to hear about this write. */
  send(frame: string | Buffer, written?: (error?: Error) => void): void;
}

/** What may happen to a message past the soft limit. */
export type Delivery =
  /** Always queued (events, replies): losing one would break the protocol. */
  | { kind: 'essential' }
  /** Dropped (typing): stale within seconds anyway. */
  | { kind: 'droppable' }
  /**
   * Held past soft, with later ones of the same key skipped; once drained, one frame built by `latest()` then
   * replaces them all (presence of one board: the full list that later deltas apply to).
   */
  | { kind: 'coalesced'; key: string; latest: () => { type: string; frame: string } };

export interface QueueLimits {
  softBytes: number;
  hardBytes: number;
}

const ESSENTIAL: Delivery = { kind: 'essential' };

/**
 * A connection's bounded outgoing queue: the socket's own buffer plus coalesced messages held here.
 * Past the soft limit typing is dropped and presence coalesced; past the hard limit `overflow` runs once
 * (the connection closes with 4008), so memory per connection stays near hardBytes.
 */
export class OutboundQueue {
  private readonly held = new Map<string, { bytes: number; latest: () => { type: string; frame: string } }>();
  private heldBytes = 0;
  private overflowed = false;
  private drainWaiters: (() => void)[] = [];
  /** Bytes the connection holds for a batched frame, not yet written: they count towards the limits. */
  private reservedBytes = 0;
  /** One callback for every write, not a closure per frame. */
  private readonly onWritten = () => this.written();
  /** Called after a write completes and the socket's buffer is empty (a batching connection then flushes). */
  onIdle: (() => void) | undefined;

  constructor(
    private readonly outlet: Outlet,
    private readonly limits: QueueLimits,
    private readonly metrics: Metrics,
    private readonly overflow: () => void,
  ) {}

  get queuedBytes(): number {
    return this.outlet.bufferedAmount + this.heldBytes + this.reservedBytes;
  }

  /** Bytes handed to the socket and not yet to the kernel. */
  get socketBytes(): number {
    return this.outlet.bufferedAmount;
  }

  /**
   * Counts `bytes` the caller holds to send later (a batch) against the limits. Past the hard limit the queue
   * overflows (the connection closes with 4008) and this returns false.
   */
  reserve(bytes: number): boolean {
    if (this.overflowed) return false;
    if (this.queuedBytes + bytes > this.limits.hardBytes) {
      this.overflowed = true;
      this.metrics.slowConsumerDisconnects.inc();
      this.overflow();
      return false;
    }
    this.reservedBytes += bytes;
    return true;
  }

  /** The reserved bytes are being sent now (or dropped). */
  unreserve(bytes: number): void {
    this.reservedBytes = Math.max(0, this.reservedBytes - bytes);
  }

  /** Returns false when the message was not written now (dropped, held or overflowing); held ones are counted as sent when written. */
  send(type: string, frame: string | Buffer, delivery: Delivery = ESSENTIAL): boolean {
    if (this.overflowed) return false;
    // A shared Buffer knows its length; only strings (one connection's own replies) are measured.
    const bytes = typeof frame === 'string' ? Buffer.byteLength(frame) : frame.length;
    const queued = this.queuedBytes;
    // An empty queue is the common case, and a histogram observation per delivery is not free.
    if (queued > 0) this.metrics.wsSendQueueBytes.observe(queued);
    if (queued + bytes > this.limits.hardBytes && delivery.kind === 'essential') {
      this.overflowed = true;
      this.metrics.slowConsumerDisconnects.inc();
      this.overflow();
      return false;
    }
    const pastSoft = queued > this.limits.softBytes || queued + bytes > this.limits.hardBytes;
    if (pastSoft && delivery.kind === 'droppable') {
      this.metrics.wsDropped.inc({ type });
      return false;
    }
    // Once one is held, later ones wait too: they would apply to a list the client has not got.
    if (delivery.kind === 'coalesced' && (pastSoft || this.held.has(delivery.key))) {
      const previous = this.held.get(delivery.key);
      if (previous) this.metrics.wsDropped.inc({ type });
      this.heldBytes += Math.max(0, bytes - (previous?.bytes ?? 0));
      this.held.set(delivery.key, { bytes: Math.max(bytes, previous?.bytes ?? 0), latest: delivery.latest });
      return false;
    }
    this.write(frame, queued, bytes);
    return true;
  }

  /** Resolves once the queue is at or below the soft limit, for senders that can wait (replays). */
  belowSoft(): Promise<void> {
    if (this.queuedBytes <= this.limits.softBytes || this.overflowed) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Releases waiters, e.g. when the socket closed. */
  close(): void {
    this.overflowed = true;
    this.held.clear();
    this.heldBytes = 0;
    this.reservedBytes = 0;
    for (const wake of this.drainWaiters.splice(0)) wake();
  }

  /**
   * The written callback costs a tick per socket per frame, so it is only asked for when the queue may need it:
   * something is held or waiting, a batching connection waits for idle, or the socket already has a backlog (then
   * this callback fires after the backlog's). A lone write to an empty socket goes without: if it stays buffered,
   * the next send sees a backlog and asks; and it alone cannot take the queue past the soft limit (frames larger
   * than half of it always ask), so nothing can be held, or wait, on it alone.
   */
  private write(frame: string | Buffer, queued = 1, bytes = 0): void {
    const wants =
      queued > 0 ||
      bytes * 2 > this.limits.softBytes ||
      this.held.size > 0 ||
      this.drainWaiters.length > 0 ||
      this.onIdle !== undefined;
    if (wants) this.outlet.send(frame, this.onWritten);
    else this.outlet.send(frame);
  }

  private written(): void {
    // The common case, once per frame per socket: nothing held, nobody waiting; skip reading the socket's buffer.
    if (this.held.size === 0 && this.drainWaiters.length === 0 && this.onIdle === undefined) return;
    if (this.outlet.bufferedAmount > this.limits.softBytes) return;
    if (this.held.size > 0) {
      const held = [...this.held.values()];
      this.held.clear();
      this.heldBytes = 0;
      for (const message of held) {
        const { type, frame } = message.latest();
        this.write(frame);
        this.metrics.sent.add(type);
      }
    }
    if (this.drainWaiters.length > 0) for (const wake of this.drainWaiters.splice(0)) wake();
    if (this.onIdle && this.outlet.bufferedAmount === 0) this.onIdle();
  }
}
