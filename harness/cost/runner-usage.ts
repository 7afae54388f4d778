import type { ContainerUsage } from './cgroup-reader.ts';

/**
 * The runner's own process (VUs, metrics, remote write; every thread of it).
 * maxRSS is the process' lifetime peak, so the meter samples rss instead.
 */
export function readRunnerUsage(): ContainerUsage {
  const cpu = process.cpuUsage();
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    memoryBytes: process.memoryUsage.rss(),
    peakMemoryBytes: process.resourceUsage().maxRSS * 1024,
  };
}
