// Pure arithmetic from measured windows and counts to results.json `cost`.
import { perUnit, type CostComponent, type CostResults, type CostRole } from '../../reports/cost/cost-results.ts';
import type { WindowUsage } from './cost-meter.ts';
import { roleOf, RUNNER } from './roles.ts';

export interface CostInputs {
  run: WindowUsage;
  /** The same lab idle; its CPU is scaled to the run's length and subtracted. */
  baseline?: WindowUsage;
  deliveries: number;
  writes: number;
  cgroupVersion: CostResults['cgroupVersion'];
  links: CostResults['links'];
  sources?: CostResults['sources'];
}

export function computeCost({
  run,
  baseline,
  deliveries,
  writes,
  cgroupVersion,
  links,
  sources,
}: CostInputs): CostResults {
  // Idle cost is a rate (scrapes, timers, health checks), so a shorter idle window scales linearly.
  const scale = baseline && baseline.seconds > 0 ? run.seconds / baseline.seconds : undefined;
  const components: CostComponent[] = run.components.map((c) => {
    const idle = scale === undefined ? undefined : baseline!.components.find((b) => b.name === c.name);
    return {
      name: c.name,
      role: roleOf(c.name),
      cpuSeconds: c.cpuSeconds,
      ...(idle && scale !== undefined ? { idleCpuSeconds: idle.cpuSeconds * scale } : {}),
      ...(c.peakMemoryBytes === undefined ? {} : { peakMemoryBytes: c.peakMemoryBytes }),
    };
  });
  const net = (role: CostRole) => sum(components.filter((c) => c.role === role).map(netCpuSeconds));
  const [sut, lab] = [net('sut'), net('lab')];
  const gross = (role: CostRole) => sum(components.filter((c) => c.role === role).map((c) => c.cpuSeconds));
  const runner = components.find((c) => c.name === RUNNER);
  return {
    windowSeconds: run.seconds,
    cgroupVersion,
    components,
    deliveries,
    writes,
    perDelivery: perUnit(sut, lab, deliveries),
    perWrite: perUnit(sut, lab, writes),
    labShare: share(Math.max(0, lab), Math.max(0, sut)) ?? share(gross('lab'), gross('sut')) ?? 0,
    runnerCoreShare: run.seconds > 0 && runner ? runner.cpuSeconds / run.seconds : 0,
    links,
    ...(baseline
      ? {
          baseline: {
            seconds: baseline.seconds,
            startedAt: baseline.startedAt.toISOString(),
            endedAt: baseline.endedAt.toISOString(),
          },
        }
      : {}),
    ...(sources ? { sources } : {}),
    ...(run.timeline.length > 1 ? { timeline: run.timeline } : {}),
  };
}

/** CPU in the run minus what the component spends idle over as long; can be slightly negative from noise. */
export function netCpuSeconds(component: Pick<CostComponent, 'cpuSeconds' | 'idleCpuSeconds'>): number {
  return component.cpuSeconds - (component.idleCpuSeconds ?? 0);
}

function share(part: number, rest: number): number | undefined {
  return part + rest > 0 ? part / (part + rest) : undefined;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
