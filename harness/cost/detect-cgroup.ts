import type { CgroupReader } from './cgroup-reader.ts';
import { CgroupV1Reader, hasCgroupV1 } from './cgroup-v1.ts';
import { CgroupV2Reader, hasCgroupV2 } from './cgroup-v2.ts';

/**
 * The reader for this host's cgroup layout, or null where there is none (macOS,
 * Docker in a VM): costs are then reported without container CPU. A hybrid host
 * (v1 controllers plus an empty `unified/` tree) counts as v1: that is where
 * Docker's CPU accounting lives there.
 */
export async function detectCgroupReader(root = '/sys/fs/cgroup'): Promise<CgroupReader | null> {
  if (await hasCgroupV2(root)) return new CgroupV2Reader(root);
  if (await hasCgroupV1(root)) return new CgroupV1Reader(root);
  return null;
}
