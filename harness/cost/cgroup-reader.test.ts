import { afterEach, describe, expect, it } from 'vitest';
import { describeCgroupReaderContract } from './cgroup-reader-contract.ts';
import { CgroupFixture } from './cgroup-fixture.ts';
import { statField } from './cgroup-v2.ts';
import { detectCgroupReader } from './detect-cgroup.ts';

describeCgroupReaderContract('v1 fixture (cgroupfs driver)', async () => (await CgroupFixture.create('v1')).subject());
describeCgroupReaderContract('v1 fixture (systemd driver)', async () =>
  (await CgroupFixture.create('v1', 'systemd')).subject(),
);
describeCgroupReaderContract('v2 fixture (systemd driver)', async () =>
  (await CgroupFixture.create('v2', 'systemd')).subject(),
);
describeCgroupReaderContract('v2 fixture (cgroupfs driver)', async () => (await CgroupFixture.create('v2')).subject());

describe('cgroup readers on fixture trees', () => {
  const fixtures: CgroupFixture[] = [];
  const fixture = async (...args: Parameters<typeof CgroupFixture.create>) => {
    const made = await CgroupFixture.create(...args);
    fixtures.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(fixtures.splice(0).map((f) => f.remove()));
  });

  it.each(['v1', 'v2'] as const)('%s: converts the kernel units exactly', async (version) => {
    const tree = await fixture(version);
    await tree.write('abc', { cpuSeconds: 12.345678, memoryBytes: 104_857_600, peakMemoryBytes: 209_715_200 });
    const usage = await (await detectCgroupReader(tree.root))!.read('abc');
    expect(usage).toEqual({ cpuSeconds: 12.345678, memoryBytes: 104_857_600, peakMemoryBytes: 209_715_200 });
  });

  it.each(['v1', 'v2'] as const)('%s: leaves the peak out where the kernel keeps none', async (version) => {
    const tree = await fixture(version);
    await tree.write('abc', { cpuSeconds: 1, memoryBytes: 10 });
    expect(await (await detectCgroupReader(tree.root))!.read('abc')).toEqual({ cpuSeconds: 1, memoryBytes: 10 });
  });

  it('finds no reader where there is no cgroup tree', async () => {
    expect(await detectCgroupReader('/nonexistent-cgroup-root')).toBeNull();
  });

  it('reads one field of cpu.stat', () => {
    expect(statField('usage_usec 42\nuser_usec 30\n', 'usage_usec')).toBe(42);
    expect(statField('user_usec 30\n', 'usage_usec')).toBeUndefined();
  });
});
