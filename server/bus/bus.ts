export type Channel = string;
export type BusHandler = (payload: string) => void;
export type Unsubscribe = () => Promise<void>;

/**
 * A transport that only publishes and subscribes; fan-out logic lives once in fanout.ts.
 * Delivery is at-most-once and a publisher may receive its own messages.
 */
export interface Bus {
  /** Label value for metrics: "redis", "nats" or "local". */
  readonly kind: string;
  publish(channel: Channel, payload: string): Promise<void>;
  /** Resolves once the subscription is active, so a later publish anywhere reaches it. */
  subscribe(channel: Channel, handler: BusHandler): Promise<Unsubscribe>;
  /** Resolves when the transport answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Keeps the handlers of each channel; transports subscribe upstream on a channel's first handler and unsubscribe on its last. */
export class HandlerTable {
  private readonly handlers = new Map<Channel, Set<BusHandler>>();

  /** Returns true when this is the channel's first handler. */
  add(channel: Channel, handler: BusHandler): boolean {
    const set = this.handlers.get(channel);
    if (set) {
      set.add(handler);
      return false;
    }
    this.handlers.set(channel, new Set([handler]));
    return true;
  }

  /** Returns true when that was the channel's last handler. */
  remove(channel: Channel, handler: BusHandler): boolean {
    const set = this.handlers.get(channel);
    if (!set?.delete(handler) || set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }

  dispatch(channel: Channel, payload: string): void {
    for (const handler of [...(this.handlers.get(channel) ?? [])]) handler(payload);
  }
}
