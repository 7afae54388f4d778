import { afterEach, describe, expect, it } from 'vitest';
import { CgroupFixture } from './cgroup-fixture.ts';
import { CostMeter } from './cost-meter.ts';
import { detectCgroupReader } from './detect-cgroup.ts';

describe('CostMeter on a fixture cgroup tree', () => {
  let tree: CgroupFixture;
  afterEach(async () => tree?.remove());

  it('gives each window the CPU spent in it and the highest memory sampled in it', async () => {
    tree = await CgroupFixture.create('v1');
    await tree.write('id-a', { cpuSeconds: 10, memoryBytes: 100 });
    await tree.write('id-b', { cpuSeconds: 1, memoryBytes: 5 });
    let runnerCpu = 50;
    let clock = 0;
    const meter = await CostMeter.start(
      { a: 'id-a', b: 'id-b' },
      { reader: await detectCgroupReader(tree.root), readRunner: () => ({ cpuSeconds: runnerCpu, memoryBytes: 7 }), now: () => new Date(clock) },
    );
    await tree.write('id-a', { cpuSeconds: 10.5, memoryBytes: 300 });
    await meter.sampleMemory();
    await tree.write('id-a', { cpuSeconds: 11, memoryBytes: 120 });
    clock = 4000;
    const first = await meter.lap();
    expect(first.seconds).toBe(4);
    expect(first.components).toEqual([
      { name: 'a', cpuSeconds: 1, peakMemoryBytes: 300 },
      { name: 'b', cpuSeconds: 0, peakMemoryBytes: 5 },
      { name: 'runner', cpuSeconds: 0, peakMemoryBytes: 7 },
    ]);
    runnerCpu = 52.5;
    await tree.write('id-b', { cpuSeconds: 0.25, memoryBytes: 9 }); // restarted: a fresh counter
    clock = 9000;
    const second = await meter.lap();
    expect(second.seconds).toBe(5);
    expect(second.components).toEqual([
      { name: 'a', cpuSeconds: 0, peakMemoryBytes: 120 },
      { name: 'b', cpuSeconds: 0.25, peakMemoryBytes: 9, incomplete: true },
      { name: 'runner', cpuSeconds: 2.5, peakMemoryBytes: 7 },
    ]);
    meter.stop();
  });

  it('marks a container with no cgroup as incomplete, and still meters the runner', async () => {
    const meter = await CostMeter.start({ gone: 'nope' }, { reader: null, readRunner: () => ({ cpuSeconds: 1, memoryBytes: 1 }) });
    const window = await meter.lap();
    expect(window.components).toEqual([{ name: 'gone', cpuSeconds: 0, incomplete: true }, { name: 'runner', cpuSeconds: 0, peakMemoryBytes: 1 }]);
  });

  it('keeps a CPU timeline by role through the window, cumulative from its start', async () => {
    tree = await CgroupFixture.create('v1');
    await tree.write('id-r', { cpuSeconds: 3, memoryBytes: 1 });
    await tree.write('id-t', { cpuSeconds: 1, memoryBytes: 1 });
    let clock = 1000;
    const meter = await CostMeter.start(
      { 'replica-1': 'id-r', toxiproxy: 'id-t' },
      { reader: await detectCgroupReader(tree.root), readRunner: () => ({ cpuSeconds: 8, memoryBytes: 1 }), now: () => new Date(clock) },
    );
    clock = 2000;
    await tree.write('id-r', { cpuSeconds: 3.5, memoryBytes: 1 });
    await meter.sampleMemory();
    clock = 3000;
    await tree.write('id-t', { cpuSeconds: 1.25, memoryBytes: 1 });
    const window = await meter.lap();
    expect(window.timeline).toEqual([
      { atMs: 1000, sutCpuSeconds: 0, labCpuSeconds: 0 },
      { atMs: 2000, sutCpuSeconds: 0.5, labCpuSeconds: 0 },
      { atMs: 3000, sutCpuSeconds: 0.5, labCpuSeconds: 0.25 },
    ]);
    meter.stop();
  });
});
