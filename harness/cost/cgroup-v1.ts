import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerCgroupDirs, readNumberFile, type CgroupReader, type ContainerUsage } from './cgroup-reader.ts';

/**
 * cgroup v1: one hierarchy per controller. CPU in nanoseconds from
 * `cpuacct/<dir>/cpuacct.usage`; memory from `memory/<dir>/memory.usage_in_bytes`
 * and `memory.max_usage_in_bytes`.
 */
export class CgroupV1Reader implements CgroupReader {
  readonly version = 'v1';

  constructor(private readonly root = '/sys/fs/cgroup') {}

  async read(containerId: string): Promise<ContainerUsage | undefined> {
    for (const dir of dockerCgroupDirs(containerId)) {
      const cpuNs = await readNumberFile(join(this.root, 'cpuacct', dir, 'cpuacct.usage'));
      if (cpuNs === undefined) continue;
      const memory = join(this.root, 'memory', dir);
      const peak = await readNumberFile(join(memory, 'memory.max_usage_in_bytes'));
      return {
        cpuSeconds: cpuNs / 1e9,
        memoryBytes: (await readNumberFile(join(memory, 'memory.usage_in_bytes'))) ?? 0,
        ...(peak === undefined ? {} : { peakMemoryBytes: peak }),
      };
    }
    return undefined;
  }
}

/** v1 mounts a `cpuacct` hierarchy (often a link to `cpu,cpuacct`). */
export async function hasCgroupV1(root: string): Promise<boolean> {
  return access(join(root, 'cpuacct', 'cpuacct.usage')).then(
    () => true,
    () => false,
  );
}
