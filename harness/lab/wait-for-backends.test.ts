import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fake-clock.ts';
import { waitForBackends } from './wait-for-backends.ts';

const HEADER = '# pxname,svname,scur,status';
const csv = (...servers: string[]) =>
  [HEADER, 'replicas,FRONTEND,0,OPEN', ...servers.map((s) => `replicas,${s}`), 'replicas,BACKEND,0,UP'].join('\n');

/** A stats endpoint on port 0 answering the CSV of its next poll; counts the polls. */
async function statsServer(answers: (poll: number) => string) {
  let polls = 0;
  const server: Server = createServer((_request, response) => response.end(answers(polls++)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, polls: () => polls };
}
const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

describe('waitForBackends', () => {
  it('polls every 250 ms until enough replicas are UP', async () => {
    const stats = await statsServer((poll) => csv('replica-1,0,UP', `replica-2,0,${poll < 3 ? 'DOWN' : 'UP'}`));
    const clock = new FakeClock(0, { jumpOnSleep: true });
    await waitForBackends(stats.url, 2, 60_000, { clock });
    expect(stats.polls()).toBe(4);
    expect(clock.now()).toBe(750);
  });

  it('gives up at the timeout on its clock, naming what it last saw', async () => {
    const stats = await statsServer(() => csv('replica-1,0,UP', 'replica-2,0,DOWN'));
    const clock = new FakeClock(0, { jumpOnSleep: true });
    await expect(waitForBackends(stats.url, 2, 1000, { clock })).rejects.toThrow(
      'HAProxy did not see 2 healthy replica(s) within 1 s; last seen: replica-1=UP, replica-2=DOWN',
    );
    expect(stats.polls()).toBe(4); // at 0, 250, 500 and 750 ms
  });
});
