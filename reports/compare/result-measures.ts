// Measures read from results.json fields other parts of the lab add: the bus
// hop of the per-hop waterfall (results.waterfall) and the cost per delivered
// event (results.cost). Read structurally: a run without them simply lacks the measure.
import type { RunResults } from '../results.ts';
import type { Measure } from './measures.ts';

interface WaterfallLike {
  paths?: Array<{ path: string; hops?: Array<{ hop: string; p50Ms?: number; p99Ms?: number; count?: number }> }>;
}
interface CostLike {
  perDelivery?: { sutMs?: number; totalMs?: number };
}

function busHop(results: RunResults): { p50Ms?: number; p99Ms?: number; count?: number } | undefined {
  const waterfall = (results as { waterfall?: WaterfallLike }).waterfall;
  const hop = waterfall?.paths?.find((p) => p.path === 'cross')?.hops?.find((h) => h.hop === 'bus_transit');
  return hop && (hop.count === undefined || hop.count > 0) ? hop : undefined;
}

const perDelivery = (results: RunResults) => (results as { cost?: CostLike }).cost?.perDelivery;

export const resultMeasures: readonly Measure[] = [
  { id: 'bus-hop-p50', label: 'bus hop (bus_transit) p50', unit: 'ms', read: (r) => busHop(r)?.p50Ms },
  { id: 'bus-hop-p99', label: 'bus hop (bus_transit) p99', unit: 'ms', read: (r) => busHop(r)?.p99Ms },
  {
    id: 'cost-per-delivery',
    label: 'whole-lab CPU per delivered event',
    unit: 'cpu-ms',
    read: (r) => perDelivery(r)?.totalMs,
  },
  {
    id: 'sut-cost-per-delivery',
    label: 'system-under-test CPU per delivered event',
    unit: 'cpu-ms',
    read: (r) => perDelivery(r)?.sutMs,
  },
];
