// Warm-up vs steady state in results.json (issue 8 §6). Scenarios tag their
// latency samples `phase: warmup|steady` (scenarios/lib/phase.ts) and report
// the window they used as the gauge swag_warmup_seconds; thresholds name
// `{…,phase:steady}` submetrics. This lifts those out of the summary, keyed by
// the whole-run submetric they sit beside, so the report can set one by the other.
import { parseMetricName } from '../metric-name.ts';
import type { SummaryData } from '../results.ts';

export const WARMUP_GAUGE = 'swag_warmup_seconds';
export const STEADY_TAG = { name: 'phase', value: 'steady' } as const;

export interface WarmupSummary {
  /** Length of the warm-up window, counted from the test's start. */
  seconds: number;
  /** ISO time the test started (run end − test duration): where the window begins. */
  start: string;
  /** Steady-state trend statistics (`phase:steady` submetrics) by the whole-run key they correspond to. */
  steady: Record<string, Record<string, number>>;
}

/** `swag_broadcast_latency{path:cross,phase:steady}` → `swag_broadcast_latency{path:cross}`; undefined when not a steady key. */
export function wholeRunKey(key: string): string | undefined {
  const name = parseMetricName(key);
  if (name.tags[STEADY_TAG.name] !== STEADY_TAG.value) return undefined;
  const rest = Object.entries(name.tags).filter(([tag]) => tag !== STEADY_TAG.name);
  return rest.length === 0 ? name.base : `${name.base}{${rest.map(([tag, value]) => `${tag}:${value}`).join(',')}}`;
}

/** The steady-state key of a whole-run key (inverse of wholeRunKey). */
export function steadyKey(wholeKey: string): string {
  const name = parseMetricName(wholeKey);
  const tags = [
    ...Object.entries(name.tags).map(([tag, value]) => `${tag}:${value}`),
    `${STEADY_TAG.name}:${STEADY_TAG.value}`,
  ];
  return `${name.base}{${tags.join(',')}}`;
}

/** Undefined when the script reported no warm-up window (older scenarios, or no sample was taken). */
export function buildWarmup(summary: SummaryData, endedAt: Date): WarmupSummary | undefined {
  const seconds = summary.metrics[WARMUP_GAUGE]?.values.value;
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  const steady: WarmupSummary['steady'] = {};
  for (const [key, metric] of Object.entries(summary.metrics)) {
    const whole = metric.type === 'trend' ? wholeRunKey(key) : undefined;
    if (whole !== undefined) steady[whole] = { ...metric.values };
  }
  return { seconds, start: new Date(endedAt.getTime() - summary.state.testRunDurationMs).toISOString(), steady };
}
