import type { CpuPoint } from '../../reports/cost/cost-results.ts';
import { systemClock, type CancelTimer, type Clock } from '../clock.ts';
import type { CgroupReader, ContainerUsage } from './cgroup-reader.ts';
import { roleOf, RUNNER } from './roles.ts';
import { readRunnerUsage } from './runner-usage.ts';

/** What one component spent between two laps of the meter. */
export interface ComponentWindow {
  name: string;
  cpuSeconds: number;
  peakMemoryBytes?: number;
  /** Set when a reading was missing (container gone) or its counter went backwards (container restarted): the CPU is then a lower bound. */
  incomplete?: boolean;
}

export interface WindowUsage {
  startedAt: Date;
  endedAt: Date;
  seconds: number;
  components: ComponentWindow[];
  /** CPU by role at each sample in the window, cumulative from its start (gross, like `components`). */
  timeline: CpuPoint[];
}

export interface CostMeterOptions {
  /** null: no cgroup tree here; only the runner is measured. */
  reader: CgroupReader | null;
  readRunner?: () => ContainerUsage;
  /** Stamps the laps and samples, and times the sampling. */
  clock?: Clock;
  /** Memory sampling period; 0 samples only at laps (tests call sampleMemory themselves). */
  sampleEveryMs?: number;
}

type Readings = Map<string, ContainerUsage | undefined>;

/**
 * Snapshots every container's cgroup counters and the runner's at each lap, and
 * gives the CPU spent in between. Peak memory is the highest of one-second
 * samples, not the kernel's max_usage/memory.peak: those count from the
 * container's start (start-up spikes included), resetting them needs write
 * access to the cgroup (root, and kernel 6.12+ on v2) and would disturb anyone
 * else watching. Memory moves slowly, so a second's resolution loses little;
 * reading a dozen small files a second costs the runner well under a millisecond.
 */
export class CostMeter {
  private last: { at: Date; readings: Readings };
  private peaks = new Map<string, number>();
  private points: CpuPoint[] = [];
  private readonly stopSampling?: CancelTimer;

  private constructor(
    private readonly containers: Record<string, string>,
    private readonly options: CostMeterOptions,
    first: Readings,
  ) {
    this.last = { at: this.now(), readings: first };
    this.notePeaks(first);
    // unref: sampling accompanies a run, it never keeps the process alive on its own.
    if (options.sampleEveryMs)
      this.stopSampling = this.clock.every(options.sampleEveryMs, () => void this.sampleMemory(), { unref: true });
  }

  /** Containers by service name → container id; the runner is added as `runner`. */
  static async start(containers: Record<string, string>, options: CostMeterOptions): Promise<CostMeter> {
    return new CostMeter(containers, options, await readAll(containers, options));
  }

  /** One sample: memory peaks, and a point of the CPU timeline. */
  async sampleMemory(): Promise<void> {
    const readings = await readAll(this.containers, this.options);
    this.notePeaks(readings);
    this.points.push(cpuPoint(this.now(), readings));
  }

  /** Closes the current window and opens the next one. */
  async lap(): Promise<WindowUsage> {
    const readings = await readAll(this.containers, this.options);
    const at = this.now();
    this.notePeaks(readings);
    const startedAt = this.last.at;
    const components = [...readings.keys()].map((name) =>
      this.window(name, this.last.readings.get(name), readings.get(name)),
    );
    const origin = cpuPoint(startedAt, this.last.readings);
    const timeline = [origin, ...this.points, cpuPoint(at, readings)].map((p) => ({
      atMs: p.atMs,
      sutCpuSeconds: p.sutCpuSeconds - origin.sutCpuSeconds,
      labCpuSeconds: p.labCpuSeconds - origin.labCpuSeconds,
    }));
    this.last = { at, readings };
    this.peaks = new Map();
    this.points = [];
    this.notePeaks(readings);
    return { startedAt, endedAt: at, seconds: (at.getTime() - startedAt.getTime()) / 1000, components, timeline };
  }

  stop(): void {
    this.stopSampling?.();
  }

  private window(name: string, before: ContainerUsage | undefined, after: ContainerUsage | undefined): ComponentWindow {
    const peak = this.peaks.get(name);
    const withPeak = peak === undefined ? {} : { peakMemoryBytes: peak };
    if (!after) return { name, cpuSeconds: 0, ...withPeak, incomplete: true };
    // A restarted container gets a fresh cgroup whose counter starts at 0: count what it spent since.
    if (!before || after.cpuSeconds < before.cpuSeconds)
      return { name, cpuSeconds: after.cpuSeconds, ...withPeak, incomplete: true };
    return { name, cpuSeconds: after.cpuSeconds - before.cpuSeconds, ...withPeak };
  }

  private notePeaks(readings: Readings): void {
    for (const [name, usage] of readings) {
      if (usage) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, usage.memoryBytes));
    }
  }

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  private now(): Date {
    return new Date(this.clock.now());
  }
}

async function readAll(
  containers: Record<string, string>,
  { reader, readRunner = readRunnerUsage }: CostMeterOptions,
): Promise<Readings> {
  const entries = await Promise.all(
    Object.entries(containers).map(async ([name, id]) => [name, await reader?.read(id)] as const),
  );
  return new Map([...entries, [RUNNER, readRunner()]]);
}

/** Gross CPU by role in one set of readings (a missing reading counts 0: the timeline is then a lower bound). */
function cpuPoint(at: Date, readings: Readings): CpuPoint {
  let sut = 0;
  let lab = 0;
  for (const [name, usage] of readings) {
    if (!usage) continue;
    if (roleOf(name) === 'sut') sut += usage.cpuSeconds;
    else lab += usage.cpuSeconds;
  }
  return { atMs: at.getTime(), sutCpuSeconds: sut, labCpuSeconds: lab };
}
