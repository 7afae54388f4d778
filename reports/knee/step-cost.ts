// What one capacity step cost: the CPU the lab spent between the step's start and end (read off the cost meter's
// per-second timeline, interpolated), net of the idle rate, per event delivered and per write acked in the step.
import { perUnit, type CpuPoint, type UnitCost } from '../cost/cost-results.ts';

export interface StepUnits {
  startMs: number;
  endMs: number;
  deliveries: number;
  writes: number;
}

/** Idle CPU-s per second by role (the baseline's rate); zero without a baseline. */
export interface IdleRate {
  sut: number;
  lab: number;
}

export function stepCost(
  timeline: CpuPoint[],
  idle: IdleRate,
  step: StepUnits,
): { perDelivery: UnitCost; perWrite: UnitCost } | undefined {
  const start = cpuAt(timeline, step.startMs);
  const end = cpuAt(timeline, step.endMs);
  if (!start || !end || step.endMs <= step.startMs) return undefined;
  const seconds = (step.endMs - step.startMs) / 1000;
  const sut = end.sutCpuSeconds - start.sutCpuSeconds - idle.sut * seconds;
  const lab = end.labCpuSeconds - start.labCpuSeconds - idle.lab * seconds;
  return { perDelivery: perUnit(sut, lab, step.deliveries), perWrite: perUnit(sut, lab, step.writes) };
}

/** Cumulative CPU at `atMs`, linear between the samples around it; undefined outside the timeline. */
function cpuAt(timeline: CpuPoint[], atMs: number): CpuPoint | undefined {
  for (let i = 1; i < timeline.length; i++) {
    const before = timeline[i - 1]!;
    const after = timeline[i]!;
    if (atMs < before.atMs || atMs > after.atMs) continue;
    const f = after.atMs === before.atMs ? 0 : (atMs - before.atMs) / (after.atMs - before.atMs);
    return {
      atMs,
      sutCpuSeconds: before.sutCpuSeconds + f * (after.sutCpuSeconds - before.sutCpuSeconds),
      labCpuSeconds: before.labCpuSeconds + f * (after.labCpuSeconds - before.labCpuSeconds),
    };
  }
  return undefined;
}
