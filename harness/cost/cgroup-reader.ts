// The cost reader seam: one container's cumulative CPU time and memory, read
// from its cgroup. Thin implementations per cgroup version (cgroup-v1.ts,
// cgroup-v2.ts) pass one contract suite (cgroup-reader-contract.ts).
import { readFile } from 'node:fs/promises';

export type CgroupVersion = 'v1' | 'v2';

export interface ContainerUsage {
  /** CPU time (user + system) since the container's cgroup was created. */
  cpuSeconds: number;
  /** Memory charged to the cgroup now (page cache included, as the kernel counts it). */
  memoryBytes: number;
  /** The kernel's high-water mark since the cgroup was created, where it keeps one. */
  peakMemoryBytes?: number;
}

export interface CgroupReader {
  readonly version: CgroupVersion;
  /** Undefined when this host has no cgroup for the id (container gone, or on another host). */
  read(containerId: string): Promise<ContainerUsage | undefined>;
}

/** The kernel's single-number files: `123\n`. Undefined when absent or unreadable. */
export async function readNumberFile(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : undefined;
}

/** Docker's cgroup directory names: `docker/<id>` (cgroupfs driver) or `system.slice/docker-<id>.scope` (systemd driver). */
export function dockerCgroupDirs(containerId: string): string[] {
  return [`docker/${containerId}`, `system.slice/docker-${containerId}.scope`];
}
