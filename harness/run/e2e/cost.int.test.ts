// A short real run carries its cost: every container, non-zero CPU per replica,
// deliveries counted, links as proxied or direct as the lab was started.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run-scenario.ts';

const run = (directLinks: string[] = []) =>
  runScenario({
    scenario: 'cross-node-latency',
    lab: { replicas: 2, directLinks },
    env: { VUS: '4', DURATION: '10s', SESSION_MS: '5000' },
    baselineSeconds: 3,
    quiet: true,
  });

describe('cost in a real run', () => {
  it('lists every container with its CPU, counts deliveries, and says every link was proxied', async () => {
    const { results, dir } = await run();
    const cost = results.cost!;
    const names = cost.components.map((c) => c.name).sort();
    // Containing, not equal: services added to the lab later (zipkin) are listed too.
    expect(names).toEqual(
      expect.arrayContaining([
        'haproxy',
        'postgres',
        'postgres-exporter',
        'prometheus',
        'redis',
        'redis-exporter',
        'replica-1',
        'replica-2',
        'runner',
        'toxiproxy',
      ]),
    );
    expect(cost.components.every((c) => c.cpuSeconds >= 0 && c.idleCpuSeconds !== undefined)).toBe(true);
    expect(cost.cgroupVersion).not.toBeNull();
    for (const replica of cost.components.filter((c) => c.name.startsWith('replica-'))) {
      expect(replica.cpuSeconds).toBeGreaterThan(0);
      expect(replica.idleCpuSeconds).toBeGreaterThanOrEqual(0);
      expect(replica.peakMemoryBytes).toBeGreaterThan(10 * 2 ** 20);
    }
    expect(cost.deliveries).toBeGreaterThan(0);
    expect(cost.writes).toBeGreaterThan(0);
    expect(cost.perDelivery.totalMs).toBeGreaterThan(0);
    expect(cost.runnerCoreShare).toBeGreaterThan(0);
    expect(cost.baseline!.seconds).toBeGreaterThanOrEqual(3);
    expect(cost.links.length).toBe(8);
    expect(cost.links.every((l) => l.proxied)).toBe(true);
    // The client side counted deliveries too; the replicas' counter must be of the same order.
    const clientDeliveries = results.summary.metrics.swag_events_delivered!.values.count!;
    expect(cost.deliveries).toBeGreaterThan(clientDeliveries * 0.5);
    expect(cost.deliveries).toBeLessThan(clientDeliveries * 2 + 50);
    expect(dir).toBeTruthy();
  }, 240_000);

  it('reports a link started direct as unproxied, and the run still delivers through it', async () => {
    const { results } = await run(['client.edge']);
    const links = Object.fromEntries(results.cost!.links.map((l) => [l.name, l.proxied]));
    expect(links['client.edge']).toBe(false);
    expect(links['client.slow']).toBe(true);
    expect(links['replica-1.http']).toBe(true);
    expect(results.cost!.deliveries).toBeGreaterThan(0);
  }, 240_000);
});
