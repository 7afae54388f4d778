import { startNats } from '../../test/support/services.ts';
import { testLogger } from '../testing/test-logger.ts';
import { describeBusContract } from './bus-contract.ts';
import { NatsBus } from './nats-bus.ts';

describeBusContract('nats', async () => {
  const nats = await startNats();
  const a = await NatsBus.connect(nats.url, 'contract-a', testLogger());
  const b = await NatsBus.connect(nats.url, 'contract-b', testLogger());
  return {
    a,
    b,
    close: async () => {
      await Promise.all([a.close(), b.close()]);
      await nats.stop();
    },
  };
});
