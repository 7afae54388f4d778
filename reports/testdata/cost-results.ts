// Test helper: the sample run with a `cost` as a real 2-replica Redis run gave it
// (cross-node-latency, 4 VUs, 16 s window, 4 s idle baseline), rounded.
import type { CostResults } from '../cost/cost-results.ts';
import type { RunResults } from '../results.ts';
import { sampleResults } from './sample-results.ts';

export function costSample(overrides: Partial<CostResults> = {}): CostResults {
  return {
    windowSeconds: 16.08,
    cgroupVersion: 'v1',
    components: [
      { name: 'postgres', role: 'sut', cpuSeconds: 0.305, idleCpuSeconds: 0.014, peakMemoryBytes: 94_195_712 },
      { name: 'redis', role: 'sut', cpuSeconds: 0.057, idleCpuSeconds: 0.038, peakMemoryBytes: 4_038_656 },
      { name: 'toxiproxy', role: 'lab', cpuSeconds: 0.277, idleCpuSeconds: 0.074, peakMemoryBytes: 12_070_912 },
      { name: 'replica-1', role: 'sut', cpuSeconds: 0.403, idleCpuSeconds: 0.141, peakMemoryBytes: 172_613_632 },
      { name: 'replica-2', role: 'sut', cpuSeconds: 0.409, idleCpuSeconds: 0.134, peakMemoryBytes: 173_604_864 },
      { name: 'haproxy', role: 'lab', cpuSeconds: 0.056, idleCpuSeconds: 0.019, peakMemoryBytes: 8_339_456 },
      { name: 'prometheus', role: 'lab', cpuSeconds: 0.179, idleCpuSeconds: 0.027, peakMemoryBytes: 21_897_216 },
      { name: 'runner', role: 'lab', cpuSeconds: 0.719, idleCpuSeconds: 0.085, peakMemoryBytes: 353_746_944 },
    ],
    deliveries: 297,
    writes: 90,
    perDelivery: { sutMs: 2.853, labMs: 3.467, totalMs: 6.32 },
    perWrite: { sutMs: 9.415, labMs: 11.444, totalMs: 20.859 },
    labShare: 0.549,
    runnerCoreShare: 0.045,
    links: [
      { name: 'client.edge', proxied: false },
      { name: 'replica-1.http', proxied: true },
      { name: 'replica-2.http', proxied: true },
    ],
    baseline: { seconds: 4.008, startedAt: '2026-12-01T14:44:53.862Z', endedAt: '2026-12-01T14:44:57.870Z' },
    sources: {
      deliveries: 'swagboard_ws_messages_sent_total{type="event"}',
      writes: 'swagboard_changes_committed_total',
    },
    ...overrides,
  };
}

export function resultsWithCost(overrides: Partial<CostResults> = {}): RunResults {
  return { ...sampleResults(), cost: costSample(overrides) };
}
