import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Bus } from './bus.ts';
import { LocalBus } from './local-bus.ts';
import { NatsBus } from './nats-bus.ts';
import { RedisBus } from './redis-bus.ts';

export async function createBus(
  config: Pick<Config, 'bus' | 'redisUrl' | 'natsUrl' | 'replica'>,
  log: Logger,
): Promise<Bus> {
  switch (config.bus) {
    case 'redis':
      return RedisBus.connect(config.redisUrl as string, log);
    case 'nats':
      return NatsBus.connect(config.natsUrl as string, config.replica, log);
    case 'none':
      return new LocalBus();
  }
}
