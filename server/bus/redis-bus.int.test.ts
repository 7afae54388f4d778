import { startRedis } from '../../test/support/services.ts';
import { testLogger } from '../testing/test-logger.ts';
import { describeBusContract } from './bus-contract.ts';
import { RedisBus } from './redis-bus.ts';

describeBusContract('redis', async () => {
  const redis = await startRedis();
  const a = await RedisBus.connect(redis.url, testLogger());
  const b = await RedisBus.connect(redis.url, testLogger());
  return {
    a,
    b,
    close: async () => {
      await Promise.all([a.close(), b.close()]);
      await redis.stop();
    },
  };
});
