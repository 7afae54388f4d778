// Test helper: the sample run with what a scenario tagged by phase and a
// server with hop histograms would add — a warm-up window, steady-state
// submetrics and a waterfall built from the synthetic hop buckets.
import type { RunResults } from '../results.ts';
import { buildWaterfall, hopBucketsFromSamples } from '../waterfall/build-waterfall.ts';
import { buildWarmup } from '../warmup/warmup.ts';
import { syntheticHopSamples } from './waterfall-samples.ts';

export function withWaterfall(results: RunResults): RunResults {
  const metrics = results.summary.metrics;
  metrics.swag_warmup_seconds = { type: 'gauge', contains: 'default', values: { value: 30, min: 30, max: 30 } };
  metrics['swag_broadcast_latency{path:same,phase:steady}'] = {
    type: 'trend',
    contains: 'time',
    values: { avg: 6.1, min: 3.1, med: 5.2, max: 40.3, 'p(90)': 9.9, 'p(95)': 12.4, 'p(99)': 21.7 },
  };
  metrics['swag_broadcast_latency{path:cross,phase:steady}'] = {
    type: 'trend',
    contains: 'time',
    values: { avg: 12.3, min: 6.8, med: 9.6, max: 160.2, 'p(90)': 21.5, 'p(95)': 30.2, 'p(99)': 48.8 },
  };
  const warmup = buildWarmup(results.summary, new Date(results.endedAt));
  const waterfall = buildWaterfall({
    hopBuckets: hopBucketsFromSamples(syntheticHopSamples()),
    endToEnd: {
      same: { p50Ms: 5.2, p99Ms: 21.7, phase: 'steady' },
      cross: { p50Ms: 9.6, p99Ms: 48.8, phase: 'steady' },
    },
    ack: { p50Ms: 4.1, p99Ms: 15.5, phase: 'whole-run' },
    windowSeconds: 152,
    phase: 'steady',
  });
  return { ...results, ...(warmup ? { warmup } : {}), ...(waterfall ? { waterfall } : {}) };
}
