import { connect, type NatsConnection, type Subscription } from 'nats';
import type { Logger } from '../log.ts';
import type { Bus, BusHandler, Channel, Unsubscribe } from './bus.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Core NATS pub/sub; channels are subjects ("board.demo"). */
export class NatsBus implements Bus {
  readonly kind = 'nats';

  private constructor(private readonly connection: NatsConnection) {}

  static async connect(url: string, replica: string, log: Logger): Promise<NatsBus> {
    const connection = await connect({
      servers: url,
      name: `swagboard-${replica}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    void (async () => {
      for await (const status of connection.status())
        log.info({ status: status.type, data: String(status.data) }, 'nats bus status');
    })();
    return new NatsBus(connection);
  }

  async publish(channel: Channel, payload: string): Promise<void> {
    this.connection.publish(channel, encoder.encode(payload));
  }

  async subscribe(channel: Channel, handler: BusHandler): Promise<Unsubscribe> {
    const subscription: Subscription = this.connection.subscribe(channel, {
      callback: (error, message) => {
        if (!error) handler(decoder.decode(message.data));
      },
    });
    // The server has registered the interest once it answers a PING sent after SUB.
    await this.connection.flush();
    return async () => subscription.unsubscribe();
  }

  async ping(): Promise<void> {
    await this.connection.flush();
  }

  async close(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
