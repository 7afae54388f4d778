// results.json `cost`: what the run cost in CPU and memory, by component and
// role, net of an idle baseline, per delivered event and per write.
// Shape fixed in CONTRACTS.md; owner: cost (harness/cost/ computes it).
import { z } from 'zod';

export type CostRole = 'sut' | 'lab';

export interface CostComponent {
  /** A lab service (`replica-1`, `postgres`, `toxiproxy`…) or `runner`, the load generator's own process. */
  name: string;
  role: CostRole;
  /** CPU time spent during the run window. */
  cpuSeconds: number;
  /** CPU the same component spent idle, scaled to the run window's length (absent without a baseline). */
  idleCpuSeconds?: number;
  /** Highest memory in use, sampled each second over the run window. */
  peakMemoryBytes?: number;
}

/** CPU-ms per unit, net of the idle baseline where there was one. 0 when the run had no such units (see deliveries/writes). */
export interface UnitCost {
  sutMs: number;
  labMs: number;
  totalMs: number;
}

/** CPU-seconds by role spread over `units` (deliveries or writes), in ms each; zeros when there were none. */
export function perUnit(sutSeconds: number, labSeconds: number, units: number): UnitCost {
  if (units <= 0) return { sutMs: 0, labMs: 0, totalMs: 0 };
  return {
    sutMs: (sutSeconds * 1000) / units,
    labMs: (labSeconds * 1000) / units,
    totalMs: ((sutSeconds + labSeconds) * 1000) / units,
  };
}

export interface CostResults {
  /** Length of the run window, seconds. */
  windowSeconds: number;
  /** null where no cgroup tree was found: containers then show no CPU. */
  cgroupVersion: 'v1' | 'v2' | null;
  components: CostComponent[];
  deliveries: number;
  writes: number;
  perDelivery: UnitCost;
  perWrite: UnitCost;
  /** The lab's (harness') share of the net CPU, 0..1. */
  labShare: number;
  /** The runner's CPU over the run window as a share of one core (1 = one core busy). */
  runnerCoreShare: number;
  /** Each lab link, and whether it went through Toxiproxy. */
  links: Array<{ name: string; proxied: boolean }>;
  /** The idle window measured before the scenario, if any. */
  baseline?: { seconds: number; startedAt: string; endedAt: string };
  /** The Prometheus expressions the counts came from (the preferred counters, or their fallbacks). */
  sources?: { deliveries: string; writes: string };
  /**
   * CPU by role sampled each second through the run window, gross and cumulative from the window's start, so a part
   * of the run (a capacity step) can be costed on its own.
   */
  timeline?: CpuPoint[];
}

export interface CpuPoint {
  /** Epoch ms of the reading. */
  atMs: number;
  sutCpuSeconds: number;
  labCpuSeconds: number;
}

export const unitCostSchema = z.object({ sutMs: z.number(), labMs: z.number(), totalMs: z.number() });
const cpuPoint = z.object({ atMs: z.number(), sutCpuSeconds: z.number(), labCpuSeconds: z.number() });

export const costResultsSchema: z.ZodType<CostResults> = z.object({
  windowSeconds: z.number(),
  cgroupVersion: z.enum(['v1', 'v2']).nullable(),
  components: z.array(
    z.object({
      name: z.string(),
      role: z.enum(['sut', 'lab']),
      cpuSeconds: z.number(),
      idleCpuSeconds: z.number().optional(),
      peakMemoryBytes: z.number().optional(),
    }),
  ),
  deliveries: z.number(),
  writes: z.number(),
  perDelivery: unitCostSchema,
  perWrite: unitCostSchema,
  labShare: z.number(),
  runnerCoreShare: z.number(),
  links: z.array(z.object({ name: z.string(), proxied: z.boolean() })),
  baseline: z.object({ seconds: z.number(), startedAt: z.string(), endedAt: z.string() }).optional(),
  sources: z.object({ deliveries: z.string(), writes: z.string() }).optional(),
  timeline: z.array(cpuPoint).optional(),
});
