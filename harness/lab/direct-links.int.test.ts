// A lab with some links direct: Toxiproxy holds only the proxied ones, clients
// reach HAProxy straight, the board still fans out across replicas over a direct bus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './index.ts';
import { BoardClient } from './testing/board-client.ts';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ replicas: 2, directLinks: ['client.edge', 'replica-*.bus', 'replica-2.http'] });
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

describe('direct links', () => {
  it('are not proxied by Toxiproxy; the rest are', async () => {
    const proxied = (await lab.toxiproxy.proxies()).map((p) => p.name).sort();
    expect(proxied).toEqual(['client.slow', 'replica-1.http', 'replica-1.postgres', 'replica-2.postgres']);
    expect(lab.endpoints.clientUrl).toBe(lab.endpoints.haproxyUrl);
  });

  it('carry the traffic: a task written through the direct client link reaches a reader on the other replica', async () => {
    const writer = await BoardClient.join(lab.endpoints.clientUrl, ['direct']);
    const reader = await BoardClient.join(await lab.replicaUrl(2), ['direct']);
    try {
      await writer.createTask('direct', 'straight-through');
      expect(await reader.taskCreated('direct', 'straight-through', 5000)).toBeTruthy();
    } finally {
      writer.close();
      reader.close();
    }
  });

  it('refuse faults, naming the link', async () => {
    await expect(lab.apply({ kind: 'toxic', link: 'replica-1.bus', toxic: 'latency' })).rejects.toThrow(
      /link replica-1.bus is direct in this lab/,
    );
    const applied = await lab.apply({ kind: 'toxic', link: 'replica-1.postgres', toxic: 'latency' });
    await applied.revert();
  });
});
