import type { RunServices } from './vu-api.ts';

/** Iterations this runner instance has finished, for exec.instance (kept per run, beside its services). */
export interface InstanceCounters {
  completed: number;
  interrupted: number;
}

const byRun = new WeakMap<RunServices, InstanceCounters>();

export function instanceCounters(services: RunServices): InstanceCounters {
  let c = byRun.get(services);
  if (!c) byRun.set(services, (c = { completed: 0, interrupted: 0 }));
  return c;
}
