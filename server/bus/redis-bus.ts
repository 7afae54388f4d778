import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { HandlerTable, type Bus, type BusHandler, type Channel, type Unsubscribe } from './bus.ts';

/** Redis pub/sub: one connection publishes, one is in subscriber mode. */
export class RedisBus implements Bus {
  readonly kind = 'redis';
  private readonly handlers = new HandlerTable();
  /** Upstream SUBSCRIBE in flight or done, per channel, so a second handler also waits until it is active. */
  private readonly active = new Map<Channel, Promise<unknown>>();

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, payload: string) => this.handlers.dispatch(channel, payload));
  }

  static async connect(url: string, log: Logger): Promise<RedisBus> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true } as const;
    const publisher = new Redis(url, { ...options, connectionName: 'swagboard-pub' });
    const subscriber = new Redis(url, { ...options, connectionName: 'swagboard-sub' });
    for (const [role, client] of [
      ['publisher', publisher],
      ['subscriber', subscriber],
    ] as const) {
      client.on('error', (error: Error) => log.warn({ err: error, role }, 'redis bus connection error'));
    }
    await Promise.all([publisher.connect(), subscriber.connect()]);
    return new RedisBus(publisher, subscriber);
  }

  async publish(channel: Channel, payload: string): Promise<void> {
    await this.publisher.publish(channel, payload);
  }

  async subscribe(channel: Channel, handler: BusHandler): Promise<Unsubscribe> {
    if (this.handlers.add(channel, handler)) this.active.set(channel, this.subscriber.subscribe(channel));
    try {
      await this.active.get(channel);
    } catch (error) {
      if (this.handlers.remove(channel, handler)) this.active.delete(channel);
      throw error;
    }
    return async () => {
      if (!this.handlers.remove(channel, handler)) return;
      this.active.delete(channel);
      await this.subscriber.unsubscribe(channel);
    };
  }

  async ping(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
