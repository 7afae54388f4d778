import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerCgroupDirs, readNumberFile, type CgroupReader, type ContainerUsage } from './cgroup-reader.ts';

/**
 * cgroup v2: one unified tree. CPU from `cpu.stat` (`usage_usec`, microseconds);
 * memory from `memory.current` and `memory.peak` (kernel 5.19+; absent before).
 */
export class CgroupV2Reader implements CgroupReader {
  readonly version = 'v2';

  constructor(private readonly root = '/sys/fs/cgroup') {}

  async read(containerId: string): Promise<ContainerUsage | undefined> {
    for (const dir of dockerCgroupDirs(containerId)) {
      const stat = await readFile(join(this.root, dir, 'cpu.stat'), 'utf8').catch(() => undefined);
      const usageUsec = stat === undefined ? undefined : statField(stat, 'usage_usec');
      if (usageUsec === undefined) continue;
      const peak = await readNumberFile(join(this.root, dir, 'memory.peak'));
      return {
        cpuSeconds: usageUsec / 1e6,
        memoryBytes: (await readNumberFile(join(this.root, dir, 'memory.current'))) ?? 0,
        ...(peak === undefined ? {} : { peakMemoryBytes: peak }),
      };
    }
    return undefined;
  }
}

/** `cpu.stat` is `key value` lines. */
export function statField(stat: string, key: string): number | undefined {
  const line = stat.split('\n').find((l) => l.startsWith(`${key} `));
  const value = line === undefined ? Number.NaN : Number(line.slice(key.length + 1));
  return Number.isFinite(value) ? value : undefined;
}

/** The unified hierarchy is mounted at the root when `cgroup.controllers` is there. */
export async function hasCgroupV2(root: string): Promise<boolean> {
  return access(join(root, 'cgroup.controllers')).then(
    () => true,
    () => false,
  );
}
