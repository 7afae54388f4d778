import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CgroupVersion } from './cgroup-reader.ts';
import { detectCgroupReader } from './detect-cgroup.ts';

/** A host's cgroup tree with one container on it: fixture files, or the real /sys/fs/cgroup. */
export interface CgroupSubject {
  root: string;
  version: CgroupVersion;
  containerId: string;
  /** Makes the container spend at least `cpuSeconds` of CPU and hold more memory than before. */
  work(cpuSeconds: number): Promise<void>;
  close(): Promise<void>;
}

/** Every cgroup reader must pass this suite, run on fixture trees of each version and on this host's real one. */
export function describeCgroupReaderContract(name: string, createSubject: () => Promise<CgroupSubject>): void {
  describe(`cgroup reader contract: ${name}`, () => {
    let subject: CgroupSubject;
    beforeAll(async () => {
      subject = await createSubject();
    }, 120_000);
    afterAll(async () => subject?.close());

    const reader = async () => {
      const found = await detectCgroupReader(subject.root);
      if (!found) throw new Error(`no cgroup layout detected under ${subject.root}`);
      return found;
    };

    it('detects the cgroup version', async () => {
      expect((await reader()).version).toBe(subject.version);
    });

    it('reads CPU seconds that grow by what the container spent', async () => {
      const r = await reader();
      const before = await r.read(subject.containerId);
      await subject.work(0.2);
      const after = await r.read(subject.containerId);
      expect(before!.cpuSeconds).toBeGreaterThanOrEqual(0);
      expect(after!.cpuSeconds - before!.cpuSeconds).toBeGreaterThanOrEqual(0.2 * 0.9);
      expect(after!.cpuSeconds - before!.cpuSeconds).toBeLessThan(60);
    }, 60_000);

    it('reads memory in use, and a peak no lower than it', async () => {
      const usage = (await (await reader()).read(subject.containerId))!;
      expect(usage.memoryBytes).toBeGreaterThan(0);
      expect(usage.memoryBytes).toBeLessThan(64 * 2 ** 30);
      if (usage.peakMemoryBytes !== undefined) expect(usage.peakMemoryBytes).toBeGreaterThanOrEqual(usage.memoryBytes);
    });

    it('answers undefined for a container this host has no cgroup for', async () => {
      expect(await (await reader()).read('0'.repeat(64))).toBeUndefined();
    });
  });
}
