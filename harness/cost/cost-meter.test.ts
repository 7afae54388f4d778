import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fake-clock.ts';
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
    const clock = new FakeClock(0);
    const meter = await CostMeter.start(
      { a: 'id-a', b: 'id-b' },
      {
        reader: await detectCgroupReader(tree.root),
        readRunner: () => ({ cpuSeconds: runnerCpu, memoryBytes: 7 }),
        clock,
      },
    );
    await tree.write('id-a', { cpuSeconds: 10.5, memoryBytes: 300 });
    await meter.sampleMemory();
    await tree.write('id-a', { cpuSeconds: 11, memoryBytes: 120 });
    clock.advance(4000);
    const first = await meter.lap();
    expect(first.seconds).toBe(4);
    expect(first.components).toEqual([
      { name: 'a', cpuSeconds: 1, peakMemoryBytes: 300 },
      { name: 'b', cpuSeconds: 0, peakMemoryBytes: 5 },
      { name: 'runner', cpuSeconds: 0, peakMemoryBytes: 7 },
    ]);
    runnerCpu = 52.5;
    await tree.write('id-b', { cpuSeconds: 0.25, memoryBytes: 9 }); // restarted: a fresh counter
    clock.advance(5000);
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
    const meter = await CostMeter.start(
      { gone: 'nope' },
      { reader: null, readRunner: () => ({ cpuSeconds: 1, memoryBytes: 1 }) },
    );
    const window = await meter.lap();
    expect(window.components).toEqual([
      { name: 'gone', cpuSeconds: 0, incomplete: true },
      { name: 'runner', cpuSeconds: 0, peakMemoryBytes: 1 },
    ]);
  });

  it('keeps a CPU timeline by role through the window, cumulative from its start', async () => {
    tree = await CgroupFixture.create('v1');
    await tree.write('id-r', { cpuSeconds: 3, memoryBytes: 1 });
    await tree.write('id-t', { cpuSeconds: 1, memoryBytes: 1 });
    const clock = new FakeClock(1000);
    const meter = await CostMeter.start(
      { 'replica-1': 'id-r', toxiproxy: 'id-t' },
      { reader: await detectCgroupReader(tree.root), readRunner: () => ({ cpuSeconds: 8, memoryBytes: 1 }), clock },
    );
    clock.advance(1000);
    await tree.write('id-r', { cpuSeconds: 3.5, memoryBytes: 1 });
    await meter.sampleMemory();
    clock.advance(1000);
    await tree.write('id-t', { cpuSeconds: 1.25, memoryBytes: 1 });
    const window = await meter.lap();
    expect(window.timeline).toEqual([
      { atMs: 1000, sutCpuSeconds: 0, labCpuSeconds: 0 },
      { atMs: 2000, sutCpuSeconds: 0.5, labCpuSeconds: 0 },
      { atMs: 3000, sutCpuSeconds: 0.5, labCpuSeconds: 0.25 },
    ]);
    meter.stop();
  });

  it('samples on its clock every sampleEveryMs until stopped', async () => {
    const clock = new FakeClock(0);
    let memoryBytes = 1;
    const meter = await CostMeter.start(
      {},
      { reader: null, readRunner: () => ({ cpuSeconds: clock.now() / 1000, memoryBytes }), clock, sampleEveryMs: 1000 },
    );
    const settled = () => new Promise((resolve) => setImmediate(resolve)); // the sample a tick started is taken
    memoryBytes = 9; // seen only by the sample at 1 s: the peak proves it was taken
    clock.advance(1000);
    await settled();
    memoryBytes = 2;
    clock.advance(1000);
    await settled();
    clock.advance(500);
    const window = await meter.lap();
    expect(window.timeline.map((p) => [p.atMs, p.labCpuSeconds])).toEqual([
      [0, 0],
      [1000, 1],
      [2000, 2],
      [2500, 2.5],
    ]);
    expect(window.components).toEqual([{ name: 'runner', cpuSeconds: 2.5, peakMemoryBytes: 9 }]);
    meter.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
