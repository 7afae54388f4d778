import { describe, expect, it } from 'vitest';
import { computeCost, netCpuSeconds } from './cost-arithmetic.ts';
import type { ComponentWindow, WindowUsage } from './cost-meter.ts';
import { roleOf } from './roles.ts';

const window = (seconds: number, cpu: Record<string, number>, peaks: Record<string, number> = {}): WindowUsage => ({
  startedAt: new Date(0),
  endedAt: new Date(seconds * 1000),
  seconds,
  components: Object.entries(cpu).map(([name, cpuSeconds]): ComponentWindow => ({
    name,
    cpuSeconds,
    ...(peaks[name] ? { peakMemoryBytes: peaks[name] } : {}),
  })),
  timeline: [],
});

const links = [{ name: 'client.edge', proxied: true }];

describe('roles', () => {
  it('counts replicas, Postgres and the bus as the system under test, all else as the lab', () => {
    expect(['replica-1', 'replica-12', 'postgres', 'redis', 'nats'].map(roleOf)).toEqual([
      'sut',
      'sut',
      'sut',
      'sut',
      'sut',
    ]);
    expect(
      ['toxiproxy', 'haproxy', 'prometheus', 'redis-exporter', 'postgres-exporter', 'zipkin', 'grafana', 'runner'].map(
        roleOf,
      ),
    ).toEqual(Array(8).fill('lab'));
  });
});

describe('cost arithmetic', () => {
  // 20 s run; 10 s idle baseline, so idle CPU doubles when scaled to the run.
  const run = window(
    20,
    { 'replica-1': 3, 'replica-2': 2, postgres: 1.2, toxiproxy: 1.5, prometheus: 0.9, runner: 4 },
    { 'replica-1': 150e6 },
  );
  const baseline = window(10, {
    'replica-1': 0.1,
    'replica-2': 0.1,
    postgres: 0.05,
    toxiproxy: 0.05,
    prometheus: 0.2,
    runner: 0,
  });
  const cost = computeCost({ run, baseline, deliveries: 10_000, writes: 500, cgroupVersion: 'v1', links });

  it('scales idle CPU to the run length and nets it out per component', () => {
    const replica = cost.components.find((c) => c.name === 'replica-1')!;
    expect(replica).toEqual({
      name: 'replica-1',
      role: 'sut',
      cpuSeconds: 3,
      idleCpuSeconds: 0.2,
      peakMemoryBytes: 150e6,
    });
    expect(netCpuSeconds(replica)).toBeCloseTo(2.8, 12);
  });

  it('gives CPU-ms per delivered event and per write, by role', () => {
    // sut net: (3-0.2)+(2-0.2)+(1.2-0.1) = 5.7 s; lab net: (1.5-0.1)+(0.9-0.4)+(4-0) = 5.9 s
    expect(cost.perDelivery.sutMs).toBeCloseTo(0.57, 12);
    expect(cost.perDelivery.labMs).toBeCloseTo(0.59, 12);
    expect(cost.perDelivery.totalMs).toBeCloseTo(1.16, 12);
    expect(cost.perWrite.totalMs).toBeCloseTo(23.2, 10);
  });

  it("gives the lab's share of net CPU and the runner's share of one core", () => {
    expect(cost.labShare).toBeCloseTo(5.9 / 11.6, 12);
    expect(cost.runnerCoreShare).toBeCloseTo(0.2, 12);
    expect(cost.windowSeconds).toBe(20);
    expect(cost.baseline?.seconds).toBe(10);
  });

  it('is gross without a baseline, and 0 per unit when there were no units', () => {
    const gross = computeCost({ run, deliveries: 0, writes: 0, cgroupVersion: null, links: [] });
    expect(gross.components.every((c) => c.idleCpuSeconds === undefined)).toBe(true);
    expect(gross.perDelivery).toEqual({ sutMs: 0, labMs: 0, totalMs: 0 });
    expect(gross.labShare).toBeCloseTo(6.4 / 12.6, 12);
    expect(gross.baseline).toBeUndefined();
  });

  it('falls back to gross shares when noise makes every net negative', () => {
    const quiet = computeCost({
      run: window(10, { 'replica-1': 0.1, toxiproxy: 0.1 }),
      baseline: window(10, { 'replica-1': 0.2, toxiproxy: 0.3 }),
      deliveries: 1,
      writes: 1,
      cgroupVersion: 'v2',
      links,
    });
    expect(quiet.labShare).toBeCloseTo(0.5, 12);
    expect(quiet.perDelivery.totalMs).toBeCloseTo(-300, 9);
  });
});
