// Test helper: the summary metrics a capacity run writes, built from per-step
// figures, so knee finding, the report section and comparisons are tested on
// synthetic steps (the real shape comes from scenarios/capacity.ts).
import type { SummaryData, SummaryMetric } from '../results.ts';

export interface SyntheticStep {
  offered: number;
  sent?: number;
  acked?: number;
  ackP99: number;
  crossP99?: number;
  delivered?: number;
  subscribers?: number;
  errors?: number;
  refused?: number;
  unacked?: number;
  missingDeliveries?: number;
}

const counter = (count: number): SummaryMetric => ({
  type: 'counter',
  contains: 'default',
  values: { count, rate: count / 10 },
});
const gauge = (value: number): SummaryMetric => ({
  type: 'gauge',
  contains: 'default',
  values: { value, min: value, max: value },
});
const trend = (p99: number, count: number): SummaryMetric => ({
  type: 'trend',
  contains: 'time',
  values:
    count === 0
      ? { avg: 0, min: 0, med: 0, max: 0, 'p(99)': 0, count: 0 }
      : { avg: p99 / 3, min: 1, med: p99 / 4, max: p99 * 1.2, 'p(99)': p99, count },
});

/** Steps run at `stepSeconds` each; `declared` more steps exist in the thresholds but never ran; `breaksToStop` as the scenario records it (absent: a run from before the rule). */
export function capacityMetrics(
  steps: SyntheticStep[],
  {
    stepSeconds = 10,
    declared = 0,
    slo = { ack: 50, cross: 100 },
    breaksToStop,
  }: { stepSeconds?: number; declared?: number; slo?: { ack: number; cross: number }; breaksToStop?: number } = {},
): SummaryData['metrics'] {
  const metrics: SummaryData['metrics'] = {
    swag_capacity_step_seconds: gauge(stepSeconds),
    swag_capacity_slo_ack_p99_ms: gauge(slo.ack),
    swag_capacity_slo_cross_p99_ms: gauge(slo.cross),
    ...(breaksToStop === undefined ? {} : { swag_capacity_breaks_to_stop: gauge(breaksToStop) }),
  };
  const all = [...steps, ...Array.from({ length: declared }, () => undefined)];
  all.forEach((s, i) => {
    const k = `step:${i + 1}`;
    const sent = s ? (s.sent ?? s.offered * stepSeconds) : 0;
    const acked = s ? (s.acked ?? sent) : 0;
    const subscribers = s?.subscribers ?? 28;
    metrics[`swag_capacity_offered{${k}}`] = gauge(s?.offered ?? 0);
    metrics[`swag_capacity_subscribers{${k}}`] = gauge(s ? subscribers : 0);
    metrics[`swag_writes_sent{${k}}`] = counter(sent);
    metrics[`swag_ack_latency{${k}}`] = trend(s?.ackP99 ?? 0, acked);
    metrics[`swag_broadcast_latency{path:cross,${k}}`] = trend(
      s?.crossP99 ?? (s ? s.ackP99 * 1.2 : 0),
      s ? acked * subscribers : 0,
    );
    metrics[`swag_events_delivered{${k}}`] = counter(s ? (s.delivered ?? acked * subscribers) : 0);
    metrics[`swag_protocol_errors{${k}}`] = counter(s?.errors ?? 0);
    metrics[`swag_writes_refused{${k}}`] = counter(s?.refused ?? 0);
    metrics[`swag_writes_unacked{${k}}`] = counter(s?.unacked ?? 0);
    metrics[`swag_deliveries_missing{${k}}`] = counter(s?.missingDeliveries ?? 0);
  });
  return metrics;
}

export function capacitySummary(steps: SyntheticStep[], options?: Parameters<typeof capacityMetrics>[1]): SummaryData {
  return {
    metrics: capacityMetrics(steps, options),
    root_group: { name: '', path: '', id: 'root', groups: [], checks: [] },
    options: { summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(99)', 'count'] },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 60_000 },
  };
}
