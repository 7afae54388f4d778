// Test helper: a fake /sys/fs/cgroup in a temp dir, laid out as the kernel and
// Docker lay out v1 (cgroupfs driver) or v2 (systemd or cgroupfs driver).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CgroupVersion } from './cgroup-reader.ts';
import type { CgroupSubject } from './cgroup-reader-contract.ts';

export interface FixtureUsage {
  cpuSeconds: number;
  memoryBytes: number;
  peakMemoryBytes?: number;
}

export class CgroupFixture {
  private constructor(
    readonly root: string,
    readonly version: CgroupVersion,
    private readonly driver: 'cgroupfs' | 'systemd',
  ) {}

  static async create(version: CgroupVersion, driver: 'cgroupfs' | 'systemd' = 'cgroupfs'): Promise<CgroupFixture> {
    const root = await mkdtemp(join(tmpdir(), `cgroup-${version}-`));
    if (version === 'v1') {
      await mkdir(join(root, 'cpuacct'), { recursive: true });
      await writeFile(join(root, 'cpuacct', 'cpuacct.usage'), '123456789\n');
      await mkdir(join(root, 'unified'), { recursive: true }); // hybrid hosts have an empty v2 tree too
    } else {
      await writeFile(join(root, 'cgroup.controllers'), 'cpuset cpu io memory pids\n');
    }
    return new CgroupFixture(root, version, driver);
  }

  private dir(id: string): string {
    return this.driver === 'systemd' ? `system.slice/docker-${id}.scope` : `docker/${id}`;
  }

  async write(id: string, usage: FixtureUsage): Promise<void> {
    const peak = usage.peakMemoryBytes;
    if (this.version === 'v1') {
      await this.file(join('cpuacct', this.dir(id), 'cpuacct.usage'), String(Math.round(usage.cpuSeconds * 1e9)));
      await this.file(join('memory', this.dir(id), 'memory.usage_in_bytes'), String(usage.memoryBytes));
      if (peak !== undefined) await this.file(join('memory', this.dir(id), 'memory.max_usage_in_bytes'), String(peak));
    } else {
      const usec = Math.round(usage.cpuSeconds * 1e6);
      await this.file(
        join(this.dir(id), 'cpu.stat'),
        `usage_usec ${usec}\nuser_usec ${Math.round(usec * 0.7)}\nsystem_usec ${Math.round(usec * 0.3)}\nnr_periods 0\n`,
      );
      await this.file(join(this.dir(id), 'memory.current'), String(usage.memoryBytes));
      if (peak !== undefined) await this.file(join(this.dir(id), 'memory.peak'), String(peak));
    }
  }

  async read(id: string): Promise<FixtureUsage> {
    const v1 = this.version === 'v1';
    const cpu = await readFile(
      join(this.root, v1 ? join('cpuacct', this.dir(id), 'cpuacct.usage') : join(this.dir(id), 'cpu.stat')),
      'utf8',
    );
    const memory = await readFile(
      join(
        this.root,
        v1 ? join('memory', this.dir(id), 'memory.usage_in_bytes') : join(this.dir(id), 'memory.current'),
      ),
      'utf8',
    );
    const cpuSeconds = v1 ? Number(cpu) / 1e9 : Number(/usage_usec (\d+)/.exec(cpu)![1]) / 1e6;
    return { cpuSeconds, memoryBytes: Number(memory) };
  }

  private async file(relative: string, content: string): Promise<void> {
    await mkdir(join(this.root, relative, '..'), { recursive: true });
    await writeFile(join(this.root, relative), `${content}\n`);
  }

  remove(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }

  /** This fixture as a contract subject: `work` advances the counters as the kernel would. */
  async subject(containerId = 'f'.repeat(64)): Promise<CgroupSubject> {
    await this.write(containerId, { cpuSeconds: 3.5, memoryBytes: 50e6, peakMemoryBytes: 80e6 });
    return {
      root: this.root,
      version: this.version,
      containerId,
      work: async (cpuSeconds) => {
        const now = await this.read(containerId);
        const memoryBytes = now.memoryBytes + 1e6;
        await this.write(containerId, {
          cpuSeconds: now.cpuSeconds + cpuSeconds,
          memoryBytes,
          peakMemoryBytes: Math.max(80e6, memoryBytes),
        });
      },
      close: () => this.remove(),
    };
  }
}
