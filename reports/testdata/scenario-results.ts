// Test helper: the sample run dressed as the newer scenarios' runs, with the
// metrics the per-replica, reconnect and backpressure sections read.
import type { RunResults, SummaryMetric } from '../results.ts';
import { sampleResults } from './sample-results.ts';

const trend = (med: number, p99: number, count = 50): SummaryMetric => ({
  type: 'trend',
  contains: 'time',
  values: { count, min: med / 2, med, avg: med, 'p(95)': (med + p99) / 2, 'p(99)': p99, max: p99 * 1.1 },
});
const counter = (count: number): SummaryMetric => ({
  type: 'counter',
  contains: 'default',
  values: { count, rate: count / 20 },
});

export function scenarioResults(bus: 'redis' | 'nats' = 'redis', scale = 1): RunResults {
  const r = sampleResults();
  r.settings = { ...r.settings, bus, replicas: 3, scenario: 'reconnect', plan: 'replica-crash' };
  Object.assign(r.summary.metrics, {
    'swag_broadcast_latency{replica:replica-1}': trend(10 * scale, 60 * scale),
    'swag_broadcast_latency{replica:replica-2}': trend(12 * scale, 80 * scale),
    'swag_broadcast_latency{path:cross}': trend(13 * scale, 90 * scale),
    swag_connection_drops: counter(3),
    swag_reconnects: counter(3),
    swag_resumes: counter(3),
    swag_events_replayed: counter(8),
    swag_events_owed: counter(855),
    swag_events_lost: counter(0),
    swag_events_duplicated: counter(0),
    swag_reconnect_time: trend(1500 * scale, 1600 * scale, 3),
    swag_resume_time: trend(1510 * scale, 1610 * scale, 3),
    'swag_broadcast_latency{group:fast,mix:alone,phase:steady}': trend(20, 90),
    'swag_broadcast_latency{group:fast,mix:with-slow,phase:steady}': trend(25, 140),
    swag_slow_consumer_disconnects: counter(2),
  });
  const t0 = Date.parse(r.startedAt) / 1000;
  r.series.push({
    id: 'runner-connection-drops',
    title: 'Client connection drops and reconnects (cumulative)',
    unit: 'count',
    query: 'k6_swag_connection_drops_total',
    stepSeconds: 1,
    series: [
      {
        labels: { what: 'drops' },
        points: Array.from({ length: 10 }, (_, i) => [t0 + i, i < 5 ? 0 : 3] as [number, number]),
      },
    ],
  });
  return r;
}
