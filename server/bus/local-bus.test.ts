import { EventEmitter } from 'node:events';
import { describeBusContract } from './bus-contract.ts';
import { LocalBus } from './local-bus.ts';

describeBusContract('local', async () => {
  const hub = new EventEmitter();
  const a = new LocalBus(hub);
  const b = new LocalBus(hub);
  return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
});
