import { EventEmitter } from 'node:events';
import type { Bus, BusHandler, Channel, Unsubscribe } from './bus.ts';

/**
 * In-process bus for standalone mode (SWAGBOARD_BUS=none). Buses built on one `hub` see each other,
 * which lets the contract suite treat two of them like two replicas.
 */
export class LocalBus implements Bus {
  readonly kind = 'local';
  private closed = false;

  constructor(private readonly hub: EventEmitter = new EventEmitter()) {
    hub.setMaxListeners(0);
  }

  async publish(channel: Channel, payload: string): Promise<void> {
    if (this.closed) throw new Error('local bus is closed');
    // Asynchronous like a network hop, so no publisher ever re-enters its own handlers.
    setImmediate(() => this.hub.emit(channel, payload));
  }

  async subscribe(channel: Channel, handler: BusHandler): Promise<Unsubscribe> {
    const listener = (payload: string) => {
      if (!this.closed) handler(payload);
    };
    this.hub.on(channel, listener);
    return async () => {
      this.hub.off(channel, listener);
    };
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('local bus is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
