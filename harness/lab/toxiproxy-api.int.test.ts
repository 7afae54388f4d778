// The adapter over toxiproxy-node-client against a real Toxiproxy (the lab's image, alone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../services/start-service.ts';
import { ToxiproxyApi } from './toxiproxy-api.ts';

let toxiproxy: RunningService;
let api: ToxiproxyApi;

beforeAll(async () => {
  toxiproxy = await startService('toxiproxy');
  api = new ToxiproxyApi(toxiproxy.url);
  await api.populate([
    { name: 'b.link', listen: '127.0.0.1:20001', upstream: 'example:1', enabled: true },
    { name: 'a.link', listen: '127.0.0.1:20000', upstream: 'example:2', enabled: true },
  ]);
}, 120_000);

afterAll(async () => {
  await toxiproxy?.stop();
});

describe('ToxiproxyApi', () => {
  it('lists proxies by name, with their toxics', async () => {
    await api.addToxic('a.link', {
      name: 'slow',
      type: 'latency',
      stream: 'upstream',
      toxicity: 0.5,
      attributes: { latency: 250, jitter: 10 },
    });
    const proxies = await api.proxies();
    expect(proxies.map((p) => p.name)).toEqual(['a.link', 'b.link']);
    expect(proxies[0]!.toxics).toEqual([
      { name: 'slow', type: 'latency', stream: 'upstream', toxicity: 0.5, attributes: { latency: 250, jitter: 10 } },
    ]);
    await api.removeToxic('a.link', 'slow');
    expect((await api.proxies())[0]!.toxics).toEqual([]);
  });

  it('takes a link down with enabled=false and up again, keeping where it listens and forwards', async () => {
    await api.setEnabled('b.link', false);
    expect((await api.proxies())[1]).toMatchObject({
      name: 'b.link',
      enabled: false,
      listen: '127.0.0.1:20001',
      upstream: 'example:1',
    });
    await api.setEnabled('b.link', true);
    expect((await api.proxies())[1]).toMatchObject({ enabled: true, listen: '127.0.0.1:20001', upstream: 'example:1' });
  });

  it('says which call failed, with a 404 for a toxic that is gone (faults.ts counts that as reverted)', async () => {
    await expect(api.removeToxic('a.link', 'never-added')).rejects.toThrow(
      /^toxiproxy DELETE \/proxies\/a\.link\/toxics\/never-added failed: .*404/,
    );
    await api.addToxic('a.link', {
      name: 'twice',
      type: 'timeout',
      stream: 'downstream',
      toxicity: 1,
      attributes: { timeout: 0 },
    });
    await expect(
      api.addToxic('a.link', {
        name: 'twice',
        type: 'timeout',
        stream: 'downstream',
        toxicity: 1,
        attributes: { timeout: 0 },
      }),
    ).rejects.toThrow(/toxiproxy POST \/proxies\/a\.link\/toxics failed: .*409/);
  });

  it('reset removes every toxic and enables every link', async () => {
    await api.addToxic('b.link', {
      name: 'cut',
      type: 'reset_peer',
      stream: 'downstream',
      toxicity: 1,
      attributes: { timeout: 0 },
    });
    await api.setEnabled('a.link', false);
    await api.reset();
    const proxies = await api.proxies();
    expect(proxies.every((p) => p.enabled && p.toxics.length === 0)).toBe(true);
  });
});
